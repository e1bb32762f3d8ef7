"""The Watches dock: every watch with its last run, status, next run and what changed;
Run now; Compare (the compare view of the last run against the one before). A timer
ticks the engine's scheduler each :data:`TICK_MS` and runs the watches that are due, each
in a worker thread (a normal scan saved in the history, ``engine/watch/runner.py``);
a run that raised alerts says so in a tray notification (a freedesktop notification on
Linux, the platform's own elsewhere, through Qt), and clicking it opens the compare view.

The window makes it with :func:`install_watches` (one line in ``mainwindow.py``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from portwindow.engine import (
    History,
    Scheduler,
    Watch,
    WatchRun,
    WatchRunner,
    WatchState,
    WatchStore,
    log_to_file,
)

from .headings import heading
from .history_panel import when_text
from .i18n import translate
from .qt import QtCore, QtGui, QtWidgets, Signal

if TYPE_CHECKING:
    from .mainwindow import MainWindow

TICK_MS = 30_000
_HEADERS = ("Watch", "Last run", "Status", "Next run", "What changed")


class WatchesPanel(QtWidgets.QWidget):
    run_requested = Signal(str)
    compare_requested = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QtWidgets.QTableWidget(0, len(_HEADERS), self)
        self.table.setObjectName("watchesTable")
        self.table.setHorizontalHeaderLabels([heading(h) for h in _HEADERS])
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(translate("WatchesPanel", "Watches"))
        self.message = QtWidgets.QLabel(self)
        self.message.setWordWrap(True)
        self.run_button = QtWidgets.QPushButton(translate("WatchesPanel", "Run now"), self)
        self.compare_button = QtWidgets.QPushButton(translate("WatchesPanel", "Compare"), self)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.run_button.clicked.connect(lambda: self._ask(self.run_requested))
        self.compare_button.clicked.connect(lambda: self._ask(self.compare_requested))
        self.table.cellDoubleClicked.connect(lambda *_: self._ask(self.compare_requested))
        self.table.itemSelectionChanged.connect(self._say_selected)

    def _say_selected(self) -> None:
        """The chosen watch's last change in full (the column cuts it short)."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.message.setText(self.table.item(rows[0].row(), len(_HEADERS) - 1).text())

    def _ask(self, signal) -> None:
        name = self.selected()
        if name is not None:
            signal.emit(name)

    def selected(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).text()

    def select(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == name:
                self.table.selectRow(row)

    def show_rows(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        chosen = self.selected()
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                item = QtWidgets.QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if chosen is not None:
            self.select(chosen)
        if not rows:
            self.message.setText(
                translate(
                    "WatchesPanel", "No watches yet: portwindow watch add NAME TARGET --every 15"
                )
            )
        else:
            self.message.setText("")


class Notifier(QtCore.QObject):
    """Desktop notifications through the system tray icon; ``clicked`` when the person
    clicks the last one. ``show`` is the call that shows one (tests replace it)."""

    clicked = Signal()

    def __init__(self, icon: QtGui.QIcon, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.tray = QtWidgets.QSystemTrayIcon(icon, parent)
        self.tray.setToolTip(translate("Notifier", "portwindow watches"))
        self.tray.messageClicked.connect(self.clicked.emit)
        self.show: Callable[..., None] = self.tray.showMessage

    def notify(self, title: str, text: str) -> None:
        if QtWidgets.QSystemTrayIcon.isSystemTrayAvailable() and not self.tray.isVisible():
            self.tray.show()
        self.show(title, text, QtWidgets.QSystemTrayIcon.MessageIcon.Warning, 15_000)


class WatchesController(QtCore.QObject):
    """The watches behind the panel: listing, the timer, runs in worker threads."""

    finished = Signal(object)  # WatchRun

    def __init__(
        self,
        window: MainWindow,
        panel: WatchesPanel,
        notifier: Notifier,
        *,
        store: WatchStore | None = None,
        state: WatchState | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(window)
        self._window, self.panel, self.notifier = window, panel, notifier
        self.store = store or WatchStore()
        self.state = state or WatchState()
        self.running: set[str] = set()
        self.last_alerted: tuple[int, int] | None = None  # (older, newer) scan ids
        self.scheduler = Scheduler(self._watches, self.state, self._start, clock=clock)
        self.timer = QtCore.QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        panel.run_requested.connect(self.run_named)
        panel.compare_requested.connect(self.compare_named)
        notifier.clicked.connect(self.compare_alerted)

    def _watches(self) -> list[Watch]:
        try:
            return list(self.store.load().values())
        except Exception as exc:
            self.panel.message.setText(str(exc))
            return []

    def refresh(self) -> None:
        rows = []
        for due in sorted(self.scheduler.plan(), key=lambda d: d.watch.name):
            name = due.watch.name
            last = self.state.last(name)
            status = "running" if name in self.running else last.status if last else "never run"
            rows.append(
                (
                    name,
                    when_text(due.last_run) if due.last_run else "-",
                    status,
                    when_text(due.next_run),
                    last.sentence if last else "",
                )
            )
        self.panel.show_rows(rows)

    def tick(self) -> None:
        self.scheduler.tick()
        self.refresh()

    def _start(self, watch: Watch) -> None:
        if watch.name not in self.running:
            self._window.spawn(self.run(watch))

    def run_named(self, name: str) -> None:
        watch = self._watches_by_name().get(name)
        if watch is not None:
            self._start(watch)

    def _watches_by_name(self) -> dict[str, Watch]:
        return {watch.name: watch for watch in self._watches()}

    async def run(self, watch: Watch) -> WatchRun | None:
        """Run one watch in a worker thread on a history connection of its own."""
        history = self._window.history_controller.history
        if history is None:
            return None
        path, state = history.path, self.state
        self.running.add(watch.name)
        self.refresh()

        def work() -> WatchRun:
            with History(path) as connection:
                log = log_to_file(state.path.parent / "watch.log")
                return WatchRunner(connection, state, log=log).run(watch)

        try:
            done = await asyncio.get_running_loop().run_in_executor(None, work)
        except Exception as exc:
            self.panel.message.setText(
                translate("Watches", "Watch %1 did not run: %2")
                .replace("%1", watch.name)
                .replace("%2", str(exc))
            )
            return None
        finally:
            self.running.discard(watch.name)
        self.refresh()
        self._window.history_controller.refresh()
        if done.alerts:
            if done.previous_id is not None:
                self.last_alerted = (done.previous_id, done.scan_id)
            self.notifier.notify(f"portwindow: watch {done.watch}", done.sentence())
        self.finished.emit(done)
        return done

    def compare_named(self, name: str) -> None:
        last = self.state.last(name)
        if last is None or last.previous_id is None or last.scan_id is None:
            self.panel.message.setText(
                translate("Watches", "Watch %1 has not run twice yet: nothing to compare.").replace(
                    "%1", name
                )
            )
            return
        self._compare(last.previous_id, last.scan_id)

    def compare_alerted(self) -> None:
        if self.last_alerted is not None:
            self._compare(*self.last_alerted)

    def _compare(self, older: int, newer: int) -> None:
        self._window.spawn(self._window.history_controller.compare_scans(older, newer))


def install_watches(window: MainWindow) -> WatchesController:
    """The Watches dock, tabbed with the history's, its controller and its timer."""
    panel = WatchesPanel(window)
    panel.setObjectName("watchesPanel")
    dock = QtWidgets.QDockWidget(translate("watches", "Watches"), window)
    dock.setObjectName("watchesDock")
    dock.setWidget(panel)
    window.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.tabifyDockWidget(window.history_dock, dock)
    window.history_dock.raise_()
    controller = WatchesController(window, panel, Notifier(window.windowIcon(), window))
    controller.dock = dock
    controller.refresh()
    controller.timer.start()
    return controller
