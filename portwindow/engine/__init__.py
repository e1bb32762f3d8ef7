"""The Qt-free scan engine: targets, ports, the service registry, the TCP connect scan,
its runner for other event loops, and the report formats.

Both faces of portwindow (the GUI and the CLI) use only what this package exports.
"""
