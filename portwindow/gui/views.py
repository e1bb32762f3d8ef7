"""The window's two views of its results, the doors and the table, and the bar above them
(which view, a filter by state, a search, the zoom), with the details of the chosen door
beside them.

What the window shows is one :class:`~portwindow.engine.ResultSet` (:attr:`ResultViews.results`:
a scan session's, or a reopened report's). Both models are views over it: the door model
announces each batch at once, the table catches up when it is on screen (``result_feed.py``).
Showing saved results goes by tickets (:meth:`ResultViews.begin_loading`): a scan started,
or another file opened, while one is still being read makes its ticket stale.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine

from portwindow.engine import Delta, PortResult, PortState, ResultSet

from .details import DetailsPanel
from .doors.filter import FINDINGS
from .doors.model import DoorModel, DoorRole
from .doors.view import DoorView
from .headings import heading
from .hosts.behind import BehindBox
from .hosts.panel import HostList
from .i18n import translate
from .printable_report import ReportData
from .qt import QtCore, QtWidgets
from .result_feed import Feed
from .results_model import Column, ResultRole, ResultsModel

STATE_FILTERS: tuple[tuple[str, frozenset | str | None], ...] = (
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
    ("Findings (unexpected, missing)", FINDINGS),
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
# Between steps that change the views: a real pause, not sleep(0), so Qt runs the timers
# and paints that fell due (sleep(0) resumes the coroutine before them).
SETUP_PAUSE = 0.001
DOORS, TABLE = 0, 1


def shown(
    title: str, targets: str, ports: str, started_at: float, finished_at: float, partial: bool
) -> ReportData:
    """What the views show, and where it came from: the header of a printable report of
    it, its results to be added when one is made (``file_actions.py``)."""
    return ReportData(title, targets, ports, started_at, finished_at, partial, results=())


class ResultViews(QtCore.QObject):
    """The doors and the table over one result set; ``busy`` says whether a scan is
    running or being set up (saved results then wait), ``spawn`` runs a coroutine as the
    window's task."""

    def __init__(
        self,
        parent: QtWidgets.QWidget,
        busy: Callable[[], bool],
        spawn: Callable[[Coroutine], asyncio.Task],
    ) -> None:
        super().__init__(parent)
        self._busy = busy
        self._spawn = spawn
        self.results = ResultSet(keep_order=True)
        self.shown: ReportData | None = None
        self._ticket = 0  # what the views show; see begin_loading
        self.door_model = DoorModel(parent, results=self.results)
        self.door_view = DoorView(parent)
        self.door_view.setObjectName("doorView")
        self.door_view.setModel(self.door_model)
        self.door_view.setAccessibleName(translate("ResultViews", "Doors"))
        self.results_model = ResultsModel(parent, self.results)
        self.results_table = self._table(parent)
        self.details = DetailsPanel(parent)
        self.details.setObjectName("detailsPanel")
        self.behind = BehindBox(self.details)  # under the door's details: who listens
        self.details.layout().addWidget(self.behind)
        # The table's Process, PID and Listens on: the same snapshot, asked for when shown.
        self.results_model.set_behind_source(
            lambda: self.behind.behind_for(self.results_model.results_set)
        )
        self.table_feed = Feed(self.results_model)
        self.stack = QtWidgets.QStackedWidget(parent)
        self.stack.addWidget(self.door_view)
        self.stack.addWidget(self.results_table)
        self.splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, parent)
        self.splitter.setObjectName("mainSplitter")
        # The host list above the doors: choosing a host shows its doors.
        self.host_list = HostList(self.door_model, parent)
        self.doors_splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical, parent)
        self.doors_splitter.setObjectName("hostsSplitter")
        self.doors_splitter.addWidget(self.host_list)
        self.doors_splitter.addWidget(self.stack)
        self.doors_splitter.setSizes([160, 560])
        self.splitter.addWidget(self.doors_splitter)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([780, 300])
        self.bar = self._view_bar(parent)
        self._connect()

    # Building.

    def _table(self, parent: QtWidgets.QWidget) -> QtWidgets.QTableView:
        table = QtWidgets.QTableView(parent)
        table.setObjectName("resultsTable")
        table.setAccessibleName(translate("ResultViews", "Results table"))
        table.setModel(self.results_model)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(22)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        # Fixed widths: resizing to contents would measure every one of 65,535 rows.
        for column, width in TABLE_WIDTHS.items():
            header.resizeSection(column, width)
        table.sortByColumn(-1, QtCore.Qt.SortOrder.AscendingOrder)
        return table

    def _view_bar(self, parent: QtWidgets.QWidget) -> QtWidgets.QWidget:
        bar_widget = QtWidgets.QWidget(parent)
        bar = QtWidgets.QHBoxLayout(bar_widget)
        bar.setContentsMargins(6, 0, 6, 0)
        self.view_switch = QtWidgets.QTabBar(bar_widget)
        self.view_switch.setObjectName("viewSwitch")
        self.view_switch.addTab(translate("ResultViews", "Doors"))
        self.view_switch.addTab(translate("ResultViews", "Table"))
        self.view_switch.setAccessibleName(translate("ResultViews", "Doors or table"))
        self.state_filter = QtWidgets.QComboBox(bar_widget)
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.setAccessibleName(translate("ResultViews", "Show doors by state"))
        for label, states in STATE_FILTERS:
            self.state_filter.addItem(heading(label), states)
        self.search_edit = QtWidgets.QLineEdit(bar_widget)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(translate("ResultViews", "Search port or service…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(translate("ResultViews", "Search by port or service"))
        self.zoom = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, bar_widget)
        self.zoom.setObjectName("zoomSlider")
        self.zoom.setRange(24, 96)
        self.zoom.setSingleStep(4)
        self.zoom.setPageStep(8)
        self.zoom.setFixedWidth(120)
        self.zoom.setAccessibleName(translate("ResultViews", "Door size"))
        show_label = QtWidgets.QLabel(translate("ResultViews", "S&how:"), bar_widget)
        show_label.setBuddy(self.state_filter)
        zoom_label = QtWidgets.QLabel(translate("ResultViews", "&Zoom:"), bar_widget)
        zoom_label.setBuddy(self.zoom)
        bar.addWidget(self.view_switch)
        bar.addStretch(1)
        bar.addWidget(show_label)
        bar.addWidget(self.state_filter)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(zoom_label)
        bar.addWidget(self.zoom)
        return bar_widget

    def _connect(self) -> None:
        self.view_switch.currentChanged.connect(self._view_changed)
        self.state_filter.currentIndexChanged.connect(self._apply_filters)
        self.search_edit.textChanged.connect(self._apply_filters)
        self.zoom.valueChanged.connect(self.door_view.set_door_size)
        self.door_view.doorSizeChanged.connect(self.zoom.setValue)
        self.door_view.selectionModel().currentChanged.connect(self._door_chosen)
        self.results_table.selectionModel().currentChanged.connect(self._row_chosen)
        # A later batch may tell more about the chosen door (its banner): show it.
        self.door_model.dataChanged.connect(self._door_data_changed)
        self.door_model.doorsChanged.connect(self._doors_changed)
        self.door_model.modelReset.connect(self.behind.forget)
        self.behind.changed.connect(self.results_model.behind_changed)
        self.results_model.dataChanged.connect(self._row_data_changed)
        self.host_list.host_chosen.connect(self.show_host)

    # The results.

    def show_results(self, results: ResultSet) -> None:
        """Show ``results``: both views become views over it."""
        self.results = results
        self.door_model.set_results(results)
        self.results_model.set_results(results)

    def clear(self) -> None:
        self.show_results(self.results.cleared())
        self.details.clear()

    def update(self, delta: Delta) -> None:
        """The result set changed (a batch of the scan): tell the views."""
        self.door_model.update(delta)
        self.table_feed.update(delta)

    def flush(self) -> None:
        """Bring the table up to date (while hidden it does not read the results)."""
        self.table_feed.flush()

    async def drain(self) -> None:
        """flush in slices, the window painting between them (a full scan's 65,535
        results take the table about 0.1 s)."""
        await self.table_feed.drain(SETUP_PAUSE)

    def begin_loading(self) -> int:
        """Start showing something saved (or a new scan); returns its ticket. Whatever
        began earlier is not shown any more (see still_loading)."""
        self._ticket += 1
        return self._ticket

    def still_loading(self, ticket: int) -> bool:
        return ticket == self._ticket and not self._busy()

    def busy(self) -> bool:
        """Whether a scan runs or is being set up: nothing saved may be shown then."""
        return self._busy()

    async def show_loaded(self, results: ResultSet, ticket: int) -> bool:
        """Show results that were saved before (a report file, the history): both views
        over them at once (a model reset each), the table taking them in slices when it
        is shown, as during a scan. False, with nothing more shown, as soon as a scan or
        another load has taken the views over."""
        if not self.still_loading(ticket):
            return False
        self.clear()
        await asyncio.sleep(SETUP_PAUSE)
        if not self.still_loading(ticket):
            return False
        self.show_results(results)
        if self.table_feed.active:
            await self.drain()
        return self.still_loading(ticket)

    def selected_results(self) -> list[PortResult]:
        self.flush()
        if self.stack.currentIndex() == TABLE:
            selected = self.results_table.selectionModel().selectedRows()
            return [
                self.results_model.result_at(row) for row in sorted({i.row() for i in selected})
            ]
        results = []
        for index in self.door_view.selectionModel().selectedIndexes():
            result = index.data(DoorRole.RESULT)
            if result is not None:
                results.append(result)
        return results

    # Which view, and what it shows.

    def show_view(self, index: int) -> None:
        """Show the doors (0) or the table (1), its model complete at once."""
        self.view_switch.setCurrentIndex(index)
        self._view_changed(index)
        self.flush()

    def table_shown(self) -> bool:
        return self.stack.currentIndex() == TABLE

    def _view_changed(self, index: int) -> None:
        table = self.table_feed
        table.active = index == TABLE  # its backlog arrives in slices; batches queue behind
        self.stack.setCurrentIndex(index)
        if table.active and table.pending:
            self._spawn(table.drain(SETUP_PAUSE))

    def _apply_filters(self) -> None:
        states = self.state_filter.currentData()
        findings = states == FINDINGS
        text = self.search_edit.text()
        self.door_view.set_state_filter({FINDINGS} if findings else states)
        self.door_view.set_search(text)
        states = None if findings else states
        result_states = None if states is None else {s for s in states if s is not None}
        self.results_model.set_findings_only(findings)
        self.results_model.set_filter(result_states, text)

    def focus_search(self) -> None:
        self.search_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def show_host(self, address: str) -> None:
        """Show a host's doors: its first door in the table, or its doors opened and
        at the top of the door view."""
        if self.table_shown():
            self.flush()
            host_row = self.results.host_row(address)
            for result in self.results.host_results(host_row) if host_row >= 0 else ():
                row = self.results_model.row_for(address, result.protocol, result.port)
                if row >= 0:
                    self.results_table.scrollTo(
                        self.results_model.index(row, 0),
                        QtWidgets.QAbstractItemView.ScrollHint.PositionAtTop,
                    )
                    return
            return
        index = self.door_model.host_index(address)
        if index.isValid():
            self.door_view.set_collapsed(index.row(), False)
            self.door_view.scrollTo(index, QtWidgets.QAbstractItemView.ScrollHint.PositionAtTop)

    # The details of the chosen door.

    def _door_chosen(self, current: QtCore.QModelIndex, _previous=None) -> None:
        if not current.isValid() or not current.parent().isValid():
            self.details.clear()
            self.behind.show_result(None)
            return
        planned = (
            current.data(DoorRole.HOST),
            current.data(DoorRole.ADDRESS),
            current.data(DoorRole.PROTOCOL),
            current.data(DoorRole.PORT),
        )
        finding = current.data(DoorRole.FINDING_TEXT) or ""
        self.details.show_result(current.data(DoorRole.RESULT), planned=planned, finding=finding)
        self.behind.show_result(current.data(DoorRole.RESULT), self.results)

    def _door_data_changed(
        self, first: QtCore.QModelIndex, last: QtCore.QModelIndex, _roles=()
    ) -> None:
        current = self.door_view.currentIndex()
        if (
            self.stack.currentIndex() == DOORS
            and current.isValid()
            and current.parent().isValid()
            and first.parent() == current.parent()
            and first.row() <= current.row() <= last.row()
        ):
            self._door_chosen(current)

    def _doors_changed(self, spans: tuple[tuple[int, int, int], ...]) -> None:
        """A batch changed doors (see DoorModel.doorsChanged): the chosen one too?"""
        current = self.door_view.currentIndex()
        if self.stack.currentIndex() != DOORS or not current.parent().isValid():
            return
        host_row, row = current.parent().row(), current.row()
        if any(h == host_row and first <= row <= last for h, first, last in spans):
            self._door_chosen(current)

    def _row_data_changed(
        self, first: QtCore.QModelIndex, last: QtCore.QModelIndex, _roles=()
    ) -> None:
        current = self.results_table.currentIndex()
        if self.table_shown() and current.isValid() and first.row() <= current.row() <= last.row():
            self._row_chosen(current)

    def _row_chosen(self, current: QtCore.QModelIndex, _previous=None) -> None:
        result = current.data(ResultRole.RESULT) if current.isValid() else None
        if result is None:
            self.details.clear()
        else:
            finding = self.results_model.finding_text(result)
            self.details.show_result(result, finding=finding)
        self.behind.show_result(result, self.results)
