"""Finding what matters in the results shown: the findings summary above the views, the
jumps between open doors (N, Shift+N, also in the toolbar) and between findings (F,
Shift+F), Show → Findings, and "Expect what is open now", which makes the results shown
the expected doors in one click.

The main window makes one :class:`FindFeatures` once its actions exist; it adds its
panel to the window's layout and its actions to the View menu, the Edit menu and the
toolbar (``actions.py`` holds the window's other commands).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from portwindow.engine import (
    DOOR_STATE,
    Column,
    HostError,
    PortState,
    ScanState,
    door_texts,
    format_doors,
    printable,
)

from .details import DetailField
from .doors.filter import FINDINGS
from .doors.marks import attach_marks
from .findings_panel import FindingsPanel
from .frozen_column import FrozenColumn
from .history_controller import HISTORY_ERRORS
from .i18n import QT_TRANSLATE_NOOP, translate
from .navigate import Jumps
from .qt import QtCore, QtGui, QtWidgets
from .search_status import SearchStatus

if TYPE_CHECKING:
    from .mainwindow import MainWindow

_Key = QtGui.QKeySequence
_OPEN_BYTES = bytes(1 if state is PortState.OPEN else 0 for state in DOOR_STATE)


#: The table's columns the user reads first, in this order, then the rest; and widths.
TABLE_ORDER = (
    Column.PORT, Column.PROTOCOL, Column.STATE, Column.FINDING, Column.SERVICE,
    Column.DETECTED_SERVICE, Column.DETECTED_PRODUCT, Column.BANNER, Column.HOST,
    Column.ADDRESS, Column.REASON, Column.RTT_MS, Column.PROCESS, Column.PID,
    Column.LISTEN_ADDRESS,
)  # fmt: skip
TABLE_WIDTHS = {
    Column.FINDING: 90,
    Column.DETECTED_SERVICE: 90,
    Column.DETECTED_PRODUCT: 140,
    Column.BANNER: 300,
    Column.SERVICE: 110,
}


def arrange_table(table: QtWidgets.QTableView) -> None:
    """What matters first: the door, its state and finding, who answers there."""
    header = table.horizontalHeader()
    for visual, column in enumerate(TABLE_ORDER):
        header.moveSection(header.visualIndex(column), visual)
    for column, width in TABLE_WIDTHS.items():
        header.resizeSection(column, width)


class FindFeatures(QtCore.QObject):
    """The findings summary, the jumps and the actions of ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        views = window.views
        self.panel = FindingsPanel(window)
        layout = window.centralWidget().layout()
        layout.insertWidget(layout.indexOf(views.splitter), self.panel)
        self.jumps = Jumps(views)
        self.search_status = SearchStatus(views)
        views.search_edit.setPlaceholderText(
            translate("FindFeatures", "Search: 22, 8000-9000, 53/udp, ssh…")
        )
        views.search_edit.setToolTip(
            translate(
                "FindFeatures",
                "Port numbers exactly (3306 is not 33060), ranges (8000-9000), a protocol "
                "(53/udp), or a service by IANA's name or by what its banner says (ssh); "
                "separate several with commas",
            )
        )
        self.marks = attach_marks(views.door_view, self.jumps)
        spawn = window.spawn
        table = {
            "next_open_action": (
                QT_TRANSLATE_NOOP("FindFeatures", "&Next open door"),
                "nextOpenDoorAction",
                "N",
                lambda: self.jump_open(1),
                QT_TRANSLATE_NOOP("FindFeatures", "Go to the next open door (N)"),
            ),
            "previous_open_action": (
                QT_TRANSLATE_NOOP("FindFeatures", "Pre&vious open door"),
                "previousOpenDoorAction",
                "Shift+N",
                lambda: self.jump_open(-1),
                QT_TRANSLATE_NOOP("FindFeatures", "Go to the previous open door (Shift+N)"),
            ),
            "next_finding_action": (
                QT_TRANSLATE_NOOP("FindFeatures", "Next &finding"),
                "nextFindingAction",
                "F",
                lambda: self.jump_finding(1),
                QT_TRANSLATE_NOOP("FindFeatures", "Go to the next unexpected or missing door (F)"),
            ),
            "previous_finding_action": (
                QT_TRANSLATE_NOOP("FindFeatures", "Previous fi&nding"),
                "previousFindingAction",
                "Shift+F",
                lambda: self.jump_finding(-1),
                QT_TRANSLATE_NOOP(
                    "FindFeatures", "Go to the previous unexpected or missing door (Shift+F)"
                ),
            ),
            "show_findings_action": (
                QT_TRANSLATE_NOOP("FindFeatures", "Show fin&dings"),
                "showFindingsAction",
                "Ctrl+Shift+F",
                self.show_findings,
                QT_TRANSLATE_NOOP(
                    "FindFeatures", "Show only the doors the expected-doors audit marked"
                ),
            ),
            "expect_open_now_action": (
                QT_TRANSLATE_NOOP("FindFeatures", "E&xpect what is open now"),
                "expectOpenNowAction",
                None,
                lambda: spawn(self.expect_open_now()),
                QT_TRANSLATE_NOOP(
                    "FindFeatures", "Make the doors open now the expected doors of each host shown"
                ),
            ),
        }
        for attribute, (text, name, key, slot, tip) in table.items():
            action = QtGui.QAction(translate("FindFeatures", text), window)
            said = translate("FindFeatures", tip)
            action.setObjectName(name)
            if key:
                action.setShortcut(_Key(key))
            action.setToolTip(said)
            action.setStatusTip(said)
            action.triggered.connect(slot)
            window.addAction(action)
            setattr(self, attribute, action)
        self._add_to_menus()
        arrange_table(views.results_table)
        self.frozen = FrozenColumn(views.results_table, Column.PORT)
        window.controller.state_changed.connect(self._state_changed)
        window.history_controller.audited.connect(self._audited)
        views.search_edit.textChanged.connect(self._follow_filter)
        views.state_filter.currentIndexChanged.connect(self._follow_filter)
        views.results_model.modelReset.connect(self._one_name_each)

    def _audited(self) -> None:
        audit = self._window.history_controller.last_audit
        self._window.views.results_model.set_findings(audit.items if audit else ())
        self._one_name_each()

    def _follow_filter(self, *_args: object) -> None:
        """The details panel shows no door that the filter hides."""
        views = self._window.views
        if views.table_shown():
            hidden = not views.results_table.currentIndex().isValid()
        else:
            current = views.door_view.currentIndex()
            hidden = not current.isValid() or views.door_view.isIndexHidden(current)
        if hidden:
            views.details.clear()

    def _one_name_each(self) -> None:
        """The table's Host column only when a host has a name besides its address."""
        views = self._window.views
        named = any(host.label != host.address for host in views.results.hosts)
        views.results_table.setColumnHidden(Column.HOST, not named)

    next_open_action: QtGui.QAction
    previous_open_action: QtGui.QAction
    next_finding_action: QtGui.QAction
    previous_finding_action: QtGui.QAction
    show_findings_action: QtGui.QAction
    expect_open_now_action: QtGui.QAction

    def _add_to_menus(self) -> None:
        menus = {
            action.text().replace("&", ""): action.menu()
            for action in self._window.menuBar().actions()
            if action.menu() is not None
        }
        view = menus.get("View")
        if view is not None:
            view.addSeparator()
            for action in (self.next_open_action, self.previous_open_action,
                           self.next_finding_action, self.previous_finding_action,
                           self.show_findings_action):  # fmt: skip
                view.addAction(action)
        edit = menus.get("Edit")
        if edit is not None:
            edit.addAction(self.expect_open_now_action)
        toolbar = self._window.findChild(QtWidgets.QToolBar, "mainToolBar")
        if toolbar is not None:
            toolbar.addSeparator()
            toolbar.addAction(self.next_open_action)
            toolbar.addAction(self.next_finding_action)

    def _state_changed(self, state: ScanState) -> None:
        self.expect_open_now_action.setEnabled(not self._window.controller.busy)
        if state is ScanState.STARTING:
            self.search_status.say("")
            self._window.views.door_view.setProperty("emptyText", None)

    def nothing_scanned(self, errors: Iterable[HostError]) -> None:
        """A scan that resolved no host: why, where the doors would be."""
        lines = [f"{printable(e.host)}: {printable(e.message)}" for e in errors]
        self.search_status.say(
            "Nothing was scanned (not saved to the history):\n" + "\n".join(lines)
        )
        self._window.views.door_view.setProperty("emptyText", "")
        self._window.views.door_view.viewport().update()

    # The jumps.

    def jump_open(self, direction: int) -> bool:
        return self._jump(self.jumps.open_doors(), direction, "open door", "No open door")

    def jump_finding(self, direction: int) -> bool:
        return self._jump(
            self.jumps.findings(), direction, "finding", "No unexpected or missing door"
        )

    def _jump(self, places: list, direction: int, what: str, none: str) -> bool:
        status = self._window.status
        where = self.jumps.jump(places, direction)
        if where is None:
            status.say(
                translate("FindFeatures", "%1 in the results shown").replace("%1", none), 5000
            )
            return False
        number, total = where
        status.say(
            translate("FindFeatures", "%1 %2 of %3: %4")
            .replace("%1", what.capitalize())
            .replace("%2", f"{number:,}")
            .replace("%3", f"{total:,}")
            .replace("%4", self._chosen_text()),
            8000,
        )
        return True

    def _chosen_text(self) -> str:
        details = self._window.views.details
        return f"{details.text_of(DetailField.HOST)} {details.text_of(DetailField.TITLE)}"

    # Expected doors → Add.

    def suggested_rule(self) -> tuple[str, str]:
        """The host of the chosen door (or the first host shown) and its open doors."""
        views = self._window.views
        results = views.results
        place = self.jumps.current()
        host_row = place[0] if place is not None else (0 if len(results.hosts) else -1)
        if host_row < 0:
            return "", ""
        plan = results.plan
        rows = results.marked(_OPEN_BYTES).get(host_row, [])
        return results.address(host_row), format_doors(plan.door(row) for row in rows)

    # Show → Findings.

    def show_findings(self) -> None:
        views = self._window.views
        index = views.state_filter.findData(FINDINGS)
        if index >= 0:
            views.state_filter.setCurrentIndex(index)

    # Expect what is open now.

    async def expect_open_now(self) -> int:
        """Make each host shown expect exactly the doors open on it now (a host without
        an open door keeps its rules: an empty rule is no rule); how many hosts."""
        window = self._window
        history_controller = window.history_controller
        history = history_controller.history
        results = window.views.results
        if history is None or window.controller.busy or not len(results):
            return 0
        found = results.marked(_OPEN_BYTES)
        plan = results.plan
        rules = {
            results.address(host_row): [plan.door(row) for row in rows]
            for host_row, rows in found.items()
        }

        def store(connection) -> None:
            for target, doors in rules.items():
                connection.set_expected(target, doors)

        try:
            await history_controller.in_thread(history, store)
        except HISTORY_ERRORS as exc:
            window.status.say(
                translate("FindFeatures", "The expected doors were not saved: %1").replace(
                    "%1", str(exc)
                )
            )
            return 0
        audited = history_controller.audit()
        hosts = door_texts.format_count(len(rules))
        message = f"Expected doors: {hosts} host{'s' if len(rules) != 1 else ''} now expect"
        message += " the doors open now"
        window.status.say(f"{message}; {audited}" if audited else message)
        return len(rules)
