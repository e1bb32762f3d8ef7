"""The window's language: Qt's translators, installed once at start, and the locale that
formats its numbers and dates.

Every user-visible text of the window goes through :func:`translate` (Qt's
``QCoreApplication.translate``, which ``pyside6-lupdate`` finds by name) with a context
naming the part it belongs to. The catalogues are ``resources/i18n/portwindow_<lang>.ts``
(made by ``pyside6-lupdate``, translated in Qt Linguist or by hand) and their compiled
``.qm`` (``pyside6-lrelease``); ``make translations`` makes both again, and
``tests/unit/gui/test_i18n.py`` checks that the ``.qm`` files shipped match the ``.ts``.
English is the source language; its catalogue holds only the plural forms ("1 scan",
"2 scans"). The language follows the system's locale unless the setting
``ui/language`` names one (the Settings dialog; it applies at the next start). Qt's own
texts (standard buttons, file dialogs) come from Qt's ``qtbase_<lang>.qm`` where PySide6
ships it.

What is machine-readable stays English whatever the language: CSV and JSON columns, the
port states written in reports, door labels' service names.
"""

from __future__ import annotations

from pathlib import Path

from .qt import QtCore
from .resources import resource_dirs

SYSTEM = ""  # the setting's value for "follow the system's locale"
# The languages the window speaks: (code, name in that language).
LANGUAGES: tuple[tuple[str, str], ...] = (("en", "English"), ("ja", "日本語"))
_CODES = frozenset(code for code, _ in LANGUAGES)
_installed: list[QtCore.QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``text`` in the window's language (``%n`` replaced by ``n`` for plural forms)."""
    return QtCore.QCoreApplication.translate(context, text, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate knows
    """Mark ``text`` for translation where it is defined; :func:`translate` it where shown."""
    return text


def translations_dir() -> Path | None:
    """The folder holding the ``.qm`` catalogues: the bundle's, the wheel's or the
    checkout's (as :func:`~portwindow.gui.resources.resource_dirs` orders them)."""
    for folder in resource_dirs():
        if (folder / "i18n").is_dir():
            return folder / "i18n"
    return None


def language_for(setting: str, system: QtCore.QLocale | None = None) -> str:
    """The language to speak: the setting's if it names a known one, else the system's
    when the window speaks it, else English."""
    if setting in _CODES:
        return setting
    locale = system or QtCore.QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in _CODES:
            return code
    return "en"


def install(language: str) -> str:
    """Install the translators of ``language`` (a setting's value: a code or SYSTEM) in
    the running application, replacing any installed before, and make its locale the
    default one (numbers and dates); returns the language code used."""
    app = QtCore.QCoreApplication.instance()
    code = language_for(language)
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    folder = translations_dir()
    qt_folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in (("qtbase", qt_folder), ("portwindow", str(folder or ""))):
        translator = QtCore.QTranslator(app)
        if where and translator.load(f"{name}_{code}", where):
            app.installTranslator(translator)
            _installed.append(translator)
    system = QtCore.QLocale.system()
    if system.language() == QtCore.QLocale(code).language():
        QtCore.QLocale.setDefault(system)  # the system's own country, digits and dates
    else:
        QtCore.QLocale.setDefault(QtCore.QLocale(code))
    return code


def number(value: int | float, decimals: int = 0) -> str:
    """``value`` with the language's digit grouping ("62,424")."""
    locale = QtCore.QLocale()
    if isinstance(value, int):
        return locale.toString(value)
    return locale.toString(float(value), "f", decimals)
