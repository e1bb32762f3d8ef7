"""Report files: scan results written as CSV or JSON Lines (atomically), and read back.

``rows`` says how a result becomes a row; ``writers`` writes reports through ``atomic``
(whole or not at all); ``readers`` tells a file's format and reads it back. Callers
import the public names from here.
"""

from portwindow.engine.reports.atomic import (
    DestinationError,
    check_writable,
    write_bytes_atomically,
    write_text_atomically,
)
from portwindow.engine.reports.readers import LoadedReport, load_report
from portwindow.engine.reports.rows import COLUMNS, Describe, ReportFormat, safe_cell
from portwindow.engine.reports.writers import ReportWriter, write_csv, write_jsonl

__all__ = [
    "COLUMNS",
    "Describe",
    "DestinationError",
    "LoadedReport",
    "ReportFormat",
    "ReportWriter",
    "check_writable",
    "load_report",
    "safe_cell",
    "write_bytes_atomically",
    "write_csv",
    "write_jsonl",
    "write_text_atomically",
]
