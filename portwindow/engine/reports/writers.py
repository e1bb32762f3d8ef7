"""Report files: scan results written as CSV or JSON Lines, and read back.

The CLI writes reports (``--csv FILE|-``, ``--json FILE|-``, and a partial report when a
scan is stopped); the GUI exports them and reopens saved ones. A report has one row per
(address, protocol, port) with the columns of :data:`COLUMNS`. The service, description
and port_class columns come from the service registry when writing and are ignored when
reading: a :class:`~portwindow.engine.core.model.PortResult` does not store them.

Banners are bytes a remote host chose, so every text cell first goes through
:func:`printable`, which leaves no control character, line break, bidi override or lone
surrogate in a report; :func:`unescape_printable` undoes it when loading. In CSV, a cell
that a spreadsheet would run as a formula gets a leading ``'``, which loading removes.
Reports written to a path are atomic: an interrupted write never replaces the old file.
"""

from __future__ import annotations

import contextlib
import csv
import enum
import io
import ipaddress
import json
import math
import os
import re
import reprlib
import stat
import tempfile
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import IO, TextIO, TypeVar

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortClass, PortResult, PortState, Protocol, Reason
from portwindow.engine.input import services

__all__ = [
    "COLUMNS",
    "Describe",
    "LoadedReport",
    "ReportFormat",
    "ReportWriter",
    "load_report",
    "printable",
    "unescape_printable",
    "write_csv",
    "write_jsonl",
]

COLUMNS: tuple[str, ...] = (
    "host",
    "address",
    "protocol",
    "port",
    "state",
    "reason",
    "service",
    "description",
    "port_class",
    "rtt_ms",
    "banner",
    "scanned_at",
)

# Filled in from the service registry when writing; optional and ignored when loading.
_DERIVED_COLUMNS = frozenset({"service", "description", "port_class"})
_REQUIRED_COLUMNS = tuple(c for c in COLUMNS if c not in _DERIVED_COLUMNS)


class ReportFormat(enum.StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


# Looks up a port's service; the writers default to the package's registry.
Describe: typing.TypeAlias = Callable[[int, Protocol], services.ServiceInfo]


@dataclass(frozen=True, slots=True)
class LoadedReport:
    results: tuple[PortResult, ...]
    format: ReportFormat


# --- Printable text ------------------------------------------------------------------

_SHORT_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_SHORT_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_ESCAPE_SEQUENCE = re.compile(
    r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\\tnr]))"
)


def printable(text: str) -> str:
    """Return ``text`` with every character that ``str.isprintable`` rejects escaped.

    Such a character becomes ``\\t``, ``\\n``, ``\\r``, ``\\xNN``, ``\\uNNNN`` or
    ``\\UNNNNNNNN`` (Python's spelling), and a backslash becomes ``\\\\``, so the result
    is reversible with :func:`unescape_printable`. Escaped are: C0 and C1 controls
    (NUL, ESC, DEL ...), line and paragraph separators, format characters (bidi
    overrides such as U+202E, zero-width characters, BOM), lone surrogates, unusual
    spaces (U+00A0 ...), private-use and unassigned code points.
    """
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def unescape_printable(text: str) -> str:
    """Undo :func:`printable`.

    A backslash that starts no escape :func:`printable` could have written (``\\q``, a
    lone trailing ``\\``, ``\\U`` beyond U+10FFFF) is kept as it is, so a hand-edited
    file loads rather than fails.
    """
    if "\\" not in text:
        return text
    return _ESCAPE_SEQUENCE.sub(_unescape, text)


def _unescape(match: re.Match[str]) -> str:
    hex_digits = match.group(1) or match.group(2) or match.group(3)
    if hex_digits is None:
        return _SHORT_UNESCAPES[match.group(4)]
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF else match.group(0)


# --- Cells -----------------------------------------------------------------------------

# OWASP's list of characters that make a spreadsheet treat a cell as a formula, plus the
# quote itself so that removing exactly one leading quote always restores the cell.
_NEEDS_QUOTE = ("=", "+", "-", "@", "\t", "\r", "'")

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_NEEDS_QUOTE) else cell


def _unneutralise(cell: str) -> str:
    return cell[1:] if cell.startswith("'") else cell


def _rtt_ms(rtt: float | None) -> str:
    if rtt is None or not math.isfinite(rtt):
        return ""
    return f"{rtt * 1000:.3f}"


def _iso_utc(timestamp: float) -> str:
    second, millisecond = divmod(round(timestamp * 1000), 1000)
    return f"{_iso_second(second)}.{millisecond:03d}Z"


def _iso_second(second: int) -> str:
    moment = _EPOCH + timedelta(seconds=second)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}"
    )


class _RowMaker:
    """Results as report rows, with the date and time of each second of ``scanned_at``
    formatted once (a full scan's report is 65,535 rows, made within a second or two)."""

    def __init__(self, describe: Describe) -> None:
        self._describe = describe
        self._seconds: dict[int, str] = {}

    def fields(self, result: PortResult) -> dict[str, str | int]:
        """The row's values in column order; rtt_ms is still text ("" when unknown)."""
        info = self._describe(result.port, result.protocol)
        second, millisecond = divmod(round(result.scanned_at * 1000), 1000)
        when = self._seconds.get(second)
        if when is None:
            when = self._seconds[second] = _iso_second(second)
        return {
            "host": printable(result.host),
            "address": printable(result.address),
            "protocol": _VALUES[result.protocol],
            "port": result.port,
            "state": _VALUES[result.state],
            "reason": _VALUES[result.reason],
            "service": printable(info.name),
            "description": printable(info.description),
            "port_class": _VALUES[info.port_class],
            "rtt_ms": _rtt_ms(result.rtt),
            "banner": printable(result.banner) if result.banner else "",
            "scanned_at": f"{when}.{millisecond:03d}Z",
        }

    def csv_line(self, result: PortResult) -> list[str | int]:
        """The CSV cells; only text from outside (names, banners) and a number that may
        be negative can start like a formula, so only they are neutralised."""
        row = self.fields(result)
        for column in _MAY_START_LIKE_A_FORMULA:
            row[column] = _neutralise(row[column])
        return list(row.values())


_VALUES = {
    member: member.value for kind in (Protocol, PortState, Reason, PortClass) for member in kind
}
_MAY_START_LIKE_A_FORMULA = ("host", "address", "service", "description", "rtt_ms", "banner")


def _json_line(fields: Mapping[str, str | int]) -> str:
    rtt_ms = fields["rtt_ms"]
    row = {**fields, "rtt_ms": float(rtt_ms) if rtt_ms else None}
    return json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n"


# --- Writing ---------------------------------------------------------------------------


#: Bytes a report file gathers before each write. With the default 8 KiB, a report
#: written in a worker thread releases the GIL for a write() every 0.4 ms, which resets
#: the Qt thread's 1 ms switch-interval wait each time: the window got no turn at all for
#: the 0.4 s a full scan's CSV took. 1 MiB makes that a few writes.
WRITE_BUFFER = 1 << 20


class ReportWriter:
    """Write a report incrementally; use it as a context manager.

    ``dest`` is a path or an open text stream (such as ``sys.stdout``). A path is
    written to a temporary file beside it, which leaving the ``with`` block normally
    moves into place (flushed and fsynced) and leaving it by an exception deletes, so
    ``dest`` either keeps its old content or gets a complete report; a symbolic link's
    file is replaced and the link kept. A path that names a device or a pipe
    (``/dev/null``, ``/dev/stdout``, a FIFO) is written to directly, since a rename
    would replace the device itself. A stream is written to directly and never closed.
    :meth:`commit` and :meth:`discard` end the report early; the CLI writes a partial
    report on Ctrl-C by catching the interrupt inside the block (or calling
    :meth:`commit`).

    A new file gets the permissions any new file gets (0666 less the umask); a replaced
    file keeps its own.
    """

    def __init__(
        self,
        dest: Path | str | TextIO,
        fmt: ReportFormat | str,
        *,
        bom: bool = False,
        describe: Describe | None = None,
    ) -> None:
        self._format = ReportFormat(fmt)
        if bom and self._format is not ReportFormat.CSV:
            raise ValueError("a byte order mark is only for CSV reports")
        self._dest = dest
        self._bom = bom
        self._rows_made = _RowMaker(
            describe if describe is not None else services.default_registry().lookup
        )
        self._stream: IO[str] | None = None
        self._target: Path | None = None
        self._temp: Path | None = None
        self._csv: typing.Any = None
        self._owns_stream = False
        self._finished = False
        self._rows = 0

    @property
    def rows(self) -> int:
        """How many results have been written so far."""
        return self._rows

    def __enter__(self) -> ReportWriter:
        if self._stream is not None or self._finished:
            raise RuntimeError("a ReportWriter can be entered only once")
        if isinstance(self._dest, str | os.PathLike) and _written_in_place(Path(self._dest)):
            self._stream = open(
                # Appending, as writing to the descriptor would: "w" would truncate
                # the file behind /dev/stdout when the shell appends (>>).
                self._dest,
                "a",
                encoding="utf-8",
                newline="",
                buffering=WRITE_BUFFER,
            )
            self._owns_stream = True
        elif isinstance(self._dest, str | os.PathLike):
            self._target = _replaced_file(Path(self._dest))
            temp = tempfile.NamedTemporaryFile(
                "w",
                buffering=WRITE_BUFFER,
                encoding="utf-8",
                newline="",
                dir=self._target.parent,
                prefix=f".{self._target.name}.",
                suffix=".tmp",
                delete=False,
            )
            self._temp = Path(temp.name)
            self._stream = temp
            self._owns_stream = True
        else:
            self._stream = self._dest
        try:
            if self._bom:
                self._stream.write("\ufeff")
            if self._format is ReportFormat.CSV:
                self._csv = csv.writer(self._stream, lineterminator="\r\n")
                self._csv.writerow(COLUMNS)
        except BaseException:
            self.discard()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._finished:
            return
        if exc_type is None:
            self.commit()
        else:
            self.discard()

    def write(self, results: Iterable[PortResult]) -> int:
        """Write ``results`` one at a time as they are iterated; return how many."""
        stream = self._open_stream()
        written = 0
        rows = self._rows_made
        for result in results:
            if self._csv is not None:
                self._csv.writerow(rows.csv_line(result))
            else:
                stream.write(_json_line(rows.fields(result)))
            written += 1
            self._rows += 1
        return written

    def commit(self) -> None:
        """Finish the report: move the file into place, or flush the stream."""
        stream = self._open_stream()
        self._finished = True
        if self._temp is None or self._target is None:
            stream.flush()
            if self._owns_stream:
                stream.close()
            return
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            _give_final_mode(self._target, self._temp)
            os.replace(self._temp, self._target)
        except BaseException:
            with contextlib.suppress(OSError):
                stream.close()
            with contextlib.suppress(OSError):
                self._temp.unlink(missing_ok=True)
            raise
        _sync_directory(self._target.parent)

    def discard(self) -> None:
        """Abandon the report: delete the temporary file (a device or pipe written in
        place keeps what it got). A caller's stream is left open."""
        if self._finished or self._stream is None:
            self._finished = True
            return
        self._finished = True
        if self._owns_stream:
            with contextlib.suppress(OSError):
                self._stream.close()
        if self._temp is None:
            return
        with contextlib.suppress(OSError):
            self._temp.unlink(missing_ok=True)

    def _open_stream(self) -> IO[str]:
        if self._stream is None or self._finished:
            raise RuntimeError("the report is not open: use ReportWriter in a with block")
        return self._stream


def _written_in_place(path: Path) -> bool:
    """True for an existing file that is not a regular file (``/dev/null``, a named
    pipe), and for anything under /dev or /proc (``/dev/stdout`` redirected to a file is
    that file): a rename would replace the device, the pipe or the file behind the
    process's own descriptor, so these are written to directly."""
    if path.is_absolute() and path.parts[1:2] in (("dev",), ("proc",)):
        return True  # /dev/stdout, /dev/fd/N: the process's own file, even a regular one
    try:
        mode = os.stat(path).st_mode  # through symbolic links
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _replaced_file(path: Path) -> Path:
    """The file a rename must replace to write ``path``: a symbolic link's target, so the
    link stays a link."""
    return Path(os.path.realpath(path))


def _give_final_mode(target: Path, temp: Path) -> None:
    """Give ``temp`` the permissions of the file it replaces, or those a new file gets
    (temporary files are created private, 0600); best effort."""
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
        os.chmod(temp, mode)


def _new_file_mode() -> int:
    """The mode open() gives a new file: 0666 less the process's umask."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    # Without /proc the umask can only be read by setting it, briefly.
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_csv(
    results: Iterable[PortResult],
    dest: Path | str | TextIO,
    *,
    bom: bool = False,
    describe: Describe | None = None,
) -> int:
    """Write an RFC 4180 CSV report (UTF-8, CRLF); return the number of rows.

    ``bom=True`` starts the file with a UTF-8 byte order mark, which Excel needs to read
    it as UTF-8. ``describe`` looks up a port's service; it defaults to the registry.
    """
    with ReportWriter(dest, ReportFormat.CSV, bom=bom, describe=describe) as writer:
        return writer.write(results)


def write_jsonl(
    results: Iterable[PortResult],
    dest: Path | str | TextIO,
    *,
    describe: Describe | None = None,
) -> int:
    """Write a JSON Lines report (UTF-8, one object per line); return the number of rows.

    ``port`` is a number, ``rtt_ms`` a number or null, everything else a string.
    """
    with ReportWriter(dest, ReportFormat.JSONL, describe=describe) as writer:
        return writer.write(results)


# --- Loading ---------------------------------------------------------------------------

_T = TypeVar("_T")

_PORT_TEXT = re.compile(r"[0-9]{1,5}")
_RTT_TEXT = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,12})?")

_SHOW = reprlib.Repr()
_SHOW.maxstring = 60
_SHOW.maxother = 60


class _BadField(Exception):
    """A field's value is wrong; the message says why, the loader adds where."""


def load_report(path: Path | str) -> LoadedReport:
    """Read a report written by :func:`write_csv` or :func:`write_jsonl`.

    The format is told by the content: JSON Lines if the first non-blank character is
    ``{`` (or the file is blank: a JSON Lines report with no rows), CSV otherwise. A
    UTF-8 BOM is allowed. Columns may come in any order; service, description and
    port_class may be missing. Anything wrong with the file raises :class:`InputError`
    naming the file, the line and the field.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(f"{name} line {line}: not UTF-8 text") from error
    text = text.removeprefix("\ufeff")
    start = text.lstrip()
    if not start or start.startswith("{"):
        return LoadedReport(tuple(_load_jsonl(text, name)), ReportFormat.JSONL)
    return LoadedReport(tuple(_load_csv(text, name)), ReportFormat.CSV)


def _load_csv(text: str, name: str) -> Iterable[PortResult]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    next_line = 1
    try:
        for cells in reader:
            line, next_line = next_line, reader.line_num + 1
            if not cells or (len(cells) == 1 and not cells[0].strip()):
                continue
            where = f"{name} line {line}"
            if header is None:
                header = [cell.strip() for cell in cells]
                _check_columns(header, f"{where}: not a portwindow report header")
                continue
            if len(cells) != len(header):
                raise InputError(f"{where}: expected {len(header)} fields, found {len(cells)}")
            values = [_unneutralise(cell) for cell in cells]
            yield _result(dict(zip(header, values, strict=True)), where)
    except csv.Error as error:
        raise InputError(f"{name} line {reader.line_num}: {error}") from error
    if header is None:
        raise InputError(f"{name}: no header line")


def _load_jsonl(text: str, name: str) -> Iterable[PortResult]:
    # Split on LF only: JSON allows U+2028 and friends unescaped inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            value = json.loads(line, object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{where}: not valid JSON ({error.msg}, column {error.colno})"
            ) from None
        except ValueError as error:
            raise InputError(f"{where}: not valid JSON ({error})") from None
        except RecursionError:
            raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
        if not isinstance(value, dict):
            raise InputError(f"{where}: expected a JSON object, found {_SHOW.repr(value)}")
        _check_columns(list(value), f"{where}: not a portwindow report row")
        yield _result(value, where)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        duplicates = [key for key, count in Counter(k for k, _ in pairs).items() if count > 1]
        raise ValueError(f"duplicate key {_SHOW.repr(duplicates[0])}")
    return result


def _check_columns(columns: Sequence[str], context: str) -> None:
    present = set(columns)
    missing = [column for column in _REQUIRED_COLUMNS if column not in present]
    unknown = [column for column in columns if column not in COLUMNS]
    duplicated = [column for column, count in Counter(columns).items() if count > 1]
    problems = []
    if missing:
        problems.append("missing column(s) " + ", ".join(missing))
    if unknown:
        problems.append("unknown column(s) " + _show_list(unknown))
    if duplicated:
        problems.append("repeated column(s) " + _show_list(duplicated))
    if problems:
        raise InputError(f"{context}: {'; '.join(problems)}")


def _show_list(values: Sequence[str], limit: int = 5) -> str:
    shown = ", ".join(_SHOW.repr(value) for value in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _result(fields: Mapping[str, object], where: str) -> PortResult:
    def get(column: str, parse: Callable[[object], _T]) -> _T:
        raw = fields[column]
        try:
            return parse(raw)
        except _BadField as bad:
            raise InputError(
                f"{where}: {column} {_SHOW.repr(raw)} {bad}",
                token=raw if isinstance(raw, str) else None,
            ) from None

    return PortResult(
        host=get("host", _host),
        address=get("address", _address),
        protocol=get("protocol", _member(Protocol)),
        port=get("port", _port),
        state=get("state", _member(PortState)),
        reason=get("reason", _member(Reason)),
        rtt=get("rtt_ms", _rtt),
        scanned_at=get("scanned_at", _timestamp),
        banner=get("banner", _text),
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _BadField("is not a string")
    return unescape_printable(value)


def _host(value: object) -> str:
    host = _text(value)
    if not host.strip():
        raise _BadField("is empty")
    return host


def _address(value: object) -> str:
    address = _text(value)
    try:
        ipaddress.ip_address(address)
    except ValueError:
        raise _BadField("is not an IP address") from None
    return address


_E = TypeVar("_E", bound=enum.Enum)


def _member(kind: type[_E]) -> Callable[[object], _E]:
    def parse(value: object) -> _E:
        for member in kind:
            if member.value == value:
                return member
        raise _BadField("is not one of " + ", ".join(str(m.value) for m in kind))

    return parse


def _port(value: object) -> int:
    if isinstance(value, str) and _PORT_TEXT.fullmatch(value):
        port = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        port = value
    else:
        raise _BadField("is not a port number (0-65535)")
    if not 0 <= port <= 65535:
        raise _BadField("is not a port number (0-65535)")
    return port


def _rtt(value: object) -> float | None:
    if value is None or value == "":
        return None
    why = "is not a round-trip time in milliseconds"
    if isinstance(value, str) and _RTT_TEXT.fullmatch(value):
        milliseconds = float(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        try:
            milliseconds = float(value)
        except OverflowError:
            raise _BadField(why) from None
    else:
        raise _BadField(why)
    if not (math.isfinite(milliseconds) and milliseconds >= 0):
        raise _BadField(why)
    return abs(milliseconds) / 1000  # JSON's -0.0 passes the test above


def _timestamp(value: object) -> float:
    why = "is not an ISO 8601 time such as 2026-11-25T07:32:00.123Z"
    if not isinstance(value, str):
        raise _BadField(why)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _BadField(why) from None
    if moment.tzinfo is None:
        raise _BadField("has no time zone (such as Z for UTC)")
    try:
        timestamp = moment.timestamp()
        _iso_utc(timestamp)
    except (OverflowError, ValueError):
        raise _BadField("is out of range") from None
    return timestamp


def write_text_atomically(path: Path | str, text: str) -> None:
    """Write a small text file whole or not at all (temp file, fsync, rename)."""
    if _written_in_place(Path(path)):
        with open(path, "a", encoding="utf-8", newline="") as special:
            special.write(text)
        return
    target = _replaced_file(Path(path))
    temp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, removed on error
        "w",
        encoding="utf-8",
        newline="",
        dir=target.parent,
        prefix=f".{target.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        _give_final_mode(target, Path(temp.name))
        os.replace(temp.name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp.name)
        raise
    _sync_directory(target.parent)


def safe_cell(text: str) -> str:
    """A CSV cell made printable and formula-safe, as report cells are."""
    return _neutralise(printable(text))
