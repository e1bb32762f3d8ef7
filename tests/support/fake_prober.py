"""A fake network for the scheduler: probers that keep the contract of
``portwindow/engine/scan/probes/base.py`` without a socket, on a virtual clock
(``virtual_time.py``).

Each probe asks the network's ``reply(probe)`` how the door answers it: a :class:`Reply`
with a verdict (a ``(PortState, Reason)`` pair, or ``RETRY_LATER`` / ``SELF_CONNECT``) at
once or after some seconds, or silence. The network remembers every probe it was sent
(``starts``), the most in flight at once, overall and per host, and whether each prober
was closed, so a test can check what the scheduler did, not only what it reported::

    clock = VirtualClock()
    net = FakeNetwork(clock, by_port({22: OPEN_NOW}, default=CLOSED_NOW))
    scan = Scan(config, probers=net.probers(), clock=clock)
    summary = run_virtual(scan.run(), clock)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from portwindow.engine.core.model import PortState, Protocol, Reason
from portwindow.engine.scan.probes.base import PENDING, Answer
from portwindow.engine.scan.probes.deadlines import DeadlineHeap
from tests.support.virtual_time import VirtualClock


@dataclass(frozen=True)
class Reply:
    """How a door answers one probe: ``answer`` after ``after`` seconds (0: inside
    ``start``, as loopback does), or never when ``answer`` is None."""

    answer: Answer | None
    after: float = 0.0


SILENT = Reply(None)
OPEN_NOW = Reply((PortState.OPEN, Reason.SYN_ACK))
CLOSED_NOW = Reply((PortState.CLOSED, Reason.CONN_REFUSED))
UDP_OPEN_NOW = Reply((PortState.OPEN, Reason.UDP_RESPONSE))
UDP_CLOSED_NOW = Reply((PortState.CLOSED, Reason.PORT_UNREACH))


@dataclass(frozen=True)
class Probe:
    """One probe the network was sent."""

    at: float
    protocol: Protocol
    address: str
    port: int
    attempt: int


ReplyRule = Callable[[Probe], Reply]


def by_port(replies: Mapping[int, Reply | Sequence[Reply]], default: Reply) -> ReplyRule:
    """Replies by port; a sequence gives one reply per attempt (the last repeats)."""

    def reply(probe: Probe) -> Reply:
        rule = replies.get(probe.port, default)
        if isinstance(rule, Reply):
            return rule
        return rule[min(probe.attempt, len(rule) - 1)] if probe.attempt >= 0 else rule[-1]

    return reply


@dataclass(eq=False)
class _Pending:
    host: object
    port: int
    attempt: int
    tag: object
    sent_at: float
    deadline: float
    done: bool = False


@dataclass(eq=False)
class FakeNetwork:
    """Where the fake probers send their probes (see the module docstring).

    ``cost`` is the virtual seconds each ``start`` takes, this machine's speed: 1/cost
    probes a second at most.
    """

    clock: VirtualClock
    reply: ReplyRule
    cost: float = 0.0
    starts: list[Probe] = field(default_factory=list)
    made: list = field(default_factory=list, init=False)  # every prober, in order
    max_inflight: Counter = field(default_factory=Counter)  # protocol -> most in flight
    max_host_inflight: Counter = field(default_factory=Counter)  # (protocol, address) -> most
    _inflight: Counter = field(default_factory=Counter)

    def prober(self, protocol: Protocol):
        """A prober factory for a lane of ``protocol`` (``ProberFactory``)."""

        def make(loop, events):
            prober = FakeProber(loop, events, self, protocol)
            self.made.append(prober)
            return prober

        return make

    def probers(self) -> dict:
        """Prober factories for both lanes, as ``Scan(probers=...)`` takes them."""
        return {p: self.prober(p) for p in Protocol}

    def sent(self, port: int | None = None, protocol: Protocol | None = None) -> list[Probe]:
        return [
            p
            for p in self.starts
            if (port is None or p.port == port) and (protocol is None or p.protocol is protocol)
        ]

    def inflight(self, protocol: Protocol) -> int:
        return self._inflight[protocol]

    def _went_out(self, protocol: Protocol, address: str, delta: int) -> None:
        self._inflight[protocol] += delta
        self._inflight[protocol, address] += delta
        if delta > 0:
            self.max_inflight[protocol] = max(self.max_inflight[protocol], self._inflight[protocol])
            key = (protocol, address)
            self.max_host_inflight[key] = max(self.max_host_inflight[key], self._inflight[key])


class FakeProber:
    """One lane's prober on the fake network."""

    def __init__(self, loop, events, network: FakeNetwork, protocol: Protocol) -> None:
        self._loop = loop
        self._events = events
        self._net = network
        self.protocol = protocol
        self._pending: set[_Pending] = set()
        self._deadlines = DeadlineHeap()
        self.closed = False
        self.pending_at_close = 0

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def next_deadline(self) -> float | None:
        return self._deadlines.next_deadline()

    def pending_attempts(self) -> list[tuple[float, int]]:
        return [(p.deadline, p.attempt) for p in self._pending]

    def start(self, host, port: int, attempt: int, timeout: float, tag=0):
        assert not self.closed, "a probe started after the prober was closed"
        net = self._net
        now = net.clock.now
        probe = Probe(now, self.protocol, host.address, port, attempt)
        net.starts.append(probe)
        if net.cost:
            net.clock.advance(net.cost)
        reply = net.reply(probe)
        if reply.answer is not None and reply.after == 0:
            return reply.answer, net.cost
        pending = _Pending(host, port, attempt, tag, now, now + timeout)
        self._pending.add(pending)
        self._deadlines.push(pending.deadline, pending)
        net._went_out(self.protocol, host.address, 1)
        if reply.answer is not None:
            self._loop.call_at(now + reply.after, self._answer, pending, reply.answer)
        return PENDING, 0.0

    def _finish(self, pending: _Pending) -> None:
        pending.done = True
        self._pending.discard(pending)
        self._net._went_out(self.protocol, pending.host.address, -1)

    def _answer(self, pending: _Pending, answer: Answer) -> None:
        if pending.done:
            return
        self._finish(pending)
        rtt = self._net.clock.now - pending.sent_at
        self._events.probe_answered(
            pending.host, pending.port, pending.attempt, answer, rtt, pending.tag
        )

    def expire(self, now: float) -> None:
        for pending in self._deadlines.pop_due(now):
            self._finish(pending)
            self._events.probe_timed_out(
                pending.host, pending.port, pending.attempt, pending.sent_at, pending.tag
            )

    def close(self) -> None:
        self.closed = True
        self.pending_at_close = len(self._pending)
        for pending in list(self._pending):
            self._finish(pending)
        self._deadlines.clear()


class Ration:
    """A host that rations its answers, as FreeBSD rations its resets: ``rule``'s
    answers of ``states`` (closed and filtered: resets and ICMP errors) pass through a
    token bucket of ``rate`` a second holding ``burst``; the rest are never sent
    (silence). Open ports (SYN-ACKs) are not rationed. Two rations in a row ration two
    kinds of answer apart. ``stolen_every``: another sender takes a token that often
    (when there is one). ``answered``/``withheld``/``stolen`` count what it did."""

    def __init__(
        self,
        clock: VirtualClock,
        rule: ReplyRule,
        rate: float,
        burst: float,
        states: frozenset[PortState] = frozenset({PortState.CLOSED, PortState.FILTERED}),
        stolen_every: float | None = None,
    ) -> None:
        self.states = states
        self.stolen_every = stolen_every
        self._next_theft = clock.now + stolen_every if stolen_every else math.inf
        self.stolen = 0
        self.clock = clock
        self.rule = rule
        self.rate = rate
        self.burst = burst
        self._tokens = burst
        self._stamp = clock.now
        self.answered = 0
        self.withheld = 0

    def __call__(self, probe: Probe) -> Reply:
        reply = self.rule(probe)
        answer = reply.answer
        if answer is None or not isinstance(answer, tuple) or answer[0] not in self.states:
            return reply
        now = self.clock.now + reply.after
        while self._next_theft <= now:  # another sender's answers, one every so often
            self._refill(self._next_theft)
            if self._tokens >= 1:
                self._tokens -= 1
                self.stolen += 1
            self._next_theft += self.stolen_every
        self._refill(now)
        if self._tokens < 1:
            self.withheld += 1
            return SILENT
        self._tokens -= 1
        self.answered += 1
        return reply

    def _refill(self, now: float) -> None:
        if now > self._stamp:
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
