"""One scan: hosts times ports, probed through a sliding window, delivered in batches.

``Scan`` schedules the work the prober (``tcp_connect.py``) does: it walks the targets
lazily in host groups, interleaves ports across the hosts of a group, keeps at most
``window`` connects in flight (and at most ``per_host`` per host), retries probes that got
no answer, honours a rate limit, and hands results out in batches about every 50 ms with a
progress snapshot. It can be paused, resumed and cancelled; a cancelled scan keeps what it
found and says it is partial.

It runs on whichever asyncio loop awaits it (plain asyncio or uvloop). The GUI hosts it on
a loop of its own in a worker thread through ``runner.py``.
"""

from __future__ import annotations

import asyncio
import enum
import random
import socket
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address
from time import perf_counter

from . import limits
from .model import (
    HostError,
    PortResult,
    PortState,
    Progress,
    Protocol,
    Reason,
    ScanBatch,
    ScanSummary,
)
from .ports import PortSet
from .rtt import RttEstimator
from .targets import TargetSet
from .tcp_connect import PENDING, RETRY_LATER, SELF_CONNECT, ProbeDriver

DEFAULT_TIMEOUT = 1.0
DEFAULT_RETRIES = 2
DEFAULT_BATCH_INTERVAL = 0.05
HOST_GROUP = 64
_SELF_CONNECT_RETRIES = 8
# Probes started between two returns to the event loop; small enough that a cancel, a
# pause or a batch is never held up by more than a few milliseconds.
_STEP = 256
_RETRY_BACKOFF = 0.01


class PortOrder(enum.Enum):
    SEQUENTIAL = "sequential"
    SHUFFLED = "shuffled"


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Everything a scan needs to know; validated on construction."""

    targets: TargetSet
    ports: PortSet
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    concurrency: int | None = None
    rate: float | None = None
    per_host: int | None = None
    order: PortOrder = PortOrder.SEQUENTIAL
    seed: int | None = None
    batch_interval: float = DEFAULT_BATCH_INTERVAL

    def __post_init__(self) -> None:
        if not 0 < self.timeout <= 60:
            raise ValueError(f"timeout {self.timeout} s is out of range (0, 60]")
        if not 0 <= self.retries <= 20:
            raise ValueError(f"retries {self.retries} is out of range 0-20")
        if self.concurrency is not None and not 1 <= self.concurrency <= 65_535:
            raise ValueError(f"concurrency {self.concurrency} is out of range 1-65535")
        if self.rate is not None and not self.rate > 0:
            raise ValueError(f"rate {self.rate} must be above 0 probes/s")
        if self.per_host is not None and self.per_host < 1:
            raise ValueError(f"per-host cap {self.per_host} must be at least 1")


class _Host:
    """A host being scanned: where it is, how fast it answers, how far we got."""

    __slots__ = ("address", "estimator", "family", "inflight", "label", "next_index", "port_order")

    def __init__(self, label: str, address: IPv4Address | IPv6Address, timeout: float) -> None:
        self.label = label
        self.address = str(address)
        self.family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        self.estimator = RttEstimator(timeout)
        self.inflight = 0
        self.next_index = 0


class ScanState(enum.Enum):
    """Angry IP Scanner's scan state machine."""

    IDLE = "idle"
    STARTING = "starting"
    SCANNING = "scanning"
    STOPPING = "stopping"
    FINISHED = "finished"


BatchCallback = Callable[[ScanBatch], None]


class Scan:
    """A TCP connect scan. Create it, then ``await scan.run(on_batch)`` or iterate it."""

    def __init__(self, config: ScanConfig) -> None:
        self.config = config
        self.state = ScanState.IDLE
        self._ports: tuple[int, ...] = tuple(config.ports.tcp)
        if config.order is PortOrder.SHUFFLED:
            shuffled = list(self._ports)
            random.Random(config.seed).shuffle(shuffled)
            self._ports = tuple(shuffled)
        self._window = limits.window_size(config.concurrency)
        self._cancelled = False
        self._paused = False
        self._resumed: asyncio.Event | None = None
        self._wake: asyncio.Future | None = None
        self._retries: deque = deque()
        self._buffer: list[PortResult] = []
        self._counts = {PortState.OPEN: 0, PortState.CLOSED: 0, PortState.FILTERED: 0}
        self._done = 0
        self._total = 0
        self._inflight = 0
        self._started_wall = 0.0
        self._started = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._host_errors: tuple[HostError, ...] = ()
        self._driver: ProbeDriver | None = None

    @property
    def window(self) -> int:
        return self._window

    # Control, from the scan's own loop thread.

    def cancel(self) -> None:
        self._cancelled = True
        if self.state in (ScanState.STARTING, ScanState.SCANNING):
            self.state = ScanState.STOPPING
        self._poke()
        if self._resumed is not None:
            self._resumed.set()

    def pause(self) -> None:
        if not self._paused:
            self._paused = True
            self._paused_at = perf_counter()
            if self._resumed is not None:
                self._resumed.clear()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            if self._paused_at is not None:
                self._paused_total += perf_counter() - self._paused_at
                self._paused_at = None
            if self._resumed is not None:
                self._resumed.set()

    @property
    def paused(self) -> bool:
        return self._paused

    def progress(self) -> Progress:
        elapsed = self._elapsed()
        rate = self._done / elapsed if elapsed > 0 else 0.0
        remaining = self._total - self._done
        eta = remaining / rate if rate > 0 else None
        c = self._counts
        return Progress(
            done=self._done,
            total=self._total,
            elapsed=elapsed,
            rate=rate,
            eta=eta,
            open=c[PortState.OPEN],
            closed=c[PortState.CLOSED],
            filtered=c[PortState.FILTERED],
        )

    def _elapsed(self) -> float:
        if not self._started:
            return 0.0
        now = self._paused_at if self._paused_at is not None else perf_counter()
        return max(0.0, now - self._started - self._paused_total)

    # Running.

    async def run(self, on_batch: BatchCallback | None = None) -> ScanSummary:
        """Scan everything (or until cancelled); return how it ended."""
        if self.state is not ScanState.IDLE:
            raise RuntimeError("a Scan runs once")
        loop = asyncio.get_running_loop()
        self.state = ScanState.STARTING
        self._started_wall = time.time()
        self._started = perf_counter()
        self._resumed = asyncio.Event()
        if not self._paused:
            self._resumed.set()
        emit = on_batch or (lambda batch: None)
        try:
            hosts, host_count, self._host_errors = await self._plan_hosts()
            self._total = host_count * len(self._ports)
            if not self._cancelled:
                self.state = ScanState.SCANNING
                self._driver = ProbeDriver(loop, self._on_answer, self._on_timeout)
                await self._pump(hosts, emit)
        finally:
            if self._driver is not None:
                self._driver.close()
            self.state = ScanState.FINISHED
        progress = self.progress()
        emit(ScanBatch(tuple(self._take_buffer()), progress))
        return ScanSummary(
            progress=progress,
            partial=progress.done < progress.total,
            started_at=self._started_wall,
            finished_at=time.time(),
            host_errors=self._host_errors,
        )

    def __aiter__(self):
        return _BatchIterator(self)

    async def _plan_hosts(self):
        targets = self.config.targets
        resolution = await targets.resolve()
        count = targets.host_count(resolution)
        return targets.iter_hosts(resolution), count, resolution.errors

    def _work(self, hosts: Iterable) -> Iterator[_Host | None]:
        """Yield the host whose next port should be probed; None when all are at their cap."""
        host_iter = iter(hosts)
        active: deque[_Host] = deque()
        nports = len(self._ports)
        cap = self.config.per_host
        timeout = self.config.timeout
        chunk = 1 if cap else 32
        exhausted = nports == 0
        while True:
            while not exhausted and len(active) < HOST_GROUP:
                item = next(host_iter, None)
                if item is None:
                    exhausted = True
                    break
                active.append(_Host(item.label, item.address, timeout))
            if not active:
                return
            progressed = False
            for _ in range(len(active)):
                host = active[0]
                if cap and host.inflight >= cap:
                    active.rotate(-1)
                    continue
                end = min(host.next_index + chunk, nports)
                while host.next_index < end:
                    yield host
                    host.next_index += 1
                    if cap and host.inflight >= cap:
                        break
                progressed = True
                if host.next_index >= nports:
                    active.popleft()
                else:
                    active.rotate(-1)
            if not progressed:
                yield None

    async def _pump(self, hosts: Iterable, emit: BatchCallback) -> None:
        loop = asyncio.get_running_loop()
        driver = self._driver
        assert driver is not None
        start = driver.start
        ports = self._ports
        retries = self._retries
        record = self._record
        work = self._work(hosts)
        work_left = True
        rate = self.config.rate
        interval = self.config.batch_interval
        next_flush = perf_counter() + interval
        started_probes = 0
        window = self._window
        retry_after = 0.0
        while not self._cancelled:
            if self._paused:
                await self._resumed.wait()
                continue
            now = perf_counter()
            if driver.pending_count and (d := driver.next_deadline()) is not None and d <= now:
                driver.expire(now)
            blocked = False
            budget = _STEP
            while budget and self._inflight < window:
                if rate is not None and started_probes >= rate * self._elapsed() + 1:
                    blocked = True
                    break
                if retries and now >= retry_after:
                    host, port, attempt, self_connects = retries.popleft()
                elif work_left:
                    host = next(work, False)
                    if host is False:
                        work_left = False
                        continue
                    if host is None:
                        blocked = True
                        break
                    port = ports[host.next_index]
                    attempt = 0
                    self_connects = 0
                else:
                    break
                budget -= 1
                started_probes += 1
                outcome, rtt = start(
                    host,
                    host.family,
                    (host.address, port),
                    port,
                    attempt,
                    host.estimator.timeout,
                )
                if outcome is PENDING:
                    host.inflight += 1
                    self._inflight += 1
                elif outcome is RETRY_LATER:
                    retries.append((host, port, attempt, self_connects))
                    retry_after = perf_counter() + _RETRY_BACKOFF
                    window = max(1, min(window, self._inflight))
                    blocked = True
                    break
                elif outcome is SELF_CONNECT:
                    self._self_connected(host, port, attempt, self_connects)
                else:
                    host.estimator.sample(rtt)
                    record(host, port, outcome, rtt)
            now = perf_counter()
            if now >= next_flush:
                emit(ScanBatch(tuple(self._take_buffer()), self.progress()))
                next_flush = now + interval
            if not work_left and not retries and not self._inflight:
                break
            if blocked or self._inflight >= window or (not work_left and not retries):
                await self._sleep_until_event(loop, next_flush, retry_after, rate is not None)
                if window < self._window and self._inflight < window:
                    window = min(self._window, window * 2)
            else:
                await asyncio.sleep(0)

    async def _sleep_until_event(self, loop, next_flush: float, retry_after: float, rated: bool):
        """Wait until a pending probe answers, one times out, a batch is due, or a retry."""
        wake_at = next_flush
        deadline = self._driver.next_deadline() if self._driver else None
        if deadline is not None:
            wake_at = min(wake_at, deadline)
        if self._retries:
            wake_at = min(wake_at, max(retry_after, perf_counter() + 0.001))
        if rated:
            wake_at = min(wake_at, perf_counter() + 0.002)
        self._wake = loop.create_future()
        timer = loop.call_later(max(0.0, wake_at - perf_counter()), self._poke)
        try:
            await self._wake
        finally:
            timer.cancel()
            self._wake = None

    def _poke(self) -> None:
        wake = self._wake
        if wake is not None and not wake.done():
            wake.set_result(None)

    def _record(self, host: _Host, port: int, outcome, rtt: float | None) -> None:
        state, reason = outcome
        self._buffer.append(
            PortResult(
                host.label,
                host.address,
                Protocol.TCP,
                port,
                state,
                reason,
                rtt,
                time.time(),
            )
        )
        self._counts[state] += 1
        self._done += 1

    def _self_connected(self, host: _Host, port: int, attempt: int, self_connects: int) -> None:
        if self_connects < _SELF_CONNECT_RETRIES:
            self._retries.append((host, port, attempt, self_connects + 1))
        else:
            # The kernel kept choosing the target port as the local one, which it only does
            # when nothing listens there.
            self._record(host, port, (PortState.CLOSED, Reason.CONN_REFUSED), None)

    def _on_answer(self, host: _Host, port: int, attempt: int, outcome, rtt: float) -> None:
        host.inflight -= 1
        self._inflight -= 1
        if outcome is RETRY_LATER:
            self._retries.append((host, port, attempt, 0))
        elif outcome is SELF_CONNECT:
            self._self_connected(host, port, attempt, 0)
        else:
            host.estimator.sample(rtt)
            self._record(host, port, outcome, rtt)
        self._poke()

    def _on_timeout(self, host: _Host, port: int, attempt: int) -> None:
        host.inflight -= 1
        self._inflight -= 1
        if attempt < self.config.retries:
            self._retries.append((host, port, attempt + 1, 0))
        else:
            self._record(host, port, (PortState.FILTERED, Reason.NO_RESPONSE), None)
        self._poke()

    def _take_buffer(self) -> list[PortResult]:
        buffer, self._buffer = self._buffer, []
        return buffer


class _BatchIterator:
    """``async for batch in scan``: the scan runs in a task; batches arrive through a queue."""

    def __init__(self, scan: Scan) -> None:
        self._scan = scan
        self._queue: asyncio.Queue = asyncio.Queue()
        self._task: asyncio.Task | None = None
        self.summary: ScanSummary | None = None

    def __aiter__(self):
        return self

    async def __anext__(self) -> ScanBatch:
        if self._task is None:
            self._task = asyncio.ensure_future(self._scan.run(self._queue.put_nowait))
            self._task.add_done_callback(lambda _t: self._queue.put_nowait(None))
        batch = await self._queue.get()
        if batch is None:
            self.summary = self._task.result()
            raise StopAsyncIteration
        return batch
