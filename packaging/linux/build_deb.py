"""Build the Linux packages from PyInstaller's onedir bundle: a .deb and a .tar.gz.

    .venv/bin/python packaging/linux/build_deb.py [--bundle dist/portwindow] [--out dist]

(``make package`` runs PyInstaller and then this.) It writes

- ``portwindow_<version>_<arch>.deb``: the bundle in ``/opt/portwindow``, the command
  ``/usr/bin/portwindow`` (a symlink), the desktop entry, the AppStream metainfo and the
  hicolor icons;
- ``portwindow-<version>-linux-<machine>.tar.gz``: the bundle alone, as
  ``portwindow-<version>/``, for any distribution (run ``portwindow-<version>/portwindow``).

The version is the package's ``portwindow.__version__``. Before building it validates the
desktop entry (``desktop-file-validate``) and the metainfo (``appstreamcli validate
--no-net``), and checks that the metainfo has a release entry for this version.

``Depends:`` is derived, not written by hand (:func:`system_dependencies`): every ELF
file in the bundle is run through ``ldd`` with the bundle first on the library path (as
the PyInstaller bootloader sets it), every library found outside the bundle is mapped to
its Debian package with ``dpkg-query -S``, and ``libc6`` gets the newest ``GLIBC_`` symbol
version any file needs. A library that resolves nowhere stops the build. PyInstaller
bundles most of what Qt's xcb plugin links to (libxcb-cursor, libxkbcommon-x11,
libfontconfig, libdbus ...); what it leaves to the system (libc, libGL, libEGL, libxcb)
ends up in ``Depends:``, plus :data:`EXTRA_DEPENDS`, which ``ldd`` cannot see.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from portwindow import APP_ID, APP_NAME, __version__  # noqa: E402

LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
ICONS = LINUX / "icons" / "hicolor"
SVG_ICON = ROOT / "resources" / "icons" / "portwindow.svg"
INSTALL_DIR = f"/opt/{APP_NAME}"

# Needed at run time, but not as a linked library, so ldd cannot see them:
# fontconfig-config holds /etc/fonts, the configuration the bundled libfontconfig reads
# (without it Qt finds no font), and it depends on a font package.
EXTRA_DEPENDS = ("fontconfig-config",)
# Keyboard layouts for the bundled libxkbcommon when the X server does not supply one.
RECOMMENDS = ("xkb-data",)

DESCRIPTION = """\
desktop port scanner: every port a door
 portwindow scans TCP ports (a connect scan, no root needed) and shows every port
 as a door: open, closed or filtered, labelled with its service from IANA's
 registry. It writes CSV and JSON Lines reports, and `portwindow scan` runs
 the same engine from the command line.
 .
 This package holds a self-contained build (Python and Qt included) in
 /opt/portwindow."""


class BuildError(Exception):
    pass


def run(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, check=False, capture_output=True, text=True, **kwargs)


def metainfo_versions(path: Path = METAINFO) -> list[str]:
    """The release versions the metainfo lists, newest first as written."""
    tree = ET.parse(path)
    return [release.get("version", "") for release in tree.getroot().iter("release")]


def validate_metadata() -> None:
    """The desktop entry and the metainfo pass their validators, and the metainfo's
    newest release is this version."""
    versions = metainfo_versions()
    if not versions or versions[0] != __version__:
        raise BuildError(
            f"{METAINFO.name}: the newest <release> is {versions[:1]}, not {__version__}; "
            "add a release entry for this version"
        )
    for tool, args in (
        ("desktop-file-validate", [str(DESKTOP)]),
        ("appstreamcli", ["validate", "--no-net", str(METAINFO)]),
    ):
        if shutil.which(tool) is None:
            raise BuildError(f"{tool} is missing (apt-get install desktop-file-utils appstream)")
        result = run([tool, *args])
        output = (result.stdout + result.stderr).strip()
        if output:
            print(f"{tool}: {output}")
        if result.returncode != 0:
            raise BuildError(f"{tool} failed on {args[-1]}")


def elf_files(tree: Path) -> list[Path]:
    files = []
    for path in sorted(tree.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as f:
                if f.read(4) == b"\x7fELF":
                    files.append(path)
    return files


_LDD_LINE = re.compile(r"^\s*(\S+)\s+=>\s+(\S+)")
_GLIBC = re.compile(r"GLIBC_(\d+(?:\.\d+)+)")


def outside_libraries(bundle: Path) -> tuple[set[str], set[str]]:
    """(libraries the bundle loads from the system, libraries found nowhere), as ldd
    resolves them with the bundle's ``_internal`` first on the library path."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    system, missing = set(), set()
    for elf in elf_files(bundle):
        result = run(["ldd", str(elf)], env=env)
        for line in result.stdout.splitlines():
            match = _LDD_LINE.match(line)
            if not match:
                continue
            name, where = match.groups()
            if where == "not":
                missing.add(f"{name} (needed by {elf.relative_to(bundle)})")
            elif not Path(where).resolve().is_relative_to(bundle.resolve()):
                system.add(where)
    return system, missing


def debian_package(library: str) -> str:
    """The Debian package that holds ``library`` (tried as given, resolved, and with and
    without the /usr prefix, since merged /usr lists files under either)."""
    real = str(Path(library).resolve())
    candidates = [library, real]
    for path in (library, real):
        if path.startswith("/usr/"):
            candidates.append(path[4:])
        else:
            candidates.append("/usr" + path)
    for candidate in dict.fromkeys(candidates):
        result = run(["dpkg-query", "-S", candidate])
        if result.returncode == 0:
            package = result.stdout.split(":", 1)[0].strip()
            return package.split(",")[0].strip()
    raise BuildError(f"no Debian package holds {library}")


def glibc_version(bundle: Path) -> str | None:
    """The newest GLIBC_x.y symbol version any ELF file in the bundle requires."""
    newest: tuple[int, ...] = ()
    for elf in elf_files(bundle):
        result = run(["objdump", "-p", str(elf)])
        for match in _GLIBC.finditer(result.stdout):
            newest = max(newest, tuple(int(n) for n in match.group(1).split(".")))
    return ".".join(map(str, newest)) if newest else None


def system_dependencies(bundle: Path) -> list[str]:
    """The ``Depends:`` entries: packages of the system libraries the bundle loads."""
    system, missing = outside_libraries(bundle)
    if missing:
        raise BuildError("libraries found nowhere: " + ", ".join(sorted(missing)))
    packages = {debian_package(library) for library in system}
    depends = []
    for package in sorted(packages | set(EXTRA_DEPENDS)):
        if package == "libc6":
            glibc = glibc_version(bundle)
            depends.append(f"libc6 (>= {glibc})" if glibc else package)
        else:
            depends.append(package)
    return depends


def dpkg_architecture() -> str:
    result = run(["dpkg", "--print-architecture"])
    if result.returncode != 0:
        raise BuildError("dpkg --print-architecture failed: is this Debian or Ubuntu?")
    return result.stdout.strip()


def _normalise_modes(tree: Path) -> None:
    """Directories 0755; files 0755 when executable, else 0644 (as dpkg expects)."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            mode = path.stat().st_mode
            path.chmod(0o755 if mode & (stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH) else 0o644)


def _tree_size_kib(tree: Path) -> int:
    total = sum(p.lstat().st_size for p in tree.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def stage(bundle: Path, root: Path) -> None:
    """Lay out the package's files under ``root``."""
    shutil.copytree(bundle, root / INSTALL_DIR.lstrip("/"), symlinks=True)
    bin_dir = root / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / APP_NAME).symlink_to(f"{INSTALL_DIR}/{APP_NAME}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    shutil.copy2(DESKTOP, share / "applications" / DESKTOP.name)
    (share / "metainfo").mkdir(parents=True)
    shutil.copy2(METAINFO, share / "metainfo" / METAINFO.name)
    icons = share / "icons" / "hicolor"
    shutil.copytree(ICONS, icons)
    (icons / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(SVG_ICON, icons / "scalable" / "apps" / f"{APP_ID}.svg")
    doc = share / "doc" / APP_NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "portwindow\n\n"
        + (ROOT / "LICENSE").read_text(encoding="utf-8")
        + "\n"
        + (ROOT / "NOTICE").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    _normalise_modes(root)


def control_text(depends: list[str], installed_kib: int, arch: str) -> str:
    fields = {
        "Package": APP_NAME,
        "Version": __version__,
        "Architecture": arch,
        "Maintainer": "The portwindow developers",
        "Installed-Size": str(installed_kib),
        "Depends": ", ".join(depends),
        "Recommends": ", ".join(RECOMMENDS),
        "Section": "net",
        "Priority": "optional",
        "Description": DESCRIPTION,
    }
    return "".join(f"{key}: {value}\n" for key, value in fields.items())


def build_deb(bundle: Path, out: Path) -> Path:
    arch = dpkg_architecture()
    depends = system_dependencies(bundle)
    with tempfile.TemporaryDirectory(prefix="portwindow-deb-") as tmp:
        root = Path(tmp) / "root"
        stage(bundle, root)
        debian = root / "DEBIAN"
        debian.mkdir(mode=0o755)
        control = control_text(depends, _tree_size_kib(root), arch)
        (debian / "control").write_text(control, encoding="utf-8")
        print(control, end="")
        deb = out / f"{APP_NAME}_{__version__}_{arch}.deb"
        result = run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), str(deb)])
        if result.returncode != 0:
            raise BuildError(f"dpkg-deb failed: {result.stderr.strip()}")
    return deb


def build_tarball(bundle: Path, out: Path) -> Path:
    top = f"{APP_NAME}-{__version__}"
    tarball = out / f"{top}-linux-{platform.machine()}.tar.gz"

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(tarball, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=owned_by_root)
    return tarball


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / APP_NAME)
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--no-tarball", action="store_true")
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    if not (bundle / APP_NAME).is_file():
        print(f"build_deb: no {APP_NAME} executable in {bundle}; run PyInstaller first")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        validate_metadata()
        deb = build_deb(bundle, args.out)
        print(f"built {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
        if not args.no_tarball:
            tarball = build_tarball(bundle, args.out)
            print(f"built {tarball} ({tarball.stat().st_size / 1e6:.1f} MB)")
    except BuildError as exc:
        print(f"build_deb: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
