"""The TCP lane: connects through ``probes/tcp_connect.py``, paced only by the scan's
shared rate limit; open ports go on to the enricher (banners) when there is one."""

from __future__ import annotations

import typing

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.scan.hosts import Host
from portwindow.engine.scan.lanes.base import Lane
from portwindow.engine.scan.probes.base import Verdict

SELF_CONNECT_RETRIES = 8
"""New sockets tried for a port whose connects keep landing on themselves."""

_OPEN = PortState.OPEN
_CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)


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

    def verdict(self, host: Host, port: int, attempt: int, outcome: Verdict, rtt: float, tag):
        host.timing.sample(rtt)
        result = self.record(host, port, outcome, rtt)
        if outcome[0] is _OPEN and self.enricher is not None:
            self.enricher.submit(result)

    def self_connected(self, host: Host, port: int, attempt: int, tag) -> None:
        """``tag`` counts the self-connects of this port so far."""
        if tag < SELF_CONNECT_RETRIES:
            self.retries.add((host, port, attempt, tag + 1))
        else:
            # The kernel kept choosing the target port as the local one, which it only
            # does when nothing listens there.
            self.record(host, port, _CLOSED, None)
