"""The window's File menu and Copy: results out to a CSV or JSON Lines report, a printable
PDF or HTML report or the clipboard, and a saved report back in.

Every result written comes from the one result set the window shows (the rows the table
shows, for "Export shown"). Reading and writing a full scan's report take about a second,
so they run in a worker thread while the window keeps painting.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING

from portwindow.engine import (
    ExportError,
    InputError,
    ReportFormat,
    ResultSet,
    export_results,
    load_report,
    results_to_clipboard_text,
)

from .. import APP_NAME
from . import dialogs
from .export_names import export_folder, remember_folder, suggested_name
from .i18n import translate
from .plurals import PLURALS
from .printable_report import write_html_report, write_pdf_report
from .qt import QtCore, QtWidgets
from .views import shown

if TYPE_CHECKING:
    from .mainwindow import MainWindow

REPORT_FILTERS = "Reports (*.csv *.jsonl *.json);;CSV (*.csv);;JSON Lines (*.jsonl *.json)"
PRINTABLE_FILTERS = "PDF (*.pdf);;HTML (*.html *.htm)"


class FileActions(QtCore.QObject):
    """Export, Open report, Export report and Copy for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window, self._views, self._status = window, window.views, window.status
        self._history = window.history_controller

    async def ask_save_path(self, title: str, suggested: str) -> str | None:
        return await dialogs.ask_save_path(self._window, title, suggested, "CSV (*.csv)")

    async def ask_open_path(self) -> str | None:
        return await dialogs.ask_open_path(
            self._window, translate("FileActions", "Open report"), REPORT_FILTERS
        )

    async def ask_report_path(self) -> str | None:
        suggested = str(self.suggested_path("pdf"))
        return await dialogs.ask_save_path(
            self._window,
            translate("FileActions", "Export report"),
            suggested,
            PRINTABLE_FILTERS,
            default_suffix="pdf",
        )

    def suggested_path(self, suffix: str) -> Path:
        """Where an export of what is shown is offered: named from its targets and date,
        in the folder of the last export."""
        header = self._views.shown
        targets = header.targets if header is not None else ""
        started = header.started_at if header is not None else None
        name = suggested_name(targets, started, suffix)
        return export_folder(self._window.settings) / name

    async def export_csv(self, *, visible_only: bool = False) -> Path | None:
        if visible_only:
            await self._views.drain()
            results = self._views.results_model.results(visible_only=True)
        else:
            # The result set itself, unless a scan is still adding to it: then what it
            # holds now (the file is written in a worker thread).
            shown = self._views.results
            results = list(shown) if self._views.busy() else shown
        if not len(results):
            self._status.say(translate("FileActions", "Nothing to export yet"), 3000)
            return None
        suggested = str(self.suggested_path("csv"))
        title = (
            translate("FileActions", "Export shown results as CSV")
            if visible_only
            else translate("FileActions", "Export CSV")
        )
        chosen = await self.ask_save_path(title, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        remember_folder(self._window.settings, path)
        self._status.say(PLURALS.exporting(len(results), str(path)))
        try:
            behind = self._views.behind.behind_for(results)  # this machine's doors
            count = await asyncio.get_running_loop().run_in_executor(
                None, lambda: export_results(results, path, ReportFormat.CSV, behind=behind)
            )
        except ExportError as exc:
            dialogs.show_error(self._window, translate("FileActions", "Export failed"), str(exc))
            return None
        self._status.say(PLURALS.exported(count, str(path)), 5000)
        return path

    async def open_report_dialog(self) -> None:
        chosen = await self.ask_open_path()
        if chosen:
            await self.open_report(Path(chosen))

    async def open_report(self, path: Path) -> bool:
        """Show a CSV or JSON Lines report's results; the file is read and parsed in a
        worker thread (a full scan's report takes about a second)."""
        views = self._views
        if views.busy():
            return False
        ticket = views.begin_loading()
        self._status.say(translate("FileActions", "Opening %1…").replace("%1", str(path)))

        def read() -> tuple[ResultSet, list[float]]:
            results = load_report(path).results
            times = [r.scanned_at for r in results] or [time.time()]
            return ResultSet.of(results, keep_order=True), times

        try:
            results, times = await asyncio.get_running_loop().run_in_executor(None, read)
        except InputError as exc:
            if views.still_loading(ticket):
                self._status.say("")
                dialogs.show_error(
                    self._window, translate("FileActions", "Cannot open report"), str(exc)
                )
            return False
        if not await views.show_loaded(results, ticket):
            return False
        views.shown = shown(path.name, path.name, "", min(times), max(times), False)
        self._window.setWindowTitle(f"{APP_NAME} — {path.name}")
        self._history.shown_loaded(PLURALS.opened(len(results), str(path)))
        return True

    async def export_report(self) -> Path | None:
        """File → Export report: a printable PDF, or HTML when the name ends in .html."""
        results = self._views.results
        if not len(results):
            self._status.say(translate("FileActions", "Nothing to export yet"), 3000)
            return None
        chosen = await self.ask_report_path()
        if not chosen:
            return None
        path = Path(chosen)
        remember_folder(self._window.settings, path)
        header = self._views.shown or shown(APP_NAME, "", "", time.time(), time.time(), False)
        data = dataclasses.replace(
            header,
            title=f"{APP_NAME}: {header.title}",
            results=results,  # an iterable of the latest results
            audit=self._history.last_audit,
            behind=self._views.behind.behind_for(results),
            behind_note=self._views.behind.seen_text(),
        )
        try:
            if path.suffix.lower() in (".html", ".htm"):
                write_html_report(data, path)
            else:
                write_pdf_report(data, path)
        except OSError as exc:
            dialogs.show_error(
                self._window, translate("FileActions", "Export failed"), f"{path}: {exc}"
            )
            return None
        self._status.say(
            translate("FileActions", "Exported the report to %1").replace("%1", str(path)), 5000
        )
        return path

    def copy_selection(self) -> None:
        results = self._views.selected_results()
        if results:
            QtWidgets.QApplication.clipboard().setText(results_to_clipboard_text(results))
            self._status.say(PLURALS.copied(len(results)), 3000)
