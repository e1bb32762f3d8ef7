"""``python -m portwindow``: the same entry point as the ``portwindow`` command."""

import sys

from .cli import main

sys.exit(main())
