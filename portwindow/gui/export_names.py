"""The names an export is offered under: the targets and the date of what is shown
(``portwindow-127.0.0.1-20261203-1705.csv``), in the folder of the last export.

A name is made of the characters every file system takes (letters, digits, dot, dash,
underscore); a long target list is cut, so the name stays short enough to read.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from . import settings as opt
from .settings import Settings

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
TARGETS_LIMIT = 40


def suggested_name(targets: str, started_at: float | None, suffix: str) -> str:
    """``portwindow-<targets>-<YYYYMMDD-HHMM>.<suffix>`` (local time); without targets
    or a time, the parts missing are left out."""
    parts = ["portwindow"]
    slug = _UNSAFE.sub("_", targets.strip()).strip("._-")[:TARGETS_LIMIT].rstrip("._-")
    if slug:
        parts.append(slug)
    if started_at:
        parts.append(time.strftime("%Y%m%d-%H%M", time.localtime(started_at)))
    return f"{'-'.join(parts)}.{suffix}"


def export_folder(settings: Settings) -> Path:
    """The folder of the last export, if it is still there; the home folder otherwise."""
    remembered = settings.get(opt.EXPORT_FOLDER)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return Path.home()


def remember_folder(settings: Settings, chosen: Path) -> None:
    settings.set(opt.EXPORT_FOLDER, str(chosen.parent))
