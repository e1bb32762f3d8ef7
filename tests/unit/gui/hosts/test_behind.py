"""Who is behind a door of this machine, in the details panel, the printable report, the
window's CSV export and the results table's columns: listeners this test starts, its own
pid and process name, and what 0.0.0.0 and 127.0.0.1 mean."""

import csv
import os
from contextlib import ExitStack

import psutil
import pytest

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.present.table import Column
from portwindow.engine.reports.behind_rows import Behind
from portwindow.engine.scan.enrich.listeners import NOT_VISIBLE, Listener, ListenerTable
from portwindow.gui.printable_report import ReportData, report_html
from portwindow.gui.qt import Qt
from portwindow.gui.results_model import ResultRole
from tests.support.listeners import listening_on
from tests.unit.gui.driving import run


@pytest.fixture
def scanned(window, qloop):
    """A scan of 127.0.0.1 with a listener on 0.0.0.0 and one on 127.0.0.1, still open."""
    with ExitStack() as stack:
        everywhere = stack.enter_context(listening_on("0.0.0.0"))
        loopback = stack.enter_context(listening_on("127.0.0.1"))
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(f"{everywhere},{loopback}")
        run(qloop, window.scans.start())
        yield window, everywhere, loopback


def choose(window, port):
    index = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, port)
    window.views.door_view.setCurrentIndex(index)
    return window.views.behind


def test_the_details_say_the_test_s_own_pid_and_name_and_who_can_reach_it(scanned):
    window, everywhere, loopback = scanned
    box = choose(window, everywhere)
    assert box.isVisibleTo(window)
    text = box.lines.text()
    assert text.startswith(f"{psutil.Process().name()} (pid {os.getpid()}")
    assert "Listens on 0.0.0.0: reachable from every network this machine is on." in text
    assert "right after the scan" in box.note.text()
    box = choose(window, loopback)
    assert f"(pid {os.getpid()}" in box.lines.text()
    assert "Listens on 127.0.0.1 only: reachable from this machine only." in box.lines.text()


def test_the_printable_report_and_the_csv_export_say_it_too(scanned, tmp_path, qloop):
    window, everywhere, loopback = scanned
    views = window.views
    data = ReportData(
        "t",
        "127.0.0.1",
        "",
        0,
        0,
        False,
        results=list(views.results),
        behind=views.behind.behind_for(views.results),
        behind_note=views.behind.seen_text(),
    )
    html = report_html(data, lambda name, _image: name)
    assert "<th>Who is behind</th>" in html
    assert html.count(f"(pid {os.getpid()}") == 2
    assert "reachable from every network this machine is on" in html
    assert "right after the scan" in html
    path = tmp_path / "export.csv"

    async def chosen(*_args):
        return str(path)

    window.files.ask_save_path = chosen
    assert run(qloop, window.files.export_csv()) == path
    with path.open(newline="") as f:
        rows = {int(r["port"]): r for r in csv.DictReader(f)}
    assert rows[everywhere]["pid"] == str(os.getpid())
    assert rows[everywhere]["listen_address"] == "0.0.0.0"
    assert rows[loopback]["listen_address"] == "127.0.0.1"


def test_another_machine_s_door_says_nothing(window):
    door = PortResult(
        "198.51.100.7",
        "198.51.100.7",
        Protocol.TCP,
        22,
        PortState.OPEN,
        Reason.SYN_ACK,
        0.001,
        1.7e9,
    )
    window.views.door_model.add_results([door])
    box = window.views.behind
    box.show_result(door, window.views.results)
    assert not box.isVisibleTo(window)


def test_a_socket_of_another_user_is_said_to_be_hidden_not_guessed(window):
    door = PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.TCP, 5432, PortState.OPEN, Reason.SYN_ACK, 0.001, 1.7e9
    )
    box = window.views.behind
    box._behind = Behind(ListenerTable([Listener(Protocol.TCP, 5432, "127.0.0.1")]), own=())
    box.show_result(door)
    assert box.isVisibleTo(window)
    assert box.lines.text().splitlines()[0] == NOT_VISIBLE
    assert "root" in box.note.text()


def cells(model, row):
    return [
        model.index(row, column).data()
        for column in (Column.PROCESS, Column.PID, Column.LISTEN_ADDRESS)
    ]


def test_the_table_s_process_pid_and_listens_on_columns(scanned, qtmodeltester):
    window, everywhere, loopback = scanned
    model = window.views.results_model
    model.sync()
    name, pid = psutil.Process().name(), str(os.getpid())
    assert cells(model, model.row_for("127.0.0.1", Protocol.TCP, everywhere)) == [
        name,
        pid,
        "0.0.0.0",
    ]
    row = model.row_for("127.0.0.1", Protocol.TCP, loopback)
    assert cells(model, row) == [name, pid, "127.0.0.1"]
    tip = model.index(row, Column.PROCESS).data(Qt.ItemDataRole.ToolTipRole)
    assert "reachable from this machine only" in tip
    header = model.headerData(Column.LISTEN_ADDRESS, Qt.Orientation.Horizontal)
    assert [
        model.headerData(c, Qt.Orientation.Horizontal) for c in (Column.PROCESS, Column.PID)
    ] == [
        "Process",
        "PID",
    ]
    assert header == "Listens on"
    qtmodeltester.check(model)


def test_the_table_s_other_rows_stay_empty_and_pid_sorts_as_a_number(window, qloop):
    with listening_on("127.0.0.1") as port:
        closed = PortResult(
            "127.0.0.1",
            "127.0.0.1",
            Protocol.TCP,
            1,
            PortState.CLOSED,
            Reason.CONN_REFUSED,
            0.001,
            1.7e9,
        )
        other = PortResult(
            "198.51.100.7", "198.51.100.7", Protocol.TCP, port, PortState.OPEN, Reason.SYN_ACK,
            0.001, 1.7e9,
        )  # fmt: skip
        ours = PortResult(
            "127.0.0.1", "127.0.0.1", Protocol.TCP, port, PortState.OPEN, Reason.SYN_ACK, 0.001,
            1.7e9,
        )  # fmt: skip
        model = window.views.results_model
        model.add_results([closed, other, ours])
        assert cells(model, model.row_for("198.51.100.7", Protocol.TCP, port)) == ["", "", ""]
        assert cells(model, model.row_for("127.0.0.1", Protocol.TCP, 1)) == ["", "", ""]
        assert cells(model, model.row_for("127.0.0.1", Protocol.TCP, port))[1] == str(os.getpid())
        model.sort(Column.PID, Qt.SortOrder.AscendingOrder)
        assert model.result_at(0) == ours  # a known pid before the empty ones
        keys = [model.index(r, Column.PID).data(ResultRole.SORT_KEY) for r in range(3)]
        assert keys[0] == (False, os.getpid())


def test_a_snapshot_taken_again_refills_the_table(window):
    door = PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.TCP, 5432, PortState.OPEN, Reason.SYN_ACK, 0.001, 1.7e9
    )
    model = window.views.results_model
    model.add_results([door])
    box = window.views.behind
    box._behind = Behind(ListenerTable([Listener(Protocol.TCP, 5432, "127.0.0.1")]), own=())
    box.changed.emit()
    assert cells(model, 0) == ["", "", "127.0.0.1"]  # another user's: not guessed
    tip = model.index(0, Column.PID).data(Qt.ItemDataRole.ToolTipRole)
    assert "not visible to this user" in tip  # NOT_VISIBLE, escaped as rich text
    listener = Listener(Protocol.TCP, 5432, "0.0.0.0", 812, "postgres", "postgres")
    box._behind = Behind(ListenerTable([listener]), own=())
    box.changed.emit()
    assert cells(model, 0) == ["postgres", "812", "0.0.0.0"]
