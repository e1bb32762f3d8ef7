"""The UDP lane: datagrams through ``probes/udp.py``, every probe (retries too) let out
by the pacer (``probes/udp_pace.py``), which slows down when a target's ICMP ration
swallows answers; a canary (a port that answered, probed again) tells a ration from a
firewall that drops most ports. Its ETA comes from the pace, not the rate so far.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from portwindow.engine.core.model import PortState, Protocol, Reason
from portwindow.engine.input.targets import ScanHost
from portwindow.engine.scan.hosts import Host
from portwindow.engine.scan.lanes.base import Lane
from portwindow.engine.scan.probes.base import ProberFactory, Verdict
from portwindow.engine.scan.probes.udp_pace import (
    RATIONED_EXTRA_RETRIES,
    Pacer,
    fallback_pace,
    udp_eta,
)
from portwindow.engine.scan.timing import TimingFactory, host_timing

CANARY = -1
"""The attempt number of a probe sent to tell a ration from a firewall."""
REFUTE_ANSWERS = 2
"""Canary answers in a row that say the silences are real."""
RECOVERY = 6.0
"""Answers a target's ICMP ration is given the time to refill, at the pace found (Linux's
towards one peer holds 6 and gains one a second: 6 s at 1 a second), before the parked
ports' last tries; at least a timeout."""
_ICMP_STATES = frozenset({PortState.CLOSED, PortState.FILTERED})


class UdpLane(Lane):
    protocol = Protocol.UDP
    silent = (PortState.OPEN_FILTERED, Reason.NO_RESPONSE)
    paced = True

    def __init__(
        self,
        ports: Iterable[int],
        prober: ProberFactory,
        *,
        pace: float,
        rate: float | None = None,
        fallback: float | None = None,
        **common,
    ) -> None:
        """``pace``: probes per second at the start (within ``rate``, the scan's limit);
        ``fallback``: the pace of the first slowdown (default: below this kernel's ICMP
        ration, ``fallback_pace``)."""
        super().__init__(ports, prober, **common)
        self.start_pace = min(pace, rate) if rate is not None else pace
        self.rate = rate
        self._fallback = fallback
        self.pacer: Pacer | None = None
        # Silent after every try, towards a target that rations: the verdict waits (unpark).
        self.parked: list[tuple[Host, int, int, float]] = []
        # A port that answered with an ICMP error, probed again to tell a ration from a
        # firewall (see _ask_canary); whether that probe is out.
        self.canary: tuple[Host, int] | None = None
        self.canary_out = False
        self.canary_answers = 0  # in a row; REFUTE_ANSWERS refute a ration
        self.settled = False  # the parked ports had their last check (see idle)
        # Silent after every try while the canary is out: the verdict waits for it.
        self.awaiting: list[tuple[Host, int, int, float]] = []
        self.silent_seen = False
        self._cut = False  # a verdict slowed the pace and ended the turn early

    @staticmethod
    def default_timing(timeout: float, window: int) -> TimingFactory:
        """RFC 6298's timeout only: the pacer (``udp_pace.py``) is this lane's timing."""
        return host_timing(timeout)

    def begin(
        self, loop: asyncio.AbstractEventLoop, hosts: Iterable[ScanHost], host_count: int, **kw
    ) -> None:
        super().begin(loop, hosts, host_count, **kw)
        fallback = self._fallback if self._fallback is not None else fallback_pace()
        self.pacer = Pacer(self.start_pace, fallback=fallback, now=kw["now"])

    @property
    def pace(self) -> float | None:
        """Probes per second now (lower than at the start after losses); None before."""
        pacer = self.pacer
        if pacer is None:
            return None
        return min(pacer.rate, self.rate) if self.rate is not None else pacer.rate

    # The scheduler's turn: every probe waits for the pacer.

    def allowance(self, now: float) -> int:
        return self.pacer.allowance(now)

    def pace_wake(self, now: float) -> float:
        # Half a burst at a time: each turn of the pump costs a wake-up, and the bucket
        # lets a burst out at once anyway.
        pacer = self.pacer
        return now + pacer.wait_for(now, max(1.0, pacer.burst / 2))

    def fill(self, now: float, room: int) -> int:
        started = super().fill(now, room)
        self.pacer.take(started)
        return started

    def wake_at(self, now: float) -> float | None:
        wake = super().wake_at(now)
        if self._cut:
            # The turn ended when the pace dropped: the rest go at the new pace.
            self._cut = False
            paced = self.pace_wake(now)
            wake = paced if wake is None else min(wake, paced)
        return wake

    @property
    def idle(self) -> bool:
        """Nothing left to do, but for the ports waiting for the canary (it is asked)
        and the check of the parked ports: once the target is
        known to ration, their last tries went out at a pace that nothing has shown to
        be slow enough, so when all else is done each gets one more, after the
        target's ration has refilled (``RECOVERY`` answers at the pace) and at half
        the pace; a
        port answering it slows the pace for the rest (``on_loss``)."""
        if not super().idle:
            return False
        if self.awaiting and self.canary is not None:
            self._ask_canary()  # the verdict the waiting ports wait for
            self.nudged = True
            return False
        if self.parked and not self.settled:
            self.settled = True
            now = self._clock()
            # Time for the target's ration to refill a few answers at the pace found.
            recovery = max(self.last_timeout, RECOVERY / self.pacer.rate)
            self.pacer.settle(now + recovery)
            for item in self.parked:
                self.retries.schedule(item, now + recovery, now)
            self.parked.clear()
            self.nudged = True
            return False
        return True

    def finish(self) -> None:
        for host, port, _attempt, _sent_at in (*self.parked, *self.awaiting):
            self.record(host, port, self.silent, None)
        self.parked.clear()
        self.awaiting.clear()

    def eta(self, elapsed: float, now: float) -> float | None:
        """From the pace (the rate so far says little: closed ports answer in
        microseconds, silent ones after every retry), no faster than this machine has
        been sending."""
        pace = self.pace
        if pace is None:
            return None
        if self.busy > 0:
            pace = min(pace, self.sent / self.busy)
        timeout = self.last_timeout
        retries = self.max_retries
        waiting = [
            max(0.0, deadline - now) + (retries - attempt) * timeout
            for deadline, attempt in self.prober.pending_attempts()
        ]
        waiting += [(retries - item[2] + 1) * timeout for item in self.retries.items()]
        return udp_eta(
            unsent=self.total - (self.sent - self.resent),
            pace=pace,
            timeout=timeout,
            retries=retries,
            silent_seen=self.silent_seen,
            waiting=waiting,
        )

    # Answers and silences.

    def verdict(self, host: Host, port: int, attempt: int, outcome: Verdict, rtt: float, lost_at):
        """``lost_at``: when an earlier attempt went unanswered (0: this is the first)."""
        if attempt == CANARY:
            self._canary_answered()
            return None
        host.timing.sample(rtt)
        self.record(host, port, outcome, rtt)
        if outcome[0] in _ICMP_STATES:
            pacer = self.pacer
            pacer.on_answer()
            if self.canary is None:
                self.canary = (host, port)
            # An ICMP answer to a retry: the earlier attempt's answer was lost, most
            # likely to the target's ICMP ration.
            if lost_at and pacer.on_loss(self._clock(), lost_at, hold=host.timing.timeout):
                self.unpark()
                self._cut = True
                return True
        return None

    def silence(self, host: Host, port: int, attempt: int, sent_at: float, tag, now: float):
        pacer = self.pacer
        hold = host.timing.timeout
        if attempt == CANARY:
            self.canary_out = False
            self.canary_answers = 0
            pacer.confirm(now, hold=hold)
            self.unpark()  # every port judged at the pace just given up tries again
            return
        self.silent_seen = True
        if pacer.on_silence(now, sent_at, hold=hold):
            self.unpark()
        elif pacer.wants_canary:
            pacer.wants_canary = False
            self._ask_canary()
        # Sent at a pace since given up because the target was rationing its answers:
        # the silence proves nothing, so the next try does not count as a retry.
        rationed = pacer.slowdowns > 0
        unheard = rationed and sent_at < pacer.changed_at
        allowed = self.max_retries + (RATIONED_EXTRA_RETRIES if rationed else 0)
        if unheard:
            self.retries.add((host, port, attempt, sent_at))
        elif attempt < allowed:
            at = host.timing.retry_at(sent_at, now)
            self.retries.schedule((host, port, attempt + 1, sent_at), at, now)
        elif rationed:
            # Its last try went out at this pace; should the pace still prove too fast,
            # the port tries again at the slower one. Judged when the UDP part ends.
            self.parked.append((host, port, attempt, sent_at))
        elif self.canary_out or (pacer.ever_heard and not pacer.refuted):
            # The target answers others: a ration may have swallowed this one's answer.
            # The verdict waits for the canary's (asked now, or when all else is done).
            self.awaiting.append((host, port, attempt, sent_at))
        else:
            self.record(host, port, self.silent, None)

    def _canary_answered(self) -> None:
        """The port that answered with an ICMP error before did so again. Twice in a
        row: the silences are the target's own (a firewall dropping those ports), not a
        ration, and the ports waiting for this verdict are silent. Once: ask again
        at once (a ration may have refilled one token)."""
        self.canary_out = False
        self.canary_answers += 1
        if self.canary_answers < REFUTE_ANSWERS:
            self._ask_canary()
            return
        self.canary_answers = 0
        self.pacer.refute()
        for host, port, _attempt, _sent_at in self.awaiting:
            self.record(host, port, self.silent, None)
        self.awaiting.clear()

    def _ask_canary(self) -> None:
        """Silences piled up: probe again a port that answered with an ICMP error. A ration
        leaves it silent too; a firewall dropping the silent ports does not."""
        if self.canary is not None and not self.canary_out:
            self.canary_out = True
            host, port = self.canary
            self.retries.add_first((host, port, CANARY, 0.0))

    def unpark(self) -> None:
        """The pace dropped (or the target is known to ration): the parked ports' last
        tries, and those of the ports waiting for the canary, went out too fast to
        prove anything, so each tries again (not counted as a retry)."""
        self.retries.ready.extend(self.parked)
        self.retries.ready.extend(self.awaiting)
        self.parked.clear()
        self.awaiting.clear()
        self.poke()
