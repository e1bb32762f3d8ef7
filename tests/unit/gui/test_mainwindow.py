"""The window driven as a person would: type, press Scan, watch the doors, stop, export,
reopen, close. Every scan here is of 127.0.0.1."""

import asyncio
import threading
import time

import pytest

from portwindow.engine.model import PortState, Protocol
from portwindow.gui import settings as opt
from portwindow.gui.doors.model import DoorRole
from portwindow.gui.mainwindow import MainWindow
from portwindow.gui.qt import QtCore, QtWidgets
from tests.support.listeners import free_ports, listeners

CONTRACT = {
    "targetsEdit": QtWidgets.QLineEdit,
    "portsEdit": QtWidgets.QLineEdit,
    "scanButton": QtWidgets.QPushButton,
    "stopButton": QtWidgets.QPushButton,
    "doorView": QtWidgets.QAbstractItemView,
    "resultsTable": QtWidgets.QTableView,
    "progressBar": QtWidgets.QProgressBar,
}


@pytest.fixture
def window(qtbot, settings):
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.controller.busy:
        win.controller.stop_and_wait()


def run(qloop, coro, timeout=60):
    return qloop.run_until_complete(asyncio.wait_for(coro, timeout))


async def until(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)


def found(win) -> int:
    """Results in the table model (a hidden view's results wait until flushed)."""
    win.flush_views()
    return win.results_model.rowCount()


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
            await until(lambda: window.last_summary is not None)

        run(qloop, main())
    summary = window.last_summary
    assert summary is not None
    assert not summary.partial
    model = window.door_model
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
    assert window.progress_bar.value() == window.progress_bar.maximum() == 5
    assert "2 open" in window.counts_label.text()
    assert window.findChild(QtWidgets.QPushButton, "scanButton").isVisible()


def test_clicking_a_door_shows_details_with_the_plain_language_note(window, qloop):
    with listeners(1) as (port,):
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(str(port))
        run(qloop, window.start_scan())
    index = window.door_model.door_index("127.0.0.1", Protocol.TCP, port)
    window.door_view.setCurrentIndex(index)
    text = " ".join(label.text() for label in window.details.findChildren(QtWidgets.QLabel))
    assert str(port) in text
    assert "close" in text.lower()  # the reminder that an unneeded open door should be closed


def test_stop_mid_scan_keeps_partial_results(window, qloop, settings):
    settings.set(opt.RATE, 3000.0)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")

    async def main():
        task = asyncio.ensure_future(window.start_scan())
        await until(lambda: found(window) > 200)
        assert window.findChild(QtWidgets.QPushButton, "stopButton").isVisible()
        window.findChild(QtWidgets.QPushButton, "stopButton").click()
        t0 = time.perf_counter()
        summary = await task
        return summary, time.perf_counter() - t0

    summary, latency = run(qloop, main())
    assert summary.partial
    assert latency < 0.5
    assert found(window) == summary.progress.done < 65535
    assert not scan_threads()
    assert "Stopped" in window.statusBar().currentMessage()


def test_keyboard_ctrl_enter_scans_and_escape_stops(window, qloop, settings, qtbot):
    settings.set(opt.RATE, 3000.0)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")

    async def main():
        qtbot.keyClick(window, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
        await until(lambda: found(window) > 100)
        qtbot.keyClick(window, QtCore.Qt.Key.Key_Escape)
        await until(lambda: not window.controller.busy)

    run(qloop, main())
    assert window.last_summary.partial


def test_pause_and_resume(window, qloop, settings):
    settings.set(opt.RATE, 4000.0)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-3000")

    async def main():
        task = asyncio.ensure_future(window.start_scan())
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
        run(qloop, window.start_scan())

    async def save_path(title, suggested):
        return str(path)

    window.ask_save_path = save_path
    assert run(qloop, window.export_csv()) == path
    before = sorted((r.address, r.port, r.state, r.reason) for r in window.results_model.results())
    assert window.open_report(path)
    after = sorted((r.address, r.port, r.state, r.reason) for r in window.results_model.results())
    assert after == before
    index = window.door_model.door_index("127.0.0.1", Protocol.TCP, open_ports[0])
    assert index.data(DoorRole.STATE) is PortState.OPEN


def test_export_only_what_the_filter_shows(window, qloop, tmp_path):
    path = tmp_path / "open.csv"
    with listeners(2) as open_ports:
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(",".join(map(str, open_ports)) + ",1-30")
        run(qloop, window.start_scan())
    window.state_filter.setCurrentIndex(1)  # Open only

    async def save_path(title, suggested):
        return str(path)

    window.ask_save_path = save_path
    run(qloop, window.export_csv(visible_only=True))
    lines = path.read_text().splitlines()
    assert len(lines) == 1 + len(open_ports)


def test_export_failure_shows_a_dialog_and_keeps_results(window, qloop, tmp_path):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-20")
    run(qloop, window.start_scan())

    async def save_path(title, suggested):
        return str(tmp_path / "missing-folder" / "r.csv")

    window.ask_save_path = save_path
    assert run(qloop, window.export_csv()) is None
    boxes = [b for b in window.findChildren(QtWidgets.QMessageBox) if b.isVisible()]
    assert boxes
    assert "missing-folder" in boxes[0].text()
    assert found(window) == 20
    for box in boxes:
        box.close()


def test_bad_report_shows_a_message_and_keeps_results(window, qloop, tmp_path):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-5")
    run(qloop, window.start_scan())
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,report\n1,2,3\n")
    assert not window.open_report(bad)
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

    window.confirm = refuse
    window.form.set_targets("127.0.0.0/8")
    window.form.set_ports("22")
    assert run(qloop, window.start_scan()) is None
    assert asked
    assert "16,777,216" in asked[0]
    assert not window.controller.busy


def test_closing_during_a_scan_stops_it_cleanly(window, qloop, settings, qapp):
    # Closing the last window would quit the app and with it the loop the test runs on.
    qapp.setQuitOnLastWindowClosed(False)
    settings.set(opt.RATE, 3000.0)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")

    async def main():
        task = asyncio.ensure_future(window.start_scan())
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
    run(qloop, window.start_scan())
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
    config = window.scan_config(window.form.current_input)
    assert (config.timeout, config.retries, config.concurrency, config.rate) == (0.4, 5, 128, 900.0)
    settings.set(opt.CONCURRENCY, 0)
    settings.set(opt.RATE, 0.0)
    config = window.scan_config(window.form.current_input)
    assert config.concurrency is None
    assert config.rate is None


def test_copy_selection_puts_rows_on_the_clipboard(window, qloop, qapp):
    with listeners(1) as (port,):
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(f"{port},{port + 1}")
        run(qloop, window.start_scan())
    window.show_view(1)
    window.results_table.selectAll()
    window.copy_selection()
    text = qapp.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t")[:5] == ["host", "address", "protocol", "port", "state"]
    assert len(lines) == 3
    assert any(f"\t{port}\topen\t" in line for line in lines[1:])
