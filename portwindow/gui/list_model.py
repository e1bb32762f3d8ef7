"""A table model over a plain list, one row per item, with fixed column headings: the
base of the history's and the compare view's models (each says how an item reads)."""

from __future__ import annotations

from collections.abc import Sequence

from .headings import heading
from .qt import Qt, QtCore

_NO_PARENT = QtCore.QModelIndex()


class ListTableModel(QtCore.QAbstractTableModel):
    """Rows are ``self._items``; columns are ``headings``. ``ITEM_ROLE`` gives a row's
    item itself; subclasses say what the other roles read (``item_data``)."""

    ITEM_ROLE = int(Qt.ItemDataRole.UserRole)

    def __init__(self, headings: Sequence[str], parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._headings = tuple(headings)
        self._items: list = []

    def rowCount(self, parent: QtCore.QModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: QtCore.QModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._headings)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headings)
        ):
            return heading(self._headings[section])
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item_at(index)
        if item is None or role == self.ITEM_ROLE:
            return item
        return self.item_data(item, index.column(), role)

    def item_data(self, item, column: int, role: int) -> object:
        raise NotImplementedError

    def item_at(self, index: QtCore.QModelIndex):
        """The item of ``index``'s row; None for an index of no row."""
        if not index.isValid() or index.row() >= len(self._items):
            return None
        return self._items[index.row()]

    def set_items(self, items: Sequence) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()
