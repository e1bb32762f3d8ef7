"""A shard's results as a few columns, the form they cross the network in: a host table,
then per door its host's number, its port, one code for (protocol, state, reason), its
round trip (microseconds) and its time (milliseconds, as a result set keeps them), and
the banners apart (few doors have one). Pickled, that is a handful of byte strings
however many doors there are, not an object per door: 256 hosts x 1,000 ports pickle to
16.9 MB as result objects, 5.1 MB as columns (20 bytes a door).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason

_PROTOCOLS = list(Protocol)
_STATES = list(PortState)
_REASONS = list(Reason)
_PROTOCOL_CODE = {p: i << 12 for i, p in enumerate(_PROTOCOLS)}
_STATE_CODE = {s: i << 8 for i, s in enumerate(_STATES)}
_REASON_CODE = {r: i for i, r in enumerate(_REASONS)}
_NO_RTT = 0xFFFF_FFFF
_MOST_RTT = _NO_RTT - 1  # microseconds: 71 minutes


@dataclass(frozen=True, slots=True)
class Columns:
    """Results as columns (see the module docstring); ``len()`` is the doors they hold."""

    hosts: tuple[tuple[str, str], ...] = ()  # (label, address) of each host number
    host: array = field(default_factory=lambda: array("I"))
    port: array = field(default_factory=lambda: array("H"))
    code: array = field(default_factory=lambda: array("H"))
    rtt: array = field(default_factory=lambda: array("I"))  # microseconds; _NO_RTT: none
    at: array = field(default_factory=lambda: array("q"))  # milliseconds from ``epoch``
    banners: dict[int, str] = field(default_factory=dict)  # door number -> banner
    epoch: float = 0.0  # seconds

    def __len__(self) -> int:
        return len(self.port)


def to_columns(results: Iterable[PortResult]) -> Columns:
    """``results`` as columns; a later result for a door replaces the earlier one (the
    banner read after a door was found open), in the earlier one's place."""
    numbers: dict[tuple[str, str], int] = {}
    where: dict[tuple[str, int, int], int] = {}
    host, port, code = array("I"), array("H"), array("H")
    rtt, at = array("I"), array("q")
    epoch = None
    banners: dict[int, str] = {}
    protocol_code, state_code, reason_code = _PROTOCOL_CODE, _STATE_CODE, _REASON_CODE
    for result in results:
        key = (result.host, result.address)
        number = numbers.get(key)
        if number is None:
            number = numbers[key] = len(numbers)
        if epoch is None:
            epoch = result.scanned_at
        micros = _NO_RTT if result.rtt is None else min(_MOST_RTT, max(0, round(result.rtt * 1e6)))
        millis = round((result.scanned_at - epoch) * 1000)
        door_code = (
            protocol_code[result.protocol] | state_code[result.state] | reason_code[result.reason]
        )
        door = (result.address, door_code >> 12, result.port)
        row = where.get(door)
        if row is None:
            row = where[door] = len(port)
            host.append(number)
            port.append(result.port)
            code.append(door_code)
            rtt.append(micros)
            at.append(millis)
        else:
            host[row], code[row] = number, door_code
            rtt[row], at[row] = micros, millis
        if result.banner:
            banners[row] = result.banner
        else:
            banners.pop(row, None)
    return Columns(tuple(numbers), host, port, code, rtt, at, banners, epoch or 0.0)


def from_columns(columns: Columns) -> tuple[PortResult, ...]:
    """The results again, as they were (round trips to the microsecond, times to the
    millisecond, as a result set keeps them)."""
    hosts, banners, epoch = columns.hosts, columns.banners, columns.epoch
    protocols, states, reasons = _PROTOCOLS, _STATES, _REASONS
    out = []
    for row, (number, port, code, rtt, at) in enumerate(
        zip(columns.host, columns.port, columns.code, columns.rtt, columns.at, strict=True)
    ):
        label, address = hosts[number]
        out.append(
            PortResult(
                label,
                address,
                protocols[code >> 12],
                port,
                states[code >> 8 & 0xF],
                reasons[code & 0xFF],
                None if rtt == _NO_RTT else rtt / 1e6,
                epoch + at / 1000,
                banners.get(row, ""),
            )
        )
    return tuple(out)
