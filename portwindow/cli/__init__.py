"""The command line, the headless face of portwindow: ``portwindow scan`` and ``portwindow
diff`` on the engine; ``portwindow`` alone starts the window.

:func:`main` imports the command line only when it runs, so that even a failure to load it
(too little memory: ``ulimit -v``) is one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

EXIT_FAILURE = 1
EXIT_INTERRUPTED = 130  # as a shell reports a program stopped by Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    try:
        from portwindow.cli.commands import main as run  # noqa: PLC0415 - see the docstring
    except MemoryError:
        sys.stderr.write("portwindow: out of memory while starting\n")
        return EXIT_FAILURE
    except ImportError as exc:  # a shared library that cannot be mapped, with too little memory
        sys.stderr.write(f"portwindow: cannot start: {str(exc).splitlines()[0]!r}\n")
        return EXIT_FAILURE
    except KeyboardInterrupt:  # Ctrl-C before the command's own handlers are in place
        sys.stderr.write("portwindow: interrupted while starting\n")
        return EXIT_INTERRUPTED
    return run(argv)


__all__ = ["main"]
