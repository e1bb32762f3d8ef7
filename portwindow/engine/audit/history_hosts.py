"""What host discovery learnt of each host of a saved scan, kept in the history (schema
3): its state and reason, round-trip time, the name typed, the reverse DNS name, and its
MAC address and vendor (on the local link). A reopened scan shows them again, and a
device is followed by its MAC when its address changes (:func:`sightings`).

Scans saved before schema 3, or without discovery, have no rows here: their hosts are
what their results say. A row read back is not trusted: one that does not parse is left
out (the scan's results do not depend on it).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from portwindow.engine.core.text import printable
from portwindow.engine.scan.discovery.model import HostReason, HostState, HostStatus

_MAC = re.compile(r"[0-9a-f]{2}(?::[0-9a-f]{2}){5}")
_MAX_TEXT = 1000  # a name, label or vendor kept (a PTR name is at most 253)
MIGRATION: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS identities (
        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
        address TEXT NOT NULL,
        state TEXT NOT NULL,
        reason TEXT NOT NULL,
        rtt REAL,
        label TEXT NOT NULL,
        name TEXT,
        mac TEXT,
        vendor TEXT,
        PRIMARY KEY (scan_id, address)
    )""",
    "CREATE INDEX IF NOT EXISTS identities_by_mac ON identities(mac)",
)
NAMES = frozenset({"identities", "identities_by_mac"})


@dataclass(frozen=True, slots=True)
class DeviceSighting:
    """A device (by its MAC) in one saved scan: at which address, under which name."""

    scan_id: int
    started_at: float
    address: str
    name: str | None


def _mac(mac: str | None) -> str | None:
    if mac is None:
        return None
    mac = mac.strip().lower().replace("-", ":")
    return mac if _MAC.fullmatch(mac) else None


def save(db: sqlite3.Connection, scan_id: int, hosts: Iterable[HostStatus]) -> None:
    """Keep the hosts' statuses with scan ``scan_id`` (in the caller's transaction)."""
    db.executemany(
        "INSERT OR REPLACE INTO identities"
        " (scan_id, address, state, reason, rtt, label, name, mac, vendor)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                scan_id,
                host.address,
                host.state.value,
                host.reason.value,
                host.rtt,
                host.label[:_MAX_TEXT],
                host.name[:_MAX_TEXT] if host.name else None,
                _mac(host.mac),
                host.vendor[:_MAX_TEXT] if host.vendor else None,
            )
            for host in hosts
        ),
    )


def _text(value: object) -> str | None:
    return printable(value[:_MAX_TEXT]) if isinstance(value, str) and value else None


def _status(row: tuple) -> HostStatus | None:
    address, state, reason, rtt, label, name, mac, vendor = row
    try:
        return HostStatus(
            str(address),
            HostState(state),
            HostReason(reason),
            float(rtt) if isinstance(rtt, int | float) and rtt >= 0 else None,
            _text(label) or "",
            _text(name),
            _mac(mac) if isinstance(mac, str) else None,
            _text(vendor),
        )
    except (ValueError, TypeError):
        return None


def read(db: sqlite3.Connection, scan_id: int) -> list[HostStatus]:
    """The statuses kept with a scan, in the order saved (none for an older scan)."""
    rows = db.execute(
        "SELECT address, state, reason, rtt, label, name, mac, vendor FROM identities"
        " WHERE scan_id = ? ORDER BY rowid",
        (scan_id,),
    ).fetchall()
    return [status for status in map(_status, rows) if status is not None]


def sightings(db: sqlite3.Connection, mac: str, limit: int = 100) -> list[DeviceSighting]:
    """Where the device with this MAC was seen, newest scan first."""
    wanted = _mac(mac)
    if wanted is None:
        return []
    rows = db.execute(
        "SELECT i.scan_id, s.started_at, i.address, i.name FROM identities i"
        " JOIN scans s ON s.id = i.scan_id WHERE i.mac = ?"
        " ORDER BY s.started_at DESC, i.scan_id DESC LIMIT ?",
        (wanted, int(limit)),
    ).fetchall()
    return [
        DeviceSighting(int(scan_id), float(started), str(address), _text(name))
        for scan_id, started, address, name in rows
    ]
