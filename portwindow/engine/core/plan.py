"""The doors every host of a :class:`~portwindow.engine.core.results.ResultSet` has: its
:class:`Plan` (the ports to probe, per protocol, ascending, each with its door row), and
the :class:`PlanChange` that says how rows moved when a plan grew.

A door is also named by one integer, its key (:func:`door_key`: host row, protocol and
port), which, unlike a door row, stays the same when the plan grows.
"""

from __future__ import annotations

import functools
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from portwindow.engine.core.codes import PROTOCOL_CODE
from portwindow.engine.core.model import PortResult, Protocol

__all__ = [
    "PORT_SPACE",
    "UDP_BIT",
    "UNPLANNED",
    "Plan",
    "PlanChange",
    "counting_arrays",
    "door_key",
    "grown",
    "row_remap",
    "spread",
]

PORT_SPACE = 65536


@functools.cache
def counting_arrays() -> tuple[array, array]:
    """0, 1, 2, ... as ports and as rows: slices of these plan a run of consecutive ports
    without a Python loop. Built once (7 ms)."""
    return array("H", range(PORT_SPACE)), array("i", range(2 * PORT_SPACE))


UNPLANNED = array("i", [-1]) * PORT_SPACE  # the rows of a protocol without planned ports
UDP_BIT = PROTOCOL_CODE[Protocol.UDP] << 16


def door_key(host_row: int, protocol: Protocol, port: int) -> int:
    """A door of a result set as one integer: host row, protocol and port. Unlike a door
    row, a key stays the same when the plan grows."""
    return host_row << 17 | PROTOCOL_CODE[protocol] << 16 | port


class Plan:
    """The doors every host has: ports per protocol (TCP first, each ascending), and
    row <-> (protocol, port)."""

    __slots__ = ("offsets", "ports", "rows", "size")

    def __init__(self, ports: Mapping[Protocol, Iterable[int]] | None = None) -> None:
        ports = ports or {}
        self.ports: dict[Protocol, array] = {}
        self.offsets: dict[Protocol, int] = {}
        self.rows: dict[Protocol, array] = {}
        offset = 0
        for protocol in Protocol:
            # sorted(set()) is C-speed and cheaper than checking a PortSet's tuple in Python.
            given = sorted(set(ports.get(protocol, ())))
            if given and not (given[0] >= 0 and given[-1] < PORT_SPACE):
                bad = given[0] if given[0] < 0 else given[-1]
                raise ValueError(f"port {bad} is out of range 0-65535")
            one_run = bool(given) and given[-1] - given[0] + 1 == len(given)  # as "1-65535"
            if one_run:
                counting_ports, counting_rows = counting_arrays()
                planned = counting_ports[given[0] : given[-1] + 1]
            else:
                planned = array("H", given)
            self.ports[protocol] = planned
            self.offsets[protocol] = offset
            if planned:
                rows = array("i", [-1]) * PORT_SPACE
                if one_run:
                    rows[given[0] : given[-1] + 1] = counting_rows[offset : offset + len(given)]
                else:
                    for row, port in enumerate(planned, offset):
                        rows[port] = row
                self.rows[protocol] = rows
            offset += len(planned)
        self.size = offset

    def row(self, protocol: Protocol, port: int) -> int:
        """The door row of (protocol, port), -1 when it is not planned."""
        rows = self.rows.get(protocol)
        return -1 if rows is None or not 0 <= port < PORT_SPACE else rows[port]

    def door(self, row: int) -> tuple[Protocol, int]:
        for protocol, ports in self.ports.items():
            offset = self.offsets[protocol]
            if row < offset + len(ports):
                return protocol, ports[row - offset]
        raise IndexError(row)

    def rows_of(self, results: Sequence[PortResult]) -> list[int]:
        """The door row of each result; -1 for a door the plan does not have."""
        tcp_rows = self.rows.get(Protocol.TCP, UNPLANNED)
        udp_rows = self.rows.get(Protocol.UDP, UNPLANNED)
        tcp = Protocol.TCP
        try:
            return [(tcp_rows if r.protocol is tcp else udp_rows)[r.port] for r in results]
        except IndexError:
            bad = next(r.port for r in results if r.port >= PORT_SPACE)
            raise ValueError(f"port {bad} is out of range 0-65535") from None

    def with_ports(self, extra: Mapping[Protocol, Iterable[int]]) -> Plan:
        return Plan(
            {protocol: {*self.ports[protocol], *extra.get(protocol, ())} for protocol in Protocol}
        )


@dataclass(frozen=True, slots=True)
class PlanChange:
    """The plan grew: every host's rows were spread by ``steps`` (rows kept, rows
    inserted), so a door's row in ``old`` is another row in ``new``."""

    old: Plan
    new: Plan
    steps: tuple[tuple[int, int], ...]


def grown(old: Plan, missing: Mapping[Protocol, Iterable[int]]) -> PlanChange:
    """The plan with the ``missing`` ports added, and how every host's rows spread."""
    new = old.with_ports(missing)
    inserted = sorted(
        new.row(protocol, port) for protocol, ports in missing.items() for port in ports
    )
    steps: list[tuple[int, int]] = []
    kept = 0  # new rows accounted for so far
    for row in inserted:
        if steps and kept == row:
            steps[-1] = (steps[-1][0], steps[-1][1] + 1)
        else:
            steps.append((row - kept, 1))
        kept = row + 1
    return PlanChange(old, new, tuple(steps))


_Column = TypeVar("_Column", bytearray, array)


def spread(old: _Column, steps: Sequence[tuple[int, int]], filler: _Column) -> _Column:
    """One host's column with room for new doors: ``steps`` are (old rows to keep, new
    rows to insert), ``filler`` one new row's value."""
    pieces = []
    start = 0
    for keep, inserted in steps:
        pieces.append(old[start : start + keep])
        pieces.append(filler * inserted)
        start += keep
    pieces.append(old[start:])
    new = pieces[0]
    for piece in pieces[1:]:
        new += piece
    return new


def row_remap(steps: Sequence[tuple[int, int]]):
    """old row -> new row, for spread ``steps``."""
    bounds = []
    old_start = shift = 0
    for keep, inserted in steps:
        old_start += keep
        bounds.append((old_start, shift + inserted))
        shift += inserted

    def remap(row: int) -> int:
        moved = 0
        for bound, shift_after in bounds:
            if row < bound:
                break
            moved = shift_after
        return row + moved

    return remap
