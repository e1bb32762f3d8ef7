"""The history panel: past scans from the history database, newest first, in a dock.

The panel lists scans (HistoryModel), filters them by a search for a door seen open
("3306/tcp"), and asks the window, through its signals, to reopen, delete or compare them;
the window owns the History and does the work. A scan the history cannot read (a damaged
or hostile row) is not listed, and the panel's message names it (skipped_text).
"""

from __future__ import annotations

import enum
import re
import time
from collections.abc import Sequence

from portwindow.engine import Protocol, ScanRecord

from .i18n import QT_TRANSLATE_NOOP, translate
from .list_model import ListTableModel
from .qt import Qt, QtCore, QtWidgets, Signal

_SEARCH = re.compile(r"(?i)^\s*(\d{1,5})\s*(?:/\s*(tcp|udp))?\s*$")


class HistoryColumn(enum.IntEnum):
    WHEN = 0
    TARGETS = enum.auto()
    PORTS = enum.auto()
    OPEN = enum.auto()
    CLOSED = enum.auto()
    FILTERED = enum.auto()
    PARTIAL = enum.auto()


class HistoryRole(enum.IntEnum):
    RECORD = Qt.ItemDataRole.UserRole + 1  # ScanRecord
    SCAN_ID = enum.auto()  # int


_HEADERS = {
    HistoryColumn.WHEN: "When",
    HistoryColumn.TARGETS: "Targets",
    HistoryColumn.PORTS: "Ports",
    HistoryColumn.OPEN: "Open",
    HistoryColumn.CLOSED: "Closed",
    HistoryColumn.FILTERED: "Filtered",
    HistoryColumn.PARTIAL: "Partial",
}


def when_text(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))


def skipped_text(skipped: Sequence[str]) -> str:
    """What the panel says of scans the history could not read ("" when none): the
    first one's line, and how many more."""
    if not skipped:
        return ""
    more = f" ({len(skipped) - 1} more scans cannot be read either)" if len(skipped) > 1 else ""
    return f"Not listed: {skipped[0]}{more}. The other scans are listed."


def parse_search(text: str) -> tuple[int, Protocol] | None:
    """``3306/tcp``, ``53/udp`` or ``3306`` (TCP) as (port, protocol); None if it is not
    one of those."""
    match = _SEARCH.match(text)
    if not match:
        return None
    port = int(match.group(1))
    if not 0 <= port <= 65535:
        return None
    protocol = Protocol.UDP if (match.group(2) or "").lower() == "udp" else Protocol.TCP
    return port, protocol


class HistoryModel(ListTableModel):
    """Saved scans, one a row, in the order given (the history gives newest first)."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__([_HEADERS[column] for column in HistoryColumn], parent)
        self._items: list[ScanRecord] = []

    def set_records(self, records: Sequence[ScanRecord]) -> None:
        self.set_items(records)

    def record(self, row: int) -> ScanRecord:
        return self._items[row]

    def row_of(self, scan_id: int) -> int:
        for row, record in enumerate(self._items):
            if record.id == scan_id:
                return row
        return -1

    ITEM_ROLE = HistoryRole.RECORD

    def item_data(self, record, column: int, role: int) -> object:
        if role == HistoryRole.SCAN_ID:
            return record.id
        column = HistoryColumn(column)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is HistoryColumn.PARTIAL:
            return "Stopped before every port was probed" if record.partial else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            HistoryColumn.OPEN,
            HistoryColumn.CLOSED,
            HistoryColumn.FILTERED,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(record: ScanRecord, column: HistoryColumn) -> str:
        match column:
            case HistoryColumn.WHEN:
                return when_text(record.started_at)
            case HistoryColumn.TARGETS:
                return record.targets
            case HistoryColumn.PORTS:
                return record.ports
            case HistoryColumn.OPEN:
                return f"{record.open:,}"
            case HistoryColumn.CLOSED:
                return f"{record.closed:,}"
            case HistoryColumn.FILTERED:
                return f"{record.filtered + record.open_filtered:,}"
            case HistoryColumn.PARTIAL:
                return "partial" if record.partial else ""


class HistoryPanel(QtWidgets.QWidget):
    """The list of past scans with its search field and buttons."""

    open_requested = Signal(int)  # scan id
    delete_requested = Signal(list)  # scan ids
    compare_requested = Signal(int, int)  # older, newer scan id
    compare_previous_requested = Signal()
    search_changed = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.search_edit = QtWidgets.QLineEdit(self)
        self.search_edit.setObjectName("historySearch")
        self.search_edit.setPlaceholderText(
            translate("HistoryPanel", "Scans that saw open… (e.g. 3306/tcp)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(
            translate("HistoryPanel", "Search scans by a door seen open")
        )
        self.table = QtWidgets.QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(translate("HistoryPanel", "Past scans"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.message = QtWidgets.QLabel(self)
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)

        def button(text: str, name: str, tip: str) -> QtWidgets.QPushButton:
            text = translate("HistoryPanel", text)
            widget = QtWidgets.QPushButton(text, self)
            widget.setObjectName(name)
            widget.setAccessibleName(text.replace("&", "").rstrip("…"))
            widget.setToolTip(translate("HistoryPanel", tip))
            return widget

        # attribute: text, object name, tip
        buttons = {
            "open_button": (QT_TRANSLATE_NOOP("HistoryPanel", "&Reopen"), "historyOpen",
                            QT_TRANSLATE_NOOP("HistoryPanel", "Show this scan's results")),
            "delete_button": (QT_TRANSLATE_NOOP("HistoryPanel", "&Delete…"), "historyDelete",
                              QT_TRANSLATE_NOOP("HistoryPanel", "Delete the selected scans")),
            "compare_button": (QT_TRANSLATE_NOOP("HistoryPanel", "&Compare"), "historyCompare",
                               QT_TRANSLATE_NOOP("HistoryPanel", "Compare two selected scans")),
            "previous_button": (
                QT_TRANSLATE_NOOP("HistoryPanel", "Compare with &previous"),
                "historyComparePrevious",
                QT_TRANSLATE_NOOP("HistoryPanel",
                                  "Compare the newest scan of the current targets with the one "
                                  "before"),
            ),
        }  # fmt: skip
        for attribute, spec in buttons.items():
            setattr(self, attribute, button(*spec))
        self.open_button.clicked.connect(self._open_clicked)
        self.delete_button.clicked.connect(lambda: self.delete_requested.emit(self.selected_ids()))
        self.compare_button.clicked.connect(self._compare_clicked)
        self.previous_button.clicked.connect(self.compare_previous_requested)
        self.search_edit.textChanged.connect(self.search_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

        buttons = QtWidgets.QGridLayout()
        buttons.addWidget(self.open_button, 0, 0)
        buttons.addWidget(self.delete_button, 0, 1)
        buttons.addWidget(self.compare_button, 1, 0)
        buttons.addWidget(self.previous_button, 1, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def set_records(self, records: Sequence[ScanRecord], message: str = "") -> None:
        self.model.set_records(records)
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.record(row).id for row in rows]

    def select_ids(self, scan_ids: Sequence[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = (
            QtCore.QItemSelectionModel.SelectionFlag.Select
            | QtCore.QItemSelectionModel.SelectionFlag.Rows
        )
        for scan_id in scan_ids:
            row = self.model.row_of(scan_id)
            if row >= 0:
                selection.select(self.model.index(row, 0), flags)

    def _update_buttons(self, *_args) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.open_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count >= 1)
        self.compare_button.setEnabled(count == 2)

    def _activated(self, index: QtCore.QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.record(index.row()).id)

    def _open_clicked(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.open_requested.emit(ids[0])

    def _compare_clicked(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 2:
            first, second = (self.model.record(self.model.row_of(i)) for i in ids)
            older, newer = sorted((first, second), key=lambda r: (r.started_at, r.id))
            self.compare_requested.emit(older.id, newer.id)
