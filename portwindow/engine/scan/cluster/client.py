"""The client's side of a cluster scan: :class:`ClusterScan` has a :class:`Scan`'s face
(``run(on_batch)``, ``cancel``, ``progress``), so a session runs it as it runs a local
scan (the history, the reports, the audit and the exit codes are the same).

It connects to the scheduler, counts the task slots of the workers it may use (every
worker's threads, or with vantage points those of the workers that have the resource
``vantage-NAME``), cuts the TCP doors into shards (``budget.py``), and keeps no more
tasks running per vantage point than it has slots: the budget shared between them is
then never exceeded at a target. Each finished task's results are handed on at once;
each shard is taken once (a worker that dies mid-task loses its shard's results with
it, and the scheduler runs the shard again elsewhere, whole), so no door comes twice
and none is missing. A task that fails (a shard that killed the workers it ran on, see
Dask's ``allowed-failures``) makes the scan partial.

With vantage points every shard runs once from each, and the results of each are kept
apart (``exposure.py``); what is handed on per door is the most open of them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import Progress, ScanBatch, ScanSummary
from portwindow.engine.scan.cluster.budget import Budget, shard_count, task_config, udp_config
from portwindow.engine.scan.cluster.exposure import Exposure
from portwindow.engine.scan.cluster.task import ShardResult, ShardTask, run_task
from portwindow.engine.scan.cluster.wire import from_columns
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.shards import Shard
from portwindow.engine.scan.state import ScanState, ScanStateMachine, StateObserver
from portwindow.engine.scan.workers import merge_progress

log = logging.getLogger(__name__)

BatchCallback = Callable[[ScanBatch], None]
CLUSTER_CONNECT_TIMEOUT = CONNECT_TIMEOUT = 10.0
"""Seconds to reach the scheduler, and then for the workers needed to be there."""
VANTAGE_RESOURCE = "vantage-{}"
WATCH = 1.0
"""Seconds between two looks at the client while no shard comes back."""


class ClusterError(InputError):
    """The cluster cannot run the scan (unreachable, no workers, no such vantage point)."""


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Where the scheduler is, which vantage points to scan from (none: any worker), and
    how the budget is shared (``budget.py``)."""

    address: str
    vantages: tuple[str, ...] = ()
    budget: Budget = Budget.SHARED
    connect_timeout: float = CONNECT_TIMEOUT


def check_cluster_address(text: str) -> str:
    """``tcp://HOST:PORT`` (or tls://): the scheduler's address; InputError otherwise."""
    scheme, sep, rest = text.strip().partition("://")
    host, colon, port = rest.rpartition(":")
    if not sep or scheme not in ("tcp", "tls") or not colon or not host or not port.isdigit():
        raise InputError(f"cluster address {text!r} is not of the form tcp://HOST:PORT")
    if not 1 <= int(port) <= 65535:
        raise InputError(f"cluster address {text!r}: port {port} is out of range 1-65535")
    return text.strip()


def slots_of(workers: Sequence[dict], vantage: str | None) -> int:
    """Task slots of the workers (``scheduler_info()['workers']``' values) for a
    vantage point: each worker's threads, or the tasks its resource lets run at once."""
    total = 0
    for worker in workers:
        threads = int(worker.get("nthreads", 1))
        if vantage is None:
            total += threads
        else:
            amount = worker.get("resources", {}).get(VANTAGE_RESOURCE.format(vantage), 0)
            total += min(threads, int(amount))
    return total


class ClusterScan:
    """A scan on a Dask cluster (see the module docstring)."""

    def __init__(self, config: ScanConfig, settings: ClusterSettings) -> None:
        self.config = config
        self.settings = settings
        self.vantages: tuple[str | None, ...] = settings.vantages or (None,)
        self.exposure: Exposure | None = (
            Exposure(config.ports, settings.vantages) if settings.vantages else None
        )
        #: Which worker ran each shard that came back (shard key -> host:pid).
        self.ran_on: dict[tuple[str | None, str], str] = {}
        self._cancelled = False
        self._paused = False
        self._machine = ScanStateMachine()
        self._resumed: Callable[[], None] | None = None
        self._stop: asyncio.Event | None = None
        self._parts: dict[tuple[str | None, str], Progress] = {}
        self._expected = 0
        self._started = 0.0

    @property
    def state(self) -> ScanState:
        return self._machine.state

    def observe_state(self, observer: StateObserver) -> None:
        self._machine.observe(observer)

    def cancel(self) -> None:
        self._cancelled = True
        if self.state in (ScanState.STARTING, ScanState.SCANNING):
            self._machine.move(ScanState.STOPPING)
        if self._stop is not None:
            self._stop.set()

    def pause(self) -> None:
        """Start no new shard (those running finish: a task cannot be held mid-way)."""
        self._paused = True

    def resume(self) -> None:
        self._paused = False
        if self._resumed is not None:
            self._resumed()

    @property
    def paused(self) -> bool:
        return self._paused

    def progress(self) -> Progress:
        merged = merge_progress(list(self._parts.values()))
        elapsed = time.time() - self._started if self._started else 0.0
        total = max(merged.total, self._expected)
        done = merged.done
        return dataclasses.replace(
            merged,
            total=total,
            elapsed=elapsed,
            rate=done / elapsed if elapsed > 0 else 0.0,
            eta=(total - done) * elapsed / done if done and elapsed > 0 else None,
        )

    async def run(self, on_batch: BatchCallback | None = None) -> ScanSummary:
        if self.state is not ScanState.IDLE:
            raise RuntimeError("a ClusterScan runs once")
        self._machine.move(ScanState.STARTING)
        try:
            return await self._run(on_batch)
        finally:
            self._machine.move(ScanState.FINISHED)

    async def _run(self, on_batch: BatchCallback | None) -> ScanSummary:
        emit = on_batch or (lambda batch: None)
        self._started = time.time()
        self._stop = asyncio.Event()
        if self._cancelled:
            self._stop.set()
        from distributed import Client  # noqa: PLC0415 - Dask only for a cluster scan

        address = self.settings.address
        try:
            client = await Client(
                address,
                asynchronous=True,
                timeout=self.settings.connect_timeout,
                set_as_default=False,
            )
        except (OSError, TimeoutError) as exc:
            raise ClusterError(
                f"cannot reach the cluster's scheduler at {address}: {exc}"
            ) from None
        try:
            summaries, failed = await self._run_on(client, emit)
        finally:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.close(), WATCH * 5)
        for message in failed:
            log.error("a cluster task failed: %s", message)
        progress = self.progress()
        first = next((s for key, s in summaries.items() if key[1] in ("tcp-0", "udp")), None)
        return ScanSummary(
            progress=progress,
            partial=self._cancelled
            or bool(failed)
            or any(s.partial for s in summaries.values())
            or progress.done < progress.total,
            started_at=self._started,
            finished_at=time.time(),
            host_errors=first.host_errors if first is not None else (),
        )

    async def _slots(self, client) -> dict[str | None, int]:
        """Each vantage point's task slots, waiting (up to the connect timeout) for a
        worker of each to be there."""
        deadline = time.monotonic() + self.settings.connect_timeout
        while True:
            info = await client.scheduler.identity(n_workers=-1)
            workers = list(info.get("workers", {}).values())
            slots = {vantage: slots_of(workers, vantage) for vantage in self.vantages}
            missing = [v for v, n in slots.items() if not n]
            if not missing:
                return slots
            if time.monotonic() >= deadline or self._stop.is_set():
                if missing == [None]:
                    raise ClusterError(f"the cluster at {self.settings.address} has no worker")
                names = ", ".join(VANTAGE_RESOURCE.format(v) for v in missing)
                raise ClusterError(
                    f"no worker of the cluster at {self.settings.address} has the resource "
                    f"{names} (dask worker --resources {VANTAGE_RESOURCE.format(missing[0])}=1)"
                )
            await asyncio.sleep(0.2)

    def _tasks(self, vantage: str | None, slots: int) -> deque[ShardTask]:
        config = self.config
        doors = config.targets.address_count * len(config.ports.tcp)
        tasks: deque[ShardTask] = deque()
        udp = udp_config(config)
        if udp is not None:
            tasks.append(ShardTask(udp, "udp", vantage))
        if config.ports.tcp:
            count = shard_count(doors, slots)
            base = task_config(config, slots, self.settings.budget)
            for index in range(count):
                shard = dataclasses.replace(base, shard=Shard(index, count, None))
                tasks.append(ShardTask(shard, f"tcp-{index}", vantage))
        self._expected += doors + config.targets.address_count * len(config.ports.udp)
        return tasks

    async def _run_on(self, client, emit: BatchCallback):
        slots = await self._slots(client)
        if self.state is ScanState.STARTING:
            self._machine.move(ScanState.SCANNING)
        scan_id = uuid.uuid4().hex[:12]
        queues = {vantage: self._tasks(vantage, slots[vantage]) for vantage in self.vantages}
        waiting: dict[asyncio.Future, tuple[str | None, object]] = {}
        summaries: dict[tuple[str | None, str], ScanSummary] = {}
        failed: list[str] = []

        async def outcome(future):
            try:
                return await future, None
            # The task's error, whatever it is; a cancelled future (the scheduler lost
            # it, or died) too: the scan then ends partial, never with a traceback.
            except (Exception, asyncio.CancelledError) as exc:
                return None, f"{future.key}: {type(exc).__name__}: {exc}"

        def submit(vantage: str | None) -> None:
            queue = queues[vantage]
            if not queue or self._stop.is_set() or self._paused:
                return
            task = queue.popleft()
            resources = None if vantage is None else {VANTAGE_RESOURCE.format(vantage): 1}
            lost = f"lost the cluster's scheduler at {self.settings.address}"
            if lost in failed:
                queue.appendleft(task)
                return
            try:
                future = client.submit(
                    run_task,
                    task,
                    key=f"portwindow-{scan_id}-{vantage or ''}-{task.key}",
                    resources=resources,
                    pure=False,
                    retries=0,
                )
            except Exception:  # the client closed: Dask gave up on the scheduler
                queue.appendleft(task)
                failed.append(lost)
                return
            waiting[asyncio.ensure_future(outcome(future))] = (vantage, future)

        def fill() -> None:
            for vantage, count in slots.items():
                running = sum(v == vantage for v, _future in waiting.values())
                for _ in range(count - running):
                    submit(vantage)

        wake = asyncio.Event()
        loop = asyncio.get_running_loop()
        self._resumed = lambda: loop.call_soon_threadsafe(wake.set)
        fill()
        stop = asyncio.ensure_future(self._stop.wait())
        try:
            while not self._stop.is_set() and (waiting or (self._paused and any(queues.values()))):
                if not waiting:  # paused with nothing running: wait for the resume
                    resumed = asyncio.ensure_future(wake.wait())
                    await asyncio.wait({resumed, stop}, return_when=asyncio.FIRST_COMPLETED)
                    resumed.cancel()
                    wake.clear()
                    fill()
                    continue
                done, _ = await asyncio.wait(
                    {*waiting, stop}, timeout=WATCH, return_when=asyncio.FIRST_COMPLETED
                )
                if not done and client.status not in ("running", "connecting"):
                    # Dask gave up reconnecting: the futures would wait for ever.
                    lost = f"lost the cluster's scheduler at {self.settings.address}"
                    if lost not in failed:
                        failed.append(lost)
                    break
                for step in done - {stop}:
                    vantage, future = waiting.pop(step)
                    result, error = step.result()
                    future.release()
                    if error is not None:
                        failed.append(error)
                    else:
                        self._take(result, summaries, emit)
                    submit(vantage)
                if wake.is_set():
                    wake.clear()
                    fill()
        finally:
            self._resumed = None
            stop.cancel()
            leftover = [future for _vantage, future in waiting.values()]
            for step in waiting:
                step.cancel()
            if leftover and client.status == "running":
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(client.cancel(leftover), WATCH * 5)
        return summaries, failed

    def _take(self, result: ShardResult, summaries: dict, emit: BatchCallback) -> None:
        key = (result.vantage, result.key)
        if key in summaries:
            return  # a shard run twice (a worker thought dead finished it): once is all
        summaries[key] = result.summary
        self.ran_on[key] = result.ran_on
        self._parts[key] = result.summary.progress
        results = from_columns(result.columns)
        if self.exposure is not None:
            results = self.exposure.add(result.vantage, results)
        emit(ScanBatch(results, self.progress()))
