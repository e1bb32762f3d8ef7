"""Scans saved as portwindow saved them before schema 2 (one ``hosts`` row per host and
protocol, door by door), so that reading them back stays tested: a history file keeps
its old scans when it is migrated."""

from __future__ import annotations

import array
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from portwindow.engine.audit.history import _MIGRATIONS, History, NewScan, insert_scan
from portwindow.engine.audit.history_rows import NO_RTT, RTT_UNIT
from portwindow.engine.core.codes import PROTOCOL_CODE, STATE_CODE, door_code
from portwindow.engine.core.model import PortResult, PortState, Protocol


def pack(kind: str, values: Iterable[int]) -> bytes:
    return zlib.compress(array.array(kind, values).tobytes(), 6)


def rtt_units(rtt: float | None) -> int:
    if rtt is None:
        return NO_RTT
    return min(NO_RTT - 1, max(0, round(rtt / RTT_UNIT)))


def time_deltas(group: Sequence[PortResult], start: float) -> Iterable[int]:
    """Milliseconds from the previous result (the first from the scan's start)."""
    previous = round(start * 1000)
    for result in group:
        moment = round(result.scanned_at * 1000)
        yield max(-(2**31), min(2**31 - 1, moment - previous))
        previous = moment


def schema_1(path: Path) -> None:
    """An empty history file as portwindow made it before schema 2."""
    db = sqlite3.connect(path)
    try:
        for statement in _MIGRATIONS[1]:
            db.execute(statement)
        db.execute("PRAGMA user_version = 1")
        db.commit()
    finally:
        db.close()


def save_v1(
    path: Path, scan: NewScan, results: Iterable[PortResult], *, migrate: bool = True
) -> int:
    """Save a scan in the schema-1 layout into the history at ``path`` (opened, so
    migrated, first unless ``migrate`` is false); its id."""
    if migrate:
        with History(path):
            pass
    latest: dict[tuple[str, Protocol, int], PortResult] = {}
    for result in results:
        latest[(result.address, result.protocol, result.port)] = result
    groups: dict[tuple[str, Protocol], list[PortResult]] = {}
    labels: dict[str, str] = {}
    counts = dict.fromkeys(PortState, 0)
    for result in latest.values():
        groups.setdefault((result.address, result.protocol), []).append(result)
        labels.setdefault(result.address, result.host)
        counts[result.state] += 1
    db = sqlite3.connect(path)
    try:
        with db:
            scan_id = insert_scan(db, scan, len(latest), counts)
            for (address, protocol), group in groups.items():
                group.sort(key=lambda r: r.port)
                db.execute(
                    "INSERT INTO hosts (scan_id, label, address, protocol, ports, codes, rtts,"
                    " times) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        scan_id,
                        labels[address],
                        address,
                        PROTOCOL_CODE[protocol],
                        pack("H", (r.port for r in group)),
                        pack("B", (door_code(r.state, r.reason) for r in group)),
                        pack("I", (rtt_units(r.rtt) for r in group)),
                        pack("i", time_deltas(group, scan.started_at)),
                    ),
                )
            for r in latest.values():
                protocol = PROTOCOL_CODE[r.protocol]
                if r.state is not PortState.CLOSED:
                    db.execute(
                        "INSERT INTO notable (scan_id, address, protocol, port, state)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (scan_id, r.address, protocol, r.port, STATE_CODE[r.state]),
                    )
                if r.banner:
                    db.execute(
                        "INSERT INTO banners (scan_id, address, protocol, port, banner)"
                        " VALUES (?, ?, ?, ?, ?)",
                        (scan_id, r.address, protocol, r.port, r.banner),
                    )
    finally:
        db.close()
    return scan_id
