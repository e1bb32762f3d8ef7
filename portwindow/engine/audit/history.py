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
nothing already saved. Opening the file (what is refused, what counts as damage and is
moved aside, what is only a passing trouble, private modes, many processes at once) is
``history_file.py``; reading rows back without trusting them is ``history_rows.py``: a
damaged scan is named and skipped, the others stay usable. The schema carries a version
(``PRAGMA user_version``) and migrations bring older files up to date.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from portwindow.engine.audit import history_file, history_hosts
from portwindow.engine.audit.history_blocks import blocks, plan_values, read_scan
from portwindow.engine.audit.history_file import (
    HistoryError,
    HistoryRefused,
    HistoryUnavailable,
    check_history_path,
)
from portwindow.engine.audit.history_hosts import DeviceSighting
from portwindow.engine.audit.history_rows import (
    DamagedScan,
    protocol_of,
    scan_fields,
    scan_results,
)
from portwindow.engine.core.codes import DOOR_STATE, PROTOCOL_CODE, STATE_CODE, STATES
from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.core.private import make_private_folder
from portwindow.engine.core.results import ResultSet
from portwindow.engine.scan.discovery.model import HostStatus

__all__ = [
    "DamagedScan",
    "DeviceSighting",
    "History",
    "HistoryError",
    "HistoryRefused",
    "HistoryUnavailable",
    "NewScan",
    "ScanRecord",
    "Sighting",
    "check_history_path",
    "default_path",
]

SCHEMA_VERSION = 3
FILE_NAME = "history.sqlite3"

_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE IF NOT EXISTS scans (
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
        )""",
        """CREATE TABLE IF NOT EXISTS hosts (
            id INTEGER PRIMARY KEY,
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            address TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            ports BLOB NOT NULL,
            codes BLOB NOT NULL,
            rtts BLOB NOT NULL,
            times BLOB NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS hosts_by_scan ON hosts(scan_id)",
        """CREATE TABLE IF NOT EXISTS notable (
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            port INTEGER NOT NULL,
            state INTEGER NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS notable_by_port ON notable(port, protocol, state)",
        "CREATE INDEX IF NOT EXISTS notable_by_scan ON notable(scan_id)",
        """CREATE TABLE IF NOT EXISTS banners (
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            port INTEGER NOT NULL,
            banner TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS banners_by_scan ON banners(scan_id)",
        """CREATE TABLE IF NOT EXISTS expected (
            target TEXT NOT NULL,
            protocol INTEGER NOT NULL,
            port INTEGER NOT NULL,
            PRIMARY KEY (target, protocol, port)
        )""",
    ),
    # A scan's results as its result set's columns (history_blocks.py); the hosts rows
    # stay for the scans saved before.
    2: (
        """CREATE TABLE IF NOT EXISTS plans (
            scan_id INTEGER PRIMARY KEY REFERENCES scans(id) ON DELETE CASCADE,
            tcp BLOB NOT NULL,
            udp BLOB NOT NULL,
            epoch INTEGER NOT NULL,
            time_bytes INTEGER NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS blocks (
            id INTEGER PRIMARY KEY,
            scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            hosts BLOB NOT NULL,
            codes BLOB NOT NULL,
            rtts BLOB NOT NULL,
            times BLOB NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS blocks_by_scan ON blocks(scan_id)",
    ),
    # What discovery learnt of each host: names and MACs (history_hosts.py).
    3: history_hosts.MIGRATION,
}
#: Every table and index the migrations make (any other name: another program's file).
_NAMES = frozenset(
    {"scans", "hosts", "notable", "banners", "expected", "plans", "blocks"}
    | {"hosts_by_scan", "notable_by_port", "notable_by_scan", "banners_by_scan", "blocks_by_scan"}
    | history_hosts.NAMES
)


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
#: 1 for the door bytes the notable table lists: probed, in any state but closed
_NOTABLE = bytes(
    1 if DOOR_STATE[code] is not None and DOOR_STATE[code] is not PortState.CLOSED else 0
    for code in range(256)
)


def default_path() -> Path:
    """The history file: ``$PORTWINDOW_HISTORY`` if set, else in the user's data directory."""
    override = os.environ.get(HISTORY_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_path  # noqa: PLC0415 - only the app needs it

    return user_data_path("portwindow", appauthor=False) / FILE_NAME


class History:
    """An open history database. Use as a context manager, or call ``close``.

    Opening raises :class:`HistoryRefused` for a path that is not a history (left
    untouched) and :class:`HistoryUnavailable` when it is locked, full or read-only
    (kept); a damaged SQLite file is moved aside and :attr:`notice` says where.
    ``create=False`` refuses a path where there is no history yet (for reading).
    """

    def __init__(self, path: Path | str, *, create: bool = True) -> None:
        self.path = Path(path)
        self.recovered_from: Path | None = None
        #: One line per scan the last listing (scans, search) skipped as unreadable.
        self.skipped: tuple[str, ...] = ()
        new = check_history_path(self.path, create=create)
        if new:
            try:
                make_private_folder(self.path.parent)
            except OSError as exc:
                raise history_file.unavailable(self.path, exc) from None
            history_file.create_private(self.path)
            check_history_path(self.path)  # a concurrent process may have made something else
        try:
            self._db = self._open()
        except sqlite3.Error as exc:
            if not history_file.is_damage(exc):
                raise history_file.unavailable(self.path, exc) from None
            try:
                self.recovered_from = history_file.move_aside(self.path)
                history_file.create_private(self.path)
                self._db = self._open()
            except (sqlite3.Error, OSError) as again:
                raise history_file.unavailable(self.path, again) from None

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
        db = history_file.connect(self.path, history_file.BUSY_TIMEOUT, SCHEMA_VERSION, _NAMES)
        try:
            history_file.migrate(db, self.path, _MIGRATIONS)
        except BaseException:
            db.close()
            raise
        return db

    @contextlib.contextmanager
    def _using(self) -> Iterator[None]:
        """SQLite's errors while the history is in use, as one line naming the file."""
        try:
            yield
        except sqlite3.Error as exc:
            if history_file.is_damage(exc):
                raise HistoryError(f"the history {self.path} is damaged: {exc}") from None
            raise history_file.unavailable(self.path, exc) from None

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        with self._using():
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
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

    def save(
        self,
        scan: NewScan,
        results: ResultSet | Iterable[PortResult],
        hosts: Iterable[HostStatus] = (),
    ) -> int:
        """Save a scan and all its results in one transaction; return its id. ``hosts``
        is what discovery learnt of each host (names, MACs: ``history_hosts.py``).

        A result set is saved straight from its columns, its hosts in blocks
        (``history_blocks.py``). Results given one by one go into a result set first:
        when a port appears more than once (a banner learnt later), the last one wins.
        """
        found = results if isinstance(results, ResultSet) else ResultSet.of(results)
        counts = found.counts()
        with self._transaction() as db:
            scan_id = insert_scan(db, scan, len(found), counts)
            db.execute(
                "INSERT INTO plans (scan_id, tcp, udp, epoch, time_bytes) VALUES (?, ?, ?, ?, ?)",
                (scan_id, *plan_values(found)),
            )
            db.executemany(
                "INSERT INTO blocks (scan_id, hosts, codes, rtts, times) VALUES (?, ?, ?, ?, ?)",
                ((scan_id, *block) for block in blocks(found)),
            )
            db.executemany(
                "INSERT INTO notable (scan_id, address, protocol, port, state)"
                " VALUES (?, ?, ?, ?, ?)",
                ((scan_id, *door) for door in _notable(found)),
            )
            db.executemany(
                "INSERT INTO banners (scan_id, address, protocol, port, banner)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (scan_id, found.address(host_row), PROTOCOL_CODE[protocol], port, banner)
                    for host_row, row, banner in found.banner_doors()
                    for protocol, port in (found.plan.door(row),)
                ),
            )
            history_hosts.save(db, scan_id, hosts)
        return scan_id

    def delete(self, scan_id: int) -> bool:
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM scans WHERE id = ?", (scan_id,))
        return cursor.rowcount > 0

    # Reading.

    def scans(self, limit: int | None = None) -> list[ScanRecord]:
        """Saved scans, newest first; an unreadable one is left out and named in
        :attr:`skipped`."""
        sql = "SELECT * FROM scans ORDER BY started_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._using():
            rows = self._db.execute(sql).fetchall()
        records, skipped = [], []
        for row in rows:
            try:
                records.append(_record(row, self.path))
            except DamagedScan as exc:
                skipped.append(str(exc))
        self.skipped = tuple(skipped)
        return records

    def scan(self, scan_id: int) -> ScanRecord:
        with self._using():
            row = self._db.execute("SELECT * FROM scans WHERE id = ?", (scan_id,)).fetchone()
        if row is None:
            raise HistoryError(f"there is no scan {scan_id} in the history {self.path}")
        return _record(row, self.path)

    def results(self, scan_id: int) -> list[PortResult]:
        """Every result of a saved scan, by address, protocol and port.

        Raises :class:`DamagedScan` when any of its rows cannot be read."""
        found = self._read(scan_id)
        return found if isinstance(found, list) else list(found)

    def hosts(self, scan_id: int) -> list[HostStatus]:
        """What discovery learnt of a saved scan's hosts (none: a scan saved before
        schema 3, or without discovery)."""
        with self._using():
            return history_hosts.read(self._db, scan_id)

    def device(self, mac: str) -> list[DeviceSighting]:
        """Every saved scan that saw the device with this MAC, newest first: at which
        address, under which name (a device followed when its address changes)."""
        with self._using():
            return history_hosts.sightings(self._db, mac)

    def result_set(self, scan_id: int) -> ResultSet:
        """A saved scan's results as a result set, read from its columns without a
        result object per door (a scan saved before, door by door).

        Raises :class:`DamagedScan` when any of its rows cannot be read."""
        found = self._read(scan_id)
        return found if isinstance(found, ResultSet) else ResultSet.of(found)

    def _read(self, scan_id: int) -> ResultSet | list[PortResult]:
        record = self.scan(scan_id)
        db = self._db
        with self._using():
            banner_rows = db.execute(
                "SELECT address, protocol, port, banner FROM banners WHERE scan_id = ?", (scan_id,)
            ).fetchall()
            plan_row = db.execute(
                "SELECT tcp, udp, epoch, time_bytes FROM plans WHERE scan_id = ?", (scan_id,)
            ).fetchone()
            try:
                if plan_row is not None:
                    block_rows = db.execute(
                        "SELECT hosts, codes, rtts, times FROM blocks WHERE scan_id = ?"
                        " ORDER BY id",
                        (scan_id,),
                    )
                    found = read_scan(plan_row, block_rows, banner_rows, record.done)
                else:
                    host_rows = db.execute(
                        "SELECT label, address, protocol, ports, codes, rtts, times FROM hosts"
                        " WHERE scan_id = ? ORDER BY id",
                        (scan_id,),
                    )
                    found = scan_results(record, banner_rows, host_rows)
                if len(found) != record.done:
                    raise ValueError(
                        f"it holds {len(found):,} results, not the {record.done:,} it counts"
                    )
            except (ValueError, TypeError) as exc:
                raise DamagedScan(self.path, scan_id, str(exc)) from None
        return found

    def last_two(self, targets: str) -> tuple[ScanRecord, ScanRecord] | None:
        """The two newest scans of the same targets (older first), if there are two."""
        with self._using():
            rows = self._db.execute(
                "SELECT * FROM scans WHERE targets = ? ORDER BY started_at DESC, id DESC LIMIT 2",
                (targets,),
            ).fetchall()
        if len(rows) < 2:
            return None
        return _record(rows[1], self.path), _record(rows[0], self.path)

    def search(
        self,
        port: int,
        protocol: Protocol = Protocol.TCP,
        states: Sequence[PortState] = (PortState.OPEN,),
    ) -> list[Sighting]:
        """Which scans saw ``port``/``protocol`` in one of ``states`` (newest first); an
        unreadable scan is left out and named in :attr:`skipped`."""
        wanted = [STATE_CODE[s] for s in states if s is not PortState.CLOSED]
        if not wanted:
            raise HistoryError("searching for closed ports is not supported (they are not indexed)")
        marks = ",".join("?" * len(wanted))
        with self._using():
            rows = self._db.execute(
                f"SELECT scans.*, notable.address, notable.state FROM notable"
                f" JOIN scans ON scans.id = notable.scan_id"
                f" WHERE notable.port = ? AND notable.protocol = ? AND notable.state IN ({marks})"
                f" ORDER BY scans.started_at DESC, scans.id DESC",
                (port, PROTOCOL_CODE[protocol], *wanted),
            ).fetchall()
        sightings, skipped = [], []
        for row in rows:
            try:
                record = _record(row[:13], self.path)
                state = STATES[row[14]] if isinstance(row[14], int) and 0 <= row[14] < 15 else None
                if state is None or not isinstance(row[13], str):
                    raise DamagedScan(self.path, record.id, "a door it saw is not readable")
            except DamagedScan as exc:
                skipped.append(str(exc))
                continue
            sightings.append(Sighting(record, row[13], protocol, port, state))
        self.skipped = tuple(dict.fromkeys(skipped))
        return sightings

    def size_of(self, scan_id: int) -> int:
        """Bytes the scan's rows take in the file (its blobs and index rows, roughly)."""
        with self._using():
            blobs = self._db.execute(
                "SELECT COALESCE(SUM(length(ports) + length(codes) + length(rtts)"
                " + length(times) + length(label) + length(address) + 40), 0)"
                " FROM hosts WHERE scan_id = ?",
                (scan_id,),
            ).fetchone()[0]
            blobs += self._db.execute(
                "SELECT COALESCE(SUM(length(hosts) + length(codes) + length(rtts)"
                " + length(times) + 40), 0) FROM blocks WHERE scan_id = ?",
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
        with self._using():
            rows = self._db.execute(
                "SELECT target, protocol, port FROM expected ORDER BY target, protocol, port"
            ).fetchall()
        for target, protocol, port in rows:
            try:
                kind = protocol_of(protocol)
                if not isinstance(target, str) or not isinstance(port, int):
                    raise ValueError("an expected door's target or port is of the wrong type")
                if not 0 <= port <= 65535:
                    raise ValueError(f"an expected door's port {port} is out of range")
            except ValueError as exc:
                raise DamagedScan(self.path, None, f"{exc} (in the expected doors)") from None
            rules.setdefault(target, set()).add((kind, port))
        return rules

    def set_expected(self, target: str, doors: Iterable[tuple[Protocol, int]]) -> None:
        """Replace the doors expected open on ``target`` (an empty set removes the rule)."""
        with self._transaction() as db:
            db.execute("DELETE FROM expected WHERE target = ?", (target,))
            db.executemany(
                "INSERT INTO expected (target, protocol, port) VALUES (?, ?, ?)",
                ((target, PROTOCOL_CODE[protocol], port) for protocol, port in doors),
            )


def insert_scan(
    db: sqlite3.Connection, scan: NewScan, done: int, counts: Mapping[PortState, int]
) -> int:
    """The scans row of a scan being saved; its id."""
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
            done,
            counts[PortState.OPEN],
            counts[PortState.CLOSED],
            counts[PortState.FILTERED],
            counts[PortState.OPEN_FILTERED],
        ),
    )
    return cursor.lastrowid


def _notable(found: ResultSet) -> Iterator[tuple[str, int, int, int]]:
    """(address, protocol, port, state) of every door in a state but closed, port by
    port: the rows reach the ``notable_by_port`` index in its own order, which SQLite
    inserts at a third less cost than host by host (a million open doors of a masscan
    sweep: 5.3 s against 8.6 s of CPU)."""
    codes = found.columns()[0]
    size = found.plan.size
    if not size:
        return
    marks = codes.translate(_NOTABLE)
    if 1 not in marks:
        return
    doors = sorted(
        (port, PROTOCOL_CODE[protocol], row)
        for row in range(size)
        for protocol, port in (found.plan.door(row),)
    )
    # Only the hosts with a notable door: a wide sweep's million closed hosts make no text.
    addresses: dict[int, str] = {}
    state_of = [STATE_CODE.get(DOOR_STATE[code]) for code in range(256)]
    for port, protocol, row in doors:
        column = marks[row::size]
        host_row = column.find(1)
        while host_row >= 0:
            address = addresses.get(host_row)
            if address is None:
                address = addresses[host_row] = found.address(host_row)
            yield address, protocol, port, state_of[codes[host_row * size + row]]
            host_row = column.find(1, host_row + 1)


def _record(row: Sequence, path: Path) -> ScanRecord:
    fields = scan_fields(row, path)
    fields[1], fields[2], fields[6] = float(fields[1]), float(fields[2]), bool(fields[6])
    return ScanRecord(*fields)
