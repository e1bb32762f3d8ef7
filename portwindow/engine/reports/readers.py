"""Reading report files back into results: CSV and JSON Lines, told apart by their
content; other scanners' reports through ``peers``' detection registry. Anything wrong
with a file raises :class:`InputError` naming the file, the line and the field.

A report is read line by line, bounded (:data:`REPORT_LIMIT` in all, :data:`LINE_LIMIT` a
line, a CSV field at most csv's own 128 KiB), so ``/dev/zero`` or a hostile multi-gigabyte
file is refused early rather than loaded; a million-row report is well within the limits.
Quoted values in messages are short (:func:`excerpt`) and raw: the face that shows a
message escapes it.
"""

from __future__ import annotations

import csv
import enum
import ipaddress
import itertools
import json
import math
import re
import reprlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.text import quoted, unescape_printable
from portwindow.engine.input.files import MiB, read_lines
from portwindow.engine.reports.rows import (
    _REQUIRED_COLUMNS,
    BEHIND_COLUMNS,
    COLUMNS,
    ReportFormat,
    _iso_utc,
    _unneutralise,
)

if TYPE_CHECKING:
    from portwindow.engine.reports.peers import PeerFormat, Source


@dataclass(frozen=True, slots=True)
class LoadedReport:
    results: tuple[PortResult, ...]
    format: ReportFormat | PeerFormat
    #: Who wrote it, for another scanner's report (None: portwindow's own).
    source: Source | None = None


_T = TypeVar("_T")


_PORT_TEXT = re.compile(r"[0-9]{1,5}")


_RTT_TEXT = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,12})?")


_SHOW = reprlib.Repr()

REPORT_LIMIT = 2048 * MiB
"""The largest report read: a million rows with banners take about 300 MiB."""
LINE_LIMIT = 1 * MiB
"""The longest line of a report (a row with the longest banner is under 25 KiB)."""


def _shown(value: object) -> str:
    """A value quoted short for a message: text raw (the face escapes it), others by repr."""
    if isinstance(value, str):
        return quoted(value)
    return _SHOW.repr(value)


class _BadField(Exception):
    """A field's value is wrong; the message says why, the loader adds where."""


def load_report(path: Path | str) -> LoadedReport:
    """Read a report written by :func:`write_csv` or :func:`write_jsonl`.

    The format is told by the content: JSON Lines if the first non-blank character is
    ``{`` (or the file is blank: a JSON Lines report with no rows), CSV otherwise. A
    UTF-8 BOM is allowed. Columns may come in any order; service, description and
    port_class may be missing. Anything wrong with the file raises :class:`InputError`
    naming the file, the line and the field. Another scanner's report (nmap, masscan,
    naabu, ZMap: ``peers/``) is told by its first bytes and read by its reader.
    """
    name = str(path)
    from portwindow.engine.reports import peers  # noqa: PLC0415 - not on every start of the CLI

    peer = peers.detect(name)
    if peer is not None:
        imported = peer.read(name, name)
        return LoadedReport(tuple(imported.results), imported.source.format, imported.source)
    lines = read_lines(path, what="", limit=REPORT_LIMIT, line_limit=LINE_LIMIT)
    try:
        blank: list[str] = []
        for line in lines:
            blank.append(line)
            if line.strip():
                break
        rest = itertools.chain(blank, lines)
        if not blank or not blank[-1].strip() or blank[-1].lstrip().startswith("{"):
            return LoadedReport(tuple(_load_jsonl(rest, name)), ReportFormat.JSONL)
        return LoadedReport(tuple(_load_csv(rest, name)), ReportFormat.CSV)
    finally:
        lines.close()


def _load_csv(lines: Iterator[str], name: str) -> Iterable[PortResult]:
    reader = csv.reader(lines, strict=True)
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


def _load_jsonl(lines: Iterator[str], name: str) -> Iterable[PortResult]:
    # Lines split on LF only: JSON allows U+2028 and friends unescaped inside strings.
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            value = json.loads(line.removesuffix("\n"), object_pairs_hook=_unique_keys)
        except json.JSONDecodeError as error:
            raise InputError(
                f"{where}: not valid JSON ({error.msg}, column {error.colno})"
            ) from None
        except ValueError as error:
            raise InputError(f"{where}: not valid JSON ({error})") from None
        except RecursionError:
            raise InputError(f"{where}: not valid JSON (nested too deeply)") from None
        if not isinstance(value, dict):
            raise InputError(f"{where}: expected a JSON object, found {_shown(value)}")
        _check_columns(list(value), f"{where}: not a portwindow report row")
        yield _result(value, where)


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result = dict(pairs)
    if len(result) != len(pairs):
        duplicates = [key for key, count in Counter(k for k, _ in pairs).items() if count > 1]
        raise ValueError(f"duplicate key {_shown(duplicates[0])}")
    return result


def _check_columns(columns: Sequence[str], context: str) -> None:
    present = set(columns)
    missing = [column for column in _REQUIRED_COLUMNS if column not in present]
    unknown = [column for column in columns if column not in COLUMNS + BEHIND_COLUMNS]
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
    shown = ", ".join(_shown(value) for value in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _result(fields: Mapping[str, object], where: str) -> PortResult:
    def get(column: str, parse: Callable[[object], _T]) -> _T:
        raw = fields[column]
        try:
            return parse(raw)
        except _BadField as bad:
            raise InputError(
                f"{where}: {column} {_shown(raw)} {bad}",
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
