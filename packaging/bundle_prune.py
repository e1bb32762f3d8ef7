"""What the PyInstaller bundle leaves out: the rules the spec applies, kept here so that
tests can check them without building.

portwindow's window uses a few Qt modules (QtCore, QtGui, QtWidgets, QtSvg when this was
written; ``portwindow/gui/qt.py`` is the module that imports the binding).
PySide6-Essentials ships many more, and PyInstaller's Qt hooks collect every plugin a
collected module might load. Three rules keep the bundle to what the window can use:

1. Python modules: every ``PySide6.Qt*`` module that no file of the ``portwindow``
   package imports (:func:`qt_modules_used` reads them all) is excluded
   (:func:`excluded_modules`), so its bindings and Qt libraries are not collected.
2. Qt plugins and translations (:func:`keep_qt_file`): only the plugin folders listed in
   :data:`QT_PLUGINS_KEPT` stay. Of Qt's translations only ``qtbase`` in the languages the
   window speaks (:data:`LANGUAGES`, as ``portwindow/gui/i18n.py`` lists them) stay: the
   window installs them for Qt's own texts (standard buttons, file dialogs).
3. Shared libraries (:func:`unreachable_libraries`, Linux): a library that no kept
   binary links to, directly or through another library (``ldd`` resolves the whole
   chain), is unused once the plugins that wanted it are gone (QtNetwork, QtOpenGL,
   Wayland, GTK and their system libraries). libpython is kept whatever: the bootloader
   loads it with dlopen.

The smoke test (``tests/packaging/test_frozen.py``) runs the pruned bundle: headless
scan, and the window scanning and quitting.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "portwindow"

# Other Python modules nothing in portwindow imports.
OTHER_EXCLUDED_MODULES = ("tkinter", "_tkinter", "PySide6.scripts", "PySide6.support.deprecated")

# The window's languages (portwindow/gui/i18n.py LANGUAGES; a test keeps the two equal).
LANGUAGES = ("en", "ja")

# Qt plugin folder -> plugin names kept (None: the whole folder). Names are the file's stem
# without "lib" and the extension, so one table serves .so, .dylib and .dll.
QT_PLUGINS_KEPT: dict[str, frozenset[str] | None] = {
    # xcb: X11 (and XWayland on Wayland desktops); offscreen: headless runs and tests;
    # windows and cocoa: the native platforms of the other builds.
    "platforms": frozenset({"qxcb", "qoffscreen", "qwindows", "qcocoa"}),
    # OpenGL contexts on X11; tiny, and their libraries (libGL, libEGL) are needed by
    # QtGui anyway.
    "xcbglintegrations": None,
    # dead keys and the Compose key when typing on X11 (ibus needs QtDBus; without it
    # Qt takes key presses directly).
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin"}),
    # the window icon and the door pictures are SVGs
    "iconengines": frozenset({"qsvgicon"}),
    "imageformats": frozenset({"qsvg"}),
    # the native widget styles on Windows (qmodernwindowsstyle) and macOS (qmacstyle)
    "styles": None,
}
# Plugin folders that belong to one Qt module: kept whole when the package uses it.
QT_MODULE_PLUGINS = {
    "QtPrintSupport": ("printsupport",),
    "QtNetwork": ("tls", "networkinformation"),
    "QtSql": ("sqldrivers",),
}

_LIBRARY = re.compile(r"^lib.+\.so(\.[0-9.]+)?$|^lib.+\.abi3\.so\.[0-9.]+$")
_PLUGIN_SUFFIXES = (".so", ".dylib", ".dll")


def qt_modules_used(package_dir: Path = PACKAGE_DIR) -> frozenset[str]:
    """The ``PySide6.Qt*`` modules any file of the package imports (``import PySide6.X``,
    ``from PySide6 import X``, ``from PySide6.X import ...``)."""
    used = set()
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if len(parts) >= 2 and parts[0] == "PySide6" and parts[1].startswith("Qt"):
                    used.add(parts[1])
    return frozenset(used)


def excluded_modules(available: Iterable[str], used: Iterable[str]) -> list[str]:
    """``PySide6.X`` for every Qt module name in ``available`` not in ``used``, plus
    :data:`OTHER_EXCLUDED_MODULES`."""
    used = set(used)
    qt = sorted(
        f"PySide6.{name}" for name in set(available) if name.startswith("Qt") and name not in used
    )
    return [*qt, *OTHER_EXCLUDED_MODULES]


def qt_module_names(pyside_dir: Path) -> set[str]:
    """The Qt module names PySide6 ships, read from its ``.pyi`` stubs."""
    return {path.name.split(".")[0] for path in pyside_dir.glob("Qt*.pyi")}


def _plugin_name(file_name: str) -> str:
    stem = file_name
    for suffix in _PLUGIN_SUFFIXES:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str, used: Iterable[str] = ()) -> bool:
    """Whether the bundle keeps the file it would put at ``dest`` (a path inside the
    bundle, either separator), given the Qt modules ``used``. Only Qt plugins and
    translations are ever dropped (the ``qtbase`` ones of the window's languages stay)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return True
    below = parts[parts.index("PySide6") + 1 :]
    if "translations" in below:
        return below[-1] in {f"qtbase_{code}.qm" for code in LANGUAGES}
    if "plugins" not in below:
        return True
    rest = below[below.index("plugins") + 1 :]
    if len(rest) < 2:
        return True
    folder, name = rest[0], rest[-1]
    if any(folder in QT_MODULE_PLUGINS.get(module, ()) for module in used):
        return True
    if folder not in QT_PLUGINS_KEPT:
        return False
    kept = QT_PLUGINS_KEPT[folder]
    return kept is None or _plugin_name(name) in kept


def is_shared_library(dest: str) -> bool:
    """A shared library (``libfoo.so.1``) rather than a Python extension or a plugin."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" in parts:
        return False
    return bool(_LIBRARY.match(parts[-1]))


def without(toc: list[tuple], dropped: set[str]) -> list[tuple]:
    """``toc`` (PyInstaller's (dest, source, kind) entries) less the entries at the
    ``dropped`` destinations and the symlinks that point to them."""

    def target(entry: tuple) -> str:
        dest, source, _kind = entry
        return posixpath.normpath(posixpath.join(posixpath.dirname(dest), source))

    return [
        entry
        for entry in toc
        if entry[0] not in dropped and not (entry[2] == "SYMLINK" and target(entry) in dropped)
    ]


def unreachable_libraries(
    binaries: Iterable[tuple[str, str]],
    imports: Callable[[str], Iterable[tuple[str, str | None]]],
) -> set[str]:
    """The ``dest`` names of shared libraries no kept binary needs.

    ``binaries`` are (dest, source) pairs; ``imports(source)`` gives what a binary links
    to, as (name, resolved path) pairs, transitively (``ldd`` does). The roots are every
    binary that is not a shared library (the Python extension modules and the kept Qt
    plugins) and libpython.
    """
    binaries = list(binaries)
    needed: set[str] = set()
    for dest, source in binaries:
        name = PurePosixPath(dest).name
        if is_shared_library(dest) and not name.startswith("libpython"):
            continue
        for lib_name, lib_path in imports(source):
            needed.add(PurePosixPath(lib_name).name)
            if lib_path:
                needed.add(PurePosixPath(lib_path).name)
    return {
        dest
        for dest, _source in binaries
        if is_shared_library(dest)
        and not PurePosixPath(dest).name.startswith("libpython")
        and PurePosixPath(dest).name not in needed
    }
