"""The History dock with a damaged or hostile history: the other scans stay listed and
usable, the unreadable one is named, and nothing escapes as an exception."""

import hashlib
import json

from portwindow.gui.history_panel import skipped_text
from portwindow.gui.mainwindow import MainWindow
from portwindow.gui.qt import QtWidgets
from tests.support.damaged import save_scans, tamper
from tests.unit.gui.driving import run


def listed(panel):
    return [panel.model.record(row).id for row in range(panel.model.rowCount())]


def error_boxes(window):
    return [
        box for box in window.findChildren(QtWidgets.QMessageBox, "errorBox") if box.isVisible()
    ]


def test_a_json_settings_column_does_not_break_the_history_dock(window, history, qloop):
    """An uncaught JSONDecodeError from the dock: the window's history was unusable."""
    first, bad, last = save_scans(history.path, 3)
    tamper(history.path, "UPDATE scans SET settings = '{oops' WHERE id = ?", bad)
    window.history_controller.refresh()
    panel = window.history_panel
    assert listed(panel) == [last, first]
    message = panel.message.text()
    assert f"scan {bad}" in message
    assert str(history.path) in message
    assert panel.message.isVisible()
    assert run(qloop, window.history_controller.open_scan(first))
    window.views.flush()
    assert len(window.views.results_model.results()) == 100


def test_reopening_a_scan_with_a_corrupt_blob_is_an_error_box_not_an_exception(
    window, history, qloop
):
    first, bad, _last = save_scans(history.path, 3)
    tamper(history.path, "UPDATE blocks SET hosts = ? WHERE scan_id = ?", b"not zlib", bad)
    assert not run(qloop, window.history_controller.open_scan(bad))
    (box,) = error_boxes(window)
    assert f"scan {bad}" in box.text()
    assert "corrupt" in box.text()
    box.close()
    assert run(qloop, window.history_controller.open_scan(first))


def test_search_names_an_unreadable_scan_and_lists_the_others(window, history):
    first, bad, last = save_scans(history.path, 3)
    tamper(history.path, "UPDATE scans SET started_at = 'soon' WHERE id = ?", bad)
    panel = window.history_panel
    panel.search_edit.setText("10/tcp")
    assert listed(panel) == [last, first]
    assert "2 scans saw 10/tcp open" in panel.message.text()
    assert f"scan {bad}" in panel.message.text()


def test_a_json_file_as_the_history_is_refused_and_left_alone(qtbot, settings, history_in_tmp):
    history_in_tmp.write_text(json.dumps({"scans": [1, 2, 3]}))
    before = hashlib.sha256(history_in_tmp.read_bytes()).digest()
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.history_controller.refresh()
    assert window.history_panel.message.text() == "The scan history is not available."
    (box,) = error_boxes(window)
    assert "not an SQLite database" in box.text()
    box.close()
    assert hashlib.sha256(history_in_tmp.read_bytes()).digest() == before
    assert sorted(p.name for p in history_in_tmp.parent.iterdir() if "history" in p.name) == [
        history_in_tmp.name
    ]


def test_skipped_text():
    assert skipped_text(()) == ""
    one = skipped_text(["scan 3 in the history h cannot be read: its x"])
    assert one.startswith("Not listed: scan 3")
    assert "more" not in one
    assert "2 more scans" in skipped_text(["a", "b", "c"])
