"""The window's scan controller: a ScanSession run on the engine's worker thread, its
batches collected into the session's result set, its state the engine's machine."""

import asyncio

import pytest

from portwindow.engine import (
    PortState,
    ScanConfig,
    ScanRequest,
    ScanSession,
    ScanState,
    ThreadedScanRunner,
    parse_ports,
    parse_targets,
)
from portwindow.gui.scan_controller import ScanController
from tests.support.listeners import free_ports, listeners
from tests.unit.gui.driving import run, until


def session_of(ports: str, **options) -> ScanSession:
    config = ScanConfig(
        targets=parse_targets("127.0.0.1"), ports=parse_ports(ports), batch_interval=0.01, **options
    )
    return ScanSession(ScanRequest(config, "127.0.0.1", ports, source="window"), keep_order=True)


@pytest.fixture
def controller(qapp):
    made = ScanController()
    yield made
    made.stop_and_wait()


def recorder(controller):
    states, batches, paused = [], [], []
    controller.state_changed.connect(states.append)
    controller.batch_received.connect(lambda batch, delta: batches.append((batch, delta)))
    controller.paused_changed.connect(paused.append)
    return states, batches, paused


def test_a_scan_collects_every_batch_into_the_session_and_follows_the_engine(controller, qloop):
    states, batches, _ = recorder(controller)
    with listeners(2) as open_ports:
        closed = free_ports(3)
        ports = ",".join(map(str, [*open_ports, *closed]))
        session = session_of(ports)
        assert controller.state is ScanState.IDLE
        summary = run(qloop, controller.run(session))
    assert summary is not None
    assert not summary.partial
    assert session.summary is summary
    assert controller.session is session
    assert states == [ScanState.STARTING, ScanState.SCANNING, ScanState.FINISHED]
    assert controller.state is ScanState.FINISHED
    assert not controller.busy
    assert len(session.results) == 5
    assert {r.port for r in session.results.in_states({PortState.OPEN})} == set(open_ports)
    assert sum(delta.new_doors for _, delta in batches) == 5
    assert sum(len(batch.results) for batch, _ in batches) >= 5


def test_stopping_moves_at_once_and_the_engine_s_own_move_is_not_repeated(controller, qloop):
    states, _, _ = recorder(controller)
    session = session_of("1-65535", rate=2000.0)

    async def main():
        task = asyncio.ensure_future(controller.run(session))
        await until(lambda: len(session.results) > 50)
        assert controller.busy
        controller.stop()
        assert controller.state is ScanState.STOPPING  # before the engine says so
        controller.stop()  # a second stop changes nothing
        return await task

    summary = run(qloop, main())
    assert summary.partial
    assert states == [
        ScanState.STARTING,
        ScanState.SCANNING,
        ScanState.STOPPING,
        ScanState.FINISHED,
    ]
    assert len(session.results) == summary.progress.done < 65535


def test_one_scan_at_a_time(controller, qloop):
    session = session_of("1-65535", rate=2000.0)

    async def main():
        task = asyncio.ensure_future(controller.run(session))
        await asyncio.sleep(0)
        with pytest.raises(RuntimeError, match="already running"):
            await controller.run(session_of("1"))
        controller.stop()
        return await task

    assert run(qloop, main()).partial


def test_pausing_holds_the_scan_while_scanning_only(controller, qloop):
    _, _, paused = recorder(controller)
    controller.set_paused(True)  # nothing runs: nothing to pause
    assert paused == []
    session = session_of("1-3000", rate=4000.0)

    async def main():
        task = asyncio.ensure_future(controller.run(session))
        await until(lambda: len(session.results) > 100)
        controller.set_paused(True)
        assert controller.paused
        await asyncio.sleep(0.15)
        held = len(session.results)
        await asyncio.sleep(0.3)
        assert len(session.results) == held
        controller.set_paused(False)
        return await task

    summary = run(qloop, main())
    assert not summary.partial
    assert len(session.results) == 3000
    assert paused == [True, False]


def test_an_engine_failure_is_reported_and_the_scan_finishes(controller, qloop, monkeypatch):
    failures, states = [], []
    controller.scan_failed.connect(failures.append)
    controller.state_changed.connect(states.append)

    def failing_start(runner):
        future = asyncio.get_running_loop().create_future()
        future.set_exception(OSError("no more file descriptors"))
        return future

    monkeypatch.setattr(ThreadedScanRunner, "start", failing_start)
    session = session_of("1")
    assert run(qloop, controller.run(session)) is None
    assert failures == ["The scan failed: no more file descriptors"]
    assert states == [ScanState.STARTING, ScanState.FINISHED]
    assert session.summary is None
    assert not controller.busy


def test_moves_the_engine_makes_late_are_followed_only_where_they_lead_on(controller):
    states = []
    controller.state_changed.connect(states.append)
    controller._runner = object()  # as while a scan runs
    controller._machine.move(ScanState.STARTING)
    controller._engine_moved(ScanState.IDLE, ScanState.STARTING)  # made ahead: not again
    controller._machine.move(ScanState.STOPPING)  # the user stopped while it started
    controller._engine_moved(ScanState.STARTING, ScanState.SCANNING)  # too late to follow
    controller._engine_moved(ScanState.SCANNING, ScanState.STOPPING)
    controller._engine_moved(ScanState.STOPPING, ScanState.FINISHED)
    controller._runner = None
    assert states == [ScanState.STARTING, ScanState.STOPPING, ScanState.FINISHED]
