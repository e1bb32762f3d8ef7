"""The table's Port column kept in sight: when the table scrolls sideways to the banner,
the door each row is about stays at the left edge. As Qt's "Frozen Column" example: a
second view over the same model and selection, showing that column alone, laid over
the table's first column and scrolled with it.
"""

from __future__ import annotations

from .i18n import translate
from .qt import QtCore, QtWidgets

_OFF = QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff


class FrozenColumn(QtWidgets.QTableView):
    """Column ``column`` of ``table``, laid over the table's left edge (it must be the
    table's first visual column)."""

    def __init__(self, table: QtWidgets.QTableView, column: int) -> None:
        super().__init__(table)
        self.setObjectName("frozenPortColumn")
        self.setAccessibleName(translate("FrozenColumn", "Port (kept in sight)"))
        self._table, self._column = table, column
        self.setModel(table.model())
        self.setSelectionModel(table.selectionModel())
        self.setSelectionBehavior(table.selectionBehavior())
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
        self.setHorizontalScrollBarPolicy(_OFF)
        self.setVerticalScrollBarPolicy(_OFF)
        self.setVerticalScrollMode(table.verticalScrollMode())
        self.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.horizontalHeader().setSectionsClickable(True)
        self.horizontalHeader().sectionClicked.connect(self._sort)
        self._hide_others()
        table.model().modelReset.connect(self._hide_others)
        table.verticalScrollBar().valueChanged.connect(self._follow)
        self.verticalScrollBar().valueChanged.connect(table.verticalScrollBar().setValue)
        table.horizontalHeader().sectionResized.connect(self._resized)
        table.horizontalScrollBar().valueChanged.connect(self._place)
        table.installEventFilter(self)
        self._place()

    def _hide_others(self) -> None:
        for column in range(self.model().columnCount()):
            self.setColumnHidden(column, column != self._column)
        self.setColumnWidth(self._column, self._table.columnWidth(self._column))

    def _sort(self, column: int) -> None:
        header = self._table.horizontalHeader()
        ascending = QtCore.Qt.SortOrder.AscendingOrder
        descending = QtCore.Qt.SortOrder.DescendingOrder
        same = header.sortIndicatorSection() == column
        order = descending if same and header.sortIndicatorOrder() == ascending else ascending
        self._table.sortByColumn(column, order)

    def _resized(self, column: int, _old: int, new: int) -> None:
        if column == self._column:
            self.setColumnWidth(column, new)
            self._place()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self._table and event.type() == QtCore.QEvent.Type.Resize:
            self._place()
        return False

    def _place(self, *_args: object) -> None:
        """Over the table's first column; shown only once the table scrolled sideways
        (before, the table's own Port column is there)."""
        table = self._table
        frame = table.frameWidth()
        width = table.columnWidth(self._column)
        height = table.viewport().height() + table.horizontalHeader().height()
        self.setGeometry(frame + table.verticalHeader().width(), frame, width, height)
        self.setVisible(table.horizontalScrollBar().value() > 0)
        self._follow(table.verticalScrollBar().value())

    def _follow(self, value: int) -> None:
        """Scroll as the table did (its rows may have arrived while this was hidden)."""
        if self.isVisible() and self.verticalScrollBar().maximum() < value:
            self.updateGeometries()
        self.verticalScrollBar().setValue(value)
