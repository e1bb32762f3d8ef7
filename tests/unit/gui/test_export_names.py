"""Exports are offered under the name of what is shown (its targets and date), in the
folder of the last export; counts read "1 result", "2 results", with digit grouping."""

import time

from portwindow.engine.core.model import Protocol
from portwindow.gui import settings as opt
from portwindow.gui.export_names import export_folder, suggested_name
from portwindow.gui.plurals import PLURALS
from portwindow.gui.qt import QtCore
from portwindow.gui.views import shown
from tests.unit.gui.driving import run

from .doors.util import result
from .test_door_selection import _show


def test_the_name_is_made_of_the_targets_and_the_date():
    started = time.mktime((2026, 12, 3, 17, 5, 0, 0, 0, -1))
    assert suggested_name("127.0.0.1", started, "csv") == "portwindow-127.0.0.1-20261203-1705.csv"
    assert suggested_name("198.51.100.0/24, db host", started, "pdf").startswith(
        "portwindow-198.51.100.0_24_db_host-"
    )
    assert suggested_name("", None, "csv") == "portwindow.csv"
    long = suggested_name("a" * 500, None, "csv")
    assert len(long) < 60
    assert "/" not in suggested_name("../../etc/passwd", None, "csv")


def test_the_folder_of_the_last_export_is_offered_again(window, qloop, tmp_path, monkeypatch):
    _show(window, [result(22), result(80)])
    window.views.shown = shown("127.0.0.1", "127.0.0.1", "22,80", 1.8e9, 1.8e9, False)
    offered = []
    target = tmp_path / "out" / "mine.csv"
    target.parent.mkdir()

    async def ask(title, suggested):
        offered.append(suggested)
        return str(target)

    monkeypatch.setattr(window.files, "ask_save_path", ask)
    assert run(qloop, window.files.export_csv()) == target
    assert "portwindow-127.0.0.1-" in offered[0]
    assert window.settings.get(opt.EXPORT_FOLDER) == str(target.parent)
    assert export_folder(window.settings) == target.parent
    run(qloop, window.files.export_csv())
    assert offered[1].startswith(str(target.parent))
    assert "Exported 2 results" in window.status.message()


def test_counts_are_plural_in_english_with_digit_grouping(qapp):
    assert PLURALS.copied(1) == "Copied 1 result"
    assert PLURALS.copied(2) == "Copied 2 results"
    assert PLURALS.scans(65535) == "65,535 scans"
    assert PLURALS.exported(1, "/tmp/x.csv") == "Exported 1 result to /tmp/x.csv"


def test_a_copy_of_one_door_says_one_result(window, qapp):
    _show(window, [result(22)])
    door = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, 22)
    window.views.door_view.selectionModel().select(
        door, QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    window.files.copy_selection()
    assert window.status.message() == "Copied 1 result"
