"""How one path answers, as a lane consults it: the seam of issue 12's timing engine.

Every host a lane probes carries a timing object (``Host.timing``, made by a
:data:`TimingFactory`). The lane reads ``timeout`` for each probe it starts, reports
each answer's round-trip time to ``sample`` and each silence to ``retry_at``, which
says when that port's next try may go. Today that is RFC 6298's estimator
(``rtt.py``), one per host and lane, with retries at once, as before.

What issue 12 puts behind the same three calls, without touching the lanes:

- a factory that hands out objects shared per host and per network (the hosts of a /24
  behind one firewall share what is learnt of its ration);
- drop detection: silences (``retry_at``) against answers (``sample``) at a known pace,
  and re-probes of ports known to answer;
- retries scheduled after the path's ration recovers (``retry_at`` returning a later
  time; the lanes' retry queues already keep retries in time order, ``lanes/retries.py``);
- a congestion window on the probes in flight per path, consulted where the host groups
  apply the per-host cap (``hosts.host_groups``), growing while answers come back.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from ipaddress import IPv4Address, IPv6Address

from portwindow.engine.core.model import Protocol
from portwindow.engine.scan.rtt import RttEstimator


class PathTiming(typing.Protocol):
    """What a lane consults about one path."""

    timeout: float
    """Seconds to wait for the next probe's answer (the retransmission timeout)."""

    def sample(self, rtt: float) -> None:
        """An answer came ``rtt`` seconds after its probe went out."""

    def retry_at(self, sent_at: float, now: float) -> float:
        """A probe sent at ``sent_at`` went unanswered (noticed at ``now``): when its
        next try may go, on the scan's clock."""


TimingFactory = Callable[[IPv4Address | IPv6Address, Protocol], PathTiming]
"""``factory(address, protocol)``: the timing of a host for one lane."""


class HostTiming(RttEstimator):
    """Today's timing: RFC 6298's timeout (``rtt.py``); a silent port tries again at once."""

    __slots__ = ()

    def retry_at(self, sent_at: float, now: float) -> float:
        return now


def host_timing(timeout: float) -> TimingFactory:
    """The default factory: a :class:`HostTiming` per host and lane, at most ``timeout``."""

    def make(_address: IPv4Address | IPv6Address, _protocol: Protocol) -> PathTiming:
        return HostTiming(timeout)

    return make
