"""The history's rows turned back into scans, trusting nothing in them: ``history.py``
stores scans with :func:`pack` and reads them with these functions.

A history file may have been damaged on disk, edited by hand, or made by someone hostile:
a column may hold the wrong type, JSON may not parse, a zlib blob may be corrupt,
truncated, or inflate to gigabytes. Every such row raises :class:`DamagedScan`, whose one
line names the file and the scan, so the caller can skip that scan and keep the others.
A blob never inflates past :data:`MAX_PORTS` entries (what one host and protocol can
have): decompression stops there.
"""

from __future__ import annotations

import array
import json
import math
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from portwindow.engine.audit.history_file import HistoryError
from portwindow.engine.core.codes import PROTOCOLS, REASONS, STATES
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason

NO_RTT = 0xFFFFFFFF
RTT_UNIT = 1e-5  # seconds: RTTs are kept in 10 microsecond units
MAX_PORTS = 65_536  # ports of one protocol on one host: no blob holds more entries
MAX_SETTINGS = 64 * 1024  # characters of a scan's settings (a few hundred in practice)


class DamagedScan(HistoryError):
    """One saved scan cannot be read; the others can. ``scan_id`` is None for rows that
    belong to no scan (the expected doors)."""

    def __init__(self, path: Path, scan_id: int | None, problem: str) -> None:
        where = f"scan {scan_id}" if scan_id is not None else "a row"
        super().__init__(f"{where} in the history {path} cannot be read: {problem}")
        self.path = path
        self.scan_id = scan_id
        self.problem = problem


def inflate(blob: object, limit: int, what: str, why: str = "") -> bytes:
    """A zlib blob's bytes, never more than ``limit`` (``why`` says why, in the error).

    Raises ValueError saying what is wrong with the ``what`` blob."""
    if not isinstance(blob, bytes):
        raise ValueError(f"its {what} are {type(blob).__name__}, not packed bytes")
    inflater = zlib.decompressobj()
    try:
        raw = inflater.decompress(blob, limit + 1)
    except zlib.error as exc:
        raise ValueError(f"its {what} are corrupt ({exc})") from None
    if len(raw) > limit or inflater.unconsumed_tail:
        raise ValueError(f"its {what} inflate past {limit:,} bytes{why}")
    if not inflater.eof:
        raise ValueError(f"its {what} are cut short")
    return raw


def unpack(kind: str, blob: object, what: str) -> array.array:
    """An array of ``kind`` from a zlib blob, never more than MAX_PORTS entries.

    Raises ValueError saying what is wrong with the ``what`` blob."""
    values = array.array(kind)
    raw = inflate(blob, MAX_PORTS * values.itemsize, what, f" (at most {MAX_PORTS:,} ports)")
    if len(raw) % values.itemsize:
        raise ValueError(f"its {what} end in the middle of an entry")
    values.frombytes(raw)
    return values


def protocol_of(code: object, what: str = "protocol") -> Protocol:
    protocol = PROTOCOLS[code] if isinstance(code, int) and 0 <= code < len(PROTOCOLS) else None
    if protocol is None:
        raise ValueError(f"its {what} code {code!r} is not a protocol")
    return protocol


#: a door's byte (``state << 4 | reason``) -> its state and reason, None for no door
_DOORS: tuple[tuple[PortState, Reason] | None, ...] = tuple(
    None
    if code >> 4 >= len(STATES) or STATES[code >> 4] is None or REASONS[code & 0x0F] is None
    else (STATES[code >> 4], REASONS[code & 0x0F])
    for code in range(256)
)


def door(code: int) -> tuple[PortState, Reason]:
    """The state and reason packed in a door's byte (``state << 4 | reason``)."""
    pair = _DOORS[code]
    if pair is None:
        raise ValueError(f"a door's code {code:#04x} is not a state and reason")
    return pair


# The scans table's columns, in order, with the Python types they must hold.
_NUMBER = (int, float)
_SCAN_COLUMNS: Sequence[tuple[str, tuple[type, ...]]] = (
    ("id", (int,)),
    ("started_at", _NUMBER),
    ("finished_at", _NUMBER),
    ("targets", (str,)),
    ("ports", (str,)),
    ("settings", (str,)),
    ("partial", (int,)),
    ("total", (int,)),
    ("done", (int,)),
    ("open", (int,)),
    ("closed", (int,)),
    ("filtered", (int,)),
    ("open_filtered", (int,)),
)


def scan_fields(row: Sequence, path: Path) -> list:
    """The scans row's values, checked, with the settings parsed: a list in column order.

    Raises DamagedScan naming the scan (its id, when even that is readable)."""
    scan_id = row[0] if isinstance(row[0], int) else None
    values = list(row)
    try:
        for (name, types), value in zip(_SCAN_COLUMNS, values, strict=True):
            if not isinstance(value, types) or isinstance(value, bool):
                raise ValueError(f"its {name} is {type(value).__name__}, not what is kept there")
            if types is _NUMBER and not math.isfinite(value):
                raise ValueError(f"its {name} is not a finite number")
            if types == (int,) and name != "id" and value < 0:
                raise ValueError(f"its {name} is negative")
        if not -1e11 < values[1] < 1e11 or not -1e11 < values[2] < 1e11:
            raise ValueError("its times are out of range")
        if len(values[5]) > MAX_SETTINGS:
            raise ValueError(f"its settings are longer than {MAX_SETTINGS:,} characters")
        try:
            settings = json.loads(values[5])
        except (ValueError, RecursionError):
            raise ValueError("its settings are not JSON") from None
        if not isinstance(settings, dict):
            raise ValueError("its settings are not a JSON object")
        values[5] = settings
    except ValueError as exc:
        raise DamagedScan(path, scan_id, str(exc)) from None
    return values


def scan_results(record, banner_rows: Sequence, host_rows: Iterable) -> list[PortResult]:
    """A scan's results from its rows; ValueError or TypeError says what does not read."""
    banners = {}
    for address, protocol, port, banner in banner_rows:
        if not isinstance(banner, str):
            raise ValueError("a banner is not text")
        banners[(address, protocol_of(protocol, "banner's protocol"), port)] = banner
    out: list[PortResult] = []
    for label, address, protocol_code, ports, codes, rtts, times in host_rows:
        if not isinstance(label, str) or not isinstance(address, str):
            raise ValueError("a host's name or address is not text")
        protocol = protocol_of(protocol_code)
        moment = round(record.started_at * 1000)
        columns = (
            unpack("H", ports, "ports"),
            unpack("B", codes, "states"),
            unpack("I", rtts, "round-trip times"),
            unpack("i", times, "times"),
        )
        if len({len(column) for column in columns}) != 1:
            raise ValueError(f"its arrays for {address} {protocol.value} differ in length")
        if len(out) + len(columns[0]) > max(record.done, 0):
            raise ValueError(f"it holds more results than the {record.done:,} it counts")
        doors = _DOORS
        for port, code, rtt, delta in zip(*columns, strict=True):
            moment += delta
            pair = doors[code]
            if pair is None:
                door(code)  # raises, saying which
            state, reason = pair
            out.append(
                PortResult(
                    label,
                    address,
                    protocol,
                    port,
                    state,
                    reason,
                    None if rtt == NO_RTT else rtt * RTT_UNIT,
                    moment / 1000,
                    banners.get((address, protocol, port), ""),
                )
            )
    return out
