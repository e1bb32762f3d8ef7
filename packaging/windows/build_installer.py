"""Build the Windows installer: the PyInstaller bundle, then Inno Setup.

    py packaging\\windows\\build_installer.py [--dry-run]

Run on Windows with the project installed (``pip install -e .[fast,package]``) and Inno
Setup 6.3+ (``iscc`` on PATH, or in its usual folder). Writes
``dist\\portwindow-<version>-windows-x64-setup.exe``. The version is
``portwindow.__version__``, passed to Inno Setup as ``/DMyAppVersion``. ``--dry-run``
prints the commands instead (it works anywhere).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from portwindow import __version__  # noqa: E402

ISS = ROOT / "packaging" / "windows" / "portwindow.iss"
SPEC = ROOT / "packaging" / "portwindow.spec"
ISCC_FOLDERS = [
    Path(os.environ.get(var, "")) / "Inno Setup 6"
    for var in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")
    if os.environ.get(var)
]


def find_iscc() -> str:
    found = shutil.which("iscc")
    if found:
        return found
    for folder in ISCC_FOLDERS:
        if (folder / "ISCC.exe").is_file():
            return str(folder / "ISCC.exe")
    return "iscc"


def commands(iscc: str = "iscc") -> list[list[str]]:
    pyinstaller = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--distpath",
        str(ROOT / "dist"),
        "--workpath",
        str(ROOT / "build" / "pyinstaller"),
        str(SPEC),
    ]
    return [pyinstaller, [iscc, f"/DMyAppVersion={__version__}", str(ISS)]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Windows installer")
    parser.add_argument("--dry-run", action="store_true", help="print the commands only")
    args = parser.parse_args(argv)
    if args.dry_run:
        for command in commands():
            print(subprocess.list2cmdline(command))
        return 0
    if sys.platform != "win32":
        print("build_installer: Windows only (use --dry-run to see the commands)")
        return 1
    for command in commands(find_iscc()):
        print(subprocess.list2cmdline(command), flush=True)
        subprocess.run(command, check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
