"""The frozen executable's entry point: the same ``main`` as the ``portwindow`` command.

``portwindow`` alone opens the window; ``portwindow scan ...`` scans headless;
``portwindow --version`` prints the version. PyInstaller runs this file as ``__main__``.
"""

import sys

from portwindow.cli import main

if __name__ == "__main__":
    sys.exit(main())
