"""What every lane does: start probes within its window, take answers and silences from
its prober (``probes/base.py``), retry, and turn verdicts into results.

The scheduler (``scheduler.py``) calls, once per turn of its one pump:

- ``expire(now)``: the prober's overdue probes time out;
- ``allowance(now)``: how many probes the lane's pacing lets out now (None: no pacing);
- ``fill(now, room)``: start up to ``room`` probes, retries first; the one loop every
  probe of every protocol goes through, so it does as little per probe as it can (no
  call but the prober's ``start`` and, for an answer, ``verdict``);
- ``wake_at(now)``: when the lane needs a turn again if nothing answers before;
- ``idle``/``finish()``: nothing left to start, retry or wait for; the last word.

Between turns the prober calls the lane back (``probe_answered``, ``probe_timed_out``)
and the lane pokes the pump awake.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from time import perf_counter

from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.core.result_maker import make_result
from portwindow.engine.input.targets import ScanHost
from portwindow.engine.scan.hosts import Host, family_of, host_groups
from portwindow.engine.scan.lanes.retries import Retries
from portwindow.engine.scan.probes.base import (
    PENDING,
    RETRY_LATER,
    SELF_CONNECT,
    Answer,
    Prober,
    ProberFactory,
    Verdict,
)
from portwindow.engine.scan.progress import rate_eta
from portwindow.engine.scan.shards import Shard, ShardPlan, shard_work
from portwindow.engine.scan.timing import TimingFactory, adaptive_timing

RETRY_BACKOFF = 0.01
"""Seconds every retry waits after a resource error (``RETRY_LATER``)."""

Clock = Callable[[], float]


class Lane:
    """One protocol's share of a scan (``tcp.py``, ``udp.py`` fill in what differs)."""

    protocol: Protocol
    silent: Verdict
    """The state of a port that never answered, after every retry."""
    paced = False
    """Whether the lane's ETA comes from its pace rather than its rate so far."""

    def __init__(
        self,
        ports: Iterable[int],
        prober: ProberFactory,
        *,
        retries: int,
        window: int,
        timeout: float,
        per_host: int | None = None,
        timing: TimingFactory | None = None,
        clock: Clock = perf_counter,
        shard: Shard | None = None,
    ) -> None:
        """``shard``: probe only that shard's doors (``shards.py``: every host its own
        slice of ``ports``)."""
        self.ports = tuple(ports)
        #: Only this shard of the (host, port) space (``shards.py``), split over
        #: ``shard_ports`` in their canonical order so every party splits alike.
        self.shard: Shard | None = shard
        self.shard_ports: tuple[int, ...] = ()  # () : this lane's own ports
        self.max_retries = retries
        self.max_window = window
        self.window = window
        self.timeout = timeout
        self.per_host = per_host
        self._make_prober = prober
        self._timing = timing or self.default_timing(timeout, window)
        self._clock = clock
        self.prober: Prober | None = None
        self.retries = Retries()
        self.inflight = 0
        self.total = 0
        self.done = 0
        self.sent = 0  # probes started, retries included
        self.resent = 0  # retries started
        self.busy = 0.0  # seconds spent starting probes
        self.last_timeout = timeout  # the timeout of the last probe started
        self.stamp = 0.0  # the wall-clock time results get (see ``record``)
        self.wall_offset = 0.0
        self.work_left = False
        self.nudged = False  # ``idle`` found more to do (the scheduler turns again at once)
        self._work: Iterable = iter(())
        self._start: Callable | None = None
        self._emit: Callable[[PortResult], None] = _nowhere
        self._counts: dict[PortState, int] = dict.fromkeys(PortState, 0)
        self.poke: Callable[[], None] = _nothing

    def begin(
        self,
        loop: asyncio.AbstractEventLoop,
        hosts: Iterable[ScanHost],
        host_count: int,
        *,
        results: list[PortResult],
        counts: dict[PortState, int],
        poke: Callable[[], None],
        now: float,
        wall_offset: float,
    ) -> None:
        """Start the lane: its prober, its hosts; results go to ``results`` and ``counts``
        (shared by every lane of the scan); ``poke`` wakes the scheduler."""
        self.prober = self._make_prober(loop, self)
        self._start = self.prober.start
        self._emit = results.append
        self._counts = counts
        self.poke = poke
        self.wall_offset = wall_offset
        self.stamp = wall_offset + now
        if self.shard is None:
            self.total = host_count * len(self.ports)
            items = ((host, self.ports) for host in hosts)
        else:
            plan = ShardPlan(self.shard_ports or self.ports, self.shard.count, self.shard.seed)
            self.total = plan.total(host_count, self.shard.index)
            items = shard_work(hosts, plan, self.shard.index)
        self._work = host_groups(items, self.per_host, self._make_host)
        self.work_left = True

    @staticmethod
    def default_timing(timeout: float, window: int) -> TimingFactory:
        """Each host's timing when the scan names none (``timing.py``)."""
        return adaptive_timing(timeout, window)

    def _make_host(self, item: tuple[ScanHost, tuple[int, ...]]) -> Host:
        host, ports = item
        timing = self._timing(host.address, self.protocol)
        return Host(host.label, str(host.address), family_of(host), timing, ports)

    # The scheduler's turn.

    def expire(self, now: float) -> None:
        prober = self.prober
        if prober.pending_count and (d := prober.next_deadline()) is not None and d <= now:
            prober.expire(now)

    def allowance(self, now: float) -> int | None:
        """How many probes the lane's pacing lets out now; None when it has none."""
        return None

    def pace_wake(self, now: float) -> float:
        """When the pacing lets the next probes out (after ``allowance`` ran out)."""
        return now

    def fill(self, now: float, room: int) -> int:
        """Start up to ``room`` probes, retries first; return how many started."""
        retries = self.retries
        if now < retries.hold:
            return 0  # this machine ran short of something a moment ago
        retries.release(now)
        ready = retries.ready
        start = self._start
        work = self._work
        verdict = self.verdict
        inflight = self.inflight
        window = self.window
        work_left = self.work_left
        started = resent = 0
        host = None
        while started < room and inflight < window:
            if ready:
                host, port, attempt, tag = ready.popleft()
                resent += 1
            elif work_left:
                host = next(work, False)
                if host is False:
                    work_left = False
                    continue
                if host is None:
                    break  # every host is at its cap: an answer or a timeout frees one
                port = host.ports[host.next_index]
                attempt = 0
                tag = 0
            else:
                break
            started += 1
            outcome, rtt = start(host, port, attempt, host.timing.timeout, tag)
            if outcome is PENDING:
                host.inflight += 1
                inflight += 1
            elif outcome is RETRY_LATER:
                self._retry_later(host, port, attempt, tag, inflight)
                break
            elif outcome is SELF_CONNECT:
                self.self_connected(host, port, attempt, tag)
            elif verdict(host, port, attempt, outcome, rtt, tag):
                break  # the verdict changed the lane's pace: the rest waits for the next turn
        self.inflight = inflight
        self.work_left = work_left
        self.sent += started
        self.resent += resent
        if host:
            self.last_timeout = host.timing.timeout
        return started

    def wake_at(self, now: float) -> float | None:
        """When the lane wants its next turn if no answer comes first; None: only then."""
        wake = self.prober.next_deadline()
        if self.inflight < self.window:
            due = self.retries.next_due(now)
            if due is not None and (wake is None or due < wake):
                wake = due
        return wake

    def regrow(self) -> None:
        """Double a window that a resource error shrank, while it has room to spare."""
        if self.window < self.max_window and self.inflight < self.window:
            self.window = min(self.max_window, self.window * 2)

    @property
    def idle(self) -> bool:
        return not self.work_left and not self.inflight and not self.retries

    def finish(self) -> None:
        """Nothing is left to start, retry or wait for: say the last verdicts."""

    def eta(self, elapsed: float, now: float) -> float | None:
        return rate_eta(self.done, self.total, elapsed)

    def close(self) -> None:
        if self.prober is not None:
            self.prober.close()

    # What happens to a probe.

    def verdict(
        self, host: Host, port: int, attempt: int, outcome: Verdict, rtt: float, tag
    ) -> bool | None:
        """An answer with a port's state. True ends the lane's turn at once (its pace
        changed); the probes still to start wait for the next."""
        host.timing.sample(rtt)
        self.record(host, port, outcome, rtt)
        return None

    def record(self, host: Host, port: int, outcome: Verdict, rtt: float | None) -> PortResult:
        state, reason = outcome
        result = make_result(
            host.label, host.address, self.protocol, port, state, reason, rtt, self.stamp
        )
        self._emit(result)
        self._counts[state] += 1
        self.done += 1
        return result

    def silence(self, host: Host, port: int, attempt: int, sent_at: float, tag, now: float):
        """No answer to a try: the next one (when the host's timing says), or, after the
        last, the silent verdict."""
        if attempt < self.max_retries:
            at = host.timing.retry_at(sent_at, now)
            self.retries.schedule((host, port, attempt + 1, 0), at, now)
        else:
            self.record(host, port, self.silent, None)

    def self_connected(self, host: Host, port: int, attempt: int, tag) -> None:
        raise RuntimeError(f"a {self.protocol.value} prober reported a self-connect")

    def _retry_later(self, host: Host, port: int, attempt: int, tag, inflight: int) -> None:
        """This machine ran short: nothing starts for a moment, then no more at once than
        are in flight now."""
        self.retries.add((host, port, attempt, tag))
        self.retries.hold = self._clock() + RETRY_BACKOFF
        self.window = max(1, min(self.window, inflight))

    # ProbeEvents: the prober's callbacks.

    def probe_answered(self, host: Host, port: int, attempt: int, outcome: Answer, rtt, tag):
        host.inflight -= 1
        self.inflight -= 1
        self.stamp = self.wall_offset + self._clock()
        if outcome is RETRY_LATER:
            self.retries.add((host, port, attempt, tag))
        elif outcome is SELF_CONNECT:
            self.self_connected(host, port, attempt, tag)
        else:
            self.verdict(host, port, attempt, outcome, rtt, tag)
        self.poke()

    def probe_timed_out(self, host: Host, port: int, attempt: int, sent_at: float, tag):
        host.inflight -= 1
        self.inflight -= 1
        now = self._clock()
        self.stamp = self.wall_offset + now
        self.silence(host, port, attempt, sent_at, tag, now)
        self.poke()


def _nowhere(_result: PortResult) -> None:
    raise RuntimeError("a lane records results only once begun")


def _nothing() -> None:
    pass
