"""The command line, the headless face of portwindow: ``portwindow scan`` and ``portwindow
diff`` on the engine; ``portwindow`` alone starts the window."""

from portwindow.cli.commands import main

__all__ = ["main"]
