"""Scan history: every finished or stopped scan, kept in an embedded SQLite database.

The history is what lets an admin ask what changed since last time, reopen an old scan,
and search ("which scans saw 3306/tcp open?"). It is Qt-free; the window and the CLI
both use it.

Storage is compact: per (scan, host, protocol), the ports and what was learnt about each
are packed into zlib-compressed arrays (a state-and-reason byte, the round-trip time in
10 microsecond units, the time offset from the scan's start), so a 65,535-port scan costs
tens of kilobytes, not megabytes. Ports in any state but closed are also listed in a small
indexed table, so searches are plain SQL. Banners live in their own table.

Safety: WAL journal and one transaction per saved scan, so a crash mid-write loses
nothing already saved; a file that is not a healthy database is moved aside (with a
message saying where) and a fresh one started; the schema carries a version
(``PRAGMA user_version``) and migrations bring older files up to date.
"""

from __future__ import annotations

import array
import contextlib
import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason

SCHEMA_VERSION = 1
FILE_NAME = "history.sqlite3"
_NO_RTT = 0xFFFFFFFF
_RTT_UNIT = 1e-5  # seconds: RTTs are kept in 10 microsecond units

_STATES = list(PortState)
_REASONS = list(Reason)
_PROTOCOLS = list(Protocol)
_STATE_CODE = {state: i for i, state in enumerate(_STATES)}
_REASON_CODE = {reason: i for i, reason in enumerate(_REASONS)}
_PROTOCOL_CODE = {protocol: i for i, protocol in enumerate(_PROTOCOLS)}

_MIGRATIONS: dict[int, str] = {
    1: """
        CREATE TABLE scans (
            id INTEGER PRIMARY KEY,
            started_at REAL NOT NULL,
            finished_at REAL NOT NULL,
            targets TEXT NOT NULL,
            ports TEXT NOT NULL,
            settings TEXT NOT NULL,
            partial INTEGER NOT NULL,
            total INTEGER NOT NULL,
            done INTEGER NOT NULL,
            open INTEGER NOT NULL,
            closed INTEGER NOT NULL,
            filtered INTEGER NOT NULL,
            open_filtered INTEGER NOT NULL
        );
        CREATE TABLE hosts (
            id INTEGER PRIMARY KEY,
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            address TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            ports BLOB NOT NULL,
            codes BLOB NOT NULL,
            rtts BLOB NOT NULL,
            times BLOB NOT NULL
        );
        CREATE INDEX hosts_by_scan ON hosts(scan_id);
        CREATE TABLE notable (
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            port INTEGER NOT NULL,
            state INTEGER NOT NULL
        );
        CREATE INDEX notable_by_port ON notable(port, protocol, state);
        CREATE INDEX notable_by_scan ON notable(scan_id);
        CREATE TABLE banners (
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            port INTEGER NOT NULL,
            banner TEXT NOT NULL
        );
        CREATE INDEX banners_by_scan ON banners(scan_id);
        CREATE TABLE expected (
            target TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            port INTEGER NOT NULL,
            PRIMARY KEY (target, protocol, port)
        );
    """,
}


class HistoryError(Exception):
    """The history could not be read or written; the message says what and where."""


@dataclass(frozen=True, slots=True)
class ScanRecord:
    """One saved scan, without its results."""

    id: int
    started_at: float
    finished_at: float
    targets: str
    ports: str
    settings: dict
    partial: bool
    total: int
    done: int
    open: int
    closed: int
    filtered: int
    open_filtered: int


@dataclass(frozen=True, slots=True)
class NewScan:
    """What the caller knows about a scan it saves."""

    started_at: float
    finished_at: float
    targets: str
    ports: str
    partial: bool
    total: int
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sighting:
    """A search hit: which scan saw which port in which state."""

    scan: ScanRecord
    address: str
    protocol: Protocol
    port: int
    state: PortState


HISTORY_ENV = "PORTWINDOW_HISTORY"


def default_path() -> Path:
    """The history file: ``$PORTWINDOW_HISTORY`` if set, else in the user's data directory."""
    override = os.environ.get(HISTORY_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path  # noqa: PLC0415 - only the app needs it

    return user_data_path("portwindow", appauthor=False) / FILE_NAME


def _pack(kind: str, values: Iterable[int]) -> bytes:
    return zlib.compress(array.array(kind, values).tobytes(), 6)


def _unpack(kind: str, blob: bytes) -> array.array:
    values = array.array(kind)
    values.frombytes(zlib.decompress(blob))
    return values


class History:
    """An open history database. Use as a context manager, or call ``close``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError as exc:
            self.recovered_from = self._move_aside(exc)
            self._db = self._open()

    @property
    def notice(self) -> str | None:
        """A message for the person when a damaged file had to be moved aside."""
        if self.recovered_from is None:
            return None
        return (
            f"The scan history at {self.path} was damaged and has been moved to "
            f"{self.recovered_from}; a new, empty history was started."
        )

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            check = db.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            self._migrate(db)
        except BaseException:
            db.close()
            raise
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"{self.path} was written by a newer portwindow (schema {version}, "
                f"this one knows {SCHEMA_VERSION})"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            try:
                db.executescript(
                    f"BEGIN; {_MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;"
                )
            except sqlite3.Error:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise

    def _move_aside(self, error: Exception) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{aside}{suffix}"))
        return aside

    @staticmethod
    @contextlib.contextmanager
    def _transaction(db: sqlite3.Connection):
        db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Writing.

    def save(self, scan: NewScan, results: Iterable[PortResult]) -> int:
        """Save a scan and all its results in one transaction; return its id.

        When a port appears more than once (a banner learnt later), the last one wins.
        """
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
        db = self._db
        with self._transaction(db):
            cursor = db.execute(
                "INSERT INTO scans (started_at, finished_at, targets, ports, settings, partial,"
                " total, done, open, closed, filtered, open_filtered)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    scan.started_at,
                    scan.finished_at,
                    scan.targets,
                    scan.ports,
                    json.dumps(scan.settings, sort_keys=True),
                    int(scan.partial),
                    scan.total,
                    len(latest),
                    counts[PortState.OPEN],
                    counts[PortState.CLOSED],
                    counts[PortState.FILTERED],
                    counts[PortState.OPEN_FILTERED],
                ),
            )
            scan_id = cursor.lastrowid
            for (address, protocol), group in groups.items():
                group.sort(key=lambda r: r.port)
                db.execute(
                    "INSERT INTO hosts (scan_id, label, address, protocol, ports, codes, rtts,"
                    " times) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        scan_id,
                        labels[address],
                        address,
                        _PROTOCOL_CODE[protocol],
                        _pack("H", (r.port for r in group)),
                        _pack(
                            "B", (_STATE_CODE[r.state] << 4 | _REASON_CODE[r.reason] for r in group)
                        ),
                        _pack("I", (_rtt_units(r.rtt) for r in group)),
                        _pack("i", _time_deltas(group, scan.started_at)),
                    ),
                )
            db.executemany(
                "INSERT INTO notable (scan_id, address, protocol, port, state)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (scan_id, r.address, _PROTOCOL_CODE[r.protocol], r.port, _STATE_CODE[r.state])
                    for r in latest.values()
                    if r.state is not PortState.CLOSED
                ),
            )
            db.executemany(
                "INSERT INTO banners (scan_id, address, protocol, port, banner)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (scan_id, r.address, _PROTOCOL_CODE[r.protocol], r.port, r.banner)
                    for r in latest.values()
                    if r.banner
                ),
            )
        return scan_id

    def delete(self, scan_id: int) -> bool:
        with self._transaction(self._db):
            cursor = self._db.execute("DELETE FROM scans WHERE id = ?", (scan_id,))
        return cursor.rowcount > 0

    # Reading.

    def scans(self, limit: int | None = None) -> list[ScanRecord]:
        """Saved scans, newest first."""
        sql = "SELECT * FROM scans ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_record(row) for row in self._db.execute(sql)]

    def scan(self, scan_id: int) -> ScanRecord:
        row = self._db.execute("SELECT * FROM scans WHERE id = ?", (scan_id,)).fetchone()
        if row is None:
            raise HistoryError(f"there is no scan {scan_id} in the history")
        return _record(row)

    def results(self, scan_id: int) -> list[PortResult]:
        """Every result of a saved scan, by address, protocol and port."""
        record = self.scan(scan_id)
        banners = {
            (address, _PROTOCOLS[protocol], port): banner
            for address, protocol, port, banner in self._db.execute(
                "SELECT address, protocol, port, banner FROM banners WHERE scan_id = ?", (scan_id,)
            )
        }
        out: list[PortResult] = []
        rows = self._db.execute(
            "SELECT label, address, protocol, ports, codes, rtts, times FROM hosts"
            " WHERE scan_id = ? ORDER BY id",
            (scan_id,),
        )
        for label, address, protocol_code, ports, codes, rtts, times in rows:
            protocol = _PROTOCOLS[protocol_code]
            moment = round(record.started_at * 1000)
            for port, code, rtt, delta in zip(
                _unpack("H", ports),
                _unpack("B", codes),
                _unpack("I", rtts),
                _unpack("i", times),
                strict=True,
            ):
                moment += delta
                out.append(
                    PortResult(
                        label,
                        address,
                        protocol,
                        port,
                        _STATES[code >> 4],
                        _REASONS[code & 0x0F],
                        None if rtt == _NO_RTT else rtt * _RTT_UNIT,
                        moment / 1000,
                        banners.get((address, protocol, port), ""),
                    )
                )
        return out

    def last_two(self, targets: str) -> tuple[ScanRecord, ScanRecord] | None:
        """The two newest scans of the same targets (older first), if there are two."""
        rows = self._db.execute(
            "SELECT * FROM scans WHERE targets = ? ORDER BY started_at DESC, id DESC LIMIT 2",
            (targets,),
        ).fetchall()
        if len(rows) < 2:
            return None
        return _record(rows[1]), _record(rows[0])

    def search(
        self,
        port: int,
        protocol: Protocol = Protocol.TCP,
        states: Sequence[PortState] = (PortState.OPEN,),
    ) -> list[Sighting]:
        """Which scans saw ``port``/``protocol`` in one of ``states`` (newest first)."""
        wanted = [_STATE_CODE[s] for s in states if s is not PortState.CLOSED]
        if not wanted:
            raise HistoryError("searching for closed ports is not supported (they are not indexed)")
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(
            f"SELECT scans.*, notable.address, notable.state FROM notable"
            f" JOIN scans ON scans.id = notable.scan_id"
            f" WHERE notable.port = ? AND notable.protocol = ? AND notable.state IN ({marks})"
            f" ORDER BY scans.started_at DESC, scans.id DESC",
            (port, _PROTOCOL_CODE[protocol], *wanted),
        )
        return [
            Sighting(_record(row[:13]), row[13], protocol, port, _STATES[row[14]]) for row in rows
        ]

    def size_of(self, scan_id: int) -> int:
        """Bytes the scan's rows take in the file (its blobs and index rows, roughly)."""
        blobs = self._db.execute(
            "SELECT COALESCE(SUM(length(ports) + length(codes) + length(rtts) + length(times)"
            " + length(label) + length(address) + 40), 0) FROM hosts WHERE scan_id = ?",
            (scan_id,),
        ).fetchone()[0]
        notable = self._db.execute(
            "SELECT COUNT(*) FROM notable WHERE scan_id = ?", (scan_id,)
        ).fetchone()[0]
        banner_bytes = self._db.execute(
            "SELECT COALESCE(SUM(length(banner) + 40), 0) FROM banners WHERE scan_id = ?",
            (scan_id,),
        ).fetchone()[0]
        return blobs + notable * 40 + banner_bytes + 200

    # Expected doors (see expected.py for their meaning).

    def expected_rules(self) -> dict[str, set[tuple[Protocol, int]]]:
        rules: dict[str, set[tuple[Protocol, int]]] = {}
        for target, protocol, port in self._db.execute(
            "SELECT target, protocol, port FROM expected ORDER BY target, protocol, port"
        ):
            rules.setdefault(target, set()).add((_PROTOCOLS[protocol], port))
        return rules

    def set_expected(self, target: str, doors: Iterable[tuple[Protocol, int]]) -> None:
        """Replace the doors expected open on ``target`` (an empty set removes the rule)."""
        with self._transaction(self._db):
            self._db.execute("DELETE FROM expected WHERE target = ?", (target,))
            self._db.executemany(
                "INSERT INTO expected (target, protocol, port) VALUES (?, ?, ?)",
                ((target, _PROTOCOL_CODE[protocol], port) for protocol, port in doors),
            )


def _record(row: Sequence) -> ScanRecord:
    (
        scan_id,
        started,
        finished,
        targets,
        ports,
        settings,
        partial,
        total,
        done,
        opened,
        closed,
        filtered,
        open_filtered,
    ) = row
    return ScanRecord(
        scan_id,
        started,
        finished,
        targets,
        ports,
        json.loads(settings),
        bool(partial),
        total,
        done,
        opened,
        closed,
        filtered,
        open_filtered,
    )


def _rtt_units(rtt: float | None) -> int:
    if rtt is None:
        return _NO_RTT
    return min(_NO_RTT - 1, max(0, round(rtt / _RTT_UNIT)))


def _time_deltas(group: Sequence[PortResult], start: float) -> Iterable[int]:
    """Milliseconds from the previous result (the first from the scan's start); a shuffled
    scan makes some negative."""
    previous = round(start * 1000)
    for result in group:
        moment = round(result.scanned_at * 1000)
        yield max(-(2**31), min(2**31 - 1, moment - previous))
        previous = moment
