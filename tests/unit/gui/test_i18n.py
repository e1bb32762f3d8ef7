"""The window's language (gui/i18n.py): catalogues shipped and up to date, Japanese
complete, the translator switching what the window shows, numbers in the locale's form."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from portwindow.gui import i18n
from portwindow.gui.qt import QtCore

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = ROOT / "resources" / "i18n"
LRELEASE = Path(sys.executable).parent / "pyside6-lrelease"


@pytest.fixture
def language(qapp):
    """Install a language for one test; English again after it (conftest's english)."""
    yield i18n.install
    i18n.install("en")


@pytest.mark.parametrize("code", [code for code, _ in i18n.LANGUAGES])
def test_each_shipped_catalogue_is_its_ts_compiled(tmp_path, code):
    if not LRELEASE.exists() and shutil.which("pyside6-lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    tool = str(LRELEASE) if LRELEASE.exists() else "pyside6-lrelease"
    made = tmp_path / f"portwindow_{code}.qm"
    subprocess.run(
        [tool, "-silent", str(CATALOGUES / f"portwindow_{code}.ts"), "-qm", str(made)],
        check=True,
        timeout=60,
    )
    shipped = CATALOGUES / f"portwindow_{code}.qm"
    assert made.read_bytes() == shipped.read_bytes(), "run make translations"


def test_the_japanese_catalogue_is_complete():
    root = ET.parse(CATALOGUES / "portwindow_ja.ts").getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 50
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
    ]
    assert unfinished == []


def test_switching_to_japanese_changes_what_the_form_shows(qtbot, language):
    from portwindow.gui.scan_form import ScanForm

    assert language("ja") == "ja"
    form = ScanForm()
    qtbot.addWidget(form)
    assert form.scan_button.text() == "スキャン(&S)"
    assert form.presets.itemText(form.presets.count() - 1) == "カスタム"
    assert QtCore.QLocale().language() == QtCore.QLocale.Language.Japanese
    assert language("en") == "en"
    english = ScanForm()
    qtbot.addWidget(english)
    assert english.scan_button.text() == "&Scan"


def test_the_setting_wins_over_the_system_and_english_is_the_fallback():
    japanese = QtCore.QLocale(QtCore.QLocale.Language.Japanese, QtCore.QLocale.Country.Japan)
    french = QtCore.QLocale(QtCore.QLocale.Language.French, QtCore.QLocale.Country.France)
    assert i18n.language_for("", japanese) == "ja"
    assert i18n.language_for("en", japanese) == "en"
    assert i18n.language_for("ja", french) == "ja"
    assert i18n.language_for("", french) == "en"
    assert i18n.language_for("xx", french) == "en"


def test_numbers_have_the_locales_digit_grouping(language):
    language("en")
    assert i18n.number(62424) == "62,424"
    assert i18n.number(1310700) == "1,310,700"
    assert i18n.number(2.5, 1) == "2.5"


def test_counts_in_japanese_have_one_form(language):
    from portwindow.gui.plurals import PLURALS

    language("ja")
    assert PLURALS.copied(1) == "1 件の結果をコピーしました"
    assert PLURALS.copied(12345) == "12,345 件の結果をコピーしました"
