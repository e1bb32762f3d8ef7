"""The host list as shown: sorted by any column, filtered by a text (name, address, MAC,
vendor or open doors) and, by default, without the hosts discovery found down (shown
greyed when asked)."""

from __future__ import annotations

from portwindow.gui.hosts.model import HostColumn, HostRole
from portwindow.gui.qt import QtCore

_SEARCHED = (HostColumn.NAME, HostColumn.ADDRESS, HostColumn.MAC, HostColumn.DOORS)


class HostFilter(QtCore.QSortFilterProxyModel):
    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._show_down = False
        self.setSortRole(HostRole.SORT)
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

    def filterAcceptsRow(self, row: int, parent: QtCore.QModelIndex) -> bool:
        model = self.sourceModel()
        if model is None:
            return False
        if not self._show_down and model.index(row, 0, parent).data(HostRole.DOWN):
            return False
        if not self._text:
            return True
        return any(
            self._text in str(model.index(row, column, parent).data() or "").lower()
            for column in _SEARCHED
        )

    def hidden_down(self) -> int:
        """How many hosts are hidden because they are down (0 when they are shown)."""
        model = self.sourceModel()
        if model is None or self._show_down:
            return 0
        return sum(bool(model.index(row, 0).data(HostRole.DOWN)) for row in range(model.rowCount()))
