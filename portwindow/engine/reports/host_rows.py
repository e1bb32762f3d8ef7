"""Host reports: what discovery found, one row per target address, as CSV or JSON Lines
(``portwindow hosts --csv/--json``), with the columns of :data:`HOST_COLUMNS`.

Like the port reports (``writers.py``), every text cell is made printable and a CSV cell
a spreadsheet would run as a formula is neutralised (``rows.safe_cell``), and a report
written to a path is atomic.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from portwindow.engine.core.text import printable
from portwindow.engine.reports.atomic import AtomicFile
from portwindow.engine.reports.rows import ReportFormat, _json_line, safe_cell
from portwindow.engine.scan.discovery.model import HostStatus

HOST_COLUMNS = ("host", "address", "state", "reason", "rtt_ms", "name", "mac", "vendor")


def host_fields(status: HostStatus) -> dict[str, str]:
    """One host's row as text ("" where nothing is known), not yet made printable."""
    return {
        "host": status.label or status.address,
        "address": status.address,
        "state": status.state.value,
        "reason": status.reason.value,
        "rtt_ms": "" if status.rtt is None else f"{status.rtt * 1000:.3f}",
        "name": status.name or "",
        "mac": status.mac or "",
        "vendor": status.vendor or "",
    }


def host_report(statuses: Iterable[HostStatus], fmt: ReportFormat | str) -> str:
    """The whole report as text."""
    out = io.StringIO()
    if ReportFormat(fmt) is ReportFormat.CSV:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HOST_COLUMNS)
        for status in statuses:
            fields = host_fields(status)
            writer.writerow(safe_cell(fields[column]) for column in HOST_COLUMNS)
    else:
        for status in statuses:
            fields = host_fields(status)
            out.write(_json_line({column: printable(fields[column]) for column in HOST_COLUMNS}))
    return out.getvalue()


def write_host_report(
    dest: Path | str | TextIO, statuses: Iterable[HostStatus], fmt: ReportFormat | str
) -> None:
    """Write the report to a path (atomically) or an open stream."""
    text = host_report(statuses, fmt)
    if isinstance(dest, str | os.PathLike):
        with AtomicFile(dest) as f:
            f.stream.write(text)
    else:
        dest.write(text)
