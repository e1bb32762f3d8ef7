"""The packaging files agree with the package and with each other, without building:
versions and ids from portwindow/__init__.py, validators, icons rendered from the SVG,
the Windows version resource, the Inno Setup script, and the bundle's pruning rules."""

from __future__ import annotations

import configparser
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from portwindow import APP_ID, APP_NAME, __version__

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ISS = PACKAGING / "windows" / "portwindow.iss"


# --- Linux desktop metadata ------------------------------------------------------------


def test_desktop_entry_names_the_app_id_icon_and_command():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Icon"] == APP_ID  # the hicolor icons' name
    assert section["Exec"].split()[0] == APP_NAME  # /usr/bin/portwindow
    # Qt sets WM_CLASS to the application name; the shell matches windows to the entry
    assert section["StartupWMClass"] == APP_NAME
    assert section["Terminal"] == "false"


def test_metainfo_matches_the_package():
    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.find("launchable").text == DESKTOP.name
    assert component.find("provides/binary").text == APP_NAME
    releases = [r.get("version") for r in component.iter("release")]
    assert releases[0] == __version__, "add a <release> for the new version"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout + result.stderr == ""


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="no appstream (appstreamcli)")
def test_metainfo_validates_without_errors_or_warnings():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    issues = [line for line in result.stdout.splitlines() if re.match(r"^[EW]: ", line)]
    assert issues == []


def test_build_deb_reads_the_metainfo_release():
    import build_deb

    assert build_deb.metainfo_versions()[0] == __version__


# --- icons ------------------------------------------------------------------------------


def _pixels(image, QtGui) -> bytes:
    image = image.convertToFormat(QtGui.QImage.Format.Format_ARGB32)
    return bytes(image.constBits())[: image.sizeInBytes()]


def _mean_difference(a: bytes, b: bytes) -> float:
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)


def test_hicolor_pngs_are_the_svg_rendered_at_each_size(qapp):
    import render_icons
    from PySide6 import QtGui

    for size in render_icons.HICOLOR_SIZES:
        committed = QtGui.QImage(str(render_icons.hicolor_png(size)))
        assert (committed.width(), committed.height()) == (size, size)
        assert committed.hasAlphaChannel()
        fresh = render_icons.render(size)
        # identical with the same Qt; a small tolerance for another Qt's antialiasing
        difference = _mean_difference(_pixels(committed, QtGui), _pixels(fresh, QtGui))
        assert difference < 2.0, f"{size}px differs from the SVG: run make icons"
        assert committed.pixelColor(0, 0).alpha() == 0  # transparent corner
        assert committed.pixelColor(size // 2, size // 2).alpha() == 255


def test_ico_holds_every_size_as_png(qapp):
    import render_icons
    from PySide6 import QtGui

    data = render_icons.ICO.read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind, count) == (0, 1, len(render_icons.ICO_SIZES))
    sizes = []
    for i in range(count):
        width, height, _c, _r, _planes, bpp, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        image = QtGui.QImage.fromData(data[offset : offset + length], "PNG")
        assert (image.width(), image.height()) == (width or 256, height or 256)
        assert bpp == 32
        sizes.append(image.width())
    assert sizes == list(render_icons.ICO_SIZES)


def test_icns_holds_the_apple_sizes():
    import render_icons

    data = render_icons.ICNS.read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack_from(">I", data, 4)[0] == len(data)
    elements, at = [], 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack_from(">I", data, at + 4)[0]
        png = data[at + 8 : at + length]
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack_from(">II", png, 16)  # the IHDR chunk
        assert width == height
        elements.append((kind, width))
        at += length
    assert elements == list(render_icons.ICNS_TYPES)


def test_qt_reads_the_icns(qapp):
    import render_icons
    from PySide6 import QtGui

    reader = QtGui.QImageReader(str(render_icons.ICNS))
    if b"icns" not in QtGui.QImageReader.supportedImageFormats():
        pytest.skip("this Qt has no icns image plugin")
    widths = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        widths.append(image.width())
    assert sorted(widths) == sorted(size for _kind, size in render_icons.ICNS_TYPES)


def test_ico_and_icns_builders_write_the_documented_layout():
    import render_icons

    png = b"\x89PNG\r\n\x1a\nfake"
    ico = render_icons.ico_bytes({256: png, 16: png})
    assert struct.unpack_from("<HHH", ico) == (0, 1, 2)
    assert struct.unpack_from("<BB", ico, 6) == (16, 16)
    assert struct.unpack_from("<BB", ico, 22) == (0, 0)  # 256 is written as 0
    assert struct.unpack_from("<I", ico, 6 + 12)[0] == 6 + 32  # first image after entries
    icns = render_icons.icns_bytes([(b"ic07", png)])
    assert icns[:12] == b"icns" + struct.pack(">I", 8 + 8 + len(png)) + b"ic07"
    assert icns[12:] == struct.pack(">I", 8 + len(png)) + png


# --- Windows ------------------------------------------------------------------------------


# The constructors PyInstaller's version file may use (PyInstaller.utils.win32.versioninfo,
# which imports only on Windows); evaluated here as recorders of their arguments.
VERSION_FILE_NAMES = (
    "VSVersionInfo",
    "FixedFileInfo",
    "StringFileInfo",
    "StringTable",
    "StringStruct",
    "VarFileInfo",
    "VarStruct",
)


def _evaluate_version_file(text: str):
    def recorder(name):
        return lambda *args, **kwargs: (name, args, kwargs)

    namespace = {name: recorder(name) for name in VERSION_FILE_NAMES}
    return eval(compile(text, "version_info.txt", "eval"), {"__builtins__": {}}, namespace)


def _strings(node) -> dict[str, str]:
    found = {}
    if isinstance(node, tuple) and node and node[0] == "StringStruct":
        found[node[1][0]] = node[1][1]
    elif isinstance(node, tuple | list):
        for child in node:
            found |= _strings(child)
    elif isinstance(node, dict):
        for child in node.values():
            found |= _strings(child)
    return found


def test_windows_version_resource_is_filled_from_the_package():
    import versioninfo

    text = versioninfo.render(__version__, APP_NAME, APP_ID, "portwindow-cli", "the CLI")
    assert "${" not in text
    name, _args, fields = _evaluate_version_file(text)  # PyInstaller evals it the same way
    assert name == "VSVersionInfo"
    _ffi, _a, ffi = fields["ffi"]
    assert ffi["filevers"] == ffi["prodvers"] == versioninfo.version_tuple(__version__)
    strings = _strings(fields["kids"])
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "portwindow-cli.exe"
    assert strings["ProductName"] == APP_NAME
    assert strings["FileDescription"] == "the CLI"


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2.3.4", (1, 2, 3, 4)),
        ("2.0rc1", (2, 0, 0, 0)),
        ("3", (3, 0, 0, 0)),
    ],
)
def test_version_tuple(version, expected):
    import versioninfo

    assert versioninfo.version_tuple(version) == expected


def test_inno_setup_script_takes_the_version_and_packs_both_executables():
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$", text, re.M)
    assert "#ifndef MyAppVersion" in text
    assert re.search(r"^AppVersion=\{#MyAppVersion\}$", text, re.M)
    assert '#define MyAppExeName "portwindow.exe"' in text
    assert '#define MyAppCliExeName "portwindow-cli.exe"' in text
    assert 'Source: "..\\..\\dist\\portwindow\\*"' in text
    assert (ISS.parent / "portwindow.ico").is_file()
    spec = (PACKAGING / "portwindow.spec").read_text(encoding="utf-8")
    assert 'name=f"{APP_NAME}-cli"' in spec  # the CLI executable the script names


def test_windows_build_script_passes_the_package_version():
    import build_installer

    pyinstaller, iscc = build_installer.commands("iscc")
    assert pyinstaller[-1].endswith("portwindow.spec")
    assert iscc == ["iscc", f"/DMyAppVersion={__version__}", str(ISS)]


# --- what the bundle leaves out -------------------------------------------------------------


def test_qt_modules_used_are_found_in_the_package():
    import bundle_prune

    used = bundle_prune.qt_modules_used()
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    excluded = bundle_prune.excluded_modules({"QtCore", "QtGui", "QtNetwork", "QtQml"}, used)
    assert "PySide6.QtNetwork" in excluded
    assert "PySide6.QtQml" in excluded
    assert "PySide6.QtCore" not in excluded


def test_qt_modules_used_reads_every_import_form(tmp_path):
    import bundle_prune

    (tmp_path / "a.py").write_text("from PySide6 import QtCore, QtSvg\nimport PySide6.QtPdf\n")
    (tmp_path / "b.py").write_text("from PySide6.QtPrintSupport import QPrinter\nimport os\n")
    used = bundle_prune.qt_modules_used(tmp_path)
    assert used == {"QtCore", "QtSvg", "QtPdf", "QtPrintSupport"}


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/Qt/translations/qt_help_ja.qm", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("resources/doors/door-open.svg", True),
    ],
)
def test_keep_qt_file(dest, kept):
    import bundle_prune

    assert bundle_prune.keep_qt_file(dest) is kept


def test_a_used_module_keeps_its_plugins():
    import bundle_prune

    dest = "PySide6/Qt/plugins/printsupport/libcupsprintersupport.so"
    assert not bundle_prune.keep_qt_file(dest)
    assert bundle_prune.keep_qt_file(dest, {"QtPrintSupport"})


def test_unreachable_libraries_follow_the_links_from_the_roots():
    import bundle_prune

    binaries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6"),
        ("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0"),
        ("libkrb5.so.3", "/usr/lib/libkrb5.so.3"),
        ("libpython3.11.so.1.0", "/usr/lib/libpython3.11.so.1.0"),
    ]
    links = {
        "/src/QtGui.abi3.so": [("libQt6Gui.so.6", "/src/libQt6Gui.so.6")],
        "/src/libqxcb.so": [("libxcb-cursor.so.0", "/usr/lib/libxcb-cursor.so.0")],
    }
    unused = bundle_prune.unreachable_libraries(binaries, lambda src: links.get(src, []))
    assert unused == {"PySide6/Qt/lib/libQt6Network.so.6", "libkrb5.so.3"}


def test_without_drops_entries_and_the_symlinks_to_them():
    import bundle_prune

    toc = [
        ("PySide6/Qt/lib/libQt6Network.so.6", "/src/libQt6Network.so.6", "BINARY"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
    ]
    kept = bundle_prune.without(toc, {"PySide6/Qt/lib/libQt6Network.so.6"})
    assert [entry[0] for entry in kept] == ["libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6"]


def test_the_bundle_keeps_qt_translations_of_the_windows_languages():
    """The bundle keeps Qt's qtbase catalogue of each language the window speaks."""
    import ast

    import bundle_prune

    tree = ast.parse((ROOT / "portwindow" / "gui" / "i18n.py").read_text(encoding="utf-8"))
    (languages,) = (
        ast.literal_eval(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "LANGUAGES"
    )
    assert tuple(code for code, _name in languages) == bundle_prune.LANGUAGES
