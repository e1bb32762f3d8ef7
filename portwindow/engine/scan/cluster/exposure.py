"""The same targets scanned from several vantage points: each point's results kept apart,
door by door, so that one can see which doors are reachable from where.

A vantage point is a set of Dask workers started with ``--resources vantage-NAME=1``
(on the LAN, in a cloud, behind the VPN). :class:`Exposure` holds one
:class:`ResultSet` per point; :meth:`Exposure.add` keeps a point's results and says
which of them the scan's one merged result set should take: a door's most open state
from any point (open, then open|filtered, then closed, then filtered), so the merged
scan shows what is exposed somewhere, and the exposure says where.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.core.results import ResultSet
from portwindow.engine.input.ports import PortSet

RANK = {
    PortState.OPEN: 3,
    PortState.OPEN_FILTERED: 2,
    PortState.CLOSED: 1,
    PortState.FILTERED: 0,
}
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")


def parse_vantages(text: str) -> tuple[str, ...]:
    """``lan,wan``: vantage point names (letters, digits, ``_.-``, up to 32), each once."""
    names = tuple(part.strip() for part in text.split(",") if part.strip())
    if not names:
        raise InputError("no vantage point named (such as lan,wan)")
    for name in names:
        if not _NAME.fullmatch(name):
            raise InputError(
                f"vantage point {name!r} is not a name of letters, digits, '_', '.' and '-'"
            )
    if len(set(names)) < len(names):
        raise InputError("a vantage point is named twice")
    return names


@dataclass(frozen=True, slots=True)
class DoorExposure:
    """One door as each vantage point saw it (None: not reported from there)."""

    host: str
    address: str
    protocol: Protocol
    port: int
    states: tuple[PortState | None, ...]  # in the order of Exposure.vantages

    def reachable_from(self, vantages: Sequence[str]) -> tuple[str, ...]:
        return tuple(v for v, s in zip(vantages, self.states, strict=True) if s is PortState.OPEN)

    @property
    def differs(self) -> bool:
        return len({s is PortState.OPEN for s in self.states}) > 1


class Exposure:
    """Each vantage point's results of one scan (see the module docstring)."""

    def __init__(self, ports: PortSet, vantages: Sequence[str]) -> None:
        self.vantages = tuple(vantages)
        plan = {Protocol.TCP: ports.tcp, Protocol.UDP: ports.udp}
        self.results = {vantage: ResultSet(plan) for vantage in self.vantages}

    def add(self, vantage: str, results: Sequence[PortResult]) -> tuple[PortResult, ...]:
        """Keep ``vantage``'s results; return those the merged scan takes (the door's
        most open state so far from any point)."""
        self.results[vantage].add(results)
        others = [found for name, found in self.results.items() if name != vantage]
        taken = []
        for result in results:
            rank = RANK[result.state]
            best = -1
            for found in others:
                seen = found.get(result.address, result.protocol, result.port)
                if seen is not None and RANK[seen.state] > best:
                    best = RANK[seen.state]
            if rank >= best:
                taken.append(result)
        return tuple(taken)

    def door(self, address: str, protocol: Protocol, port: int) -> DoorExposure | None:
        """How every point saw one door; None when none reported it."""
        seen = [found.get(address, protocol, port) for found in self.results.values()]
        first = next((r for r in seen if r is not None), None)
        if first is None:
            return None
        states = tuple(None if r is None else r.state for r in seen)
        return DoorExposure(first.host, address, protocol, port, states)

    def doors(self) -> Iterator[DoorExposure]:
        """Every door any point reported, host by host in the first point's order."""
        done: set[tuple[str, Protocol, int]] = set()
        for found in self.results.values():
            for result in found:
                key = (result.address, result.protocol, result.port)
                if key not in done:
                    done.add(key)
                    door = self.door(*key)
                    if door is not None:
                        yield door

    def reachable_from(self, address: str, protocol: Protocol, port: int) -> tuple[str, ...]:
        """The vantage points from which the door is open."""
        door = self.door(address, protocol, port)
        return () if door is None else door.reachable_from(self.vantages)
