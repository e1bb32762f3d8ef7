"""The window and the scan history (issue #6): every scan saved, the history panel
(reopen, delete, search), expected doors and their marks, comparing two scans, and the
printable report. Every scan here is of listeners opened on 127.0.0.1."""

import asyncio

import pytest

from portwindow.engine.audit.diff import Change, DoorChange, ScanDiff
from portwindow.engine.audit.expected import Finding
from portwindow.engine.audit.history import History, NewScan
from portwindow.engine.core.model import (
    PortResult,
    PortState,
    Progress,
    Protocol,
    Reason,
    ScanBatch,
    ScanSummary,
)
from portwindow.gui.compare_view import DiffColumn, DiffModel
from portwindow.gui.doors.model import DoorRole
from portwindow.gui.expected_dialog import ExpectedDialog
from portwindow.gui.history_panel import HistoryColumn, HistoryModel, parse_search
from portwindow.gui.mainwindow import MainWindow
from portwindow.gui.qt import QtCore, QtGui, QtWidgets
from tests.support.damaged import damaged_sqlite
from tests.support.listeners import free_ports, listeners
from tests.unit.gui.driving import run, until

TCP, UDP = Protocol.TCP, Protocol.UDP


def scan(window, qloop, ports):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports(",".join(map(str, ports)))
    summary = run(qloop, window.scans.start())
    assert summary is not None
    assert not summary.partial
    return summary


def seen(window):
    window.views.flush()
    return sorted(
        (r.address, r.protocol.value, r.port, r.state.value)
        for r in window.views.results_model.results()
    )


def result(port, state, protocol=TCP, address="127.0.0.1"):
    reason = {
        PortState.OPEN: Reason.SYN_ACK,
        PortState.CLOSED: Reason.CONN_REFUSED,
        PortState.FILTERED: Reason.NO_RESPONSE,
    }[state]
    return PortResult(address, address, protocol, port, state, reason, 0.001, 1000.0)


def save(history, started, results, targets="127.0.0.1"):
    scan_record = NewScan(started, started + 1, targets, "1-1024", False, len(results))
    return history.save(scan_record, results)


# 1. Every scan is saved.


def test_a_finished_scan_is_saved_listed_and_reopened(window, history, qloop, qtbot, qtmodeltester):
    closed = free_ports(2)
    with listeners(2) as open_ports:
        scan(window, qloop, open_ports + closed)
    before = seen(window)
    assert [state for *_, state in before].count("open") == 2

    (record,) = history.scans()
    assert record.id == window.history_controller.last_saved_id
    assert (record.targets, record.open, record.closed) == ("127.0.0.1", 2, 2)
    assert not record.partial
    assert record.settings["timeout"] > 0
    model = window.history_panel.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert model.index(0, HistoryColumn.TARGETS).data() == "127.0.0.1"
    assert model.index(0, HistoryColumn.OPEN).data() == "2"
    assert model.index(0, HistoryColumn.PARTIAL).data() == ""

    window.views.clear()
    assert seen(window) == []
    table = window.history_panel.table
    rect = table.visualRect(model.index(0, HistoryColumn.TARGETS))
    # The view only takes a double click on the row it saw pressed first.
    qtbot.mouseClick(table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    run(qloop, until(lambda: "Reopened" in window.status.message()))
    assert seen(window) == before
    for port in open_ports:
        index = window.views.door_model.door_index("127.0.0.1", TCP, port)
        assert index.data(DoorRole.STATE) is PortState.OPEN
    assert "Reopened" in window.status.message()


def test_each_scan_adds_a_row_newest_first(window, history, qloop):
    with listeners(1) as ports:
        scan(window, qloop, ports)
        scan(window, qloop, ports + free_ports(1))
    records = history.scans()
    assert len(records) == 2
    assert [r.total for r in records] == [2, 1]
    model = window.history_panel.model
    assert [model.record(row).id for row in range(model.rowCount())] == [r.id for r in records]


def test_a_stopped_scan_is_saved_as_partial(window, history, qloop, monkeypatch):
    async def stopped_engine(session):
        results = (result(22, PortState.OPEN), result(23, PortState.CLOSED))
        progress = Progress(2, 10, 0.5, 4.0, None, open=1, closed=1)
        batch = ScanBatch(results, progress)
        window.scans.batch_received(batch, session.collect(batch))
        summary = ScanSummary(progress, partial=True, started_at=1000.0, finished_at=1000.5)
        session.finish(summary)
        return summary

    monkeypatch.setattr(window.controller, "run", stopped_engine)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("22-31")
    run(qloop, window.scans.start())
    (record,) = history.scans()
    assert (record.partial, record.total, record.done, record.open) == (True, 10, 2, 1)
    assert (record.started_at, record.finished_at) == (1000.0, 1000.5)
    assert window.history_panel.model.index(0, HistoryColumn.PARTIAL).data() == "partial"
    assert window.status.message().startswith("Stopped")


def test_a_damaged_history_is_announced_once(qtbot, settings, tmp_path):
    path = tmp_path / "broken.sqlite3"
    damaged_sqlite(path)
    with History(path) as history:
        assert history.notice
        win = MainWindow(settings, history=history)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.history_controller.refresh()
        assert win.history_controller.history is history
        boxes = win.findChildren(QtWidgets.QMessageBox, "historyNotice")
        assert len(boxes) == 1
        assert boxes[0].isVisible()
        assert "damaged" in boxes[0].text()
        assert "damaged" in win.status.message()
        boxes[0].close()


# 2. The history panel: delete and search.


def test_delete_asks_first(window, history, qloop, monkeypatch):
    first = save(history, 1000, [result(22, PortState.OPEN)])
    second = save(history, 2000, [result(80, PortState.OPEN)])
    window.history_controller.refresh()
    panel = window.history_panel
    answers = []

    async def confirm(title, text):
        answers.append(text)
        return len(answers) > 1  # no the first time, yes the second

    monkeypatch.setattr(window.history_controller, "confirm", confirm)
    panel.select_ids([first])
    assert panel.delete_button.isEnabled()
    panel.delete_button.click()
    run(qloop, until(lambda: answers))
    assert [r.id for r in history.scans()] == [second, first]

    panel.select_ids([first])
    panel.delete_button.click()
    run(qloop, until(lambda: panel.model.rowCount() == 1))
    assert [r.id for r in history.scans()] == [second]
    assert panel.model.record(0).id == second


def test_search_shows_the_scans_that_saw_a_door_open(window, history):
    with_mysql = save(history, 1000, [result(3306, PortState.OPEN), result(22, PortState.OPEN)])
    save(history, 2000, [result(3306, PortState.CLOSED), result(22, PortState.OPEN)])
    save(history, 3000, [result(3306, PortState.OPEN, UDP)])
    panel = window.history_panel
    window.history_controller.refresh()
    assert panel.model.rowCount() == 3

    panel.search_edit.setText("3306/tcp")
    assert [panel.model.record(r).id for r in range(panel.model.rowCount())] == [with_mysql]
    assert "1 scan saw 3306/tcp open" in panel.message.text()
    panel.search_edit.setText("22")
    assert panel.model.rowCount() == 2
    panel.search_edit.setText("ssh please")
    assert panel.model.rowCount() == 0
    assert "3306/tcp" in panel.message.text()
    panel.search_edit.clear()
    assert panel.model.rowCount() == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3306/tcp", (3306, TCP)),
        (" 53 / UDP ", (53, UDP)),
        ("443", (443, TCP)),
        ("70000/tcp", None),
        ("3306/sctp", None),
        ("http", None),
    ],
)
def test_parse_search(text, expected):
    assert parse_search(text) == expected


def test_history_model_passes_the_model_tester(qapp, qtmodeltester, history):
    model = HistoryModel()
    qtmodeltester.check(model)
    save(history, 1000, [result(22, PortState.OPEN), result(23, PortState.FILTERED)])
    save(history, 2000, [result(22, PortState.CLOSED)])
    model.set_records(history.scans())
    qtmodeltester.check(model)
    assert model.index(1, HistoryColumn.FILTERED).data() == "1"
    assert model.headerData(0, QtCore.Qt.Orientation.Horizontal) == "When"


# 3. Expected doors.


def test_expected_doors_dialog_validates_each_row(qtbot):
    dialog = ExpectedDialog({"127.0.0.1": {(TCP, 22), (TCP, 443)}})
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "22/tcp, 443/tcp"
    assert dialog.ok_button.isEnabled()

    row = dialog.add_row()
    assert dialog.ok_button.isEnabled()  # an empty new row is not an error yet
    dialog.set_row(row, "198.51.100.0/24", "22/tcp, 99999/tcp")
    assert not dialog.ok_button.isEnabled()
    assert "Row 2" in dialog.error_label.text()
    assert "99999" in dialog.error_label.text()
    dialog.set_row(row, "300.1.2.3", "22/tcp")
    assert not dialog.ok_button.isEnabled()
    assert "300.1.2.3" in dialog.error_label.text()
    dialog.set_row(row, "127.0.0.1", "80/tcp")
    assert "twice" in dialog.error_label.text()
    dialog.set_row(row, "*", "22/tcp, 53/udp")
    assert dialog.ok_button.isEnabled()
    assert not dialog.error_label.text()
    assert dialog.rules() == {
        "127.0.0.1": {(TCP, 22), (TCP, 443)},
        "*": {(TCP, 22), (UDP, 53)},
    }
    dialog.table.selectRow(0)
    dialog.remove_selected()
    assert dialog.rules() == {"*": {(TCP, 22), (UDP, 53)}}


def test_expected_doors_are_stored_in_the_history(window, history, qloop, qtbot):
    history.set_expected("old.example", [(TCP, 25)])

    async def main():
        task = asyncio.ensure_future(window.history_controller.edit_expected())
        await until(lambda: window.history_controller.expected_dialog is not None)
        await until(window.history_controller.expected_dialog.isVisible)
        dialog = window.history_controller.expected_dialog
        assert dialog.rules() == {"old.example": {(TCP, 25)}}
        dialog.table.selectRow(0)
        dialog.remove_selected()
        dialog.set_row(dialog.add_row(), "127.0.0.1", "22/tcp, 443/tcp")
        dialog.ok_button.click()
        return await task

    assert run(qloop, main()) is True
    assert history.expected_rules() == {"127.0.0.1": {(TCP, 22), (TCP, 443)}}


@pytest.mark.parametrize("suffix", ["toml", "csv"])
def test_expected_doors_export_and_import(qtbot, qloop, tmp_path, suffix):
    path = tmp_path / f"rules.{suffix}"

    async def ask_path():
        return str(path)

    rules = {"127.0.0.1": {(TCP, 22)}, "db.example": {(TCP, 5432), (UDP, 53)}}
    writer = ExpectedDialog(rules, ask_save_path=ask_path)
    qtbot.addWidget(writer)
    assert run(qloop, writer.export_rules()) == path
    reader = ExpectedDialog({}, ask_open_path=ask_path)
    qtbot.addWidget(reader)
    assert run(qloop, reader.import_rules()) is True
    assert reader.rules() == rules
    assert reader.table.rowCount() == 2


def test_an_audit_marks_unexpected_and_missing_doors(window, history, qloop):
    missing = free_ports(1)[0]
    with listeners(2) as (expected, unexpected):
        history.set_expected("127.0.0.1", [(TCP, expected), (TCP, missing)])
        scan(window, qloop, [expected, unexpected, missing])
    window.views.flush()
    door = window.views.door_model.door_index
    assert door("127.0.0.1", TCP, expected).data(DoorRole.FINDING) is None
    assert door("127.0.0.1", TCP, unexpected).data(DoorRole.FINDING) is Finding.UNEXPECTED
    assert door("127.0.0.1", TCP, missing).data(DoorRole.FINDING) is Finding.MISSING
    assert window.status.audit_label.text() == "Expected doors: 1 unexpected, 1 missing"
    assert "1 unexpected, 1 missing" in window.status.message()

    # The ring is painted: the doors look different without the findings.
    window.views.show_view(0)
    marked = window.views.door_view.viewport().grab().toImage()
    window.views.door_model.set_findings(())
    plain = window.views.door_view.viewport().grab().toImage()
    assert marked != plain
    look = window.views.door_view.itemDelegate().prepare(_option(window), 1.0)
    ring = QtGui.QColor(look.finding_pen.color())
    assert _has_color(marked, ring)
    assert not _has_color(plain, ring)


def _option(window):
    option = QtWidgets.QStyleOptionViewItem()
    option.initFrom(window.views.door_view)
    option.widget = window.views.door_view
    return option


def _has_color(image, color):
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB32)
    target = color.rgb() & 0xFFFFFF
    return any(
        image.pixel(x, y) & 0xFFFFFF == target
        for y in range(0, image.height())
        for x in range(0, image.width())
    )


def test_a_scan_that_matches_its_rule_is_not_marked(window, history, qloop):
    with listeners(1) as (port,):
        history.set_expected("127.0.0.1", [(TCP, port)])
        scan(window, qloop, [port, *free_ports(1)])
    index = window.views.door_model.door_index("127.0.0.1", TCP, port)
    assert index.data(DoorRole.FINDING) is None
    assert window.status.audit_label.text() == "Expected doors: 0 unexpected, 0 missing"


def test_reopening_a_scan_audits_it(window, history, qloop):
    scan_id = save(history, 1000, [result(22, PortState.OPEN), result(80, PortState.OPEN)])
    history.set_expected("127.0.0.1", [(TCP, 22)])
    assert run(qloop, window.history_controller.open_scan(scan_id))
    index = window.views.door_model.door_index("127.0.0.1", TCP, 80)
    assert index.data(DoorRole.FINDING) is Finding.UNEXPECTED
    assert "1 unexpected, 0 missing" in window.status.message()


# 4. Compare.


def test_compare_shows_a_door_opened_between_two_scans(
    window, history, qloop, tmp_path, qtmodeltester
):
    port, other = free_ports(2)
    scan(window, qloop, [port, other])
    with listeners(ports=[port]):
        scan(window, qloop, [port, other])

    dialog = run(qloop, window.compare_with_previous())
    assert dialog is not None
    assert dialog.isVisible()
    model = dialog.model
    assert model.rowCount() == 1
    assert model.index(0, DiffColumn.CHANGE).data() == "opened"
    assert model.index(0, DiffColumn.DOOR).data() == f"{port}/tcp"
    assert model.index(0, DiffColumn.BEFORE).data() == "closed"
    assert model.index(0, DiffColumn.AFTER).data() == "open"
    assert model.index(0, DiffColumn.CHANGE).data(QtCore.Qt.ItemDataRole.BackgroundRole)
    # As doors too: only the changed door, open, with the attention ring.
    doors = dialog.door_model
    assert doors.rowCount() == 1
    door = doors.door_index("127.0.0.1", Protocol.TCP, port)
    assert door.data(DoorRole.STATE) is PortState.OPEN
    assert door.data(DoorRole.FINDING) is not None
    assert not doors.door_index("127.0.0.1", Protocol.TCP, other).isValid()
    qtmodeltester.check(doors)

    path = tmp_path / "changes.csv"

    async def ask_path():
        return str(path)

    dialog._ask_save_path = ask_path
    assert run(qloop, dialog.export_csv()) == path
    lines = path.read_text().splitlines()
    assert lines[1] == f"opened,127.0.0.1,127.0.0.1,tcp,{port},closed,open"
    dialog.close()

    # The same through the panel: two rows selected, then Compare.
    panel = window.history_panel
    newer, older = (r.id for r in history.scans())
    panel.select_ids([newer, older])
    assert panel.compare_button.isEnabled()
    panel.compare_button.click()
    run(qloop, until(lambda: window.history_controller.compare_dialog not in (None, dialog)))
    assert window.history_controller.compare_dialog is not dialog
    assert window.history_controller.compare_dialog.model.change(0).port == port
    assert window.history_controller.compare_dialog.model.change(0).change is Change.OPENED


def test_compare_with_previous_needs_two_scans(window, history, qloop):
    save(history, 1000, [result(22, PortState.OPEN)])
    window.form.set_targets("127.0.0.1")
    assert run(qloop, window.compare_with_previous()) is None
    assert "fewer than two" in window.status.message()


def test_diff_model_passes_the_model_tester(qapp, qtmodeltester):
    changes = (
        DoorChange(Change.OPENED, "web", "198.51.100.1", TCP, 80, PortState.CLOSED, PortState.OPEN),
        DoorChange(Change.VANISHED, "198.51.100.1", "198.51.100.1", UDP, 53, PortState.OPEN, None),
    )
    model = DiffModel(ScanDiff(changes, 5))
    qtmodeltester.check(model)
    assert model.index(0, DiffColumn.HOST).data() == "web (198.51.100.1)"
    assert model.index(1, DiffColumn.AFTER).data() == "not probed"
    assert model.index(1, 0).data(QtCore.Qt.ItemDataRole.BackgroundRole) is None
    model.set_diff(ScanDiff((), 0))
    qtmodeltester.check(model)


# 5. The printable report.


@pytest.mark.parametrize("suffix", ["pdf", "html"])
def test_export_report(window, history, qloop, tmp_path, monkeypatch, suffix):
    with listeners(2) as (expected, unexpected):
        history.set_expected("127.0.0.1", [(TCP, expected)])
        scan(window, qloop, [expected, unexpected])
    path = tmp_path / f"report.{suffix}"

    async def ask_path():
        return str(path)

    monkeypatch.setattr(window.files, "ask_report_path", ask_path)
    assert run(qloop, window.files.export_report()) == path
    if suffix == "pdf":
        assert path.read_bytes().startswith(b"%PDF")
    else:
        text = path.read_text()
        assert "Unexpected open doors" in text
        assert str(unexpected) in text
