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

    def finish(self) -> None:
        for host, port, _attempt, _sent_at in self.parked:
            self.record(host, port, self.silent, None)
        self.parked.clear()

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
            if pacer.confirm(now, hold=hold):
                self.unpark()
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
        else:
            self.record(host, port, self.silent, None)

    def _canary_answered(self) -> None:
        """The port that answered with an ICMP error before did so again: the silences
        are the target's own (a firewall dropping those ports), not a ration."""
        self.canary_out = False
        self.pacer.refute()

    def _ask_canary(self) -> None:
        """Silences piled up: probe again a port that answered with an ICMP error. A ration
        leaves it silent too; a firewall dropping the silent ports does not."""
        if self.canary is not None and not self.canary_out:
            self.canary_out = True
            host, port = self.canary
            self.retries.add_first((host, port, CANARY, 0.0))

    def unpark(self) -> None:
        """The pace dropped: the parked ports' last tries went out too fast to prove
        anything, so each tries again (not counted as a retry)."""
        self.retries.ready.extend(self.parked)
        self.parked.clear()
        self.poke()
