"""Comparing two scans in the window: the diff (engine/diff.py) as doors (the newer scan's
changed doors, new open ones ringed) and as a table (newly opened doors first and
highlighted), in a dialog with an Export CSV button.

The window opens the dialog without blocking; exporting asks for a path through an
injectable coroutine so tests need no file dialog.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from portwindow.engine import (
    AuditItem,
    Change,
    DoorChange,
    Finding,
    PortResult,
    ScanDiff,
    default_registry,
    printable,
    write_diff_csv,
)

from . import colors, dialogs
from .doors.model import DoorModel
from .doors.view import DoorView
from .i18n import translate
from .list_model import ListTableModel
from .qt import Qt, QtCore, QtGui, QtWidgets

#: The table's columns, in order, and their headings.
_HEADERS = ("Change", "Host", "Door", "Service", "Before", "After")
DiffColumn = enum.IntEnum("DiffColumn", [heading.upper() for heading in _HEADERS], start=0)


class DiffRole(enum.IntEnum):
    CHANGE = Qt.ItemDataRole.UserRole + 1  # DoorChange


class DiffModel(ListTableModel):
    """The changes of a ScanDiff, in its order (opened first)."""

    def __init__(self, result: ScanDiff | None = None, parent: QtCore.QObject | None = None):
        super().__init__(_HEADERS, parent)
        self._items: list[DoorChange] = list(result.changes) if result else []

    def set_diff(self, result: ScanDiff) -> None:
        self.set_items(result.changes)

    def change(self, row: int) -> DoorChange:
        return self._items[row]

    ITEM_ROLE = DiffRole.CHANGE

    def item_data(self, change, column: int, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _text(change, DiffColumn(column))
        if role == Qt.ItemDataRole.BackgroundRole and change.change is Change.OPENED:
            highlight = QtGui.QColor(colors.warning_color())
            highlight.setAlpha(60)
            return QtGui.QBrush(highlight)
        if (
            role == Qt.ItemDataRole.FontRole
            and change.change is Change.OPENED
            and column == DiffColumn.CHANGE
        ):
            font = QtGui.QFont()
            font.setBold(True)
            return font
        return None


def _text(change: DoorChange, column: DiffColumn) -> str:
    match column:
        case DiffColumn.CHANGE:
            return change.change.value
        case DiffColumn.HOST:
            if change.host and change.host != change.address:
                return f"{change.host} ({change.address})"
            return change.address
        case DiffColumn.DOOR:
            return f"{change.port}/{change.protocol.value}"
        case DiffColumn.SERVICE:
            return printable(default_registry().lookup(change.port, change.protocol).name)
        case DiffColumn.BEFORE:
            return change.before.value if change.before else "not probed"
        case DiffColumn.AFTER:
            return change.after.value if change.after else "not probed"


class CompareDialog(QtWidgets.QDialog):
    """What changed between two scans."""

    def __init__(
        self,
        result: ScanDiff,
        title: str,
        ask_save_path: Callable[[], Awaitable[str | None]],
        parent: QtWidgets.QWidget | None = None,
        after: Sequence[PortResult] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(title)
        self.diff = result
        self._ask_save_path = ask_save_path
        self.model = DiffModel(result, self)
        summary = QtWidgets.QLabel(result.summary(), self)
        summary.setObjectName("compareSummary")
        summary.setWordWrap(True)
        self.table = QtWidgets.QTableView(self)
        self.table.setObjectName("compareTable")
        self.table.setAccessibleName(translate("CompareDialog", "Changes between the scans"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.door_model, self.door_view = self._changed_doors(result, after)
        self.tabs = QtWidgets.QTabWidget(self)
        self.tabs.setObjectName("compareTabs")
        self.tabs.setAccessibleName(translate("CompareDialog", "Changes as doors or as a table"))
        self.tabs.addTab(self.door_view, translate("CompareDialog", "&Doors"))
        self.tabs.addTab(self.table, translate("CompareDialog", "&Table"))
        self.export_button = QtWidgets.QPushButton(translate("CompareDialog", "Export &CSV…"), self)
        self.export_button.setObjectName("compareExport")
        self.export_button.setAccessibleName(
            translate("CompareDialog", "Export the changes as CSV")
        )
        self.export_button.setEnabled(bool(result.changes))
        self.export_button.clicked.connect(self._export_clicked)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.export_button, QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self._export_task = None

    def _changed_doors(
        self, result: ScanDiff, after: Sequence[PortResult]
    ) -> tuple[DoorModel, DoorView]:
        """The newer scan's doors that changed; the doors that opened get the attention
        ring the audit uses, so they stand out."""
        changed = {(c.address, c.protocol, c.port) for c in result.changes}
        shown = [r for r in after if (r.address, r.protocol, r.port) in changed]
        model = DoorModel(self)
        model.set_plan(
            sorted({(r.protocol, r.port) for r in shown}, key=lambda d: (d[0].value, d[1]))
        )
        model.add_results(shown)
        model.set_findings(
            (
                AuditItem(Finding.UNEXPECTED, c.host, c.address, c.protocol, c.port, c.after)
                for c in result.of(Change.OPENED)
            ),
            explained=False,  # a ring for attention, not the audit's finding
        )
        view = DoorView(self)
        view.setObjectName("compareDoors")
        view.setAccessibleName(
            translate("CompareDialog", "Doors that changed; new open doors are ringed")
        )
        view.setModel(model)
        return model, view

    def _export_clicked(self) -> None:
        self._export_task = asyncio.ensure_future(self.export_csv())

    async def export_csv(self) -> Path | None:
        chosen = await self._ask_save_path()
        if not chosen:
            return None
        path = Path(chosen)
        try:
            write_diff_csv(self.diff, path)
        except OSError as exc:
            dialogs.show_error(self, translate("CompareDialog", "Export failed"), f"{path}: {exc}")
            return None
        return path
