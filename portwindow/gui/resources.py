"""Where the GUI finds its pictures (the door SVGs, the application icon).

The pictures live in the repository's top-level ``resources/`` folder. A frozen
PyInstaller bundle carries that folder as ``resources/`` inside ``sys._MEIPASS``; a wheel
carries it as the package ``portwindow.resources`` (pyproject.toml maps it), so an
installed copy finds it at ``portwindow/resources/``. The rest of the GUI asks
:func:`resource_path` and never builds these paths itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def resource_dirs() -> list[Path]:
    """The folders searched, in order: the frozen bundle's, the package's, the checkout's."""
    dirs = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        dirs.append(Path(bundle) / "resources")
    dirs.append(_PACKAGE_DIR / "resources")
    dirs.append(_PACKAGE_DIR.parent / "resources")
    return dirs


def resource_path(relative: str) -> Path:
    """The file ``relative`` (for example ``"doors/door-open.svg"``) in the first folder
    of :func:`resource_dirs` that has it.

    Raises FileNotFoundError, naming every place looked in, when none has it.
    """
    candidates = [folder / relative for folder in resource_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(candidate) for candidate in candidates)
    raise FileNotFoundError(f"resource {relative!r} not found (looked in {looked})")
