"""One scan: hosts times ports, probed through protocol lanes, delivered in batches.

``Scan`` runs one pump over its lanes (``lanes/``: TCP, UDP), each with its own prober,
retries, window and pacing. Each turn of the pump lets every lane expire its overdue
probes and start up to ``_STEP`` new ones within the scan's shared rate limit; then it
hands out the results gathered so far when a batch is due (about every 50 ms, with a
progress snapshot), and sleeps until a lane needs it again or a prober's callback pokes
it. It can be paused, resumed and cancelled; a cancelled scan keeps what it found and
says it is partial. It moves through ``state.py``'s state machine, which a caller can
observe.

What a scan is made of comes from outside, with defaults for the real thing: the
probers (``probers``, one factory per protocol, ``probes/base.py``), where the hosts
come from (``hosts``, ``hosts.py``), how each host's timing is kept (``timing``,
``timing.py``), and the clock (``clock``, read once per turn and per callback, never
per probe). ``tests/support/fake_prober.py`` puts a fake network and a virtual clock
in their place.

It runs on whichever asyncio loop awaits it (plain asyncio or uvloop). The GUI hosts it on
a loop of its own in a worker thread through ``runner.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections.abc import Callable, Mapping
from time import perf_counter

from portwindow.engine.core.model import (
    HostError,
    PortResult,
    PortState,
    Progress,
    Protocol,
    ScanBatch,
    ScanSummary,
)
from portwindow.engine.scan import limits
from portwindow.engine.scan.config import PortOrder, ScanConfig
from portwindow.engine.scan.hosts import HostSource, resolve_hosts
from portwindow.engine.scan.lanes.base import Clock, Lane
from portwindow.engine.scan.lanes.tcp import Enricher, TcpLane
from portwindow.engine.scan.lanes.udp import UdpLane
from portwindow.engine.scan.probes import tcp_epoll
from portwindow.engine.scan.probes.base import ProberFactory
from portwindow.engine.scan.probes.tcp_connect import TcpConnectProber
from portwindow.engine.scan.probes.udp import UdpProber
from portwindow.engine.scan.progress import Stopwatch, rate_eta, snapshot
from portwindow.engine.scan.shards import Shard
from portwindow.engine.scan.state import ScanState, ScanStateMachine, StateObserver
from portwindow.engine.scan.timing import TimingFactory

# Probes a lane starts between two returns to the event loop; small enough that a
# cancel, a pause or a batch is never held up by more than a few milliseconds.
_STEP = 256
_RATE_POLL = 0.002  # seconds between two looks at a rate limit that holds probes back

BatchCallback = Callable[[ScanBatch], None]
Publish = Callable[[PortResult], None]
EnricherFactory = Callable[[asyncio.AbstractEventLoop, Publish, ScanConfig], Enricher | None]

DEFAULT_PROBERS: Mapping[Protocol, ProberFactory] = {
    # Its own epoll where there is one (Linux), the event loop's callbacks elsewhere.
    Protocol.TCP: tcp_epoll.EpollTcpProber if tcp_epoll.AVAILABLE else TcpConnectProber,
    Protocol.UDP: UdpProber,
}


def _default_enricher(
    loop: asyncio.AbstractEventLoop, publish: Publish, config: ScanConfig
) -> Enricher | None:
    if not config.grab_banners:
        return None
    from portwindow.engine.scan.enrich.banners import BannerGrabber  # noqa: PLC0415 - only when banners are wanted

    return BannerGrabber(loop, publish, timeout=config.banner_timeout)


def ordered_ports(config: ScanConfig) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The TCP and the UDP ports in the order the scan probes them."""
    tcp, udp = tuple(config.ports.tcp), tuple(config.ports.udp)
    if config.order is PortOrder.SHUFFLED:
        rng = random.Random(config.seed)
        shuffled = list(tcp)
        rng.shuffle(shuffled)
        tcp = tuple(shuffled)
        shuffled = list(udp)
        rng.shuffle(shuffled)
        udp = tuple(shuffled)
    return tcp, udp


class Scan:
    """A TCP connect and UDP scan. Create it, then ``await scan.run(on_batch)`` or iterate it."""

    def __init__(
        self,
        config: ScanConfig,
        *,
        enricher: EnricherFactory | None = None,
        probers: Mapping[Protocol, ProberFactory] | None = None,
        hosts: HostSource | None = None,
        timing: TimingFactory | None = None,
        clock: Clock | None = None,
        shard: Shard | None = None,
        udp: bool = True,
    ) -> None:
        """``shard``: scan that shard of the TCP doors only (a worker's, ``workers.py``);
        ``udp``: whether this scan has the UDP ports (one scan of a sharded whole does:
        a target's ICMP ration is paced by one pacer)."""
        self.config = config
        self._shard = shard
        self._udp = udp
        self._enricher_factory = enricher or _default_enricher
        self._enricher: Enricher | None = None
        self._host_source = hosts or resolve_hosts
        self._clock = clock or perf_counter
        self._machine = ScanStateMachine()
        self._window = limits.window_size(config.concurrency)
        self._lanes = self._make_lanes({**DEFAULT_PROBERS, **(probers or {})}, timing)
        self._cancelled = False
        self._paused = False
        self._resumed: asyncio.Event | None = None
        self._wake: asyncio.Future | None = None
        self._next_flush = 0.0
        self._results: list[PortResult] = []  # gathered since the last batch
        self._counts = dict.fromkeys(PortState, 0)
        self._stopwatch = Stopwatch()
        self._started_wall = 0.0
        self._host_errors: tuple[HostError, ...] = ()

    def _make_lanes(self, probers: Mapping[Protocol, ProberFactory], timing) -> list[Lane]:
        config = self.config
        common = {
            "retries": config.retries,
            "window": self._window,
            "timeout": config.timeout,
            "per_host": config.per_host,
            "timing": timing,
            "clock": self._clock,
        }
        tcp, udp = ordered_ports(config)
        lanes: list[Lane] = []
        if tcp:
            lanes.append(
                TcpLane(tcp, probers[Protocol.TCP], seed=config.seed, shard=self._shard, **common)
            )
        if udp and self._udp:
            pace = config.udp_pace
            lanes.append(UdpLane(udp, probers[Protocol.UDP], pace=pace, rate=config.rate, **common))
        if config.shard is not None:
            for lane in lanes:
                lane.shard = config.shard
                lane.shard_ports = tuple(
                    config.ports.udp if lane.protocol is Protocol.UDP else config.ports.tcp
                )
        return lanes

    @property
    def window(self) -> int:
        return self._window

    @property
    def state(self) -> ScanState:
        return self._machine.state

    def observe_state(self, observer: StateObserver) -> None:
        """Call ``observer(old, new)`` after each move of the state machine (``state.py``),
        on the scan's loop."""
        self._machine.observe(observer)

    def lane(self, protocol: Protocol) -> Lane | None:
        """The lane of ``protocol`` (its prober, pacer, counts), None when it has no ports."""
        for lane in self._lanes:
            if lane.protocol is protocol:
                return lane
        return None

    # Control, from the scan's own loop thread.

    def cancel(self) -> None:
        self._cancelled = True
        if self.state in (ScanState.STARTING, ScanState.SCANNING):
            self._machine.move(ScanState.STOPPING)
        self._poke()
        if self._resumed is not None:
            self._resumed.set()

    def pause(self) -> None:
        if not self._paused:
            self._paused = True
            self._stopwatch.pause(self._clock())
            if self._resumed is not None:
                self._resumed.clear()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            self._stopwatch.resume(self._clock())
            if self._resumed is not None:
                self._resumed.set()

    @property
    def paused(self) -> bool:
        return self._paused

    def progress(self) -> Progress:
        now = self._clock()
        elapsed = self._stopwatch.elapsed(now)
        lanes = self._lanes
        done = sum(lane.done for lane in lanes)
        total = sum(lane.total for lane in lanes)
        if any(lane.paced and lane.total for lane in lanes):
            # The later of the lanes' ends.
            etas = [lane.eta(elapsed, now) for lane in lanes]
            eta = None if None in etas else max(etas)
        else:
            eta = rate_eta(done, total, elapsed) if done and elapsed > 0 else None
        return snapshot(self._counts, done, total, elapsed, eta)

    @property
    def udp_pace(self) -> float | None:
        """UDP probes per second now (lower than configured after losses); None before."""
        lane = self.lane(Protocol.UDP)
        return lane.pace if isinstance(lane, UdpLane) else None

    # Running.

    async def run(self, on_batch: BatchCallback | None = None) -> ScanSummary:
        """Scan everything (or until cancelled); return how it ended."""
        if self.state is not ScanState.IDLE:
            raise RuntimeError("a Scan runs once")
        loop = asyncio.get_running_loop()
        self._machine.move(ScanState.STARTING)
        self._started_wall = time.time()
        now = self._clock()
        wall_offset = self._started_wall - now
        self._stopwatch.start(now)
        self._next_flush = now + self.config.batch_interval
        self._resumed = asyncio.Event()
        if not self._paused:
            self._resumed.set()
        emit = on_batch or (lambda batch: None)
        try:
            plan = await self._host_source(self.config.targets)
            self._host_errors = plan.errors
            now = self._clock()
            for lane in self._lanes:
                lane.begin(
                    loop,
                    plan.hosts(),
                    plan.count,
                    results=self._results,
                    counts=self._counts,
                    poke=self._poke,
                    now=now,
                    wall_offset=wall_offset,
                )
            if not self._cancelled:
                self._machine.move(ScanState.SCANNING)
                self._enricher = self._enricher_factory(loop, self._results.append, self.config)
                tcp = self.lane(Protocol.TCP)
                if isinstance(tcp, TcpLane):
                    tcp.enricher = self._enricher
                await self._pump(loop, emit)
                if self._enricher is not None and not self._cancelled:
                    await self._drain_enricher(emit)
        finally:
            for lane in self._lanes:
                lane.close()
            if self._enricher is not None:
                self._enricher.close()
            self._machine.move(ScanState.FINISHED)
        progress = self.progress()
        emit(ScanBatch(self._take_results(), progress))
        return ScanSummary(
            progress=progress,
            partial=progress.done < progress.total,
            started_at=self._started_wall,
            finished_at=time.time(),
            host_errors=self._host_errors,
        )

    def __aiter__(self):
        return _BatchIterator(self)

    async def _pump(self, loop: asyncio.AbstractEventLoop, emit: BatchCallback) -> None:
        """Turn after turn: every lane expires, then starts what it may; a batch when one
        is due; then sleep until a lane needs a turn or a callback pokes."""
        clock = self._clock
        rate = self.config.rate
        lanes = self._lanes
        active = list(lanes)
        while active and not self._cancelled:
            if self._paused:
                await self._resumed.wait()
                continue
            now = clock()
            allow = None
            if rate is not None:
                sent = sum(lane.sent for lane in lanes)
                allow = math.ceil(rate * self._stopwatch.elapsed(now) + 1 - sent)
            again = False
            wake_at = math.inf
            for lane in active:
                lane.stamp = lane.wall_offset + now
                lane.expire(now)
                room = _STEP
                paced = rated = False
                limit = lane.allowance(now)
                if limit is not None and limit < room:
                    room, paced = limit, True
                if allow is not None and allow < room:
                    room, paced, rated = max(0, allow), False, True
                started = lane.fill(now, room) if room else 0
                if allow is not None:
                    allow -= started
                after = clock()
                if started:
                    lane.busy += after - now
                if started >= _STEP:
                    again = True
                else:
                    lane_wake = lane.wake_at(after)
                    if started == room and (paced or rated):
                        held = lane.pace_wake(after) if paced else after + _RATE_POLL
                        lane_wake = held if lane_wake is None else min(lane_wake, held)
                    if lane_wake is not None and lane_wake < wake_at:
                        wake_at = lane_wake
                now = after
            if now >= self._next_flush:
                self._flush(emit, now)
            for lane in [lane for lane in active if lane.idle]:
                lane.finish()
                active.remove(lane)
            if not active:
                break
            for lane in active:
                if lane.nudged:  # its idle check found more to do: a turn at once
                    lane.nudged = False
                    again = True
            if again:
                await asyncio.sleep(0)
            else:
                await self._sleep(loop, min(wake_at, self._next_flush))
            for lane in active:
                lane.regrow()

    async def _sleep(self, loop: asyncio.AbstractEventLoop, wake_at: float) -> None:
        """Sleep until ``wake_at`` or a poke (an answer, a timeout, a cancel)."""
        self._wake = loop.create_future()
        timer = loop.call_later(max(0.0, wake_at - self._clock()), self._poke)
        try:
            await self._wake
        finally:
            timer.cancel()
            self._wake = None

    def _poke(self) -> None:
        wake = self._wake
        if wake is not None and not wake.done():
            wake.set_result(None)

    def _flush(self, emit: BatchCallback, now: float) -> None:
        emit(ScanBatch(self._take_results(), self.progress()))
        self._next_flush = now + self.config.batch_interval

    def _take_results(self) -> tuple[PortResult, ...]:
        # The same list stays in place: the lanes append to it.
        batch = tuple(self._results)
        self._results.clear()
        return batch

    async def _drain_enricher(self, emit: BatchCallback) -> None:
        """Wait for the enricher's last answers, still handing out batches meanwhile."""
        assert self._enricher is not None
        task = asyncio.ensure_future(self._enricher.drain())
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=self.config.batch_interval)
                if self._cancelled:
                    break
                if self._results:
                    emit(ScanBatch(self._take_results(), self.progress()))
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task


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
