"""The host list as shown: sorted by any column, filtered by a text (name, address, MAC,
vendor or open doors) and, by default, without the hosts discovery found down (shown
greyed when asked)."""

from __future__ import annotations

from portwindow.gui.hosts.model import HostColumn
from portwindow.gui.qt import Qt, QtCore

_SEARCHED = (HostColumn.NAME, HostColumn.ADDRESS, HostColumn.MAC, HostColumn.DOORS)


class HostFilter(QtCore.QSortFilterProxyModel):
    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._show_down = False
        self.setDynamicSortFilter(True)

    @property
    def show_down(self) -> bool:
        return self._show_down

    def set_show_down(self, shown: bool) -> None:
        if shown != self._show_down:
            self.beginFilterChange()
            self._show_down = shown
            self.endFilterChange(self.Direction.Rows)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        text = text.strip().lower()
        if text != self._text:
            self.beginFilterChange()
            self._text = text
            self.endFilterChange(self.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The source model sorts (once, by a key per row); this keeps its order."""
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def filterAcceptsRow(self, row: int, parent: QtCore.QModelIndex) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        # The model's own look-ups, not data(): 65,536 hosts are filtered at once.
        if not self._show_down and model.is_down(row):
            return False
        return not self._text or self._text in model.searched_text(row, _SEARCHED)

    def hidden_down(self) -> int:
        """How many hosts are hidden because they are down (0 when they are shown)."""
        model = self.sourceModel()
        if model is None or self._show_down:
            return 0
        return model.down_count()
