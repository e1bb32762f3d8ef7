"""The Watches dock: a watch's runs listed with their status and what changed; a run that
found a change notifies (through the notification call) and the notification opens the
compare view of that run against the one before. Scans are of listeners this test opens
on loopback in its own network namespace."""

from portwindow.engine.watch.model import Schedule, Watch
from portwindow.engine.watch.store import WatchStore
from tests.support.listeners import free_ports, listeners
from tests.unit.gui.driving import run, until

T0 = 1_790_000_000.0


def cells(window):
    table = window.watches.panel.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_a_run_that_finds_a_door_opened_notifies_and_opens_the_compare_view(window, qloop):
    shown = []
    controller = window.watches
    controller.notifier.show = lambda *args: shown.append(args)
    (later,) = free_ports(1)
    with listeners(1) as (steady,):
        watch = Watch(
            "web", "127.0.0.1", Schedule(every=15), ports=f"{steady},{later}", banners=False
        )
        WatchStore().put(watch)
        controller.refresh()
        assert cells(window)[0][:3] == ["web", "-", "never run"]
        first = run(qloop, controller.run(watch))
        assert shown == []
        assert first.alerts == ()
        assert cells(window)[0][2] == "ok"
        with listeners(1, ports=[later]):
            second = run(qloop, controller.run(watch))
    assert len(shown) == 1
    title, text, _icon, _ms = shown[0]
    assert title == "portwindow: watch web"
    assert text == f"Watch web: {later}/tcp on 127.0.0.1 opened since the last run (closed before)."
    row = cells(window)[0]
    assert row[2] == "changed"
    assert row[4] == text
    controller.notifier.tray.messageClicked.emit()  # the person clicks the notification
    run(qloop, until(lambda: window.history_controller.compare_dialog is not None))
    dialog = window.history_controller.compare_dialog
    assert dialog is not None
    assert [(c.change.value, c.port) for c in dialog.diff.changes] == [("opened", later)]
    assert (first.scan_id, second.scan_id) == controller.last_alerted


def test_the_timer_runs_a_watch_when_it_is_due(window, qloop):
    controller = window.watches
    clock = [T0]
    controller.scheduler.clock = lambda: clock[0]
    started = []
    controller.scheduler.run = started.append
    WatchStore().put(Watch("web", "127.0.0.1", Schedule(every=15), ports="1"))
    controller.tick()
    clock[0] += 14 * 60
    controller.tick()
    clock[0] += 60
    controller.tick()
    assert [w.name for w in started] == ["web", "web"]
    assert controller.timer.isActive()


def test_the_printable_report_of_a_watch_scan_shows_its_chain(window, qloop, tmp_path, monkeypatch):
    controller = window.watches
    controller.notifier.show = lambda *args: None
    with listeners(1) as (port,):
        watch = Watch("web", "127.0.0.1", Schedule(every=15), ports=str(port), banners=False)
        WatchStore().put(watch)
        first = run(qloop, controller.run(watch))
        second = run(qloop, controller.run(watch))
    assert run(qloop, window.history_controller.open_scan(second.scan_id))
    path = tmp_path / "report.html"

    async def ask_path():
        return str(path)

    monkeypatch.setattr(window.files, "ask_report_path", ask_path)
    assert run(qloop, window.files.export_report()) == path
    text = path.read_text()
    assert "<h2>Evidence</h2>" in text
    assert "Watch web, scan #2 of its chain" in text
    assert f"SHA-256: {second.sha256}" in text
    assert f"Previous: {first.sha256}" in text
    assert "Chain: intact up to this scan" in text
