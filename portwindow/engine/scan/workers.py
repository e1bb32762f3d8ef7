"""One scan on several cores: ``ScanConfig.workers`` scanning processes, each a shard of
the TCP doors (``shards.py``: shard i of N) on a loop of its own, merged here into one
stream of batches, as a :class:`Scan` would hand them out.

:class:`ParallelScan` has a :class:`Scan`'s face (``run(on_batch)``, ``cancel``,
``progress``). It forks (``spawn`` where there is no fork) its workers; each runs
``Scan(config, shard=Shard(i, N, seed))`` and sends its batches back through a pipe,
results as plain tuples (pickling the result objects themselves costs ten times as
much), with its progress. The UDP ports all go to worker 0: a target's ICMP ration is
paced by one pacer (``udp_pace.py``), never by two that would each think it has the
whole of it. The workers share the scan's budget (``ScanConfig.share``: each has
1/N of the window, the per-host cap and ``--rate``): together they knock on a target no
harder than one process would. Host names are resolved by each worker; worker 0's
errors are reported.

Ctrl-C is the parent's: the workers ignore SIGINT, and ``cancel`` sends each SIGUSR1
(each then ends as a cancelled scan does, with what it found). A thread per worker
reads its pipe (blocking: a pipe an event loop watches is made non-blocking, and a
large batch would then fail half-sent) and hands each message to the loop. A worker
that dies ends the scan as partial; its error goes to the log.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import random
import signal
import sys
import threading
import time
from collections.abc import Callable

from portwindow.engine.core.model import (
    PortResult,
    PortState,
    Progress,
    Protocol,
    Reason,
    ScanBatch,
    ScanSummary,
)
from portwindow.engine.core.result_maker import make_result
from portwindow.engine.scan.config import PortOrder, ScanConfig
from portwindow.engine.scan.shards import Shard

log = logging.getLogger(__name__)

BatchCallback = Callable[[ScanBatch], None]

_STATES = list(PortState)
_REASONS = list(Reason)
_PROTOCOLS = list(Protocol)
_STATE_INDEX = {s: i for i, s in enumerate(_STATES)}
_REASON_INDEX = {r: i for i, r in enumerate(_REASONS)}
_PROTOCOL_INDEX = {p: i for i, p in enumerate(_PROTOCOLS)}
CANCEL_SIGNAL = signal.SIGUSR1
FORKED = sys.platform.startswith("linux")
MIN_DOORS = 8192
"""TCP doors a worker must have to be worth its start (a fork, a loop: ~20 ms)."""


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def workers_for(config_doors: int, wanted: int) -> int:
    """Workers for a scan of ``config_doors`` TCP doors: ``wanted``, or (0) one per core
    when there are enough doors to pay for starting them (``MIN_DOORS`` each)."""
    if wanted:
        return wanted
    return max(1, min(default_workers(), config_doors // MIN_DOORS))


def pack(results) -> list[tuple]:
    return [
        (
            r.host,
            r.address,
            _PROTOCOL_INDEX[r.protocol],
            r.port,
            _STATE_INDEX[r.state],
            _REASON_INDEX[r.reason],
            r.rtt,
            r.scanned_at,
            r.banner,
        )
        for r in results
    ]


def unpack(rows: list[tuple]) -> tuple[PortResult, ...]:
    states, reasons, protocols, make = _STATES, _REASONS, _PROTOCOLS, make_result
    return tuple(
        make(host, address, protocols[p], port, states[s], reasons[q], rtt, at, banner)
        for host, address, p, port, s, q, rtt, at, banner in rows
    )


def worker_scan(config: ScanConfig, index: int, count: int):
    """The :class:`Scan` worker ``index`` of ``count`` runs: its shard of the TCP doors
    (worker 0 has the UDP ports too) and its share of the budget."""
    from portwindow.engine.scan.scheduler import Scan  # noqa: PLC0415 - in the child only

    return Scan(config.share(count), shard=Shard(index, count, None), udp=index == 0)


def _worker(config: ScanConfig, index: int, count: int, conn) -> None:
    """A worker process: scan shard ``index`` of ``count``, batches down ``conn``; SIGUSR1
    cancels. (``conn`` stays blocking: an event loop watching it would make it not.)"""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    asyncio.events._set_running_loop(None)  # forked from inside the parent's running loop
    from portwindow.engine.scan import loops  # noqa: PLC0415 - in the child only

    scan = worker_scan(config, index, count)

    def send(batch: ScanBatch) -> None:
        conn.send(("batch", pack(batch.results), batch.progress))

    async def main() -> ScanSummary:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(CANCEL_SIGNAL, scan.cancel)
        return await scan.run(send)

    try:
        summary = loops.run(main())
        conn.send(("done", summary))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
    if FORKED:
        # A forked child holds a copy of the parent's event loop, whose teardown would
        # touch what it shares with the parent (its epoll instance): leave at once.
        os._exit(0)


def _read(conn, deliver: Callable[[object], None]) -> None:
    """A thread's loop: every message of one worker, in order, then None at its end."""
    try:
        while True:
            deliver(conn.recv())
    except (EOFError, OSError):
        pass
    finally:
        deliver(None)


def merge_progress(parts: list[Progress | None]) -> Progress:
    """Every worker's progress as one: counts added, the longest elapsed, the latest end."""
    known = [p for p in parts if p is not None]
    done = sum(p.done for p in known)
    elapsed = max((p.elapsed for p in known), default=0.0)
    etas = [p.eta for p in known]
    return Progress(
        done=done,
        total=sum(p.total for p in known),
        elapsed=elapsed,
        rate=done / elapsed if elapsed > 0 else 0.0,
        eta=None if None in etas or len(known) < len(parts) else max(etas, default=0.0),
        open=sum(p.open for p in known),
        closed=sum(p.closed for p in known),
        filtered=sum(p.filtered for p in known),
        open_filtered=sum(p.open_filtered for p in known),
    )


class ParallelScan:
    """A scan on ``config.workers`` processes (see the module docstring)."""

    def __init__(self, config: ScanConfig) -> None:
        if config.order is PortOrder.SHUFFLED and config.seed is None:
            # Every worker must shuffle alike, or its shard of the order is not its
            # share of the doors (a door twice, another never).
            config = dataclasses.replace(config, seed=random.getrandbits(64))
        self.config = config
        self.count = config.workers
        self._processes: list = []
        self._cancelled = False
        self._progress: list[Progress | None] = [None] * self.count

    def cancel(self) -> None:
        self._cancelled = True
        for process in self._processes:
            if process.pid is not None and process.exitcode is None:
                with contextlib.suppress(OSError):
                    os.kill(process.pid, CANCEL_SIGNAL)

    def progress(self) -> Progress:
        return merge_progress(self._progress)

    async def run(self, on_batch: BatchCallback | None = None) -> ScanSummary:
        emit = on_batch or (lambda batch: None)
        import multiprocessing  # noqa: PLC0415 - only when there are workers

        context = multiprocessing.get_context("fork" if FORKED else "spawn")
        loop = asyncio.get_running_loop()
        started = time.time()
        summaries: dict[int, ScanSummary] = {}
        failed: list[str] = []
        ended = loop.create_future()
        open_count = self.count

        def handle(index: int, message) -> None:
            nonlocal open_count
            if message is None:
                open_count -= 1
                if index not in summaries and not failed:
                    failed.append(f"worker {index} ended without a word")
                if not open_count and not ended.done():
                    ended.set_result(None)
                return
            kind, *body = message
            if kind == "batch":
                results, progress = body
                self._progress[index] = progress
                emit(ScanBatch(results, self.progress()))
            elif kind == "done":
                summaries[index] = body[0]
                self._progress[index] = body[0].progress
            else:
                failed.append(body[0])

        def deliverer(index: int) -> Callable[[object], None]:
            def deliver(message) -> None:
                if message is not None and message[0] == "batch":
                    message = ("batch", unpack(message[1]), message[2])
                loop.call_soon_threadsafe(handle, index, message)

            return deliver

        threads = []
        try:
            for index in range(self.count):
                parent, child = context.Pipe(duplex=False)
                process = context.Process(
                    target=_worker, args=(self.config, index, self.count, child), daemon=True
                )
                process.start()
                child.close()
                self._processes.append(process)
                thread = threading.Thread(
                    target=_read, args=(parent, deliverer(index)), daemon=True
                )
                thread.start()
                threads.append((thread, parent))
            if self._cancelled:
                self.cancel()
            await ended
        finally:
            if not ended.done():
                self.cancel()
            for process in self._processes:
                process.join(5)
                if process.is_alive():
                    process.kill()
                    process.join(5)
            for thread, parent in threads:
                thread.join(5)
                parent.close()
        for message in failed:
            log.error("a scanning process failed: %s", message)
        progress = self.progress()
        first = summaries.get(0)
        return ScanSummary(
            progress=progress,
            partial=bool(failed)
            or any(s.partial for s in summaries.values())
            or len(summaries) < self.count,
            started_at=started,
            finished_at=time.time(),
            host_errors=first.host_errors if first is not None else (),
        )
