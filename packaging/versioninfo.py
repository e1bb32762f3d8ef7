"""The Windows version resource, filled in from the package's version.

``packaging/windows/version_info.txt`` is a template in PyInstaller's version-file format;
:func:`render` substitutes the version, the application name and id, and the executable's
name, so that the version has one source of truth (``portwindow.__version__``).
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

TEMPLATE = Path(__file__).resolve().parent / "windows" / "version_info.txt"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``"1.2.3"`` -> (1, 2, 3, 0): Windows wants four numbers. A pre-release suffix
    (``"1.2.0rc1"``) keeps its leading number (1, 2, 0, 0)."""
    numbers = []
    for part in version.split(".")[:4]:
        match = re.match(r"\d+", part)
        if match is None:
            break
        numbers.append(int(match.group()))
    if not numbers:
        raise ValueError(f"{version!r} does not start with a number")
    return (*numbers, 0, 0, 0)[:4]


def render(version: str, app_name: str, app_id: str, exe_name: str, description: str) -> str:
    """The version file's text for the executable ``exe_name`` (without ``.exe``)."""
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        version=version,
        version_tuple=", ".join(str(n) for n in version_tuple(version)),
        app_name=app_name,
        app_id=app_id,
        internal_name=exe_name,
        description=description,
    )
