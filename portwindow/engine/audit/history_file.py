"""Opening the history's file without ever harming it: what counts as damage, what is
refused, and what is only a passing trouble. ``history.py`` reads and writes scans over
the connection this module opens.

- A path that is not a regular file (a folder, a FIFO, a device such as /dev/null, a
  link to one of those or to nothing) or a file that is not an SQLite database (text,
  JSON) is refused with :class:`HistoryRefused`: it is left exactly as it was.
- Only an SQLite file that fails ``PRAGMA quick_check`` (or that SQLite itself calls
  corrupt) is damage: it is moved aside, with its -wal and -shm files, and a new history
  started.
- Busy, locked, full, read-only or any other trouble raises :class:`HistoryUnavailable`:
  the file is kept, and the caller warns.
- A new history, and the folders made for it, are private (0600 in 0700) whatever the
  umask; SQLite gives the -wal and -shm files the mode of the database.
- Many processes may open, create and migrate the same file at once: the schema is
  made in one ``BEGIN IMMEDIATE`` transaction that first reads the version again.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Sequence
from pathlib import Path

from portwindow.engine.core.private import create_private_file

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Seconds a connection waits for another process's lock before giving up.
BUSY_TIMEOUT = 10.0

# SQLite's primary result codes (the low byte of an extended code).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3,
    5,
    6,
    8,
    10,
    11,
    13,
    14,
    26,
)


class HistoryError(Exception):
    """The history could not be read or written; the message says what and where."""


class HistoryRefused(HistoryError):
    """The path is not a portwindow history (not a regular file, not SQLite, another
    program's database, a newer schema); it was not touched."""


class HistoryUnavailable(HistoryError):
    """The history exists and is kept, but cannot be used now (locked, busy, full,
    read-only, a disk error)."""


def check_history_path(path: Path, *, create: bool = True) -> bool:
    """Refuse a path that is not a history portwindow may open; True when the file does
    not exist yet (it will be made). Reads at most the file's first 16 bytes."""
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        if not create:
            raise HistoryRefused(f"there is no history at {path}") from None
        return True
    except OSError as exc:
        raise HistoryRefused(f"the history {path} cannot be examined: {exc.strerror}") from None
    try:
        info = os.stat(path) if stat.S_ISLNK(link.st_mode) else link
    except OSError:
        raise HistoryRefused(f"the history {path} is a symbolic link to nothing") from None
    if not stat.S_ISREG(info.st_mode):
        raise HistoryRefused(
            f"the history {path} is {_kind(info.st_mode)}, not a file: it was left as it is"
        )
    if info.st_size == 0:
        return False  # an empty file is an empty SQLite database
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise HistoryUnavailable(f"the history {path} cannot be read: {exc.strerror}") from None
    if head != SQLITE_MAGIC:
        raise HistoryRefused(
            f"the history {path} is not an SQLite database (not a portwindow history): "
            "it was left as it is"
        )
    return False


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def create_private(path: Path) -> None:
    """Create an empty history file, 0600 whatever the umask; never through a link, and
    never over a file another process just made (check_history_path looks again)."""
    try:
        create_private_file(path)
    except OSError as exc:
        raise HistoryUnavailable(f"the history {path} cannot be created: {exc.strerror}") from None


def is_damage(error: sqlite3.Error) -> bool:
    """True when SQLite says the file itself is corrupt (not busy, locked or full)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_CORRUPT, _NOTADB)


def unavailable(path: Path, error: sqlite3.Error | OSError) -> HistoryUnavailable:
    """The one-line reason a history cannot be used now, saying the file was kept."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = None if code is None else code & 0xFF
    if primary in (_BUSY, _LOCKED):
        reason = f"is locked by another program (waited {BUSY_TIMEOUT:g} s)"
    elif primary == _FULL or getattr(error, "errno", None) == 28 or _disk_full(path):
        reason = "cannot grow: the disk is full"
    elif primary in (_READONLY, _PERM, _CANTOPEN):
        reason = "cannot be written (read-only, or no permission)"
    elif primary == _IOERR:
        reason = f"could not be read or written (a disk error: {error})"
    else:
        reason = f"could not be used ({getattr(error, 'strerror', None) or error})"
    return HistoryUnavailable(f"the history {path} {reason}; the file was kept as it is")


def _disk_full(path: Path) -> bool:
    """True when the history's file system has (almost) no room left: SQLite says only
    "disk I/O error" when it cannot make its -shm file on a full disk."""
    try:
        room = os.statvfs(path.parent)
    except (OSError, AttributeError):
        return False
    return room.f_bavail * room.f_frsize < 64 * 1024


def move_aside(path: Path) -> Path:
    """Move a damaged history and its -wal and -shm files beside it; return the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if os.path.lexists(source):
            source.replace(Path(f"{aside}{suffix}"))
    return aside


def connect(path: Path, timeout: float, newest: int, names: frozenset[str]) -> sqlite3.Connection:
    """A checked connection: quick_check passed, a portwindow schema no newer than
    ``newest`` (or none yet), WAL journal, full sync, foreign keys. Nothing is written
    before the file is known to be a history.

    Raises HistoryRefused, or sqlite3.Error as SQLite gave it (the caller tells damage
    from trouble)."""
    db = sqlite3.connect(path, timeout=timeout, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        check = db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            error = sqlite3.DatabaseError(f"integrity check failed: {check}")
            error.sqlite_errorcode = _CORRUPT  # type: ignore[attr-defined]
            raise error
        _refuse_foreign(db, path, newest, names)
        _set_wal(db, timeout)
        db.execute("PRAGMA synchronous = FULL")  # one commit per scan: durable for its cost
    except BaseException:
        db.close()
        raise
    return db


def _set_wal(db: sqlite3.Connection, timeout: float) -> None:
    """Switch to WAL; another process switching at the same moment can make SQLite say
    busy at once, without waiting, so this waits itself (up to ``timeout``)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _refuse_foreign(db: sqlite3.Connection, path: Path, newest: int, names: frozenset[str]) -> None:
    """Refuse a newer schema, and another program's database (names we never make)."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > newest:
        raise HistoryRefused(
            f"the history {path} was written by a newer portwindow (schema {version}, "
            f"this one knows {newest}): it was left as it is"
        )
    found = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    foreign = {name for name in found if not name.startswith("sqlite_")} - names
    if foreign:
        raise HistoryRefused(
            f"the history {path} is another program's database (it holds "
            f"{', '.join(sorted(foreign)[:3])}): it was left as it is"
        )


def migrate(db: sqlite3.Connection, path: Path, migrations: dict[int, Sequence[str]]) -> None:
    """Bring the schema up to the newest version in ``migrations``, in one write
    transaction that reads the version again once it holds the lock (another process
    may have just migrated)."""
    newest = max(migrations)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == newest:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > newest:
            raise HistoryRefused(f"the history {path} was migrated by a newer portwindow")
        for target in range(version + 1, newest + 1):
            for statement in migrations[target]:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {newest}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
