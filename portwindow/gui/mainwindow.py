"""The main window: the scan form on top, the doors (or the table) in the middle, the
details of the chosen door at the side, the history in a dock, progress and counts in
the status bar.

It lays the parts out and wires them together; each part does one job:

- ``views.py``: the doors and the table over the one result set shown, and the details;
- ``scanning.py``: Scan, from the form to a saved, audited ``ScanSession``, run by
  ``scan_controller.py`` on the engine's worker thread;
- ``history_controller.py``: the history panel, reopening and comparing saved scans, and
  the expected doors;
- ``file_actions.py``: exports, the printable report, Open report and Copy;
- ``watches.py``: the Watches dock, scheduled scans and their notifications;
- ``actions.py``: the commands, menus and toolbar; ``status.py``: the status bar;
- ``find_actions.py``: the findings summary, the jumps between open doors and findings.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine

from portwindow.engine import History, ScanState, default_registry, loops

from .. import APP_NAME, __version__
from . import dialogs
from . import settings as opt
from .actions import WindowActions
from .file_actions import FileActions
from .find_actions import FindFeatures
from .history_controller import HistoryController
from .history_panel import HistoryPanel
from .hosts.openers import Openers
from .i18n import translate
from .qt import QtCore, QtGui, QtWidgets
from .resources import resource_path
from .scan_controller import ScanController
from .scan_form import ScanForm
from .scanning import Scanning
from .screen_fit import fit_to_screen
from .settings import Settings
from .settings_dialog import ScanSettings, SettingsDialog
from .status import ScanStatus
from .views import TABLE, ResultViews
from .watches import install_watches

log = logging.getLogger(__name__)
WARM_UP_DELAY_MS = 50


class MainWindow(QtWidgets.QMainWindow):
    def __init__(
        self, settings: Settings | None = None, parent=None, history: History | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        icon_path = resource_path("icons/portwindow.svg")
        if icon_path.exists():
            self.setWindowIcon(QtGui.QIcon(str(icon_path)))
        self._tasks: set[asyncio.Task] = set()

        self.form = ScanForm(self)
        self.controller = ScanController(self)
        self.views = ResultViews(self, busy=lambda: self.scans.busy, spawn=self.spawn)
        central = QtWidgets.QWidget(self)
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.form)
        layout.addWidget(self.views.bar)
        layout.addWidget(self.views.splitter, 1)
        self.setCentralWidget(central)
        self.history_panel = HistoryPanel(self)
        self.history_panel.setObjectName("historyPanel")
        self.history_dock = QtWidgets.QDockWidget(translate("MainWindow", "History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history_panel)
        self.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, self.history_dock)
        self.status = ScanStatus(self)

        # The window's parts, each on the ones made before it.
        self.history_controller = HistoryController(self, history)
        self.files = FileActions(self)
        self.scans = Scanning(self)
        self.window_actions = WindowActions(self)
        self.openers = Openers(self)
        self.find = FindFeatures(self)  # the findings summary, the N and F jumps
        self.watches = install_watches(self)
        self._connect()
        self._restore_settings()
        self._state_changed(ScanState.IDLE)
        self._warmed_up = False
        self._warm_up_timer = QtCore.QTimer(self)
        self._warm_up_timer.setSingleShot(True)
        self._warm_up_timer.timeout.connect(self._warm_up)

    def _connect(self) -> None:
        spawn, history, scans = self.spawn, self.history_controller, self.scans
        self.form.scan_requested.connect(lambda data: spawn(scans.start(data)))
        self.form.stop_requested.connect(self.controller.stop)
        self.form.pause_toggled.connect(self.controller.set_paused)
        self.controller.state_changed.connect(self._state_changed)
        self.controller.paused_changed.connect(self._paused_changed)
        self.controller.scan_failed.connect(
            lambda text: dialogs.show_error(self, translate("MainWindow", "Scan"), text)
        )
        self.history_dock.visibilityChanged.connect(history.panel_shown)
        panel = self.history_panel
        panel.open_requested.connect(lambda scan_id: spawn(history.open_scan(scan_id)))
        panel.delete_requested.connect(lambda ids: spawn(history.delete_scans(ids)))
        panel.compare_requested.connect(
            lambda older, newer: spawn(history.compare_scans(older, newer))
        )
        panel.compare_previous_requested.connect(lambda: spawn(self.compare_with_previous()))
        panel.search_changed.connect(lambda _text: history.refresh())

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.get(opt.WINDOW_GEOMETRY)
        if not geometry or not self.restoreGeometry(QtCore.QByteArray(geometry)):
            self.resize(1100, 720)
        fit_to_screen(self)
        state = s.get(opt.WINDOW_STATE)
        if state:
            self.restoreState(QtCore.QByteArray(state))
        self.form.set_recent(s.get(opt.RECENT_TARGETS), s.get(opt.RECENT_PORTS))
        self.form.set_targets(s.get(opt.LAST_TARGETS))
        self.form.set_ports(s.get(opt.LAST_PORTS))
        self.form.set_protocol_choice(s.get(opt.PROTOCOL))
        self.views.zoom.setValue(s.get(opt.DOOR_SIZE))
        self.views.door_view.set_door_size(self.views.zoom.value())
        self.views.show_view(TABLE if s.get(opt.SHOW_TABLE) else 0)

    def save_settings(self) -> None:
        s = self.settings
        s.set(opt.WINDOW_GEOMETRY, bytes(self.saveGeometry().data()))
        s.set(opt.WINDOW_STATE, bytes(self.saveState().data()))
        s.set(opt.LAST_TARGETS, self.form.targets.edit.text())
        s.set(opt.LAST_PORTS, self.form.ports.edit.text())
        s.set(opt.PROTOCOL, self.form.protocol_choice())
        s.set(opt.DOOR_SIZE, self.views.zoom.value())
        s.set(opt.SHOW_TABLE, self.views.table_shown())
        s.sync()

    # The window's coroutines.

    def spawn(self, coro: Coroutine) -> asyncio.Task:
        """Run ``coro`` as one of the window's tasks: an error in it is shown, and the
        window cancels what still runs when it closes."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
            dialogs.show_error(
                self, translate("MainWindow", "Unexpected error"), f"{type(exc).__name__}: {exc}"
            )

    async def compare_with_previous(self):
        """Compare the two newest scans of the targets shown (or typed)."""
        data = self.form.current_input
        return await self.history_controller.compare_with_previous(
            data.targets_text if data else ""
        )

    async def edit_settings(self) -> None:
        dialog = SettingsDialog(ScanSettings.load(self.settings), self)
        if await dialogs.await_dialog(dialog) == QtWidgets.QDialog.DialogCode.Accepted:
            dialog.values().save(self.settings)
        dialog.deleteLater()

    def about(self) -> None:
        QtWidgets.QMessageBox.about(
            self,
            translate("MainWindow", "About %1").replace("%1", APP_NAME),
            f"<b>{APP_NAME} {__version__}</b><br>"
            + translate("MainWindow", "A port scanner: every port a door.")
            + "<br>"
            + translate("MainWindow", "Service names from IANA's registry (CC0)."),
        )

    # The scan's state.

    def _state_changed(self, state: ScanState) -> None:
        busy = self.controller.busy
        stopping = state is ScanState.STOPPING
        actions = self.window_actions
        self.form.set_busy(busy, stopping=stopping)
        actions.scan.setEnabled(not busy)
        actions.stop.setEnabled(busy and not stopping)
        actions.pause.setEnabled(state is ScanState.SCANNING)
        actions.open_report.setEnabled(not busy)
        actions.settings.setEnabled(not busy)
        self.history_panel.open_button.setEnabled(
            not busy and len(self.history_panel.selected_ids()) == 1
        )
        if stopping:
            self.status.say(translate("MainWindow", "Stopping…"))

    def _paused_changed(self, paused: bool) -> None:
        self.form.set_paused(paused)
        pause = self.window_actions.pause
        pause.blockSignals(True)
        pause.setChecked(paused)
        pause.blockSignals(False)
        if paused:
            self.status.say(translate("MainWindow", "Paused"))

    # Showing and closing.

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if not self._warmed_up:
            self._warmed_up = True
            # Once mapped and painted (the first passes of the loop), while the user types.
            self._warm_up_timer.start(WARM_UP_DELAY_MS)

    def _warm_up(self) -> None:
        """Once shown: what the first scan needs, loaded while the person types (uvloop,
        so the engine's thread does not import it; IANA's names; the first door paint)."""
        loops.preload()
        default_registry()
        self.views.door_view.warm_up()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self.controller.busy and not self.controller.stop_and_wait():
            log.warning("the scan did not stop in time; closing anyway")
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            self.save_settings()
        self.history_controller.close()
        super().closeEvent(event)
