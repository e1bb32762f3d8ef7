"""Show → Findings, "Expect what is open now", and the table's Finding and Detected
columns."""

from portwindow.engine.audit.expected import Finding
from portwindow.engine.core.model import PortState
from portwindow.gui.doors.model import DoorRole
from portwindow.gui.find_actions import TABLE_ORDER
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets
from portwindow.gui.results_model import Column, ResultRole
from tests.unit.gui.driving import run
from tests.unit.gui.finding_scans import TCP, reopen, result, spread


def action(window, name) -> QtGui.QAction:
    (found,) = [a for a in window.findChildren(QtGui.QAction) if a.objectName() == name]
    return found


def header_column(model, title):
    (column,) = [
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == title
    ]
    return column


def test_show_findings_shows_only_the_marked_doors_in_both_views(window, history, qloop):
    history.set_expected("127.0.0.1", [(TCP, 22), (TCP, 50)])
    reopen(window, history, qloop, spread({22, 80}, last=200))
    action(window, "showFindingsAction").trigger()
    assert window.views.state_filter.currentText().startswith("Findings")
    view = window.views.door_view
    assert view.shown_door_count() == 2  # 80 unexpected, 50 missing
    window.views.show_view(1)
    model = window.views.results_model
    shown = sorted(
        model.index(row, 0).data(ResultRole.RESULT).port for row in range(model.rowCount())
    )
    assert shown == [50, 80]
    window.views.state_filter.setCurrentIndex(0)
    assert model.rowCount() == 200
    assert view.shown_door_count() == 200


def test_the_table_explains_each_finding_in_its_finding_column(window, history, qloop):
    history.set_expected("127.0.0.1", [(TCP, 5432)])
    reopen(window, history, qloop, [result(21, PortState.OPEN), result(5432, PortState.CLOSED)])
    window.views.show_view(1)
    model = window.views.results_model
    column = header_column(model, "Finding")
    cells = {}
    for row in range(model.rowCount()):
        port = model.index(row, 0).data(ResultRole.RESULT).port
        index = model.index(row, column)
        cells[port] = (index.data(), index.data(Qt.ItemDataRole.ToolTipRole))
    assert cells[21][0] == "unexpected"
    assert "Unexpected: no rule expects 21/tcp on 127.0.0.1" in cells[21][1]
    assert cells[5432][0] == "missing"
    assert (
        "5432/tcp is expected open (rule 127.0.0.1), found closed (conn-refused)" in cells[5432][1]
    )
    model.sort(column)
    assert model.index(0, column).data() in ("missing", "unexpected")


def test_the_table_shows_the_detected_service_beside_ianas(window, history, qloop):
    banner = "SSH-2.0-OpenSSH_9.2p1\r\n"
    reopen(window, history, qloop, [result(2222, PortState.OPEN, banner=banner)])
    window.views.show_view(1)
    model = window.views.results_model
    detected = model.index(0, header_column(model, "Detected")).data()
    assert detected == "ssh"
    assert model.index(0, header_column(model, "Product")).data() == "OpenSSH 9.2p1"
    assert model.index(0, Column.SERVICE).data() == "EtherNet-IP-1"
    header = window.views.results_table.horizontalHeader()
    # what matters first: the port, its state and finding, who answers, the banner
    assert [header.logicalIndex(v) for v in range(len(TABLE_ORDER))] == list(TABLE_ORDER)
    assert header.sectionSize(Column.BANNER) >= 300


def test_expect_what_is_open_now_makes_the_scan_the_baseline(window, history, qloop):
    history.set_expected("127.0.0.1", [(TCP, 25)])
    reopen(window, history, qloop, spread({22, 80}, last=100))
    index = window.views.door_model.door_index("127.0.0.1", TCP, 22)
    assert index.data(DoorRole.FINDING) is Finding.UNEXPECTED
    expect = action(window, "expectOpenNowAction")
    assert expect.isEnabled()
    assert run(qloop, window.find.expect_open_now()) == 1
    assert history.expected_rules() == {"127.0.0.1": {(TCP, 22), (TCP, 80)}}
    assert index.data(DoorRole.FINDING) is None
    assert window.status.audit_label.text() == "Expected doors: 0 unexpected, 0 missing"
    assert "1 host now expect the doors open now" in window.status.message()


def test_expected_doors_add_prefills_the_host_shown(window, history, qloop):
    import asyncio

    from tests.unit.gui.driving import until

    reopen(
        window,
        history,
        qloop,
        [*spread({22, 80}, last=100), *spread({443}, last=500, address="127.0.0.2")[400:]],
        targets="127.0.0.1-2",
    )
    chosen = window.views.door_model.door_index("127.0.0.2", TCP, 443)
    window.views.door_view.setCurrentIndex(chosen)

    async def main():
        task = asyncio.ensure_future(window.history_controller.edit_expected())
        await until(lambda: window.history_controller.expected_dialog is not None)
        dialog = window.history_controller.expected_dialog
        await until(dialog.isVisible)
        dialog.add_button.click()
        row = dialog.table.rowCount() - 1
        cells = (dialog.table.item(row, 0).text(), dialog.table.item(row, 1).text())
        dialog.ok_button.click()
        await task
        return cells

    assert run(qloop, main()) == ("127.0.0.2", "443/tcp")
    assert history.expected_rules() == {"127.0.0.2": {(TCP, 443)}}


def test_the_table_names_a_host_once_and_keeps_the_port_in_sight(window, history, qloop, qtbot):
    reopen(window, history, qloop, spread({22}, last=300))
    views = window.views
    views.show_view(1)
    table = views.results_table
    assert table.isColumnHidden(Column.HOST)  # its name is its address: said once
    assert not table.isColumnHidden(Column.ADDRESS)
    frozen = window.findChild(QtWidgets.QTableView, "frozenPortColumn")
    assert not frozen.isVisible()  # the table's own Port column is in sight
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    assert table.horizontalScrollBar().value() > 0
    qtbot.waitUntil(frozen.isVisible)
    assert frozen.indexAt(QtCore.QPoint(5, 5)).column() == Column.PORT
    qtbot.waitUntil(lambda: table.verticalScrollBar().maximum() > 100)  # laid out
    table.verticalScrollBar().setValue(100)
    assert frozen.verticalScrollBar().value() == 100
    first = frozen.indexAt(QtCore.QPoint(5, 5))
    assert first.row() == table.indexAt(QtCore.QPoint(table.viewport().width() - 5, 5)).row()


def test_the_details_panel_follows_the_filter(window, history, qloop):
    reopen(window, history, qloop, spread({22}, last=100))
    views = window.views
    closed = views.door_model.door_index("127.0.0.1", TCP, 50)
    views.door_view.setCurrentIndex(closed)
    assert views.details.is_showing()
    views.state_filter.setCurrentIndex(1)  # open only: door 50 is hidden
    assert not views.details.is_showing()
