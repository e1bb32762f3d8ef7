"""Private files: what portwindow keeps for the person alone (the history, the window's
settings with its recent targets) is made 0600 in folders made 0700, whatever the umask.
Existing files and folders keep the mode they have: only what portwindow creates is set.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def make_private_folder(folder: Path) -> None:
    """Make ``folder`` and any missing parents 0700; an existing folder is left alone."""
    missing: list[Path] = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        with contextlib.suppress(FileExistsError):
            candidate.mkdir(PRIVATE_FOLDER)
            os.chmod(candidate, PRIVATE_FOLDER)


def create_private_file(path: Path) -> bool:
    """Create ``path`` empty and 0600, never through a link; False when something is
    already there (left as it is, another process may just have made it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, PRIVATE_FILE)
    except FileExistsError:
        return False
    try:
        os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return True


def prepare_private_file(path: Path) -> None:
    """Make sure a file about to be written by someone else (Qt's settings) starts out
    private: its folder made 0700 and the file 0600 if they do not exist yet."""
    make_private_folder(path.parent)
    create_private_file(path)
