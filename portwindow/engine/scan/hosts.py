"""Where the hosts a scan probes come from, and in which order a lane takes them.

:func:`resolve_hosts` is today's source of hosts: the targets as typed, host names
resolved once (``input/targets.py``). A :class:`HostSource` is what a scan takes, so
host discovery (ping sweeps, ARP) can later stand in front of it and hand on only the
hosts that are up, with the same :class:`HostPlan`.

:func:`host_groups` walks the hosts lazily, ``HOST_GROUP`` at a time, and interleaves
their ports (a few at a time, one at a time under a per-host cap), so that a target
list of a million addresses costs a group's worth of memory, and no single host gets
every probe of a burst.
"""

from __future__ import annotations

import socket
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from portwindow.engine.core.model import HostError
from portwindow.engine.input.targets import ScanHost, TargetSet
from portwindow.engine.scan.config import HOST_GROUP
from portwindow.engine.scan.timing import PathTiming

_CHUNK = 32  # ports of one host taken in a row when there is no per-host cap


class Host:
    """A host as one lane probes it: where it is, its timing, how far the lane got."""

    __slots__ = (
        "address",
        "answers",
        "family",
        "heard",
        "inflight",
        "label",
        "next_index",
        "ports",
        "timing",
    )

    def __init__(
        self,
        label: str,
        address: str,
        family: int,
        timing: PathTiming,
        ports: tuple[int, ...] = (),
    ) -> None:
        self.label = label
        self.address = address
        self.family = family
        self.timing = timing
        self.inflight = 0
        self.next_index = 0
        # The prober's: answers the host gave, and when the latest answered probe went out.
        self.answers = 0
        self.heard = 0.0
        self.ports = ports  # in the order probed: the lane's, or this host's share of a shard

    def __repr__(self) -> str:
        return f"Host({self.address}, next={self.next_index}, inflight={self.inflight})"


def family_of(host: ScanHost) -> int:
    return socket.AF_INET6 if host.address.version == 6 else socket.AF_INET


@dataclass(frozen=True, slots=True)
class HostPlan:
    """The hosts to probe: how many, which could not be scanned, and a fresh walk of
    them for each lane (``hosts()``)."""

    count: int
    errors: tuple[HostError, ...]
    hosts: Callable[[], Iterator[ScanHost]]


class HostSource(typing.Protocol):
    """Plans the hosts of a scan (:func:`resolve_hosts` today; discovery next)."""

    async def __call__(self, targets: TargetSet) -> HostPlan: ...


async def resolve_hosts(targets: TargetSet) -> HostPlan:
    """Every target, host names resolved (a name that does not resolve is an error)."""
    resolution = await targets.resolve()
    return HostPlan(
        count=targets.host_count(resolution),
        errors=resolution.errors,
        hosts=lambda: targets.iter_hosts(resolution),
    )


def host_groups(
    hosts: Iterable[ScanHost],
    per_host: int | None,
    make: Callable[[ScanHost], Host],
    group: int = HOST_GROUP,
) -> Iterator[Host | None]:
    """Yield the host whose next port (``host.ports[host.next_index]``) should be probed,
    or None when every host of the group is at its cap (``per_host``, or its timing's
    window: an answer or a timeout frees one). A host with no ports is left out."""
    host_iter = iter(hosts)
    active: deque[Host] = deque()
    cap = per_host
    chunk = 1 if cap else _CHUNK
    exhausted = False
    while True:
        while not exhausted and len(active) < group:
            item = next(host_iter, None)
            if item is None:
                exhausted = True
                break
            host = make(item)
            if host.ports:
                active.append(host)
        if not active:
            return
        progressed = False
        for _ in range(len(active)):
            host = active[0]
            limit = host.timing.cap  # its congestion window (timing.py)
            if cap and cap < limit:
                limit = cap
            if host.inflight >= limit:
                active.rotate(-1)
                continue
            end = min(host.next_index + chunk, len(host.ports))
            while host.next_index < end:
                yield host
                host.next_index += 1
                if host.inflight >= limit:
                    break
            progressed = True
            if host.next_index >= len(host.ports):
                active.popleft()
            else:
                active.rotate(-1)
        if not progressed:
            yield None
