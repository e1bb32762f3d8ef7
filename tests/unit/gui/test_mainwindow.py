"""The window driven as a person would: type, press Scan, watch the doors, stop, export,
reopen, close. Every scan here is of 127.0.0.1."""

import asyncio
import contextlib
import dataclasses
import socket
import threading
import time

import pytest

from portwindow.engine.core.model import (
    PortResult,
    PortState,
    Progress,
    Protocol,
    Reason,
    ScanBatch,
)
from portwindow.engine.core.results import ResultSet
from portwindow.engine.input.protocol_choice import ProtocolChoice
from portwindow.gui import colors
from portwindow.gui import settings as opt
from portwindow.gui.details import DetailField
from portwindow.gui.doors.model import DoorRole
from portwindow.gui.doors.view import DoorView
from portwindow.gui.mainwindow import MainWindow
from portwindow.gui.qt import QtCore, QtWidgets
from portwindow.gui.results_model import Column
from tests.support.listeners import free_ports, listeners
from tests.unit.gui.driving import run, until

CONTRACT = {
    "targetsEdit": QtWidgets.QLineEdit,
    "portsEdit": QtWidgets.QLineEdit,
    "scanButton": QtWidgets.QPushButton,
    "stopButton": QtWidgets.QPushButton,
    "doorView": QtWidgets.QAbstractItemView,
    "resultsTable": QtWidgets.QTableView,
    "progressBar": QtWidgets.QProgressBar,
}


def found(win) -> int:
    """Results in the table model (a hidden view's results wait until flushed)."""
    win.views.flush()
    return win.views.results_model.rowCount()


def scan_threads():
    return [t for t in threading.enumerate() if t.name == "portwindow-scan"]


def test_automation_contract(window):
    for name, kind in CONTRACT.items():
        assert window.findChild(kind, name) is not None, name
    action = window.findChild(QtWidgets.QWidget, "exportCsvAction") or next(
        a for a in window.actions() if a.objectName() == "exportCsvAction"
    )
    assert action is not None


CONTROLS = (
    QtWidgets.QLineEdit,
    QtWidgets.QComboBox,
    QtWidgets.QPushButton,
    QtWidgets.QSlider,
    QtWidgets.QAbstractItemView,
    QtWidgets.QProgressBar,
)


def test_every_control_has_an_accessible_name(window):
    controls = [
        w
        for w in window.findChildren(QtWidgets.QWidget)
        if isinstance(w, CONTROLS) and w.window() is window and w.objectName()
    ]
    assert len(controls) >= 10
    for widget in controls:
        assert widget.accessibleName(), widget.objectName()


def test_scan_through_the_buttons_shows_each_door(window, qloop):
    closed = free_ports(3)
    with listeners(2) as open_ports:
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(",".join(map(str, open_ports + closed)))

        async def main():
            window.findChild(QtWidgets.QPushButton, "scanButton").click()
            await until(lambda: window.scans.last_summary is not None)

        run(qloop, main())
    summary = window.scans.last_summary
    assert summary is not None
    assert not summary.partial
    model = window.views.door_model
    for port in open_ports:
        index = model.door_index("127.0.0.1", Protocol.TCP, port)
        assert index.data(DoorRole.STATE) is PortState.OPEN
        tip = index.data(QtCore.Qt.ItemDataRole.ToolTipRole)
        assert f"{port}/tcp" in tip
        assert "open (syn-ack)" in tip
    for port in closed:
        index = model.door_index("127.0.0.1", Protocol.TCP, port)
        assert index.data(DoorRole.STATE) is PortState.CLOSED
        assert "closed (conn-refused)" in index.data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert found(window) == 5
    assert window.status.progress_bar.value() == window.status.progress_bar.maximum() == 5
    assert window.status.progress_bar.updatesEnabled()
    assert window.status.progress_bar.text() == "5 / 5 ports"
    assert "2 open" in window.status.counts_label.text()
    assert window.findChild(QtWidgets.QPushButton, "scanButton").isVisible()


def test_clicking_a_door_shows_details_with_the_plain_language_note(window, qloop):
    with listeners(1) as (port,):
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(str(port))
        run(qloop, window.scans.start())
    index = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, port)
    window.views.door_view.setCurrentIndex(index)
    text = " ".join(label.text() for label in window.views.details.findChildren(QtWidgets.QLabel))
    assert str(port) in text
    assert "close" in text.lower()  # the reminder that an unneeded open door should be closed


def test_stop_mid_scan_keeps_partial_results(window, qloop, settings):
    settings.set(opt.RATE, 3000.0)
    settings.set(opt.GRAB_BANNERS, False)  # no probes beyond connects to this machine
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")

    async def main():
        task = asyncio.ensure_future(window.scans.start())
        await until(lambda: found(window) > 200)
        assert window.findChild(QtWidgets.QPushButton, "stopButton").isVisible()
        window.findChild(QtWidgets.QPushButton, "stopButton").click()
        return await task

    # How soon a stop takes effect is a figure for a bench, not a timed assertion: here,
    # it stopped (at 3,000 probes a second the whole range would take 22 s).
    summary = run(qloop, main())
    assert summary.partial
    assert found(window) == summary.progress.done < 65535
    assert not scan_threads()
    assert "Stopped" in window.status.message()
    assert "ETA" not in window.status.rate_label.text()  # no time left after a stop


def test_keyboard_ctrl_enter_scans_and_escape_stops(window, qloop, settings, qtbot):
    settings.set(opt.RATE, 3000.0)
    settings.set(opt.GRAB_BANNERS, False)  # no probes beyond connects to this machine
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")

    async def main():
        qtbot.keyClick(window, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
        await until(lambda: found(window) > 100)
        qtbot.keyClick(window, QtCore.Qt.Key.Key_Escape)
        await until(lambda: not window.controller.busy)

    run(qloop, main())
    assert window.scans.last_summary.partial


def test_pause_and_resume(window, qloop, settings):
    settings.set(opt.RATE, 4000.0)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-3000")

    async def main():
        task = asyncio.ensure_future(window.scans.start())
        await until(lambda: found(window) > 100)
        window.form.pause_button.click()
        await asyncio.sleep(0.15)
        paused_at = found(window)
        await asyncio.sleep(0.3)
        assert found(window) == paused_at
        assert window.form.pause_button.text() == "&Resume"
        window.form.pause_button.click()
        return await task

    summary = run(qloop, main())
    assert not summary.partial
    assert found(window) == 3000


def test_export_then_reopen_gives_the_same_results(window, qloop, tmp_path):
    path = tmp_path / "scan.csv"
    with listeners(2) as open_ports:
        window.form.set_targets("127.0.0.1-2")
        window.form.set_ports(",".join(map(str, open_ports)) + ",1-50")
        run(qloop, window.scans.start())

    async def save_path(title, suggested):
        return str(path)

    window.files.ask_save_path = save_path
    assert run(qloop, window.files.export_csv()) == path
    before = sorted((r.address, r.port, r.state, r.reason) for r in window.views.results)
    assert run(qloop, window.files.open_report(path))
    assert found(window) == len(before)  # the hidden table gets them when needed
    after = sorted((r.address, r.port, r.state, r.reason) for r in window.views.results)
    assert after == before
    window.views.show_view(1)
    assert window.views.results_table.model().rowCount() == len(before)
    index = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, open_ports[0])
    assert index.data(DoorRole.STATE) is PortState.OPEN


def test_export_only_what_the_filter_shows(window, qloop, tmp_path):
    path = tmp_path / "open.csv"
    with listeners(2) as open_ports:
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(",".join(map(str, open_ports)) + ",1-30")
        run(qloop, window.scans.start())
    window.views.state_filter.setCurrentIndex(1)  # Open only

    async def save_path(title, suggested):
        return str(path)

    window.files.ask_save_path = save_path
    run(qloop, window.files.export_csv(visible_only=True))
    lines = path.read_text().splitlines()
    assert len(lines) == 1 + len(open_ports)


def test_export_failure_shows_a_dialog_and_keeps_results(window, qloop, tmp_path):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-20")
    run(qloop, window.scans.start())

    async def save_path(title, suggested):
        return str(tmp_path / "missing-folder" / "r.csv")

    window.files.ask_save_path = save_path
    assert run(qloop, window.files.export_csv()) is None
    boxes = [b for b in window.findChildren(QtWidgets.QMessageBox) if b.isVisible()]
    assert boxes
    assert "missing-folder" in boxes[0].text()
    assert found(window) == 20
    for box in boxes:
        box.close()


def test_bad_report_shows_a_message_and_keeps_results(window, qloop, tmp_path):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-5")
    run(qloop, window.scans.start())
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,report\n1,2,3\n")
    assert not run(qloop, window.files.open_report(bad))
    assert found(window) == 5
    boxes = [b for b in window.findChildren(QtWidgets.QMessageBox) if b.isVisible()]
    assert boxes
    assert "bad.csv" in boxes[0].text()
    for box in boxes:
        box.close()


def test_invalid_input_starts_nothing(window, qloop):
    window.form.set_targets("127.0.0.1, 999.1.1.1")
    window.form.set_ports("22")
    assert not window.findChild(QtWidgets.QPushButton, "scanButton").isEnabled()
    window.form.request_scan()
    run(qloop, asyncio.sleep(0.1))
    assert not window.controller.busy
    assert found(window) == 0
    assert "999.1.1.1" in window.form.targets.error.text()


def test_large_target_set_asks_first(window, qloop):
    asked = []

    async def refuse(title, text):
        asked.append(text)
        return False

    window.scans.confirm = refuse
    window.form.set_targets("127.0.0.0/8")
    window.form.set_ports("22")
    assert run(qloop, window.scans.start()) is None
    assert asked
    assert "16,777,216" in asked[0]
    assert not window.controller.busy


def test_closing_during_a_scan_stops_it_cleanly(window, qloop, settings, qapp):
    # Closing the last window would quit the app and with it the loop the test runs on.
    qapp.setQuitOnLastWindowClosed(False)
    settings.set(opt.RATE, 3000.0)
    settings.set(opt.GRAB_BANNERS, False)  # no probes beyond connects to this machine
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")

    async def main():
        task = asyncio.ensure_future(window.scans.start())
        await until(lambda: found(window) > 100)
        window.close()
        await until(lambda: not window.controller.busy, timeout=3)
        return await task

    summary = run(qloop, main())
    qapp.setQuitOnLastWindowClosed(True)
    assert summary.partial
    assert not scan_threads()


def test_settings_are_remembered(window, qloop, settings):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-3")
    run(qloop, window.scans.start())
    window.close()
    assert settings.get(opt.RECENT_TARGETS)[0] == "127.0.0.1"
    assert settings.get(opt.LAST_PORTS) == "1-3"
    assert settings.get(opt.WINDOW_GEOMETRY)


def test_scan_settings_reach_the_engine(window, settings):
    settings.set(opt.TIMEOUT, 0.4)
    settings.set(opt.RETRIES, 5)
    settings.set(opt.CONCURRENCY, 128)
    settings.set(opt.RATE, 900.0)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("22")
    config = window.scans.config(window.form.current_input)
    assert (config.timeout, config.retries, config.concurrency, config.rate) == (0.4, 5, 128, 900.0)
    assert config.grab_banners  # by default
    settings.set(opt.CONCURRENCY, 0)
    settings.set(opt.RATE, 0.0)
    settings.set(opt.GRAB_BANNERS, False)
    config = window.scans.config(window.form.current_input)
    assert config.concurrency is None
    assert config.rate is None
    assert not config.grab_banners
    # A timing preset: the settings left at their defaults follow it, the others stay.
    settings.set(opt.TIMING, "polite")
    settings.set(opt.TIMEOUT, opt.TIMEOUT.default)
    config = window.scans.config(window.form.current_input)
    assert config.timing.value == "polite"
    assert (config.timeout, config.retries, config.concurrency, config.rate) == (2.0, 5, 16, 100.0)


def test_copy_selection_puts_rows_on_the_clipboard(window, qloop, qapp):
    with listeners(1) as (port,):
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(f"{port},{port + 1}")
        run(qloop, window.scans.start())
    window.views.show_view(1)
    window.views.results_table.selectAll()
    window.files.copy_selection()
    text = qapp.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t")[:5] == ["host", "address", "protocol", "port", "state"]
    assert len(lines) == 3
    assert any(f"\t{port}\topen\t" in line for line in lines[1:])


# --- UDP, open|filtered and banners ----------------------------------------------------


@contextlib.contextmanager
def banner_listener(banner: bytes):
    """A TCP listener on 127.0.0.1 that greets every connection with ``banner``."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.05)
    stop = threading.Event()

    def serve():
        for _ in range(2000):  # at most 100 s of 50 ms waits
            if stop.is_set():
                return
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            with connection, contextlib.suppress(OSError):
                connection.sendall(banner)

    thread = threading.Thread(target=serve, name="banner-listener", daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        server.close()


@contextlib.contextmanager
def silent_udp_socket(port: int):
    """A UDP socket bound to 127.0.0.1:``port`` that never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError:
        sock.close()
        pytest.skip(f"UDP port {port} is taken")
    try:
        yield port
    finally:
        sock.close()


def test_the_show_box_has_open_filtered(window):
    labels = [
        window.views.state_filter.itemText(i) for i in range(window.views.state_filter.count())
    ]
    assert "Open|filtered" in labels
    window.views.state_filter.setCurrentIndex(labels.index("Open|filtered"))
    assert window.views.door_view.state_filter() == frozenset({PortState.OPEN_FILTERED})
    window.views.state_filter.setCurrentIndex(labels.index("Open and filtered"))
    assert window.views.door_view.state_filter() == frozenset(
        {PortState.OPEN, PortState.FILTERED, PortState.OPEN_FILTERED}
    )


def test_the_status_bar_counts_open_filtered_only_when_there_are_some(window):
    assert "open|filtered" not in window.status.counts_label.text()
    for label in ("0 open", "0 closed", "0 filtered"):
        assert label in window.status.counts_label.text()
    progress = Progress(done=6, total=6, elapsed=1.0, rate=6.0, eta=0.0, open=1, closed=2,
                        filtered=0, open_filtered=3)  # fmt: skip
    window.scans.batch_received(ScanBatch((), progress), window.views.results.add(()))
    assert "3 open|filtered" in window.status.counts_label.text()
    assert colors.OPEN_FILTERED_PURPLE in window.status.counts_label.text()


def test_udp_ports_reach_the_engine_and_the_plan(window, qloop, monkeypatch):
    configs = []

    async def engine(session):
        configs.append(session.request.config)

    monkeypatch.setattr(window.controller, "run", engine)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("22,U:53")
    window.form.set_protocol_choice(ProtocolChoice.BOTH)
    assert run(qloop, window.scans.start()) is None
    (config,) = configs
    assert config.ports == window.form.current_input.ports
    assert (config.ports.tcp, config.ports.udp) == ((22,), (22, 53))
    model = window.views.door_model
    assert model.door_count() == 3
    assert [model.door_at(row) for row in model.udp_rows()] == [
        (Protocol.UDP, 22),
        (Protocol.UDP, 53),
    ]
    door = model.door_index("127.0.0.1", Protocol.UDP, 53)
    assert door.isValid()  # shown before any result, as not probed yet
    assert door.data(DoorRole.STATE) is None


def test_the_protocol_choice_is_remembered(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.form.set_protocol_choice(ProtocolChoice.UDP)
    first.close()
    assert settings.get(opt.PROTOCOL) is ProtocolChoice.UDP
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.form.protocol_choice() is ProtocolChoice.UDP


def test_a_banner_in_a_later_batch_updates_the_door_the_table_and_the_details(window):
    # A round trip of whole microseconds: the result set keeps them so.
    first = PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, 8080, PortState.OPEN,
                       Reason.SYN_ACK, 0.00025, 1_700_000_000.0)  # fmt: skip
    later = dataclasses.replace(first, banner="SSH-2.0-OpenSSH_9.2p1")
    window.views.show_results(ResultSet({Protocol.TCP: (22, 8080)}, keep_order=True))

    def batch_received(results, progress):
        batch = ScanBatch(results, progress)
        window.scans.batch_received(batch, window.views.results.add(batch.results))

    batch_received((first,), Progress(2, 2, 0.1, 20.0, 0.0, open=1))
    door = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, 8080)
    window.views.door_view.setCurrentIndex(door)
    assert window.views.details.text_of(DetailField.BANNER) == ""
    batch_received((later,), Progress(2, 2, 0.2, 10.0, 0.0, open=1))
    window.views.flush()
    assert door.data(DoorRole.RESULT) == later
    assert door.data(DoorRole.BANNER) == "SSH-2.0-OpenSSH_9.2p1"
    assert "answers as ssh" in door.data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert window.views.results_model.rowCount() == 1
    assert window.views.results_model.result_at(0) == later
    assert window.views.details.text_of(DetailField.BANNER) == "SSH-2.0-OpenSSH_9.2p1"
    assert "registered for http-alt" in window.views.details.text_of(DetailField.WARNING)
    window.views.show_view(1)
    window.views.results_table.setCurrentIndex(window.views.results_model.index(0, 0))
    batch_received((first,), Progress(2, 2, 0.3, 7.0, 0.0, open=1))
    assert window.views.details.text_of(DetailField.BANNER) == ""  # the table's row, updated


def test_a_scan_reads_the_banner_of_an_open_door(window, qloop, settings):
    settings.set(opt.TIMEOUT, 0.5)
    with banner_listener(b"SSH-2.0-OpenSSH_9.2p1\r\n") as port:
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(str(port))
        summary = run(qloop, window.scans.start())
    assert summary is not None
    assert not summary.partial
    door = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, port)
    assert door.data(DoorRole.STATE) is PortState.OPEN
    assert door.data(DoorRole.BANNER) == "SSH-2.0-OpenSSH_9.2p1"
    assert "answers as ssh (OpenSSH 9.2p1)" in door.data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert found(window) == 1
    row = window.views.results_model.row_for("127.0.0.1", Protocol.TCP, port)
    assert window.views.results_model.index(row, Column.BANNER).data() == "SSH-2.0-OpenSSH_9.2p1"


def test_a_scan_of_tcp_and_udp_shows_an_open_filtered_udp_door(window, qloop, settings):
    settings.set(opt.TIMEOUT, 0.3)
    settings.set(opt.RETRIES, 0)
    settings.set(opt.GRAB_BANNERS, False)
    with listeners(1) as (port,), silent_udp_socket(port):
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(str(port))
        window.form.set_protocol_choice(ProtocolChoice.BOTH)
        summary = run(qloop, window.scans.start())
    assert summary.progress.total == 2
    model = window.views.door_model
    assert model.door_index("127.0.0.1", Protocol.TCP, port).data(DoorRole.STATE) is (
        PortState.OPEN
    )
    udp_door = model.door_index("127.0.0.1", Protocol.UDP, port)
    assert udp_door.data(DoorRole.STATE) is PortState.OPEN_FILTERED
    assert "open|filtered (no-response)" in udp_door.data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert "1 open|filtered" in window.status.counts_label.text()
    assert "1 open|filtered" in window.status.message()
    assert found(window) == 2


def test_the_door_view_warms_up_once_after_the_window_is_first_shown(
    qtbot, settings, history, monkeypatch
):
    calls = []
    monkeypatch.setattr(DoorView, "warm_up", lambda view: calls.append(view))  # noqa: PLW0108 (binds self)
    win = MainWindow(settings, history=history)
    qtbot.addWidget(win)
    qtbot.wait(20)
    assert calls == []  # not before it is shown
    win.show()
    qtbot.waitUntil(lambda: len(calls) == 1)
    win.hide()
    win.show()
    qtbot.wait(50)
    assert calls == [win.views.door_view]


def test_a_report_still_being_read_when_a_scan_starts_is_not_shown(
    window, qloop, tmp_path, monkeypatch
):
    """The report is read in a worker thread; the scan started meanwhile wins."""
    from portwindow.gui import file_actions

    path = tmp_path / "old.csv"
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-3")
    run(qloop, window.scans.start())

    async def save_path(title, suggested):
        return str(path)

    window.files.ask_save_path = save_path
    run(qloop, window.files.export_csv())
    release = threading.Event()
    real_load = file_actions.load_report

    def slow_load(report_path):
        assert release.wait(10)
        return real_load(report_path)

    monkeypatch.setattr(file_actions, "load_report", slow_load)
    window.form.set_ports("10-14")

    async def main():
        opening = asyncio.ensure_future(window.files.open_report(path))
        await until(lambda: window.status.message().startswith("Opening"))
        assert await window.scans.start() is not None
        release.set()
        return await opening

    assert run(qloop, main()) is False
    assert found(window) == 5
    assert sorted(r.port for r in window.views.results_model.results()) == [10, 11, 12, 13, 14]


def test_switching_views_during_a_scan_loses_no_result(window, qloop, settings):
    """The table's backlog drains in slices while batches keep arriving; then back."""
    settings.set(opt.GRAB_BANNERS, False)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-20000")

    async def main():
        window.findChild(QtWidgets.QPushButton, "scanButton").click()
        await until(lambda: window.views.results_model.rowCount() == 0 and found_doors(window) > 0)
        window.views.view_switch.setCurrentIndex(1)  # as a click on the Table tab
        await until(lambda: window.scans.last_summary is not None)
        await until(lambda: window.views.results_table.model().rowCount() == 20000)
        window.views.view_switch.setCurrentIndex(0)
        await until(lambda: found_doors(window) == 20000)

    run(qloop, main())
    assert window.scans.last_summary.progress.done == 20000
    table_ports = sorted(r.port for r in window.views.results_model.results())
    assert table_ports == list(range(1, 20001))


def found_doors(win) -> int:
    return sum(n for state, n in win.views.door_model.counts().items() if state is not None)


def test_a_second_scan_requested_while_the_first_sets_up_is_ignored(window, qloop):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-5")

    async def main():
        first = asyncio.ensure_future(window.scans.start())
        await asyncio.sleep(0)  # the first is in its setup, between two pauses
        assert await window.scans.start() is None
        return await first

    assert run(qloop, main()) is not None
    assert found(window) == 5
    assert not [b for b in window.findChildren(QtWidgets.QMessageBox) if b.isVisible()]


def test_a_scan_started_while_a_report_is_being_shown_keeps_the_views(window, qloop, tmp_path):
    """The report's results are held for the views in steps; a scan started between two
    steps takes the views over and the report shows nothing more."""
    from portwindow.engine.reports.writers import write_csv

    path = tmp_path / "old.csv"
    old = [
        PortResult("127.0.0.2", "127.0.0.2", Protocol.TCP, port, PortState.CLOSED,
                   Reason.CONN_REFUSED, 0.0001, time.time())
        for port in range(1, 300)
    ]  # fmt: skip
    write_csv(old, path)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("10-14")
    title = window.windowTitle

    async def main():
        generation = window.views.begin_loading()
        loaded = ResultSet.of(old, keep_order=True)
        showing = asyncio.ensure_future(window.views.show_loaded(loaded, generation))
        await asyncio.sleep(0)  # at its first pause
        assert await window.scans.start() is not None
        return await showing

    assert run(qloop, main()) is False
    assert found(window) == 5
    assert {r.address for r in window.views.results_model.results()} == {"127.0.0.1"}
    assert "old.csv" not in title()
