"""Doors: a protocol and a port (``22/tcp``), and sets of them kept as port intervals.

:class:`DoorSet` is what an expected-doors rule holds. It is a set of ``(Protocol, port)``
pairs to every caller (membership, iteration, length, equality with any set), but it
keeps merged intervals per protocol, so a rule of ``1-65535/tcp`` costs one pair of
integers, not 65,535 objects, and the union of fifty such rules is a merge, not fifty
sets of 65,535 doors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Set
from typing import Any

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import Protocol
from portwindow.engine.input.intervals import Intervals
from portwindow.engine.input.ports import PortSet, parse_port_spans

Door = tuple[Protocol, int]
_SLASH_DOOR = re.compile(r"(?i)^(\d+(?:-\d+)?)/(tcp|udp)$")


class DoorSet(Set):
    """An immutable set of doors, as port intervals per protocol (TCP first)."""

    __slots__ = ("_by_protocol",)

    def __init__(self, by_protocol: dict[Protocol, Intervals] | None = None) -> None:
        given = by_protocol or {}
        self._by_protocol = {p: given.get(p, Intervals()) for p in Protocol}

    @staticmethod
    def of(doors: Iterable[Door]) -> DoorSet:
        """The doors of any iterable of ``(Protocol, port)`` pairs (a DoorSet is kept)."""
        if isinstance(doors, DoorSet):
            return doors
        ports: dict[Protocol, list[int]] = {p: [] for p in Protocol}
        for protocol, port in doors:
            ports[protocol].append(port)
        return DoorSet({p: Intervals.of_sorted(sorted(values)) for p, values in ports.items()})

    @staticmethod
    def of_ports(ports: PortSet) -> DoorSet:
        return DoorSet({p: Intervals.of_sorted(ports.ports(p)) for p in Protocol})

    @staticmethod
    def union_of(sets: Iterable[DoorSet]) -> DoorSet:
        sets = list(sets)
        if len(sets) == 1:
            return sets[0]
        return DoorSet(
            {p: Intervals.merged(span for each in sets for span in each.spans(p)) for p in Protocol}
        )

    def spans(self, protocol: Protocol) -> tuple[tuple[int, int], ...]:
        """The ``(first, last)`` port intervals of one protocol, ascending."""
        return self._by_protocol[protocol].spans

    def intervals(self, protocol: Protocol) -> Intervals:
        return self._by_protocol[protocol]

    def __contains__(self, door: object) -> bool:
        if not (isinstance(door, tuple) and len(door) == 2 and isinstance(door[0], Protocol)):
            return False
        return door[1] in self._by_protocol[door[0]]

    def __iter__(self) -> Iterator[Door]:
        for protocol in Protocol:
            for port in self._by_protocol[protocol]:
                yield protocol, port

    def __len__(self) -> int:
        return sum(intervals.size for intervals in self._by_protocol.values())

    def __or__(self, other: Any) -> DoorSet:
        if not isinstance(other, Set):
            return NotImplemented
        return DoorSet.union_of([self, DoorSet.of(other)])

    __ror__ = __or__

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DoorSet):
            return self._by_protocol == other._by_protocol
        return Set.__eq__(self, other)

    def __hash__(self) -> int:
        return hash(tuple(self._by_protocol[p].spans for p in Protocol))

    def __repr__(self) -> str:
        return f"DoorSet({format_doors(self)!r})"


def parse_doors(text: str) -> DoorSet:
    """``22/tcp, 443/tcp, 53/udp`` or any port spec (``22,443``, ``T:22,U:53``, ``ssh``)."""
    items = [item for item in re.split(r"[,\s]+", text.strip()) if item]
    if not items:
        raise InputError("no doors given (for example 22/tcp, 443/tcp)")
    converted = []
    for item in items:
        match = _SLASH_DOOR.match(item)
        if match:
            prefix = "T" if match.group(2).lower() == "tcp" else "U"
            converted.append(f"{prefix}:{match.group(1)}")
        else:
            converted.append(item)
    spans = parse_port_spans(",".join(converted))
    return DoorSet({p: Intervals.merged(spans[p]) for p in Protocol})


def format_doors(doors: Iterable[Door]) -> str:
    """``22/tcp, 8000-8002/tcp, 53/udp``: runs of ports as ranges, TCP first."""
    door_set = DoorSet.of(doors)
    return ", ".join(
        f"{first}/{protocol.value}" if first == last else f"{first}-{last}/{protocol.value}"
        for protocol in sorted(Protocol, key=lambda p: p.value)
        for first, last in door_set.spans(protocol)
    )
