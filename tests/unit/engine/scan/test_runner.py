"""The threaded runner: the engine on its own loop in a worker thread, batches delivered
to another loop (the GUI's, in the app) on that loop's thread."""

import asyncio
import threading
import time

import pytest

from portwindow.engine.core.model import PortState
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.runner import ThreadedScanRunner
from portwindow.engine.scan.scheduler import Scan
from portwindow.engine.scan.state import ScanState
from tests.support.listeners import listeners


def config(ports: str, **kw) -> ScanConfig:
    return ScanConfig(parse_targets("127.0.0.1"), parse_ports(ports), **kw)


async def scanned(ports: str, **kw):
    """A runner's whole scan of 127.0.0.1's ``ports``, delivered to the running loop."""
    runner = ThreadedScanRunner(config(ports), deliver_to=asyncio.get_running_loop(), **kw)
    summary = await runner.start()
    assert runner.join(5)
    return summary


@pytest.mark.parametrize("uvloop", [False, True])
def test_batches_arrive_on_the_receiving_loops_thread(uvloop):
    with listeners(2) as open_ports:
        spec = "1-3000," + ",".join(map(str, open_ports))

        async def main():
            threads, results = set(), []

            def on_batch(batch):
                threads.add(threading.get_ident())
                results.extend(batch.results)

            def on_state(old, new):
                threads.add(threading.get_ident())
                moves.append((new, len(results)))

            moves = []
            summary = await scanned(
                spec, on_batch=on_batch, prefer_uvloop=uvloop, on_state=on_state
            )
            return threads, results, summary, moves

        threads, results, summary, moves = asyncio.run(main())
    assert threads == {threading.get_ident()}
    assert [state for state, _ in moves] == [
        ScanState.STARTING,
        ScanState.SCANNING,
        ScanState.FINISHED,
    ]
    assert moves[0][1] == 0
    assert len(results) == summary.progress.done == summary.progress.total
    assert {r.port for r in results if r.state is PortState.OPEN} >= set(open_ports)
    assert not summary.partial


def test_cancel_and_pause_from_the_receiving_thread():
    async def main():
        loop = asyncio.get_running_loop()
        seen = []
        runner = ThreadedScanRunner(
            config("1-65535", rate=4000), deliver_to=loop, on_batch=seen.append
        )
        future = runner.start()
        await asyncio.sleep(0.2)
        runner.pause()
        await asyncio.sleep(0.1)
        done_paused = runner.scan.progress().done
        await asyncio.sleep(0.2)
        assert runner.scan.progress().done == done_paused
        runner.resume()
        await asyncio.sleep(0.1)
        assert runner.scan.progress().done > done_paused
        t0 = time.perf_counter()
        runner.cancel()
        summary = await future
        latency = time.perf_counter() - t0
        assert runner.join(2)
        return summary, latency, seen

    summary, latency, seen = asyncio.run(main())
    assert latency < 2.0  # Stop under 2 s
    assert summary.partial
    assert sum(len(b.results) for b in seen) == summary.progress.done


def test_an_engine_failure_reaches_the_future(monkeypatch):
    async def broken(self, on_batch=None):
        raise OSError("boom")

    monkeypatch.setattr(Scan, "run", broken)

    async def main():
        runner = ThreadedScanRunner(
            config("1"), deliver_to=asyncio.get_running_loop(), on_batch=lambda b: None
        )
        with pytest.raises(OSError, match="boom"):
            await runner.start()
        assert runner.join(2)

    asyncio.run(main())


def test_prepare_runs_on_the_worker_and_its_value_comes_with_the_batch():
    """The window collects each batch into its result set on the worker thread."""
    with listeners(1) as (open_port,):

        async def main():
            prepared_on, delivered_on, pairs = set(), set(), []

            def prepare(batch):
                prepared_on.add(threading.get_ident())
                return len(batch.results)

            def on_batch(batch, prepared):
                delivered_on.add(threading.get_ident())
                pairs.append((len(batch.results), prepared))

            summary = await scanned(f"1-2000,{open_port}", on_batch=on_batch, prepare=prepare)
            return prepared_on, delivered_on, pairs, summary

        prepared_on, delivered_on, pairs, summary = asyncio.run(main())
    assert delivered_on == {threading.get_ident()}
    assert prepared_on
    assert threading.get_ident() not in prepared_on
    assert all(count == prepared for count, prepared in pairs)
    assert sum(count for count, _ in pairs) == summary.progress.done


def test_the_hosts_come_from_the_source_given_and_a_stop_cancels_it():
    """The window's discovery: the runner's scan asks the source for its hosts, and
    cancelling the runner cancels the source too."""
    from portwindow.engine.scan.hosts import resolve_hosts

    asked, cancelled = [], threading.Event()

    class Source:
        async def __call__(self, targets):
            asked.append(targets)
            await asyncio.get_running_loop().run_in_executor(None, cancelled.wait, 5)
            return await resolve_hosts(targets)

        def cancel(self):
            cancelled.set()

    async def main():
        runner = ThreadedScanRunner(
            config("1-3"),
            deliver_to=asyncio.get_running_loop(),
            on_batch=lambda _b: None,
            hosts=Source(),
        )
        future = runner.start()
        for _ in range(500):
            if asked:
                break
            await asyncio.sleep(0.01)
        runner.cancel()
        summary = await asyncio.wait_for(future, 10)
        assert runner.join(5)
        return summary

    summary = asyncio.run(main())
    assert cancelled.is_set()
    assert [str(t) for t in asked] == [str(parse_targets("127.0.0.1"))]
    assert summary.partial
