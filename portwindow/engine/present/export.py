"""Getting results out of the window: report files and the clipboard.

The main window's Export actions call :func:`export_results`, which writes a report with
:mod:`portwindow.engine.reports.writers` (atomically) and turns an operating-system failure into
an :class:`ExportError` whose message a person can act on. Copy puts
:func:`results_to_clipboard_text` on the clipboard: tab-separated rows that paste into a
spreadsheet as cells. Neither needs Qt.
"""

from __future__ import annotations

import csv
import errno
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from portwindow.engine.core.model import PortResult
from portwindow.engine.reports.rows import ReportFormat
from portwindow.engine.reports.writers import write_csv, write_jsonl

if TYPE_CHECKING:  # psutil is imported only when a report says who is behind
    from portwindow.engine.reports.behind_rows import Behind

__all__ = ["ExportError", "export_results", "format_for_path", "results_to_clipboard_text"]

_JSONL_SUFFIXES = frozenset({".json", ".jsonl", ".ndjson"})


class ExportError(Exception):
    """A report could not be written; ``message`` names the file and says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def format_for_path(path: Path | str) -> ReportFormat:
    """JSON Lines for a ``.json``, ``.jsonl`` or ``.ndjson`` file name, CSV otherwise."""
    suffix = Path(path).suffix.lower()
    return ReportFormat.JSONL if suffix in _JSONL_SUFFIXES else ReportFormat.CSV


def export_results(
    results: Iterable[PortResult],
    path: Path | str,
    fmt: ReportFormat | str = ReportFormat.CSV,
    *,
    bom: bool = False,
    behind: Behind | None = None,
) -> int:
    """Write ``results`` to ``path`` as a report; return how many rows were written.
    ``behind`` adds who listens behind each open door of this machine (``behind_rows.py``).

    The file is replaced atomically: if anything fails, an existing file keeps its old
    content. Raises :class:`ExportError` when the file cannot be written.
    """
    path = Path(path)
    report_format = ReportFormat(fmt)
    try:
        if report_format is ReportFormat.CSV:
            return write_csv(results, path, bom=bom, behind=behind)
        return write_jsonl(results, path, behind=behind)
    except OSError as error:
        raise ExportError(f"Could not save {path}: {_reason(path, error)}.") from error


#: What an operating-system error means for the file being saved.
_REASONS = {
    errno.EACCES: "permission denied (choose a folder you may write to)",
    errno.EPERM: "permission denied (choose a folder you may write to)",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "your disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.ENOTDIR: "part of the path is not a folder",
    errno.EISDIR: "a folder with that name is in the way",
    errno.ENAMETOOLONG: "the file name is too long",
}


def _reason(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT and not path.parent.is_dir():
        return f"the folder {path.parent} does not exist"
    return _REASONS.get(error.errno) or error.strerror or str(error)


def results_to_clipboard_text(results: Iterable[PortResult]) -> str:
    """Tab-separated rows with the report's header, for pasting into a spreadsheet.

    The cells are exactly a CSV report's (printable text, formula-safe), so no cell
    contains a tab or a line break.
    """
    buffer = io.StringIO(newline="")
    write_csv(results, buffer)
    buffer.seek(0)
    rows = csv.reader(buffer, strict=True)
    return "".join("\t".join(cells) + "\n" for cells in rows)
