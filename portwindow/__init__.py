"""portwindow: a desktop port scanner.

The package has two faces on one engine: ``portwindow.gui`` (the Qt window) and
``portwindow.cli`` (the headless command line). ``portwindow.engine`` holds everything
that scans, parses and reports, and never imports Qt.

This module is the single source of truth for the version and the application id; the
packaging spec imports them from here.
"""

__version__ = "0.1.0"
APP_NAME = "portwindow"
APP_ID = "io.github.portwindow.PortWindow"
ORGANIZATION = "portwindow"
