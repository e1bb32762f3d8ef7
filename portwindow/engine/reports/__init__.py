"""Report files: scan results written as CSV or JSON Lines (atomically), and read back.

The public names of the report layer; callers import them from here.
"""

from portwindow.engine.reports.writers import (
    COLUMNS,
    Describe,
    LoadedReport,
    ReportFormat,
    ReportWriter,
    load_report,
    printable,
    unescape_printable,
    write_csv,
    write_jsonl,
)

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
