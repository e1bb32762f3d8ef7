"""The window's side of the scan history: saving each scan, listing and searching the saved
ones in the history panel, reopening, deleting and comparing them, and the expected doors
that are kept there and that every result shown is audited against.

The history is opened on first use (or given); reading and writing a full scan take it
0.1-0.3 s, so that work runs in a worker thread on a connection of its own while the
window keeps painting.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from portwindow.engine import (
    Audit,
    Expectations,
    History,
    HistoryError,
    InputError,
    ResultSet,
    ScanRecord,
    audit_results,
    chain_lines,
    default_path,
    diff,
)

from .. import APP_NAME
from . import dialogs
from .compare_view import CompareDialog
from .expected_dialog import ExpectedDialog, store_rules
from .history_panel import parse_search, skipped_text, when_text
from .hosts.devices import hosts_and_sightings
from .i18n import translate
from .plurals import PLURALS
from .qt import QtCore, QtWidgets, Signal
from .reopened import refill_form
from .status_words import audit_line
from .views import shown

if TYPE_CHECKING:
    from portwindow.engine import ScanSession  # the scan's modules load when one starts

    from .mainwindow import MainWindow

log = logging.getLogger(__name__)
T = TypeVar("T")

HISTORY_ERRORS = (HistoryError, OSError, sqlite3.Error)


class HistoryController(QtCore.QObject):
    """The history behind ``window``'s history panel, for its views and status bar."""

    #: The results shown were audited (after a scan, a reopening, new rules): the
    #: findings summary follows.
    audited = Signal()

    def __init__(self, window: MainWindow, history: History | None = None) -> None:
        super().__init__(window)
        self._window, self._panel = window, window.history_panel
        self._views, self._status = window.views, window.status
        # Opened on first use unless given; a given one stays the caller's.
        self._history = history
        self._owns_history = False
        self._failed = False
        self._listed = False
        self.notice_box: QtWidgets.QMessageBox | None = None
        self.last_saved_id: int | None = None
        self.last_audit: Audit | None = None
        self.compare_dialog: CompareDialog | None = None
        self.expected_dialog: ExpectedDialog | None = None

    @property
    def history(self) -> History | None:
        """The scan history, opened on first use; None when it cannot be opened."""
        if self._history is None and not self._failed:
            try:
                self._history = History(default_path())
            except HISTORY_ERRORS as exc:
                self._failed = True
                self._error("Scan history", f"The history cannot be opened: {exc}")
                return None
            self._owns_history = True
        if self._history is not None and self._history.notice and self.notice_box is None:
            self._show_notice(self._history.notice)
        return self._history

    def close(self) -> None:
        """Close the history if this opened it; it stays closed for good."""
        if self._owns_history and self._history is not None:
            self._history.close()
            self._history = None
            self._failed = True

    def _show_notice(self, notice: str) -> None:
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning,
            "Scan history",
            notice,
            QtWidgets.QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setObjectName("historyNotice")
        box.open()
        self.notice_box = box
        self._status.say(notice)

    def _error(self, title: str, text: str) -> None:
        dialogs.show_error(self._window, title, text)

    @staticmethod
    async def in_thread(history: History, work: Callable[[History], T]) -> T:
        """``work(connection)`` in a worker thread, on a connection of its own to
        ``history``'s file: the window keeps painting meanwhile."""

        def run() -> T:
            with History(history.path) as connection:
                return work(connection)

        return await asyncio.get_running_loop().run_in_executor(None, run)

    # Saving and listing.

    async def save(self, session: ScanSession) -> int | None:
        """Save the session's scan (a full scan takes ~0.2 s to pack); its id."""
        history = self.history
        if history is None:
            return None
        try:
            scan_id = await self.in_thread(history, session.save)
        except HISTORY_ERRORS as exc:
            self._error("Scan history", f"The scan could not be saved: {exc}")
            return None
        self.last_saved_id = scan_id
        self.refresh()
        if session.hosts:
            try:
                _hosts, sightings = await self.in_thread(
                    history, lambda reader: hosts_and_sightings(reader, scan_id)
                )
            except HISTORY_ERRORS as exc:
                log.warning("cannot read where the devices were seen before: %s", exc)
            else:
                self._views.host_list.model.set_sightings(sightings)
        return scan_id

    def panel_shown(self, visible: bool) -> None:
        if visible and not self._listed:
            self.refresh()

    def refresh(self) -> None:
        """List the saved scans in the panel, or those that saw the searched door open."""
        history = self.history
        panel = self._panel
        if history is None:
            panel.set_records([], "The scan history is not available.")
            return
        self._listed = True
        text = panel.search_edit.text().strip()
        try:
            if not text:
                panel.set_records(history.scans(), skipped_text(history.skipped))
                return
            door = parse_search(text)
            if door is None:
                panel.set_records([], "Search for a door as port/protocol, e.g. 3306/tcp.")
                return
            port, protocol = door
            records: dict[int, ScanRecord] = {}
            for sighting in history.search(port, protocol):
                records.setdefault(sighting.scan.id, sighting.scan)
        except HISTORY_ERRORS as exc:
            panel.set_records([], f"The history cannot be read: {exc}")
            return
        found_text = PLURALS.scans_saw_open(len(records), f"{port}/{protocol.value}")
        skipped = skipped_text(history.skipped)
        panel.set_records(list(records.values()), f"{found_text} {skipped}".strip())

    # Reopening, deleting, comparing.

    async def open_scan(self, scan_id: int) -> bool:
        """Show a saved scan's results, as Open report does for a file."""
        history = self.history
        views = self._views
        if history is None or views.busy():
            return False
        ticket = views.begin_loading()
        self._status.say(translate("HistoryController", "Reopening the scan…"))

        def read(reader: History):
            record = reader.scan(scan_id)
            results = ResultSet.of(reader.results(scan_id), keep_order=True)
            return (
                record,
                results,
                chain_lines(reader, record),
                *hosts_and_sightings(reader, scan_id),
            )

        try:
            record, results, evidence, hosts, sightings = await self.in_thread(history, read)
        except HISTORY_ERRORS as exc:
            if views.still_loading(ticket):
                self._status.say("")
                self._error("Cannot reopen the scan", str(exc))
            return False
        if not await views.show_loaded(results, ticket):
            return False
        views.host_list.model.set_statuses(hosts, sightings)  # names and MACs, kept
        when = when_text(record.started_at)
        views.shown = shown(
            f"{record.targets} ({when})",
            record.targets,
            record.ports,
            record.started_at,
            record.finished_at,
            record.partial,
        )
        views.shown = dataclasses.replace(views.shown, evidence=evidence)
        self._window.setWindowTitle(f"{APP_NAME} — {record.targets} ({when})")
        refill_form(self._window.form, record.targets, record.ports, results)
        self.shown_loaded(
            f"Reopened the scan of {record.targets} from {when}: {len(results):,} results"
        )
        return True

    def shown_loaded(self, message: str) -> None:
        """Saved results are shown: count them, audit them, say so."""
        self._status.clear()
        self._status.show_counts(self._views.results.counts())
        audited = self.audit()
        if audited:
            message += f"; expected doors: {audited}"
        self._status.say(message)

    async def delete_scans(self, scan_ids: list[int]) -> int:
        history = self.history
        if history is None or not scan_ids:
            return 0
        question = PLURALS.delete_scans_question(len(scan_ids))
        if not await self.confirm(translate("HistoryController", "Delete scans"), question):
            return 0
        try:
            deleted = sum(history.delete(scan_id) for scan_id in scan_ids)
        except HISTORY_ERRORS as exc:
            self._error("Cannot delete", str(exc))
            return 0
        self.refresh()
        self._status.say(PLURALS.deleted_scans(deleted), 5000)
        return deleted

    async def confirm(self, title: str, text: str) -> bool:
        return await dialogs.confirm(self._window, title, text)

    async def compare_scans(self, older_id: int, newer_id: int) -> CompareDialog | None:
        """Show what changed from one saved scan to another (a dialog that does not block
        the window); both are read and compared in a worker thread (about 0.3 s)."""
        history = self.history
        if history is None:
            return None
        self._status.say(translate("HistoryController", "Comparing…"))

        def read_and_compare(reader: History):
            older, newer = reader.scan(older_id), reader.scan(newer_id)
            newer_results = reader.results(newer_id)
            return older, newer, newer_results, diff(reader.results(older_id), newer_results)

        try:
            older, newer, newer_results, result = await self.in_thread(history, read_and_compare)
        except HISTORY_ERRORS as exc:
            self._error("Cannot compare", str(exc))
            return None
        self._status.say("")
        title = (
            f"Changes from {when_text(older.started_at)} ({older.targets}) "
            f"to {when_text(newer.started_at)} ({newer.targets})"
        )
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        dialog = CompareDialog(
            result, title, self.ask_diff_save_path, self._window, after=newer_results
        )
        dialog.open()
        self.compare_dialog = dialog
        return dialog

    async def compare_with_previous(self, typed: str = "") -> CompareDialog | None:
        """Compare the two newest scans of the targets shown (or ``typed``)."""
        history = self.history
        if history is None:
            return None
        showing = self._views.shown
        targets = showing.targets if showing else typed
        try:
            pair = history.last_two(targets) if targets else None
        except HISTORY_ERRORS as exc:
            self._error("Cannot compare", str(exc))
            return None
        if pair is None:
            self._status.say(
                translate(
                    "HistoryController", "The history holds fewer than two scans of %1"
                ).replace("%1", targets or translate("HistoryController", "these targets")),
                5000,
            )
            return None
        return await self.compare_scans(pair[0].id, pair[1].id)

    async def ask_diff_save_path(self) -> str | None:
        suggested = str(Path.home() / "portwindow-changes.csv")
        return await dialogs.ask_save_path(
            self._window, "Export changes as CSV", suggested, "CSV (*.csv)"
        )

    # Expected doors.

    def audit(self, audit_of: Callable[[Expectations], Audit | None] | None = None) -> str:
        """Audit the results shown against the expected doors (with ``audit_of``: a
        scan session's audit), mark the doors, and return the summary ("" when no rule
        names a scanned host)."""
        history = self.history
        rules = {}
        if history is not None:
            try:
                rules = history.expected_rules()
            except HISTORY_ERRORS as exc:
                log.warning("cannot read the expected doors: %s", exc)
        self.last_audit = None
        text = ""
        if rules:
            results = self._views.results
            audit_of = audit_of or (lambda expected: audit_results(results, expected))
            try:
                self.last_audit = audit_of(Expectations(rules))
            except InputError as exc:
                log.warning("a stored expected-doors rule does not parse: %s", exc)
        if self.last_audit is not None and self.last_audit.hosts_checked:
            text = audit_line(self.last_audit)
        self._views.door_model.set_findings(self.last_audit.items if self.last_audit else ())
        self._status.show_audit(text)
        self.audited.emit()
        return text

    async def edit_expected(self) -> bool:
        history = self.history
        if history is None:
            return False
        try:
            rules = history.expected_rules()
        except HISTORY_ERRORS as exc:
            self._error("Expected doors", str(exc))
            return False
        dialog = ExpectedDialog(rules, self._window)
        dialog.suggestion = self._window.find.suggested_rule
        self.expected_dialog = dialog
        try:
            if await dialogs.await_dialog(dialog) != QtWidgets.QDialog.DialogCode.Accepted:
                return False
            try:
                store_rules(history, dialog.rules())
            except HISTORY_ERRORS as exc:
                self._error("Expected doors", f"The rules were not saved: {exc}")
                return False
        finally:
            self.expected_dialog = None
            dialog.deleteLater()
        if len(self._views.results):
            audited = self.audit()
            if audited:
                self._status.say(
                    translate("HistoryController", "Expected doors: %1").replace("%1", audited)
                )
        return True
