"""The main window: the scan form on top, the doors (or the table) in the middle, the
details of the chosen door at the side, progress and counts in the status bar.

It wires the parts together and owns the window's coroutines (start a scan, export,
open a report, settings); the engine runs in a worker thread behind ScanController.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import itertools
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from portwindow.engine import (
    LARGE_TARGET_LIMIT,
    Audit,
    Expectations,
    Finding,
    History,
    HistoryError,
    InputError,
    NewScan,
    PortResult,
    PortState,
    Progress,
    Protocol,
    ReportFormat,
    ScanBatch,
    ScanConfig,
    ScanRecord,
    ScanSummary,
    audit_results,
    default_path,
    diff,
    load_report,
    loops,
    parse_timing,
)

from .. import APP_NAME, __version__
from . import colors, dialogs
from . import settings as opt
from .compare_view import CompareDialog
from .details import DetailsPanel
from .doors.model import DoorModel, DoorRole
from .doors.view import DoorView
from .expected_dialog import ExpectedDialog, store_rules
from .export import ExportError, export_results, results_to_clipboard_text
from .history_panel import HistoryPanel, parse_search, when_text
from .printable_report import ReportData, write_html_report, write_pdf_report
from .qt import QtCore, QtGui, QtWidgets
from .resources import resource_path
from .result_feed import DeferredSink
from .results_model import Column, ResultRole, ResultsModel
from .scan_controller import ScanController, ScanPhase
from .scan_form import FormInput, ScanForm
from .settings import Settings
from .settings_dialog import ScanSettings, SettingsDialog

log = logging.getLogger(__name__)
T = TypeVar("T")

STATE_FILTERS: tuple[tuple[str, frozenset | None], ...] = (
    ("All doors", None),
    ("Open only", frozenset({PortState.OPEN})),
    # Every door that may be open, or that nobody can see behind.
    (
        "Open and filtered",
        frozenset({PortState.OPEN, PortState.FILTERED, PortState.OPEN_FILTERED}),
    ),
    ("Closed", frozenset({PortState.CLOSED})),
    ("Filtered", frozenset({PortState.FILTERED})),
    ("Open|filtered", frozenset({PortState.OPEN_FILTERED})),
    ("Not probed yet", frozenset({None})),
)
# The status bar counts these always, in this order; open|filtered when there are any.
COUNTED_STATES: tuple[tuple[PortState, str], ...] = (
    (PortState.OPEN, "open"),
    (PortState.CLOSED, "closed"),
    (PortState.FILTERED, "filtered"),
    (PortState.OPEN_FILTERED, "open|filtered"),
)
TABLE_WIDTHS = {
    Column.HOST: 120,
    Column.ADDRESS: 120,
    Column.PROTOCOL: 64,
    Column.PORT: 60,
    Column.STATE: 120,
    Column.REASON: 124,
    Column.SERVICE: 120,
    Column.DESCRIPTION: 260,
    Column.PORT_CLASS: 90,
    Column.RTT_MS: 72,
    Column.BANNER: 120,
}
# Between the steps of starting a scan: a real pause, not sleep(0), so Qt runs the timers
# and paints that fell due (sleep(0) resumes the coroutine before them).
SETUP_PAUSE = 0.001
# The status bar's progress and counts change at most this often (seconds).
PROGRESS_INTERVAL = 0.1
# Hosts whose (not yet probed) doors are shown as soon as a scan starts.
PRESHOWN_HOSTS = 16
# Smaller, more frequent batches keep each slice of work on the Qt thread short.
GUI_BATCH_INTERVAL = 0.025
REPORT_FILTERS = "Reports (*.csv *.jsonl *.json);;CSV (*.csv);;JSON Lines (*.jsonl *.json)"
PRINTABLE_FILTERS = "PDF (*.pdf);;HTML (*.html *.htm)"
HISTORY_ERRORS = (HistoryError, OSError, sqlite3.Error)


def _format_eta(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    seconds = int(seconds + 0.5)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclasses.dataclass(frozen=True, slots=True)
class Shown:
    """What the window shows: where its results came from (for reports and comparing)."""

    title: str
    targets: str
    ports: str
    started_at: float
    finished_at: float
    partial: bool
    scan_id: int | None = None  # in the history


class MainWindow(QtWidgets.QMainWindow):
    def __init__(
        self, settings: Settings | None = None, parent=None, history: History | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        # The history is opened on first use unless given; a given one stays the caller's.
        self._history = history
        self._owns_history = False
        self._history_failed = False
        self.history_notice_box: QtWidgets.QMessageBox | None = None
        self.shown: Shown | None = None
        self.last_audit: Audit | None = None
        self.last_saved_id: int | None = None
        self.compare_dialog: CompareDialog | None = None
        self.expected_dialog: ExpectedDialog | None = None
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        icon_path = resource_path("icons/portwindow.svg")
        if icon_path.exists():
            self.setWindowIcon(QtGui.QIcon(str(icon_path)))
        loops.preload()
        self.controller = ScanController(self)
        self.last_summary: ScanSummary | None = None
        self._tasks: set[asyncio.Task] = set()
        self._progress_shown_at = 0.0
        self._scan_results: list[PortResult] = []
        self._shown_generation = 0  # what the views show; see _begin_loading
        self._starting = False  # a scan is being set up (see start_scan)

        self.form = ScanForm(self)
        self.door_model = DoorModel(self)
        self.door_view = DoorView(self)
        self.door_view.setObjectName("doorView")
        self.door_view.setModel(self.door_model)
        self.door_view.setAccessibleName("Doors")
        self.results_model = ResultsModel(self)
        self.results_table = QtWidgets.QTableView(self)
        self.results_table.setObjectName("resultsTable")
        self.results_table.setAccessibleName("Results table")
        self.results_table.setModel(self.results_model)
        self.results_table.setSortingEnabled(True)
        self.results_table.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows
        )
        self.results_table.verticalHeader().setVisible(False)
        self.results_table.verticalHeader().setDefaultSectionSize(22)
        header = self.results_table.horizontalHeader()
        header.setStretchLastSection(True)
        # Fixed widths: resizing to contents would measure every one of 65,535 rows.
        for column, width in TABLE_WIDTHS.items():
            header.resizeSection(column, width)
        self.results_table.sortByColumn(-1, QtCore.Qt.SortOrder.AscendingOrder)
        self.details = DetailsPanel(self)
        self.details.setObjectName("detailsPanel")
        self._door_sink = DeferredSink(self.door_model.add_results)
        self._table_sink = DeferredSink(self.results_model.add_results)

        self.views = QtWidgets.QStackedWidget(self)
        self.views.addWidget(self.door_view)
        self.views.addWidget(self.results_table)
        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.addWidget(self.views)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([780, 300])

        self._build_view_bar()
        central = QtWidgets.QWidget(self)
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.form)
        layout.addWidget(self.view_bar)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self._build_history_dock()
        self._build_status_bar()
        self._build_actions()
        self._connect()
        self._restore_settings()
        self._phase_changed(ScanPhase.IDLE)
        self._warmed_up = False
        self._warm_up_timer = QtCore.QTimer(self)
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.timeout.connect(self.door_view.warm_up)

    # Building.

    def _build_view_bar(self) -> None:
        self.view_bar = QtWidgets.QWidget(self)
        bar = QtWidgets.QHBoxLayout(self.view_bar)
        bar.setContentsMargins(6, 0, 6, 0)
        self.view_switch = QtWidgets.QTabBar(self.view_bar)
        self.view_switch.setObjectName("viewSwitch")
        self.view_switch.addTab("Doors")
        self.view_switch.addTab("Table")
        self.view_switch.setAccessibleName("Doors or table")
        self.state_filter = QtWidgets.QComboBox(self.view_bar)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setAccessibleName("Show doors by state")
        for label, states in STATE_FILTERS:
            self.state_filter.addItem(label, states)
        self.search_edit = QtWidgets.QLineEdit(self.view_bar)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText("Search port or service…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search by port or service")
        self.zoom = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, self.view_bar)
        self.zoom.setObjectName("zoomSlider")
        self.zoom.setRange(24, 96)
        self.zoom.setSingleStep(4)
        self.zoom.setPageStep(8)
        self.zoom.setFixedWidth(120)
        self.zoom.setAccessibleName("Door size")
        show_label = QtWidgets.QLabel("S&how:", self.view_bar)
        show_label.setBuddy(self.state_filter)
        zoom_label = QtWidgets.QLabel("&Zoom:", self.view_bar)
        zoom_label.setBuddy(self.zoom)
        bar.addWidget(self.view_switch)
        bar.addStretch(1)
        bar.addWidget(show_label)
        bar.addWidget(self.state_filter)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(zoom_label)
        bar.addWidget(self.zoom)

    def _build_history_dock(self) -> None:
        self.history_panel = HistoryPanel(self)
        self.history_panel.setObjectName("historyPanel")
        self.history_dock = QtWidgets.QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_panel)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, self.history_dock)
        self.history_dock.visibilityChanged.connect(self._history_visibility)
        self._history_listed = False

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.audit_label = QtWidgets.QLabel(self)
        self.audit_label.setObjectName("auditLabel")
        self.audit_label.setAccessibleName("Expected doors audit")
        self.audit_label.hide()
        status.addPermanentWidget(self.audit_label)
        self.progress_bar = QtWidgets.QProgressBar(self)
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setAccessibleName("Scan progress")
        self.progress_bar.setFixedWidth(260)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("%v / %m ports")
        self.rate_label = QtWidgets.QLabel(self)
        self.rate_label.setObjectName("rateLabel")
        self.counts_label = QtWidgets.QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setAccessibleName("Counts of doors by state")
        status.addPermanentWidget(self.counts_label)
        status.addPermanentWidget(self.rate_label)
        status.addPermanentWidget(self.progress_bar)
        self._show_counts({})

    def _action(self, text: str, name: str, shortcut=None, slot=None, tip: str = ""):
        action = QtGui.QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QtGui.QKeySequence
        self.scan_action = self._action(
            "&Scan",
            "scanAction",
            [key("Ctrl+Return"), key("Ctrl+Enter")],
            self.form.request_scan,
            "Start scanning",
        )
        self.stop_action = self._action(
            "S&top", "stopAction", key("Esc"), self.stop_scan, "Stop and keep the results"
        )
        self.pause_action = self._action("&Pause", "pauseAction", key("Ctrl+P"))
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.form.pause_button.setChecked)
        self.export_csv_action = self._action(
            "&Export CSV…",
            "exportCsvAction",
            key("Ctrl+E"),
            lambda: self._spawn(self.export_csv(visible_only=False)),
            "Export every result as CSV",
        )
        self.export_visible_action = self._action(
            "Export &shown as CSV…",
            "exportVisibleAction",
            key("Ctrl+Shift+E"),
            lambda: self._spawn(self.export_csv(visible_only=True)),
            "Export only what the filter shows",
        )
        self.open_action = self._action(
            "&Open report…",
            "openReportAction",
            key.StandardKey.Open,
            lambda: self._spawn(self.open_report_dialog()),
            "Open a saved CSV or JSON report",
        )
        self.copy_action = self._action(
            "&Copy",
            "copyAction",
            key.StandardKey.Copy,
            self.copy_selection,
            "Copy the selected results",
        )
        self.settings_action = self._action(
            "Scan se&ttings…",
            "settingsAction",
            key("Ctrl+,"),
            lambda: self._spawn(self.edit_settings()),
        )
        self.quit_action = self._action("&Quit", "quitAction", key.StandardKey.Quit, self.close)
        self.doors_action = self._action(
            "&Doors", "showDoorsAction", key("Ctrl+1"), lambda: self.show_view(0)
        )
        self.table_action = self._action(
            "&Table", "showTableAction", key("Ctrl+2"), lambda: self.show_view(1)
        )
        self.zoom_in_action = self._action(
            "Zoom &in",
            "zoomInAction",
            key.StandardKey.ZoomIn,
            lambda: self.zoom.setValue(self.zoom.value() + 8),
        )
        self.zoom_out_action = self._action(
            "Zoom &out",
            "zoomOutAction",
            key.StandardKey.ZoomOut,
            lambda: self.zoom.setValue(self.zoom.value() - 8),
        )
        self.find_action = self._action(
            "&Find", "findAction", key.StandardKey.Find, self._focus_search
        )
        self.about_action = self._action("&About portwindow", "aboutAction", slot=self._about)
        self.expected_action = self._action(
            "E&xpected doors…",
            "expectedAction",
            slot=lambda: self._spawn(self.edit_expected()),
            tip="Which doors are meant to be open on which targets",
        )
        self.report_action = self._action(
            "Export &report…",
            "exportReportAction",
            key("Ctrl+Shift+R"),
            lambda: self._spawn(self.export_report()),
            "Export a printable report (PDF or HTML)",
        )
        self.compare_previous_action = self._action(
            "Compare with &previous scan",
            "comparePreviousAction",
            slot=lambda: self._spawn(self.compare_with_previous()),
            tip="What changed since the scan of these targets before the last one",
        )
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setObjectName("historyAction")
        self.history_action.setShortcut(key("Ctrl+H"))

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.export_csv_action)
        file_menu.addAction(self.export_visible_action)
        file_menu.addAction(self.report_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        edit_menu.addAction(self.expected_action)
        view_menu = menu.addMenu("&View")
        view_menu.addAction(self.doors_action)
        view_menu.addAction(self.table_action)
        view_menu.addAction(self.history_action)
        view_menu.addSeparator()
        view_menu.addAction(self.zoom_in_action)
        view_menu.addAction(self.zoom_out_action)
        scan_menu = menu.addMenu("&Scan")
        scan_menu.addAction(self.scan_action)
        scan_menu.addAction(self.pause_action)
        scan_menu.addAction(self.stop_action)
        scan_menu.addSeparator()
        scan_menu.addAction(self.compare_previous_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.export_csv_action)
        toolbar.addAction(self.copy_action)
        toolbar.addSeparator()
        toolbar.addAction(self.settings_action)

    def _connect(self) -> None:
        self.form.scan_requested.connect(lambda data: self._spawn(self.start_scan(data)))
        self.form.stop_requested.connect(self.stop_scan)
        self.form.pause_toggled.connect(self._pause_toggled)
        self.controller.phase_changed.connect(self._phase_changed)
        self.controller.paused_changed.connect(self._paused_changed)
        self.controller.batch_received.connect(self._batch_received)
        self.controller.scan_failed.connect(lambda text: dialogs.show_error(self, "Scan", text))
        self.view_switch.currentChanged.connect(self._view_changed)
        self.state_filter.currentIndexChanged.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._apply_filters)
        self.zoom.valueChanged.connect(self.door_view.set_door_size)
        self.door_view.doorSizeChanged.connect(self.zoom.setValue)
        self.door_view.selectionModel().currentChanged.connect(self._door_chosen)
        self.results_table.selectionModel().currentChanged.connect(self._row_chosen)
        # A later batch may tell more about the chosen door (its banner): show it.
        self.door_model.dataChanged.connect(self._door_data_changed)
        self.results_model.dataChanged.connect(self._row_data_changed)
        panel = self.history_panel
        panel.open_requested.connect(lambda scan_id: self._spawn(self.open_scan(scan_id)))
        panel.delete_requested.connect(lambda ids: self._spawn(self.delete_scans(ids)))
        panel.compare_requested.connect(
            lambda older, newer: self._spawn(self.compare_scans(older, newer))
        )
        panel.compare_previous_requested.connect(lambda: self._spawn(self.compare_with_previous()))
        panel.search_changed.connect(lambda _text: self.refresh_history())

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.get(opt.WINDOW_GEOMETRY)
        if not geometry or not self.restoreGeometry(QtCore.QByteArray(geometry)):
            self.resize(1100, 720)
        state = s.get(opt.WINDOW_STATE)
        if state:
            self.restoreState(QtCore.QByteArray(state))
        self.form.set_recent(s.get(opt.RECENT_TARGETS), s.get(opt.RECENT_PORTS))
        self.form.set_targets(s.get(opt.LAST_TARGETS))
        self.form.set_ports(s.get(opt.LAST_PORTS))
        self.form.set_protocol_choice(s.get(opt.PROTOCOL))
        self.zoom.setValue(s.get(opt.DOOR_SIZE))
        self.door_view.set_door_size(self.zoom.value())
        self.show_view(1 if s.get(opt.SHOW_TABLE) else 0)

    def save_settings(self) -> None:
        s = self.settings
        s.set(opt.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        s.set(opt.WINDOW_STATE, bytes(self.saveState().data()))
        s.set(opt.LAST_TARGETS, self.form.targets.edit.text())
        s.set(opt.LAST_PORTS, self.form.ports.edit.text())
        s.set(opt.PROTOCOL, self.form.protocol_choice())
        s.set(opt.DOOR_SIZE, self.zoom.value())
        s.set(opt.SHOW_TABLE, self.views.currentIndex() == 1)
        s.sync()

    # Scanning.

    def _spawn(self, coro) -> asyncio.Task:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
            dialogs.show_error(self, "Unexpected error", f"{type(exc).__name__}: {exc}")

    def scan_config(self, data: FormInput) -> ScanConfig:
        values = ScanSettings.load(self.settings)

        def own(option: opt.Option, value):
            """A value the user set; None (the preset's) when left at its default."""
            return None if value == option.default else value

        return ScanConfig.with_timing(
            data.targets,
            data.ports,
            parse_timing(values.timing),
            timeout=own(opt.TIMEOUT, values.timeout),
            retries=own(opt.RETRIES, values.retries),
            concurrency=own(opt.CONCURRENCY, values.concurrency),
            rate=own(opt.RATE, values.rate),
            batch_interval=GUI_BATCH_INTERVAL,
            grab_banners=values.grab_banners,
        )

    async def start_scan(self, data: FormInput | None = None) -> ScanSummary | None:
        data = data or self.form.current_input
        if data is None or self.controller.busy or self._starting:
            return None
        # Setting up yields to Qt (the confirmation, the pauses): a second Scan meanwhile
        # must not start a second scan or redo the views under the first.
        self._starting = True
        try:
            config = await self._set_up_scan(data)
        finally:
            self._starting = False
        if config is None:
            return None
        summary = await self.controller.run(config)
        if summary is not None:
            self.last_summary = summary
            self._show_progress(summary.progress)
            p = summary.progress
            verb = "Stopped" if summary.partial else "Finished"
            counts = _progress_counts(p)
            counted = ", ".join(
                f"{counts[state]:,} {word}"
                for state, word in COUNTED_STATES
                if counts[state] or state is not PortState.OPEN_FILTERED
            )
            message = f"{verb}: {p.done:,} of {p.total:,} ports in {p.elapsed:.2f} s; {counted}"
            for error in summary.host_errors:
                message += f"; {error.host}: {error.message}"
            results = self._scan_results  # not the table's: it may still wait to be filled
            self.shown = Shown(
                data.targets_text,
                data.targets_text,
                data.ports_text,
                summary.started_at,
                summary.finished_at,
                summary.partial,
            )
            await self._save_scan(self.shown, results, summary.progress.total)
            audited = self._audit(results)
            if audited:
                message += f"; expected doors: {audited}"
            self.statusBar().showMessage(message)
            log.info("%s", message)
        return summary

    async def _set_up_scan(self, data: FormInput) -> ScanConfig | None:
        """Confirm a large scan, remember the input and show the new doors; the config
        to run, or None when the user said no."""
        if data.targets.is_large:
            question = (
                f"The targets hold {data.targets.address_count:,} addresses, more than "
                f"{LARGE_TARGET_LIMIT:,}. Scanning them can take very long. Scan anyway?"
            )
            if not await self.confirm("Large scan", question):
                return None
        config = self.scan_config(data)
        self.settings.remember(opt.RECENT_TARGETS, data.targets_text)
        self.settings.remember(opt.RECENT_PORTS, data.ports_text)
        self.form.set_recent(
            self.settings.get(opt.RECENT_TARGETS), self.settings.get(opt.RECENT_PORTS)
        )
        self._shown_generation += 1  # a report or saved scan still being read is not shown
        self._clear_results()
        await asyncio.sleep(SETUP_PAUSE)
        self.door_model.set_plan_by_protocol(
            {Protocol.TCP: config.ports.tcp, Protocol.UDP: config.ports.udp}
        )
        if not data.targets.hostnames:
            first_hosts = itertools.islice(data.targets.iter_hosts(), PRESHOWN_HOSTS)
            self.door_model.add_hosts((h.label, h.address.compressed) for h in first_hosts)
        # Let Qt lay out and paint the new doors before the engine competes for the GIL.
        self.door_view.doItemsLayout()
        await asyncio.sleep(SETUP_PAUSE)
        self.setWindowTitle(f"{APP_NAME} — {data.targets_text}")
        self.statusBar().showMessage("Scanning…")
        await asyncio.sleep(SETUP_PAUSE)
        return config

    # History.

    @property
    def history(self) -> History | None:
        """The scan history, opened on first use; None when it cannot be opened."""
        if self._history is None and not self._history_failed:
            try:
                self._history = History(default_path())
            except HISTORY_ERRORS as exc:
                self._history_failed = True
                dialogs.show_error(self, "Scan history", f"The history cannot be opened: {exc}")
                return None
            self._owns_history = True
        if self._history is not None and self._history.notice and self.history_notice_box is None:
            self._show_history_notice(self._history.notice)
        return self._history

    def _show_history_notice(self, notice: str) -> None:
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning,
            "Scan history",
            notice,
            QtWidgets.QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("historyNotice")
        box.open()
        self.history_notice_box = box
        self.statusBar().showMessage(notice)

    @staticmethod
    async def _in_history_thread(history: History, work: Callable[[History], T]) -> T:
        """``work(connection)`` in a worker thread, on a connection of its own to
        ``history``'s file (a full scan takes the history 0.1-0.2 s to read or write):
        the window keeps painting meanwhile."""

        def run() -> T:
            with History(history.path) as connection:
                return work(connection)

        return await asyncio.get_running_loop().run_in_executor(None, run)

    async def _save_scan(self, shown: Shown, results: list[PortResult], total: int) -> int | None:
        """Save the scan from a worker thread (a full scan takes ~0.2 s to pack), on a
        connection of its own: the window keeps painting meanwhile."""
        history = self.history
        if history is None:
            return None
        record = NewScan(
            started_at=shown.started_at,
            finished_at=shown.finished_at,
            targets=shown.targets,
            ports=shown.ports,
            partial=shown.partial,
            total=total,
            settings=dataclasses.asdict(ScanSettings.load(self.settings)),
        )

        try:
            scan_id = await self._in_history_thread(
                history, lambda writer: writer.save(record, results)
            )
        except HISTORY_ERRORS as exc:
            dialogs.show_error(self, "Scan history", f"The scan could not be saved: {exc}")
            return None
        self.last_saved_id = scan_id
        self.shown = dataclasses.replace(shown, scan_id=scan_id)
        self.refresh_history()
        return scan_id

    def _history_visibility(self, visible: bool) -> None:
        if visible and not self._history_listed:
            self.refresh_history()

    def refresh_history(self) -> None:
        """List the saved scans in the panel, or those that saw the searched door open."""
        history = self.history
        panel = self.history_panel
        if history is None:
            panel.set_records([], "The scan history is not available.")
            return
        self._history_listed = True
        text = panel.search_edit.text().strip()
        try:
            if not text:
                panel.set_records(history.scans())
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
        found_text = f"{len(records)} scan(s) saw {port}/{protocol.value} open."
        panel.set_records(list(records.values()), found_text)

    async def open_scan(self, scan_id: int) -> bool:
        """Show a saved scan's results, as Open report does for a file. The history is
        read in a worker thread, on a connection of its own: the window keeps painting."""
        history = self.history
        if history is None or self.controller.busy:
            return False
        generation = self._begin_loading("Reopening the scan…")

        try:
            record, results = await self._in_history_thread(
                history, lambda reader: (reader.scan(scan_id), reader.results(scan_id))
            )
        except HISTORY_ERRORS as exc:
            if self._still_loading(generation):
                self.statusBar().clearMessage()
                dialogs.show_error(self, "Cannot reopen the scan", str(exc))
            return False
        if not await self._show_loaded(results, generation):
            return False
        when = when_text(record.started_at)
        self.shown = Shown(
            f"{record.targets} ({when})",
            record.targets,
            record.ports,
            record.started_at,
            record.finished_at,
            record.partial,
            record.id,
        )
        self.setWindowTitle(f"{APP_NAME} — {record.targets} ({when})")
        message = f"Reopened the scan of {record.targets} from {when}: {len(results):,} results"
        audited = self._audit(results)
        if audited:
            message += f"; expected doors: {audited}"
        self.statusBar().showMessage(message)
        return True

    def _begin_loading(self, message: str) -> int:
        """Start showing something saved; returns its ticket. A scan started, or another
        file opened, before it is read makes the ticket stale (see _still_loading)."""
        self._shown_generation += 1
        self.statusBar().showMessage(message)
        return self._shown_generation

    def _still_loading(self, generation: int) -> bool:
        return (
            generation == self._shown_generation and not self.controller.busy and not self._starting
        )

    async def delete_scans(self, scan_ids: list[int]) -> int:
        history = self.history
        if history is None or not scan_ids:
            return 0
        what = "this scan" if len(scan_ids) == 1 else f"these {len(scan_ids)} scans"
        if not await self.confirm("Delete scans", f"Delete {what} from the history?"):
            return 0
        try:
            deleted = sum(history.delete(scan_id) for scan_id in scan_ids)
        except HISTORY_ERRORS as exc:
            dialogs.show_error(self, "Cannot delete", str(exc))
            return 0
        self.refresh_history()
        self.statusBar().showMessage(f"Deleted {deleted} scan(s) from the history", 5000)
        return deleted

    async def compare_scans(self, older_id: int, newer_id: int) -> CompareDialog | None:
        """Show what changed from one saved scan to another (a dialog that does not block
        the window). Both scans are read and compared in a worker thread, on a connection
        of its own: two full scans take about 0.3 s."""
        history = self.history
        if history is None:
            return None
        self.statusBar().showMessage("Comparing…")

        def read_and_compare(reader: History):
            older, newer = reader.scan(older_id), reader.scan(newer_id)
            newer_results = reader.results(newer_id)
            return older, newer, newer_results, diff(reader.results(older_id), newer_results)

        try:
            older, newer, newer_results, result = await self._in_history_thread(
                history, read_and_compare
            )
        except HISTORY_ERRORS as exc:
            dialogs.show_error(self, "Cannot compare", str(exc))
            return None
        self.statusBar().clearMessage()
        title = (
            f"Changes from {when_text(older.started_at)} ({older.targets}) "
            f"to {when_text(newer.started_at)} ({newer.targets})"
        )
        if self.compare_dialog is not None:
            self.compare_dialog.close()
            self.compare_dialog.deleteLater()
        dialog = CompareDialog(result, title, self.ask_diff_save_path, self, after=newer_results)
        dialog.open()
        self.compare_dialog = dialog
        return dialog

    async def compare_with_previous(self) -> CompareDialog | None:
        """Compare the two newest scans of the targets shown (or typed)."""
        history = self.history
        if history is None:
            return None
        data = self.form.current_input
        targets = self.shown.targets if self.shown else (data.targets_text if data else "")
        try:
            pair = history.last_two(targets) if targets else None
        except HISTORY_ERRORS as exc:
            dialogs.show_error(self, "Cannot compare", str(exc))
            return None
        if pair is None:
            self.statusBar().showMessage(
                f"The history holds fewer than two scans of {targets or 'these targets'}", 5000
            )
            return None
        return await self.compare_scans(pair[0].id, pair[1].id)

    async def ask_diff_save_path(self) -> str | None:
        suggested = str(Path.home() / "portwindow-changes.csv")
        return await dialogs.ask_save_path(self, "Export changes as CSV", suggested, "CSV (*.csv)")

    # Expected doors.

    def _audit(self, results: list[PortResult]) -> str:
        """Audit the results against the expected doors, mark the doors, and return the
        summary ("" when no rule names a scanned host)."""
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
            try:
                self.last_audit = audit_results(results, Expectations(rules))
            except InputError as exc:
                log.warning("a stored expected-doors rule does not parse: %s", exc)
        if self.last_audit is not None and self.last_audit.hosts_checked:
            text = audit_text(self.last_audit)
        self.door_model.set_findings(self.last_audit.items if self.last_audit else ())
        self.audit_label.setText(f"Expected doors: {text}" if text else "")
        self.audit_label.setVisible(bool(text))
        return text

    async def edit_expected(self) -> bool:
        history = self.history
        if history is None:
            return False
        try:
            rules = history.expected_rules()
        except HISTORY_ERRORS as exc:
            dialogs.show_error(self, "Expected doors", str(exc))
            return False
        dialog = ExpectedDialog(rules, self)
        self.expected_dialog = dialog
        try:
            if await dialogs.await_dialog(dialog) != QtWidgets.QDialog.DialogCode.Accepted:
                return False
            try:
                store_rules(history, dialog.rules())
            except HISTORY_ERRORS as exc:
                dialogs.show_error(self, "Expected doors", f"The rules were not saved: {exc}")
                return False
        finally:
            self.expected_dialog = None
            dialog.deleteLater()
        await self.drain_views()
        results = self.results_model.results()
        if results:
            audited = self._audit(results)
            if audited:
                self.statusBar().showMessage(f"Expected doors: {audited}")
        return True

    def stop_scan(self) -> None:
        self.controller.stop()

    def _pause_toggled(self, paused: bool) -> None:
        self.controller.set_paused(paused)

    def _paused_changed(self, paused: bool) -> None:
        self.form.set_paused(paused)
        self.pause_action.blockSignals(True)
        self.pause_action.setChecked(paused)
        self.pause_action.blockSignals(False)
        if paused:
            self.statusBar().showMessage("Paused")

    def _phase_changed(self, phase: ScanPhase) -> None:
        busy = phase is not ScanPhase.IDLE
        self.form.set_busy(busy, stopping=phase is ScanPhase.STOPPING)
        self.scan_action.setEnabled(not busy)
        self.stop_action.setEnabled(busy and phase is not ScanPhase.STOPPING)
        self.pause_action.setEnabled(phase is ScanPhase.SCANNING)
        self.open_action.setEnabled(not busy)
        self.history_panel.open_button.setEnabled(
            not busy and len(self.history_panel.selected_ids()) == 1
        )
        self.settings_action.setEnabled(not busy)
        if phase is ScanPhase.STOPPING:
            self.statusBar().showMessage("Stopping…")

    def _batch_received(self, batch: ScanBatch) -> None:
        if batch.results:
            self._scan_results.extend(batch.results)
            self._door_sink.push(batch.results)
            self._table_sink.push(batch.results)
        now = time.monotonic()
        done = batch.progress.done >= batch.progress.total
        if done or now - self._progress_shown_at >= PROGRESS_INTERVAL:
            self._progress_shown_at = now
            self._show_progress(batch.progress)

    def flush_views(self) -> None:
        """Bring both views' models up to date (a hidden view's results wait)."""
        self._door_sink.flush()
        self._table_sink.flush()

    async def drain_views(self) -> None:
        """flush_views in slices, the window painting between them (a full scan's
        65,535 results take the table about 0.1 s)."""
        await self._door_sink.drain(SETUP_PAUSE)
        await self._table_sink.drain(SETUP_PAUSE)

    def _show_progress(self, progress) -> None:
        total = max(progress.total, 1)
        # QProgressBar repaints at once, inside setValue, whenever its "%v" text changes:
        # with updates off it schedules the repaint with the rest of the window's instead.
        self.progress_bar.setUpdatesEnabled(False)
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(min(progress.done, total))
        self.progress_bar.setUpdatesEnabled(True)
        self.rate_label.setText(
            f"{progress.rate:,.0f} ports/s · ETA {_format_eta(progress.eta)}"
            if progress.done < progress.total
            else f"{progress.rate:,.0f} ports/s"
        )
        self._show_counts(_progress_counts(progress))

    def _show_counts(self, counts: Mapping[PortState, int]) -> None:
        theme = colors.theme_of(self.palette())
        parts = []
        for state, word in COUNTED_STATES:
            count = counts.get(state, 0)
            if count or state is not PortState.OPEN_FILTERED:
                color = colors.state_color(state, theme).name()
                parts.append(f"<span style='color:{color}'>●</span> {count:,} {word}")
        self.counts_label.setText("&nbsp; ".join(parts))

    def _clear_results(self) -> None:
        self._scan_results = []
        self._door_sink.discard()
        self._table_sink.discard()
        self.door_model.clear()
        self.results_model.clear()
        self.details.clear()
        self.last_audit = None
        self.audit_label.hide()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.rate_label.clear()
        self._show_counts({})

    # Views.

    def show_view(self, index: int) -> None:
        """Show the doors (0) or the table (1), its model complete at once."""
        self.view_switch.setCurrentIndex(index)
        self._view_changed(index)
        self.flush_views()

    def _view_changed(self, index: int) -> None:
        doors, table = self._door_sink, self._table_sink
        shown, hidden = (doors, table) if index == 0 else (table, doors)
        hidden.set_active(False)
        shown.active = True  # its backlog arrives in slices; new batches queue behind it
        self.views.setCurrentIndex(index)
        if shown.pending:
            self._spawn(shown.drain(SETUP_PAUSE))

    def _apply_filters(self) -> None:
        states = self.state_filter.currentData()
        text = self.search_edit.text()
        self.door_view.set_state_filter(set(states) if states is not None else None)
        self.door_view.set_search(text)
        result_states = None if states is None else {s for s in states if s is not None}
        self.results_model.set_filter(result_states, text)

    def _focus_search(self) -> None:
        self.search_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _door_chosen(self, current: QtCore.QModelIndex, _previous=None) -> None:
        if not current.isValid() or not current.parent().isValid():
            self.details.clear()
            return
        result = current.data(DoorRole.RESULT)
        planned = (
            current.data(DoorRole.HOST),
            current.data(DoorRole.ADDRESS),
            current.data(DoorRole.PROTOCOL),
            current.data(DoorRole.PORT),
        )
        self.details.show_result(result, planned=planned)

    def _door_data_changed(
        self, first: QtCore.QModelIndex, last: QtCore.QModelIndex, _roles=()
    ) -> None:
        current = self.door_view.currentIndex()
        if (
            self.views.currentIndex() == 0
            and current.isValid()
            and current.parent().isValid()
            and first.parent() == current.parent()
            and first.row() <= current.row() <= last.row()
        ):
            self._door_chosen(current)

    def _row_data_changed(
        self, first: QtCore.QModelIndex, last: QtCore.QModelIndex, _roles=()
    ) -> None:
        current = self.results_table.currentIndex()
        if (
            self.views.currentIndex() == 1
            and current.isValid()
            and first.row() <= current.row() <= last.row()
        ):
            self._row_chosen(current)

    def _row_chosen(self, current: QtCore.QModelIndex, _previous=None) -> None:
        result = current.data(ResultRole.RESULT) if current.isValid() else None
        if result is None:
            self.details.clear()
        else:
            self.details.show_result(result)

    def selected_results(self) -> list[PortResult]:
        self.flush_views()
        if self.views.currentIndex() == 1:
            rows = sorted({i.row() for i in self.results_table.selectionModel().selectedRows()})
            return [self.results_model.result_at(row) for row in rows]
        results = []
        for index in self.door_view.selectionModel().selectedIndexes():
            result = index.data(DoorRole.RESULT)
            if result is not None:
                results.append(result)
        return results

    def copy_selection(self) -> None:
        results = self.selected_results()
        if results:
            QtWidgets.QApplication.clipboard().setText(results_to_clipboard_text(results))
            self.statusBar().showMessage(f"Copied {len(results):,} results", 3000)

    # Files.

    async def ask_save_path(self, title: str, suggested: str) -> str | None:
        return await dialogs.ask_save_path(self, title, suggested, "CSV (*.csv)")

    async def ask_open_path(self) -> str | None:
        return await dialogs.ask_open_path(self, "Open report", REPORT_FILTERS)

    async def confirm(self, title: str, text: str) -> bool:
        return await dialogs.confirm(self, title, text)

    async def export_csv(self, *, visible_only: bool = False) -> Path | None:
        await self.drain_views()
        results = self.results_model.results(visible_only=visible_only)
        if not results:
            self.statusBar().showMessage("Nothing to export yet", 3000)
            return None
        suggested = str(Path.home() / "portwindow-report.csv")
        title = "Export shown results as CSV" if visible_only else "Export CSV"
        chosen = await self.ask_save_path(title, suggested)
        if not chosen:
            return None
        path = Path(chosen)
        self.statusBar().showMessage(f"Exporting {len(results):,} results to {path}…")
        try:
            # A full scan's report takes about half a second to write: not on this thread.
            count = await asyncio.get_running_loop().run_in_executor(
                None, export_results, results, path, ReportFormat.CSV
            )
        except ExportError as exc:
            dialogs.show_error(self, "Export failed", str(exc))
            return None
        self.statusBar().showMessage(f"Exported {count:,} results to {path}", 5000)
        return path

    async def open_report_dialog(self) -> None:
        chosen = await self.ask_open_path()
        if chosen:
            await self.open_report(Path(chosen))

    async def open_report(self, path: Path) -> bool:
        """Show a CSV or JSON Lines report's results; the file is read and parsed in a
        worker thread (a full scan's report takes about a second)."""
        if self.controller.busy:
            return False
        generation = self._begin_loading(f"Opening {path}…")
        try:
            report = await asyncio.get_running_loop().run_in_executor(None, load_report, path)
        except InputError as exc:
            if self._still_loading(generation):
                self.statusBar().clearMessage()
                dialogs.show_error(self, "Cannot open report", str(exc))
            return False
        if not await self._show_loaded(report.results, generation):
            return False
        times = [r.scanned_at for r in report.results] or [time.time()]
        self.shown = Shown(path.name, path.name, "", min(times), max(times), False)
        self.setWindowTitle(f"{APP_NAME} — {path.name}")
        message = f"Opened {len(report.results):,} results from {path}"
        audited = self._audit(list(report.results))
        if audited:
            message += f"; expected doors: {audited}"
        self.statusBar().showMessage(message)
        return True

    async def _show_loaded(self, results: Sequence[PortResult], generation: int) -> bool:
        """Show results that were saved before (a report file, the history): the doors'
        plan first, then the results, each step in its own turn of the event loop; the
        hidden view gets them when it is shown, as during a scan. False, with nothing
        more shown, as soon as a scan or another load has taken the views over."""
        if not self._still_loading(generation):
            return False
        self._clear_results()
        ports = {
            protocol: {r.port for r in results if r.protocol is protocol} for protocol in Protocol
        }
        await asyncio.sleep(SETUP_PAUSE)
        if not self._still_loading(generation):
            return False
        self.door_model.set_plan_by_protocol(ports)
        self._door_sink.hold(results)
        self._table_sink.hold(results)
        await asyncio.sleep(SETUP_PAUSE)
        if not self._still_loading(generation):
            return False
        self._show_counts(Counter(result.state for result in results))
        shown = self._door_sink if self.views.currentIndex() == 0 else self._table_sink
        await shown.drain(SETUP_PAUSE)
        return self._still_loading(generation)

    async def export_report(self) -> Path | None:
        """File → Export report: a printable PDF, or HTML when the name ends in .html."""
        await self.drain_views()
        results = self.results_model.results()
        if not results:
            self.statusBar().showMessage("Nothing to export yet", 3000)
            return None
        chosen = await self.ask_report_path()
        if not chosen:
            return None
        path = Path(chosen)
        shown = self.shown or Shown(APP_NAME, "", "", time.time(), time.time(), False)
        data = ReportData(
            title=f"{APP_NAME}: {shown.title}",
            targets=shown.targets,
            ports=shown.ports,
            started_at=shown.started_at,
            finished_at=shown.finished_at,
            partial=shown.partial,
            results=results,
            audit=self.last_audit,
        )
        try:
            if path.suffix.lower() in (".html", ".htm"):
                write_html_report(data, path)
            else:
                write_pdf_report(data, path)
        except OSError as exc:
            dialogs.show_error(self, "Export failed", f"{path}: {exc}")
            return None
        self.statusBar().showMessage(f"Exported the report to {path}", 5000)
        return path

    async def ask_report_path(self) -> str | None:
        suggested = str(Path.home() / "portwindow-report.pdf")
        return await dialogs.ask_save_path(
            self, "Export report", suggested, PRINTABLE_FILTERS, default_suffix="pdf"
        )

    async def edit_settings(self) -> None:
        dialog = SettingsDialog(ScanSettings.load(self.settings), self)
        if await dialogs.await_dialog(dialog) == QtWidgets.QDialog.DialogCode.Accepted:
            dialog.values().save(self.settings)
        dialog.deleteLater()

    def _about(self) -> None:
        QtWidgets.QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME} {__version__}</b><br>A port scanner: every port a door.<br>"
            "Service names from IANA's registry (CC0).",
        )

    # Closing.

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed_up:
            self._warmed_up = True
            self._warm_up_timer.start(0)  # once shown and painted, while the user types

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self.controller.busy and not self.controller.stop_and_wait():
            log.warning("the scan did not stop in time; closing anyway")
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            self.save_settings()
        if self._owns_history and self._history is not None:
            self._history.close()
            self._history = None
            self._history_failed = True  # closed for good
        super().closeEvent(event)


def audit_text(result: Audit) -> str:
    """``2 unexpected, 1 missing`` (and the other findings when there are any)."""
    parts = [f"{len(result.unexpected)} unexpected", f"{len(result.missing)} missing"]
    for finding in (Finding.UNCONFIRMED, Finding.NOT_CHECKED):
        if count := len(result.of(finding)):
            parts.append(f"{count} {finding.value}")
    return ", ".join(parts)


def _progress_counts(progress: Progress) -> dict[PortState, int]:
    return {
        PortState.OPEN: progress.open,
        PortState.CLOSED: progress.closed,
        PortState.FILTERED: progress.filtered,
        PortState.OPEN_FILTERED: progress.open_filtered,
    }
