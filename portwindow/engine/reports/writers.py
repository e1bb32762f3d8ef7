"""Writing reports: scan results as CSV or JSON Lines, one row per (address, protocol,
port) with the columns of :data:`~portwindow.engine.reports.rows.COLUMNS`.

The CLI writes reports (``--csv FILE|-``, ``--json FILE|-``, and a partial report when a
scan is stopped); the window exports them. The service, description and port_class
columns come from the service registry. Every text cell is made printable, and a CSV cell
that a spreadsheet would run as a formula gets a leading ``'`` (see ``rows.py``). Reports
written to a path are atomic (``atomic.py``): an interrupted write never replaces the old
file.
"""

from __future__ import annotations

import csv
import os
import typing
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, TextIO

from portwindow.engine.core.model import PortResult, PortState
from portwindow.engine.core.results import ResultSet
from portwindow.engine.input import services
from portwindow.engine.reports.atomic import WRITE_BUFFER, AtomicFile
from portwindow.engine.reports.column_rows import CsvRows, JsonRows, wanted_codes
from portwindow.engine.reports.rows import (
    BEHIND_COLUMNS,
    COLUMNS,
    Describe,
    ReportFormat,
    _json_line,
    _neutralise,
    _RowMaker,
)

if TYPE_CHECKING:  # psutil is imported only when a report says who is behind
    from portwindow.engine.reports.behind_rows import Behind


class ReportWriter:
    """Write a report incrementally; use it as a context manager.

    ``dest`` is a path or an open text stream (such as ``sys.stdout``). A path is written
    through an :class:`~portwindow.engine.reports.atomic.AtomicFile`: leaving the
    ``with`` block normally puts the complete report in place, leaving it by an
    exception leaves the old file as it was. A stream is written to directly and never
    closed. :meth:`commit` and :meth:`discard` end the report early; the CLI writes a
    partial report on Ctrl-C by catching the interrupt inside the block (or calling
    :meth:`commit`). With ``behind`` (:meth:`Behind.for_results`), every row also says
    who listens behind the door when it is this machine's (``behind_rows.py``).
    """

    def __init__(
        self,
        dest: Path | str | TextIO,
        fmt: ReportFormat | str,
        *,
        bom: bool = False,
        describe: Describe | None = None,
        behind: Behind | None = None,
    ) -> None:
        self._format = ReportFormat(fmt)
        self._behind = behind
        if bom and self._format is not ReportFormat.CSV:
            raise ValueError("a byte order mark is only for CSV reports")
        self._dest = dest
        self._bom = bom
        registry = services.default_registry() if describe is None else None
        self._describe = describe if describe is not None else registry.lookup
        self._assigned = registry.assigned if registry is not None else None
        self._rows_made = _RowMaker(self._describe)
        self._file: AtomicFile | None = None
        self._stream: IO[str] | None = None
        self._csv: typing.Any = None
        self._finished = False
        self._rows = 0

    @property
    def rows(self) -> int:
        """How many results have been written so far."""
        return self._rows

    def __enter__(self) -> ReportWriter:
        if self._stream is not None or self._finished:
            raise RuntimeError("a ReportWriter can be entered only once")
        if isinstance(self._dest, str | os.PathLike):
            self._file = AtomicFile(self._dest, buffering=WRITE_BUFFER)
            self._stream = self._file.stream
        else:
            self._stream = self._dest
        try:
            if self._bom:
                self._stream.write("\ufeff")
            if self._format is ReportFormat.CSV:
                self._csv = csv.writer(self._stream, lineterminator="\r\n")
                self._csv.writerow(COLUMNS + BEHIND_COLUMNS if self._behind else COLUMNS)
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
        rows, behind = self._rows_made, self._behind
        for result in results:
            if behind is not None:
                self._write_behind(stream, result, behind)
            elif self._csv is not None:
                self._csv.writerow(rows.csv_line(result))
            else:
                stream.write(_json_line(rows.fields(result)))
            written += 1
            self._rows += 1
        return written

    def _write_behind(self, stream: IO[str], result: PortResult, behind: Behind) -> None:
        fields = behind.fields(result)
        if self._csv is not None:
            pid = fields["pid"]
            process = _neutralise(str(fields["process"]))
            cells = [process, "" if pid is None else pid, fields["listen_address"]]
            self._csv.writerow(self._rows_made.csv_line(result) + cells)
        else:
            stream.write(_json_line({**self._rows_made.fields(result), **fields}))

    def write_set(self, results: ResultSet, states: Iterable[PortState] | None = None) -> int:
        """Write a result set's doors (those in ``states``, or every probed one) in
        address order, straight from its columns; return how many rows. With ``behind``
        the rows are made one by one (a scan of this machine: few hosts)."""
        if self._behind is not None:
            wanted = None if states is None else frozenset(states)
            return self.write(
                r for r in results.in_address_order() if wanted is None or r.state in wanted
            )
        stream = self._open_stream()
        rows = (CsvRows if self._csv is not None else JsonRows)(
            results, self._describe, self._assigned
        )
        wanted = wanted_codes(states)
        written = 0
        for text, count in rows.chunks(results.rows_by_address(), wanted):
            stream.write(text)
            written += count
        self._rows += written
        return written

    def commit(self) -> None:
        """Finish the report: move the file into place, or flush the stream."""
        stream = self._open_stream()
        self._finished = True
        if self._file is None:
            stream.flush()
        else:
            self._file.commit()

    def discard(self) -> None:
        """Abandon the report: delete the temporary file (a device or pipe written in
        place keeps what it got). A caller's stream is left open."""
        self._finished = True
        if self._file is not None:
            self._file.discard()

    def _open_stream(self) -> IO[str]:
        if self._stream is None or self._finished:
            raise RuntimeError("the report is not open: use ReportWriter in a with block")
        return self._stream


def write_csv(
    results: Iterable[PortResult] | ResultSet,
    dest: Path | str | TextIO,
    *,
    bom: bool = False,
    describe: Describe | None = None,
    behind: Behind | None = None,
) -> int:
    """Write an RFC 4180 CSV report (UTF-8, CRLF); return the number of rows.

    ``bom=True`` starts the file with a UTF-8 byte order mark, which Excel needs to read
    it as UTF-8. ``describe`` looks up a port's service; it defaults to the registry.
    A :class:`ResultSet` is written in address order, straight from its columns.
    """
    with ReportWriter(dest, ReportFormat.CSV, bom=bom, describe=describe, behind=behind) as writer:
        return _write(writer, results)


def write_jsonl(
    results: Iterable[PortResult] | ResultSet,
    dest: Path | str | TextIO,
    *,
    describe: Describe | None = None,
    behind: Behind | None = None,
) -> int:
    """Write a JSON Lines report (UTF-8, one object per line); return the number of rows.

    ``port`` is a number, ``rtt_ms`` a number or null, everything else a string.
    """
    with ReportWriter(dest, ReportFormat.JSONL, describe=describe, behind=behind) as writer:
        return _write(writer, results)


def _write(writer: ReportWriter, results: Iterable[PortResult] | ResultSet) -> int:
    if isinstance(results, ResultSet):
        return writer.write_set(results)
    return writer.write(results)
