"""The TCP lane: connects through ``probes/tcp_connect.py``, paced only by the scan's
shared rate limit and each host's timing (``timing.py``): its window caps the connects
in flight to the host, and once it calls the host rationed, the host's silent ports
try again at its pace (``rationed.py``). Open ports go on to the enricher (banners)
when there is one.

A probe's tag is when the port's earlier, unanswered try went out (0: this is its first
try), which the timing reads to tell a lost answer from a silent port; a rationed
host's paced try carries its batch instead (``rationed.Batch``).
"""

from __future__ import annotations

import typing
from collections.abc import Iterable

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.scan.hosts import Host
from portwindow.engine.scan.lanes.base import Lane
from portwindow.engine.scan.lanes.rationed import CANARY, Batch, PacedRetries
from portwindow.engine.scan.probes.base import Verdict

SELF_CONNECT_RETRIES = 8
"""New sockets tried for a port whose connects keep landing on themselves."""

_OPEN = PortState.OPEN
_CLOSED_STATE = PortState.CLOSED
_CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)
_NO_RESPONSE = Reason.NO_RESPONSE


class Enricher(typing.Protocol):
    """Learns more about ports the scan found open (``enrich/banners.py`` reads banners).

    The scan calls ``submit`` with each open TCP result; the enricher calls ``publish``
    with an updated result for the same port, which the scan passes on in a later batch.
    After the last probe the scan awaits ``drain``; a cancelled scan calls ``close``.
    """

    def submit(self, result: PortResult) -> None: ...

    async def drain(self) -> None: ...

    def close(self) -> None: ...


class TcpLane(Lane):
    protocol = Protocol.TCP
    silent = (PortState.FILTERED, Reason.NO_RESPONSE)
    enricher: Enricher | None = None

    def __init__(self, ports: Iterable[int], prober, *, seed: int | None = None, **common):
        super().__init__(ports, prober, **common)
        self.seed = seed
        self.paced: dict[int, PacedRetries] = {}  # id(host) -> its rationed retries
        self._self_connects: dict[tuple[str, int], int] = {}

    # The scheduler's turn: rationed hosts' retries leave at their pace.

    def fill(self, now: float, room: int) -> int:
        if self.paced:
            self._release(now)
        return super().fill(now, room)

    def _release(self, now: float) -> None:
        ready = self.retries.ready
        room = self.window - self.inflight - len(ready)
        done = not self.work_left
        for paced in self.paced.values():
            paced.sweep(now, done)
            if room > 0:
                room -= paced.release(now, room, ready)

    def wake_at(self, now: float) -> float | None:
        wake = super().wake_at(now)
        for paced in self.paced.values():
            at = paced.next_at(now)
            if at is not None and (wake is None or at < wake):
                wake = at
        return wake

    @property
    def idle(self) -> bool:
        return super().idle and not any(self.paced.values())

    # Answers and silences.

    def verdict(self, host: Host, port: int, attempt: int, outcome: Verdict, rtt: float, tag):
        timing = host.timing
        if type(tag) is Batch:
            if timing.rationed:
                paced = self.paced[id(host)]
                if attempt == CANARY:
                    self._judged(paced.canary_done(tag, True, self._clock()))
                else:
                    self._judged(paced.member_done(tag, None, self._clock()))
                if not timing.rationed:
                    self._abandon(paced)
            if attempt == CANARY:
                return
            timing.answered(rtt, attempt, 0.0, 0.0)
        elif tag:
            if timing.answered(rtt, attempt, tag, self._clock(), host.next_index):
                self._pace_changed(host)
        else:
            timing.answered(rtt, attempt, 0.0, 0.0)
        result = self.record(host, port, outcome, rtt)
        state = outcome[0]
        if state is _OPEN:
            if self.enricher is not None:
                self.enricher.submit(result)
        elif timing.rationed:
            paced = self.paced.get(id(host))
            if paced is not None:
                paced.knows(port, state is not _CLOSED_STATE)

    def silence(self, host: Host, port: int, attempt: int, sent_at: float, tag, now: float):
        timing = host.timing
        if type(tag) is Batch:
            if timing.rationed:
                paced = self.paced[id(host)]
                if attempt == CANARY:
                    self._judged(paced.canary_done(tag, False, now))
                else:
                    self._judged(paced.member_done(tag, (host, port, attempt, sent_at), now))
                if not timing.rationed:
                    self._abandon(paced)
                return
            if attempt == CANARY:
                return
            attempt = 1  # its paced tries were free ones: from here on they count
        elif tag and not timing.rationed and timing.retry_silent(now, host.next_index):
            self._pace_changed(host)
        if not timing.rationed:
            if attempt < timing.tries_allowed(self.max_retries):
                at = timing.retry_at(sent_at, now)
                self.retries.schedule((host, port, attempt + 1, sent_at), at, now)
            else:
                self.record(host, port, self.silent, None)
            return
        paced = self.paced.get(id(host))
        if paced is None:
            paced = self._pace_changed(host)
        paced.sweep(now, not self.work_left)
        paced.add((host, port, attempt + 1, sent_at))  # a free try: this one proved nothing

    def _abandon(self, paced: PacedRetries) -> None:
        """The host turned out lossy, not rationed: its waiting ports go back to plain
        retries."""
        for item in paced.abandon():
            self.retries.add(item)

    def _judged(self, proven) -> None:
        """A batch's canaries proved these ports silent."""
        if proven:
            for host, port, _attempt, _sent_at in proven:
                self.record(host, port, self.silent, None)

    def _pace_changed(self, host: Host) -> PacedRetries:
        """The host's timing started rationing, or slowed its pace."""
        paced = self.paced.get(id(host))
        if paced is None:
            paced = PacedRetries(host, len(host.ports), self._clock(), self.seed)
            self.paced[id(host)] = paced
        else:
            paced.slowed()
        return paced

    def self_connected(self, host: Host, port: int, attempt: int, tag) -> None:
        key = (host.address, port)
        count = self._self_connects.get(key, 0)
        if count < SELF_CONNECT_RETRIES:
            self._self_connects[key] = count + 1
            self.retries.add((host, port, attempt, tag))
        else:
            # The kernel kept choosing the target port as the local one, which it only
            # does when nothing listens there.
            del self._self_connects[key]
            self.record(host, port, _CLOSED, None)
