"""The Doors view: per host a header band, then the host's doors in a wrapping grid.

All cells have one size (the delegate's, set by the zoom), so the layout is arithmetic:
per host the top of its section and how many doors it shows; the position of door ``p``
of a section is ``divmod(p, columns)``. Nothing is stored per door except, while a filter
or a search hides some doors, each host's ascending list of shown door rows. Painting
visits only the grid rows inside the exposed rectangle, so one host of 65,535 doors
scrolls as fast as one of ten. The header of the section at the top of the viewport
stays pinned while its doors scroll under it.

The model's batches repaint at once (a state is a colour; the layout does not move), and
the layout is redone at most every 100 ms for new hosts, or for doors that a state filter
now shows or hides. Filter, search, zoom and resizes lay out before the next paint.

The main window learns the chosen door from ``selectionModel().currentChanged`` or, the
same, from :attr:`DoorView.doorActivated`: both fire on clicks and on keyboard moves.
Only doors can be current; the header bands show their host's tooltip.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from portwindow.engine import PortState, Protocol
from portwindow.engine.present.door_texts import format_count, host_title
from portwindow.gui import colors
from portwindow.gui.doors.delegate import (
    DEFAULT_DOOR_SIZE,
    FINDING,
    FOCUSED,
    HOVERED,
    MAX_DOOR_SIZE,
    MIN_DOOR_SIZE,
    SELECTED,
    UDP,
    WARNING,
    DoorDelegate,
)
from portwindow.gui.doors.filter import DoorFilter
from portwindow.gui.doors.model import DoorModel, DoorRole, counting_arrays
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

MARGIN = 8  # left and right of the grids; half of it above the first header
SECTION_GAP = 10  # below each host's grid
RELAYOUT_DELAY_MS = 100
ZOOM_STEP = 4

_Action = QtWidgets.QAbstractItemView.CursorAction
_State = QtWidgets.QStyle.StateFlag
_Role = QtGui.QPalette.ColorRole
_Event = QtCore.QEvent.Type
_Hint = QtWidgets.QAbstractItemView.ScrollHint
_ENSURE_VISIBLE = _Hint.EnsureVisible
_CHIPS: tuple[tuple[PortState | None, str], ...] = (
    (PortState.OPEN, "open"),
    (PortState.CLOSED, "closed"),
    (PortState.FILTERED, "filtered"),
    (PortState.OPEN_FILTERED, "open|filtered"),
    (None, "not probed"),
)


class DoorView(QtWidgets.QAbstractItemView):
    """Shows a :class:`DoorModel` as doors grouped per host. Single selection of doors."""

    #: The current door changed (click or keyboard); an invalid index when there is none.
    doorActivated = Signal(QtCore.QModelIndex)
    #: The door size changed (also by Ctrl+wheel or Ctrl+plus/minus/0).
    doorSizeChanged = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = DoorFilter()
        # The layout, per section (one per host row).
        self._visible: list[array | None] = []  # shown door rows; None: all of them
        self._counts: list[int] = []  # doors shown
        self._tops: list[int] = []  # content y of the section's header
        self._grid_rows: list[int] = []
        self._columns = 1
        self._cell = QtCore.QSize(1, 1)
        self._header = 1
        self._content = QtCore.QSize(0, 0)

        self._layout_pending = True
        self._refilter_all = True
        self._dirty_hosts: set[int] = set()
        self._relayout_timer = QtCore.QTimer(self)
        self._relayout_timer.setSingleShot(True)
        self._relayout_timer.setInterval(RELAYOUT_DELAY_MS)
        self._relayout_timer.timeout.connect(self._relayout_from_model)
        self._hover = QtCore.QPersistentModelIndex()
        self._wheel_zoom = 0

        self._delegate = DoorDelegate(self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setAccessibleName("Doors")
        self.setAccessibleDescription(
            "Every port as a door, grouped per host: open, closed, filtered, open or "
            "filtered (UDP), or not probed yet"
        )

    # Public API.

    def set_state_filter(self, states: Iterable[PortState | None] | None) -> None:
        """Show only doors in these states (None in the set: not probed yet); None: all."""
        if self._filter.set_states(states):
            self._refilter()

    def state_filter(self) -> frozenset[PortState | None] | None:
        return self._filter.states()

    def set_search(self, text: str) -> None:
        """Show only doors whose port number starts with ``text`` (``22/tcp`` for just
        that door), or whose service name or description contains it (any case)."""
        if self._filter.set_text(text):
            self._refilter()

    def search(self) -> str:
        return self._filter.text()

    def door_size(self) -> int:
        return self._door_delegate().door_size()

    def set_door_size(self, size: int, anchor: QtCore.QPoint | None = None) -> None:
        """Zoom: the doors' height in pixels (24-96). The door at ``anchor`` (viewport
        coordinates; by default the middle) stays where it is."""
        delegate = self._door_delegate()
        if max(MIN_DOOR_SIZE, min(MAX_DOOR_SIZE, int(size))) == delegate.door_size():
            return
        self._ensure_layout()
        if anchor is None:
            anchor = self.viewport().rect().center()
        kept = self._anchor(anchor.y())
        size = delegate.set_door_size(size)
        self._layout_pending = True
        self._ensure_layout()
        self._restore(kept)
        self.doorSizeChanged.emit(size)

    def zoom_in(self) -> None:
        self.set_door_size(self.door_size() + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_door_size(self.door_size() - ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_door_size(DEFAULT_DOOR_SIZE)

    def shown_door_count(self, host_row: int | None = None) -> int:
        """How many doors the filter shows, for one host or for all."""
        self._ensure_layout()
        if host_row is None:
            return sum(self._counts)
        return self._counts[host_row] if 0 <= host_row < len(self._counts) else 0

    # Layout.

    def _door_delegate(self) -> DoorDelegate:
        """The delegate that knows the door size: the view's, if it is a DoorDelegate."""
        delegate = self.itemDelegate()
        return delegate if isinstance(delegate, DoorDelegate) else self._delegate

    def _model(self) -> DoorModel | None:
        return self.model()  # type: ignore[return-value]

    def _refilter(self) -> None:
        self._refilter_all = True
        self._layout_pending = True
        self._ensure_layout()

    def _relayout_from_model(self) -> None:
        kept = None if self.verticalScrollBar().value() == 0 else self._anchor(0)
        self._layout_pending = True
        self._ensure_layout()
        if kept is not None:
            self._restore(kept)

    def _schedule_relayout(self) -> None:
        if not self._relayout_timer.isActive():
            self._relayout_timer.start()

    def _ensure_layout(self) -> None:
        if self._layout_pending:
            self._do_layout()

    def _do_layout(self) -> None:
        self._layout_pending = False
        self._relayout_timer.stop()
        model = self._model()
        hosts = model.rowCount() if model is not None else 0
        if self._refilter_all:
            self._visible = []
            self._refilter_all = False
            self._dirty_hosts.clear()
        del self._visible[hosts:]
        for host_row in self._dirty_hosts:
            if host_row < len(self._visible):
                self._visible[host_row] = self._filter.visible_rows(model, host_row)
        self._dirty_hosts.clear()
        for host_row in range(len(self._visible), hosts):
            self._visible.append(self._filter.visible_rows(model, host_row))

        option = QtWidgets.QStyleOptionViewItem()
        self.initViewItemOption(option)
        self._cell = self.itemDelegate().sizeHint(option, QtCore.QModelIndex())
        cell_w, cell_h = self._cell.width(), self._cell.height()
        self._columns = max(1, (self.viewport().width() - 2 * MARGIN) // cell_w)
        metrics = QtGui.QFontMetrics(self.font())
        self._header = metrics.height() + 12

        self._counts = []
        self._tops = []
        self._grid_rows = []
        y = MARGIN // 2
        for host_row in range(hosts):
            visible = self._visible[host_row]
            count = model.rowCount(model.index(host_row, 0)) if visible is None else len(visible)
            grid_rows = -(-count // self._columns)
            self._counts.append(count)
            self._tops.append(y)
            self._grid_rows.append(grid_rows)
            y += self._header + grid_rows * cell_h + SECTION_GAP
        self._content = QtCore.QSize(2 * MARGIN + self._columns * cell_w, y if hosts else 0)
        self.updateGeometries()
        self.viewport().update()

    def _anchor(self, viewport_y: int) -> tuple[QtCore.QPersistentModelIndex, int] | None:
        """The door nearest to a viewport height, and that door's top, to keep in place."""
        self._ensure_layout()
        position = self._position_near(viewport_y + self.verticalOffset())
        if position is None:
            return None
        index = self._door(*position)
        return QtCore.QPersistentModelIndex(index), self.visualRect(index).top()

    def _restore(self, kept: tuple[QtCore.QPersistentModelIndex, int] | None) -> None:
        if kept is None or not kept[0].isValid():
            return
        rect = self.visualRect(QtCore.QModelIndex(kept[0]))
        if rect.isValid():
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - kept[1])

    # Positions: a door's place in the layout is (section, position in the section).

    def _position(self, index: QtCore.QModelIndex) -> tuple[int, int] | None:
        """Where a door is shown; None for hosts, hidden doors and foreign indexes."""
        if not index.isValid() or index.model() is not self.model():
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        section, row = parent.row(), index.row()
        if section >= len(self._visible):
            return None
        visible = self._visible[section]
        if visible is None:
            return (section, row) if row < self._counts[section] else None
        position = bisect_left(visible, row)
        if position < len(visible) and visible[position] == row:
            return section, position
        return None

    def _position_of_row(self, section: int, row: int) -> int:
        """The position a door row has, or would have if shown, in its section."""
        visible = self._visible[section]
        return row if visible is None else bisect_left(visible, row)

    def _door(self, section: int, position: int) -> QtCore.QModelIndex:
        model = self.model()
        visible = self._visible[section]
        row = position if visible is None else visible[position]
        return model.index(row, 0, model.index(section, 0))

    def _door_rect(self, section: int, position: int) -> QtCore.QRect:
        """A door's cell in content coordinates."""
        grid_row, column = divmod(position, self._columns)
        return QtCore.QRect(
            MARGIN + column * self._cell.width(),
            self._tops[section] + self._header + grid_row * self._cell.height(),
            self._cell.width(),
            self._cell.height(),
        )

    def _position_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The door at a content point; None over headers, gaps and margins."""
        section = bisect_right(self._tops, y) - 1
        if section < 0:
            return None
        grid_y = y - self._tops[section] - self._header
        grid_x = x - MARGIN
        if grid_y < 0 or grid_x < 0:
            return None
        grid_row = grid_y // self._cell.height()
        column = grid_x // self._cell.width()
        position = grid_row * self._columns + column
        if column >= self._columns or grid_row >= self._grid_rows[section]:
            return None
        return (section, position) if position < self._counts[section] else None

    def _position_near(self, y: int) -> tuple[int, int] | None:
        """The first door of the grid row at content height ``y``, or the next one."""
        section = max(0, bisect_right(self._tops, y) - 1)
        grid_row = (
            (y - self._tops[section] - self._header) // self._cell.height() if self._tops else 0
        )
        for candidate in range(section, len(self._tops)):
            count = self._counts[candidate]
            if count:
                if candidate != section or grid_row < 0:
                    return candidate, 0
                if grid_row < self._grid_rows[candidate]:
                    return candidate, grid_row * self._columns
            grid_row = -1
        return None

    def _header_at(self, point: QtCore.QPoint) -> int | None:
        """The host whose header band (pinned or in place) is at a viewport point."""
        pinned = self._pinned_header()
        if pinned is not None and pinned[1] <= point.y() < pinned[1] + self._header:
            return pinned[0]
        y = point.y() + self.verticalOffset()
        section = bisect_right(self._tops, y) - 1
        if section >= 0 and y < self._tops[section] + self._header:
            return section
        return None

    def _pinned_header(self) -> tuple[int, int] | None:
        """(section, viewport y) of the header pinned at the top, when there is one."""
        top = self.verticalOffset()
        section = bisect_right(self._tops, top) - 1
        if section < 0 or self._tops[section] >= top:
            return None
        grid_end = (
            self._tops[section] + self._header + self._grid_rows[section] * self._cell.height()
        )
        y = min(0, grid_end - top - self._header)
        return None if y <= -self._header else (section, y)

    # QAbstractItemView.

    def setModel(self, model: QtCore.QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.rowsRemoved.disconnect(self._rows_moved)
            old.layoutChanged.disconnect(self._rows_moved)
        super().setModel(model)
        if model is not None:
            # Door rows moved: the layout must not be used before it is redone.
            model.rowsRemoved.connect(self._rows_moved)
            model.layoutChanged.connect(self._rows_moved)
        self._hover = QtCore.QPersistentModelIndex()
        self._refilter_all = True
        self._layout_pending = True

    def _rows_moved(self, *_args: object) -> None:
        self._refilter_all = True
        self._layout_pending = True
        self.viewport().update()

    def reset(self) -> None:
        super().reset()
        self._hover = QtCore.QPersistentModelIndex()
        self._refilter_all = True
        self._layout_pending = True
        self.viewport().update()

    def doItemsLayout(self) -> None:
        self._refilter_all = True
        self._layout_pending = True
        self._ensure_layout()
        super().doItemsLayout()

    def rowsInserted(self, parent: QtCore.QModelIndex, start: int, end: int) -> None:
        super().rowsInserted(parent, start, end)
        if parent.isValid():  # doors inserted into a host: rows move, lay out now
            self._dirty_hosts.add(parent.row())
            self._layout_pending = True
            self.viewport().update()
        else:
            self._schedule_relayout()

    def dataChanged(
        self,
        topLeft: QtCore.QModelIndex,
        bottomRight: QtCore.QModelIndex,
        roles: list[int] | None = None,
    ) -> None:
        parent = topLeft.parent()
        if topLeft == bottomRight or QtGui.QAccessible.isActive():
            super().dataChanged(topLeft, bottomRight, roles or [])
        elif parent.isValid():
            self._update_doors(parent.row(), topLeft.row(), bottomRight.row())
        else:
            self._update_headers(topLeft.row(), bottomRight.row())
        if parent.isValid() and self._filter.depends_on_state():
            self._dirty_hosts.add(parent.row())
            self._schedule_relayout()

    def _update_doors(self, section: int, first: int, last: int) -> None:
        """Repaint the part of the viewport that shows door rows first-last of a host."""
        if self._layout_pending or section >= len(self._tops):
            self.viewport().update()
            return
        start = self._position_of_row(section, first)
        end = min(self._position_of_row(section, last + 1), self._counts[section]) - 1
        if end < start:
            return
        grid_top = self._tops[section] + self._header - self.verticalOffset()
        top = grid_top + start // self._columns * self._cell.height()
        bottom = grid_top + (end // self._columns + 1) * self._cell.height()
        band = QtCore.QRect(0, top, self.viewport().width(), bottom - top)
        band &= self.viewport().rect()
        if not band.isEmpty():
            self.viewport().update(band)

    def _update_headers(self, first: int, last: int) -> None:
        """Repaint the header bands of hosts first-last where they are on screen."""
        if self._layout_pending:
            self.viewport().update()
            return
        width, top = self.viewport().width(), self.verticalOffset()
        pinned = self._pinned_header()
        if pinned is not None and first <= pinned[0] <= last:
            self.viewport().update(QtCore.QRect(0, pinned[1], width, self._header))
        for section in range(first, min(last, len(self._tops) - 1) + 1):
            band = QtCore.QRect(0, self._tops[section] - top, width, self._header)
            if band.intersects(self.viewport().rect()):
                self.viewport().update(band)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        # Not QAbstractItemView's pixel scroll: the pinned header must not move with the
        # doors. A whole repaint costs a few milliseconds.
        self.viewport().update()
        if self.viewport().underMouse():
            position = self.viewport().mapFromGlobal(QtGui.QCursor.pos())
            self._set_hover(self.indexAt(position))

    def currentChanged(self, current: QtCore.QModelIndex, previous: QtCore.QModelIndex) -> None:
        super().currentChanged(current, previous)
        self.doorActivated.emit(current)

    def visualRect(self, index: QtCore.QModelIndex) -> QtCore.QRect:
        self._ensure_layout()
        position = self._position(index)
        if position is not None:
            rect = self._door_rect(*position)
        elif index.isValid() and not index.parent().isValid() and index.row() < len(self._tops):
            rect = QtCore.QRect(0, self._tops[index.row()], self._content.width(), self._header)
        else:
            return QtCore.QRect()
        return rect.translated(-self.horizontalOffset(), -self.verticalOffset())

    def indexAt(self, point: QtCore.QPoint) -> QtCore.QModelIndex:
        self._ensure_layout()
        pinned = self._pinned_header()
        if pinned is not None and point.y() < pinned[1] + self._header:
            return QtCore.QModelIndex()
        position = self._position_at(
            point.x() + self.horizontalOffset(), point.y() + self.verticalOffset()
        )
        return QtCore.QModelIndex() if position is None else self._door(*position)

    def scrollTo(
        self,
        index: QtCore.QModelIndex,
        hint: QtWidgets.QAbstractItemView.ScrollHint = _ENSURE_VISIBLE,
    ) -> None:
        self._ensure_layout()
        position = self._position(index)
        if position is not None:
            rect = self._door_rect(*position)
        elif index.isValid() and not index.parent().isValid() and index.row() < len(self._tops):
            rect = QtCore.QRect(0, self._tops[index.row()] + self._header, 1, 0)
        else:
            return
        height = self.viewport().height()
        top = self.verticalOffset()
        # A door at the top of the viewport sits under its section's pinned header.
        clear_top = rect.top() - self._header
        if clear_top <= self._tops[0]:
            clear_top = 0  # show the margin above the first header too
        if hint == _Hint.PositionAtTop:
            top = clear_top
        elif hint == _Hint.PositionAtBottom:
            top = rect.bottom() + 1 - height
        elif hint == _Hint.PositionAtCenter:
            top = rect.center().y() - height // 2
        elif clear_top < top:
            top = clear_top
        elif rect.bottom() + 1 > top + height:
            top = rect.bottom() + 1 - height
        self.verticalScrollBar().setValue(top)
        width = self.viewport().width()
        left = self.horizontalOffset()
        if rect.left() < left:
            self.horizontalScrollBar().setValue(rect.left())
        elif rect.right() + 1 > left + width:
            self.horizontalScrollBar().setValue(rect.right() + 1 - width)

    def moveCursor(
        self, action: QtWidgets.QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QtCore.QModelIndex:
        self._ensure_layout()
        sections = [section for section, count in enumerate(self._counts) if count]
        if not sections:
            return QtCore.QModelIndex()
        current = self.currentIndex()
        parent = current.parent() if current.isValid() else QtCore.QModelIndex()
        if not parent.isValid() or parent.row() >= len(self._counts):
            return self._door(sections[0], 0)
        section = parent.row()
        position = self._position_of_row(section, current.row())
        if not self._counts[section] or self._position(current) is None:
            # The current door is hidden: start from the shown door that takes its place.
            nearest = self._step(section, min(position, self._counts[section]), 0)
            return self._door(*nearest) if nearest else QtCore.QModelIndex()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if action in (_Action.MoveRight, _Action.MoveNext):
            target = self._step(section, position + 1, +1)
        elif action in (_Action.MoveLeft, _Action.MovePrevious):
            target = self._step(section, position - 1, -1)
        elif action == _Action.MoveDown:
            target = self._vertical(section, position, 1)
        elif action == _Action.MoveUp:
            target = self._vertical(section, position, -1)
        elif action in (_Action.MovePageDown, _Action.MovePageUp):
            rows = max(1, (self.viewport().height() - self._header) // self._cell.height())
            target = (section, position)
            step = 1 if action == _Action.MovePageDown else -1
            for _ in range(rows):
                target = self._vertical(*target, step) or target
        elif action == _Action.MoveHome:
            target = (sections[0], 0) if control else (section, 0)
        elif action == _Action.MoveEnd:
            last = sections[-1] if control else section
            target = (last, self._counts[last] - 1)
        else:
            target = None
        return self._door(*target) if target else current

    def _step(self, section: int, position: int, direction: int) -> tuple[int, int] | None:
        """The shown door at ``position`` in ``section``, or the next one in ``direction``
        (0: forwards, then backwards), crossing into other sections."""
        if 0 <= position < self._counts[section]:
            return section, position
        if direction == 0:
            return self._step(section, position, 1) or self._step(section, position, -1)
        other = section + direction
        while 0 <= other < len(self._counts):
            if self._counts[other]:
                return other, 0 if direction > 0 else self._counts[other] - 1
            other += direction
        return None

    def _vertical(self, section: int, position: int, direction: int) -> tuple[int, int] | None:
        """One grid row down (1) or up (-1), into the next section at its edge."""
        columns = self._columns
        grid_row, column = divmod(position, columns)
        target_row = grid_row + direction
        if 0 <= target_row < self._grid_rows[section]:
            return section, min(target_row * columns + column, self._counts[section] - 1)
        other = section + direction
        while 0 <= other < len(self._counts):
            count = self._counts[other]
            if count:
                edge = 0 if direction > 0 else self._grid_rows[other] - 1
                return other, min(edge * columns + column, count - 1)
            other += direction
        return None

    def horizontalOffset(self) -> int:
        return self.horizontalScrollBar().value()

    def verticalOffset(self) -> int:
        return self.verticalScrollBar().value()

    def isIndexHidden(self, index: QtCore.QModelIndex) -> bool:
        self._ensure_layout()
        if index.isValid() and not index.parent().isValid():
            return False
        return self._position(index) is None

    def setSelection(
        self, rect: QtCore.QRect, command: QtCore.QItemSelectionModel.SelectionFlag
    ) -> None:
        self._ensure_layout()
        model = self.model()
        if model is None or self.selectionModel() is None:
            return
        area = rect.normalized().translated(self.horizontalOffset(), self.verticalOffset())
        selection = QtCore.QItemSelection()
        cell_w, cell_h = self._cell.width(), self._cell.height()
        first_column = max(0, (area.left() - MARGIN) // cell_w)
        last_column = min(self._columns - 1, (area.right() - MARGIN) // cell_w)
        first_section = max(0, bisect_right(self._tops, area.top()) - 1)
        for section in range(first_section, len(self._tops)):
            top = self._tops[section] + self._header
            if self._tops[section] > area.bottom():
                break
            if first_column > last_column or area.right() < MARGIN:
                break
            first_row = max(0, (area.top() - top) // cell_h)
            last_row = min(self._grid_rows[section] - 1, (area.bottom() - top) // cell_h)
            parent = model.index(section, 0)
            visible = self._visible[section]
            for grid_row in range(first_row, last_row + 1):
                first = grid_row * self._columns + first_column
                last = min(grid_row * self._columns + last_column, self._counts[section] - 1)
                if first > last:
                    continue
                rows = range(first, last + 1) if visible is None else visible[first : last + 1]
                for start, stop in _runs(rows):
                    selection.select(model.index(start, 0, parent), model.index(stop, 0, parent))
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QtCore.QItemSelection) -> QtGui.QRegion:
        region = QtGui.QRegion()
        viewport = self.viewport().rect()
        model = self.model()
        budget = 1024
        for selected in selection:
            parent = selected.parent()
            if not parent.isValid():
                continue
            for row in range(selected.top(), selected.bottom() + 1):
                budget -= 1
                if budget < 0:
                    return QtGui.QRegion(viewport)
                rect = self.visualRect(model.index(row, 0, parent))
                if rect.intersects(viewport):
                    region += rect
        return region

    def updateGeometries(self) -> None:
        self._ensure_layout()
        viewport = self.viewport().size()
        vertical = self.verticalScrollBar()
        vertical.setRange(0, max(0, self._content.height() - viewport.height()))
        vertical.setPageStep(viewport.height())
        vertical.setSingleStep(max(1, self._cell.height() // 2))
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, self._content.width() - viewport.width()))
        horizontal.setPageStep(viewport.width())
        horizontal.setSingleStep(max(1, self._cell.width() // 2))
        super().updateGeometries()

    # Events.

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        if event.size().width() != event.oldSize().width() and not self._layout_pending:
            kept = self._anchor(0) if self.verticalOffset() else None
            self._layout_pending = True
            super().resizeEvent(event)
            self._restore(kept)
        else:
            super().resizeEvent(event)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() in (_Event.FontChange, _Event.StyleChange):
            self._layout_pending = True  # the cells and the headers change size
            self.viewport().update()
        super().changeEvent(event)

    def viewportEvent(self, event: QtCore.QEvent) -> bool:
        kind = event.type()
        if kind == _Event.ToolTip:
            self._show_tooltip(event)  # type: ignore[arg-type]
            return True
        if kind in (_Event.HoverEnter, _Event.HoverMove):
            self._set_hover(self.indexAt(event.position().toPoint()))  # type: ignore[attr-defined]
        elif kind in (_Event.HoverLeave, _Event.Leave):
            self._set_hover(QtCore.QModelIndex())
        return super().viewportEvent(event)

    def _show_tooltip(self, event: QtGui.QHelpEvent) -> None:
        self._ensure_layout()
        index = self.indexAt(event.pos())
        rect = self.visualRect(index)
        if not index.isValid():
            host = self._header_at(event.pos())
            if host is not None:
                index = self.model().index(host, 0)
                rect = QtCore.QRect(0, event.pos().y(), self.viewport().width(), 1)
        text = index.data(Qt.ItemDataRole.ToolTipRole) if index.isValid() else None
        if text:
            QtWidgets.QToolTip.showText(event.globalPos(), text, self.viewport(), rect)
        else:
            QtWidgets.QToolTip.hideText()
            event.ignore()

    def _set_hover(self, index: QtCore.QModelIndex) -> None:
        if QtCore.QModelIndex(self._hover) == index:
            return
        old = QtCore.QModelIndex(self._hover)
        self._hover = QtCore.QPersistentModelIndex(index)
        for changed in (old, index):
            if changed.isValid():
                self.viewport().update(self.visualRect(changed))

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._wheel_zoom += event.angleDelta().y()
            notches = int(self._wheel_zoom / 120)
            if notches:
                self._wheel_zoom -= notches * 120
                self.set_door_size(
                    self.door_size() + notches * ZOOM_STEP, event.position().toPoint()
                )
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        key = event.key()
        if event.matches(QtGui.QKeySequence.StandardKey.ZoomIn) or (
            control and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
        ):
            self.zoom_in()
        elif event.matches(QtGui.QKeySequence.StandardKey.ZoomOut) or (
            control and key == Qt.Key.Key_Minus
        ):
            self.zoom_out()
        elif control and key == Qt.Key.Key_0:
            self.reset_zoom()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # Painting.

    def warm_up(self) -> None:
        """Do now, while the window is idle, the one-time work of the first paint of doors
        (pictures drawn from SVG, the look, glyph caches, the Qt enums PySide creates on
        first use), so the first scan's first screen paints without a stall."""
        counting_arrays()
        option = QtWidgets.QStyleOptionViewItem()
        self.initViewItemOption(option)
        dpr = self.viewport().devicePixelRatioF()
        self._delegate.prepare(option, dpr)
        scratch_model = DoorModel()
        scratch_model.set_plan_by_protocol({Protocol.TCP: range(10), Protocol.UDP: range(10)})
        scratch_model.add_hosts([("localhost", "127.0.0.1")])
        scratch = DoorView()
        scratch.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        scratch.setPalette(self.palette())
        scratch.setFont(self.font())
        scratch.setModel(scratch_model)
        scratch.resize(480, 240)
        canvas = QtGui.QPixmap(round(480 * dpr), round(240 * dpr))
        canvas.setDevicePixelRatio(dpr)
        scratch.render(canvas)
        scratch.setModel(None)
        scratch.deleteLater()
        scratch_model.deleteLater()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        self._ensure_layout()
        model = self._model()
        painter = QtGui.QPainter(self.viewport())
        if model is None or not self._tops:
            self._paint_empty(painter)
            return
        exposed = event.rect()
        left, top = self.horizontalOffset(), self.verticalOffset()
        y0, y1 = exposed.top() + top, exposed.bottom() + top
        x0, x1 = exposed.left() + left, exposed.right() + left
        cell_w, cell_h = self._cell.width(), self._cell.height()
        columns = self._columns
        first_column = max(0, (x0 - MARGIN) // cell_w)
        last_column = min(columns - 1, (x1 - MARGIN) // cell_w)

        option = QtWidgets.QStyleOptionViewItem()
        self.initViewItemOption(option)
        plain = option.state & ~(
            _State.State_Selected | _State.State_MouseOver | _State.State_HasFocus
        )
        marked = self._marked_doors()
        delegate = self.itemDelegate()
        # With its own delegate and model the view skips index() and data() per door.
        fast = type(delegate) is DoorDelegate and isinstance(model, DoorModel)
        if fast:
            look = delegate.prepare(option, painter.device().devicePixelRatio())
            paint_cell = delegate.paint_cell
            painter.setFont(look.font)
            port_of = _port_lookup(model)
            udp_first = model.udp_rows().start  # UDP rows come last

        section = max(0, bisect_right(self._tops, y0) - 1)
        while section < len(self._tops) and self._tops[section] <= y1:
            header_top = self._tops[section]
            if header_top + self._header > y0:
                self._paint_header(painter, section, header_top - top)
                if fast:
                    painter.setFont(look.font)
            grid_top = header_top + self._header
            count = self._counts[section]
            first_row = max(0, (y0 - grid_top) // cell_h)
            last_row = min(self._grid_rows[section] - 1, (y1 - grid_top) // cell_h)
            if first_row > last_row:
                section += 1
                continue
            visible = self._visible[section]
            if fast:
                states = model.state_codes(section)
                warned = model.warning_rows(section)
                flagged = model.finding_rows(section)
            else:
                parent = model.index(section, 0)
            for grid_row in range(first_row, last_row + 1):
                y = grid_top + grid_row * cell_h - top
                base = grid_row * columns
                for column in range(first_column, last_column + 1):
                    position = base + column
                    if position >= count:
                        break
                    row = position if visible is None else visible[position]
                    x = MARGIN + column * cell_w - left
                    marks = marked.get((section, row), 0)
                    if fast:
                        if row >= udp_first:
                            marks |= UDP
                        if warned and row in warned:
                            marks |= WARNING
                        if flagged and row in flagged:
                            marks |= FINDING
                        paint_cell(painter, look, x, y, cell_w, states[row], port_of(row), marks)
                    else:
                        option.rect = QtCore.QRect(x, y, cell_w, cell_h)
                        option.state = plain | _state_flags(marks)
                        delegate.paint(painter, option, model.index(row, 0, parent))
            section += 1

        pinned = self._pinned_header()
        if pinned is not None:
            self._paint_header(painter, pinned[0], pinned[1], pinned=True)

    def _marked_doors(self) -> dict[tuple[int, int], int]:
        """The marks (SELECTED, HOVERED, FOCUSED) of the few doors that have any, by
        (host row, door row)."""
        marked: dict[tuple[int, int], int] = {}

        def mark(index: QtCore.QModelIndex, flag: int) -> None:
            parent = index.parent()
            if parent.isValid():
                key = (parent.row(), index.row())
                marked[key] = marked.get(key, 0) | flag

        selection = self.selectionModel()
        if selection is not None:
            for index in selection.selectedIndexes()[:1024]:
                mark(index, SELECTED)
            if self.hasFocus() and self.currentIndex().isValid():
                mark(self.currentIndex(), FOCUSED)
        hover = QtCore.QModelIndex(self._hover)
        if hover.isValid():
            mark(hover, HOVERED)
        return marked

    def _paint_header(
        self, painter: QtGui.QPainter, section: int, y: int, *, pinned: bool = False
    ) -> None:
        palette = self.palette()
        width = self.viewport().width()
        band = QtCore.QRect(0, y, width, self._header)
        painter.fillRect(
            band, palette.color(_Role.AlternateBase) if not pinned else palette.color(_Role.Window)
        )
        painter.setPen(palette.color(_Role.Mid))
        painter.drawLine(band.bottomLeft(), band.bottomRight())

        index = self.model().index(section, 0)
        label = index.data(DoorRole.HOST) or ""
        address = index.data(DoorRole.ADDRESS) or ""
        counts = index.data(DoorRole.COUNTS) or {}
        x = MARGIN - self.horizontalOffset()
        font = QtGui.QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(_Role.Text))
        title = host_title(label, address)
        metrics = QtGui.QFontMetrics(font)
        title = metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, max(40, width // 2))
        text_rect = QtCore.QRect(x, y, width - x, self._header)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, align, title)
        x += metrics.horizontalAdvance(title) + 16

        painter.setFont(self.font())
        metrics = QtGui.QFontMetrics(self.font())
        theme = colors.theme_of(palette)
        dot = max(6, metrics.height() // 2)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        for state, word in _CHIPS:
            count = counts.get(state, 0)
            if not count and state is not PortState.OPEN:
                continue
            color = colors.state_color(state, theme)
            dot_rect = QtCore.QRectF(x, y + (self._header - dot) / 2, dot, dot)
            if state is None:
                painter.setPen(QtGui.QPen(color, 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(color)
            painter.drawEllipse(dot_rect)
            x += dot + 4
            painter.setPen(palette.color(_Role.Text))
            chip = f"{format_count(count)} {word}"
            painter.drawText(QtCore.QRect(x, y, width, self._header), align, chip)
            x += metrics.horizontalAdvance(chip) + 14
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)

    def _paint_empty(self, painter: QtGui.QPainter) -> None:
        palette = self.palette()
        painter.setPen(palette.color(QtGui.QPalette.ColorGroup.Disabled, _Role.Text))
        painter.drawText(
            self.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            "Doors appear here as the scan probes them.",
        )


def _state_flags(marks: int) -> QtWidgets.QStyle.StateFlag:
    flags = _State.State_None
    if marks & SELECTED:
        flags |= _State.State_Selected
    if marks & HOVERED:
        flags |= _State.State_MouseOver
    if marks & FOCUSED:
        flags |= _State.State_HasFocus
    return flags


def _port_lookup(model: DoorModel) -> Callable[[int], str]:
    """door row -> port number as text, fast when the plan has one protocol."""
    segments = [(offset, ports) for _, offset, ports in model.plan_ports() if ports]
    if len(segments) == 1:
        offset, ports = segments[0]
        return lambda row: str(ports[row - offset])
    return lambda row: str(model.door_at(row)[1])


def _runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending rows as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
