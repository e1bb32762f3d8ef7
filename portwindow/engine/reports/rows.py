"""How a result becomes a report row: the columns, the cells (printable, formula-safe,
times in ISO 8601 UTC) and the JSON Lines object. The writers and the readers share it.
"""

from __future__ import annotations

import enum
import json
import math
import typing
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta

from portwindow.engine.core.model import PortClass, PortResult, PortState, Protocol, Reason
from portwindow.engine.core.text import printable
from portwindow.engine.input import services
from portwindow.engine.present.identification import detected_service

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
    "detected_service",
    "detected_product",
    "scanned_at",
)

#: After COLUMNS in a report of this machine's open doors: who listens behind each
#: (``behind_rows.py``); read by no one, since it was so when the report was written.
BEHIND_COLUMNS: tuple[str, ...] = ("process", "pid", "listen_address")


# Filled in from the service registry when writing; optional and ignored when loading.
# detected_*: what the banner names (present/identification.py), beside IANA's service.
_DERIVED_COLUMNS = frozenset(
    {"service", "description", "port_class", "detected_service", "detected_product"}
)


_REQUIRED_COLUMNS = tuple(c for c in COLUMNS if c not in _DERIVED_COLUMNS)


class ReportFormat(enum.StrEnum):
    CSV = "csv"
    JSONL = "jsonl"


# Looks up a port's service; the writers default to the package's registry.
Describe: typing.TypeAlias = Callable[[int, Protocol], services.ServiceInfo]


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
        detected, product = detected_service(result.banner) if result.banner else ("", "")
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
            "detected_service": detected,
            "detected_product": product,
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


_MAY_START_LIKE_A_FORMULA = (
    "host",
    "address",
    "service",
    "description",
    "rtt_ms",
    "banner",
    "detected_service",
    "detected_product",
)


def _json_line(fields: Mapping[str, str | int]) -> str:
    rtt_ms = fields["rtt_ms"]
    row = {**fields, "rtt_ms": float(rtt_ms) if rtt_ms else None}
    return json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n"


def safe_cell(text: str) -> str:
    """A CSV cell made printable and formula-safe, as report cells are."""
    return _neutralise(printable(text))
