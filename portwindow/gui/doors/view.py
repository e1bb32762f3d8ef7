"""The Doors view: per host a header band, then the host's doors in a wrapping grid.

All cells have one size (the delegate's, set by the zoom), so the layout is arithmetic
(``layout.py``): nothing is stored per door except, while a filter or a search hides some
doors, each host's ascending list of shown door rows. Painting (``painting.py``) visits
only the grid rows inside the exposed rectangle, so one host of 65,535 doors scrolls as
fast as one of ten; the header of the section at the top stays pinned.

The model's batches repaint at once (a state is a colour; the layout does not move), and
the layout is redone at most every 100 ms for new hosts, or for doors that a state filter
now shows or hides. Filter, search, zoom and resizes lay out before the next paint.

The main window learns the chosen door from ``selectionModel().currentChanged`` or, the
same, from :attr:`DoorView.doorActivated`: both fire on clicks and on keyboard moves.
Only doors can be current; the header bands show their host's tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable

from portwindow.engine import PortState
from portwindow.gui.doors import painting, words
from portwindow.gui.doors.delegate import (
    DEFAULT_DOOR_SIZE,
    MAX_DOOR_SIZE,
    MIN_DOOR_SIZE,
    DoorDelegate,
)
from portwindow.gui.doors.filter import DoorFilter
from portwindow.gui.doors.layout import DoorGrid
from portwindow.gui.doors.model import DoorModel
from portwindow.gui.doors.sections import EMPTY, Sections
from portwindow.gui.i18n import translate
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

RELAYOUT_DELAY_MS = 100
ZOOM_STEP = 4

_Action = QtWidgets.QAbstractItemView.CursorAction
_Event = QtCore.QEvent.Type
_Hint = QtWidgets.QAbstractItemView.ScrollHint
_ENSURE_VISIBLE = _Hint.EnsureVisible
_SCROLL_HINTS = {
    _Hint.PositionAtTop: "top",
    _Hint.PositionAtBottom: "bottom",
    _Hint.PositionAtCenter: "center",
}
_MOVES = {
    _Action.MoveRight: "next",
    _Action.MoveNext: "next",
    _Action.MoveLeft: "previous",
    _Action.MovePrevious: "previous",
    _Action.MoveDown: "down",
    _Action.MoveUp: "up",
    _Action.MovePageDown: "page down",
    _Action.MovePageUp: "page up",
    _Action.MoveHome: "home",
    _Action.MoveEnd: "end",
}


class DoorView(QtWidgets.QAbstractItemView):
    """Shows a :class:`DoorModel` as doors grouped per host. Single selection of doors."""

    #: The current door changed (click or keyboard); an invalid index when there is none.
    doorActivated = Signal(QtCore.QModelIndex)
    #: The door size changed (also by Ctrl+wheel or Ctrl+plus/minus/0).
    doorSizeChanged = Signal(int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._filter = DoorFilter()
        self._sections = Sections(self._filter)  # collapsed hosts, and what each shows
        self._grid = DoorGrid()  # the layout, per section (one per host row)

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
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QtWidgets.QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setAccessibleName(translate("DoorView", words.NAME))
        self.setAccessibleDescription(translate("DoorView", words.DESCRIPTION))

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

    def set_collapsed(self, host_row: int | None, collapsed: bool | None = None) -> None:
        """Show a host's overview row alone (``collapsed``), or its doors too; None: the
        other way round. ``host_row`` None: every host (``collapsed`` then a bool)."""
        model = self._model()
        if model is None:
            return
        if host_row is None:
            self._sections.choose_all(bool(collapsed))
            self._refilter()
            return
        self._sections.choose(model, host_row, collapsed)
        kept = self._anchor(0) if self.verticalOffset() else None
        self._dirty_hosts.add(host_row)
        self._layout_pending = True
        self._ensure_layout()
        self._restore(kept)

    def is_collapsed(self, host_row: int) -> bool:
        self._ensure_layout()
        visible = self._grid.visible
        return 0 <= host_row < len(visible) and visible[host_row] is EMPTY

    def shown_door_count(self, host_row: int | None = None) -> int:
        """How many doors the filter shows, for one host or for all."""
        self._ensure_layout()
        if host_row is None:
            return sum(self._grid.counts)
        return self._grid.counts[host_row] if 0 <= host_row < len(self._grid.counts) else 0

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
        """Lay out what changed: the hosts added since the last layout and the hosts whose
        shown doors changed (all of them after a new filter, zoom or width)."""
        self._layout_pending = False
        self._relayout_timer.stop()
        model = self._model()
        hosts = model.rowCount() if model is not None else 0
        changed: set[int] | None = self._dirty_hosts
        if model is not None and self._sections.follow(model):
            self._refilter_all = True
        if self._refilter_all:
            self._grid.visible = []
            self._refilter_all = False
            changed = None
        visible = self._grid.visible
        del visible[hosts:]
        for host_row in changed or ():
            if host_row < len(visible):
                visible[host_row] = self._sections.visible_rows(model, host_row)
        if self._sections.shows_everything():
            visible.extend([None] * (hosts - len(visible)))
        else:
            shown = self._sections.visible_rows
            visible.extend(shown(model, h) for h in range(len(visible), hosts))

        option = QtWidgets.QStyleOptionViewItem()
        self.initViewItemOption(option)
        cell = self.itemDelegate().sizeHint(option, QtCore.QModelIndex())
        header = QtGui.QFontMetrics(self.font()).height() + 12
        door_count = model.door_count() if model is not None else 0
        first = self._grid.lay_out(door_count, cell, self.viewport().width(), header, changed)
        self._dirty_hosts = set()
        self.updateGeometries()
        tops = self._grid.tops
        # What moved is below the screen (hosts added at the end): nothing to repaint.
        bottom = self.verticalOffset() + self.viewport().height()
        if not tops or (first < len(tops) and tops[first] <= bottom):
            self.viewport().update()

    def _anchor(self, viewport_y: int) -> tuple[QtCore.QPersistentModelIndex, int] | None:
        """The door nearest to a viewport height, and that door's top, to keep in place."""
        self._ensure_layout()
        position = self._grid.place_near(viewport_y + self.verticalOffset())
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

    def _position(self, index: QtCore.QModelIndex) -> tuple[int, int] | None:
        """Where a door is shown; None for hosts, hidden doors and foreign indexes."""
        if not index.isValid() or index.model() is not self.model():
            return None
        parent = index.parent()
        if not parent.isValid():
            return None
        return self._grid.place_of_row(parent.row(), index.row())

    def _door(self, section: int, position: int) -> QtCore.QModelIndex:
        model = self.model()
        return model.index(self._grid.row_at(section, position), 0, model.index(section, 0))

    # QAbstractItemView.

    def setModel(self, model: QtCore.QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            old.rowsRemoved.disconnect(self._rows_moved)
            old.layoutChanged.disconnect(self._rows_moved)
            if isinstance(old, DoorModel):
                old.doorsChanged.disconnect(self._doors_changed)
        super().setModel(model)
        if model is not None:
            # Door rows moved: the layout must not be used before it is redone.
            model.rowsRemoved.connect(self._rows_moved)
            model.layoutChanged.connect(self._rows_moved)
            if isinstance(model, DoorModel):
                model.doorsChanged.connect(self._doors_changed)
        self._hover = QtCore.QPersistentModelIndex()
        self._sections.reset()
        self._refilter_all = True
        self._layout_pending = True

    def _rows_moved(self, *_args: object) -> None:
        self._refilter_all = True
        self._layout_pending = True
        self.viewport().update()

    def reset(self) -> None:
        super().reset()
        self._sections.reset()
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

    def _doors_changed(self, spans: tuple[tuple[int, int, int], ...]) -> None:
        """A batch changed these (host row, first, last door row): repaint those on
        screen, and lay out again the hosts a state filter shows differently now."""
        hosts = [host_row for host_row, _first, _last in spans]
        if self._filter.depends_on_state():
            self._dirty_hosts.update(hosts)
            self._schedule_relayout()
        flipped = self._sections.flipped(self._model(), self._grid.visible, hosts)
        if flipped:  # a collapsed host's first open door: it opens
            self._dirty_hosts.update(flipped)
            self._schedule_relayout()
        grid = self._grid
        if self._layout_pending:
            self.viewport().update()
            return
        top = self.verticalOffset()
        bottom = top + self.viewport().height()
        for section, first, last in spans:
            shown = section < len(grid.tops) and grid.tops[section] <= bottom
            if shown and grid.tops[section] + grid.heights[section] >= top:
                self._update_doors(section, first, last)

    def _update_doors(self, section: int, first: int, last: int) -> None:
        """Repaint the part of the viewport that shows door rows first-last of a host."""
        painting.repaint_doors(self, self._grid, self._layout_pending, section, first, last)

    def _update_headers(self, first: int, last: int) -> None:
        """Repaint the header bands of hosts first-last where they are on screen."""
        painting.repaint_headers(self, self._grid, self._layout_pending, first, last)

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
        rect = self._content_rect(index)
        if rect is None:
            return QtCore.QRect()
        return rect.translated(-self.horizontalOffset(), -self.verticalOffset())

    def _content_rect(self, index: QtCore.QModelIndex) -> QtCore.QRect | None:
        """A door's cell, or a host's header band, before scrolling; None for an index
        that is hidden or not shown here."""
        position = self._position(index)
        if position is not None:
            return self._grid.door_rect(*position)
        if index.isValid() and not index.parent().isValid() and index.row() < len(self._grid.tops):
            grid = self._grid
            return QtCore.QRect(0, grid.tops[index.row()], grid.content.width(), grid.header)
        return None

    def indexAt(self, point: QtCore.QPoint) -> QtCore.QModelIndex:
        self._ensure_layout()
        pinned = self._grid.pinned_header(self.verticalOffset())
        if pinned is not None and point.y() < pinned[1] + self._grid.header:
            return QtCore.QModelIndex()
        position = self._grid.place_at(
            point.x() + self.horizontalOffset(), point.y() + self.verticalOffset()
        )
        return QtCore.QModelIndex() if position is None else self._door(*position)

    def scrollTo(
        self,
        index: QtCore.QModelIndex,
        hint: QtWidgets.QAbstractItemView.ScrollHint = _ENSURE_VISIBLE,
    ) -> None:
        self._ensure_layout()
        rect = self._content_rect(index)
        if rect is None:
            return
        if self._position(index) is None:  # a host: the top of its doors
            rect = QtCore.QRect(0, rect.bottom() + 1, 1, 0)
        viewport = self.viewport().rect().translated(self.horizontalOffset(), self.verticalOffset())
        left, top = self._grid.scroll_target(rect, viewport, _SCROLL_HINTS.get(hint, "visible"))
        self.verticalScrollBar().setValue(top)
        self.horizontalScrollBar().setValue(left)

    def moveCursor(
        self, action: QtWidgets.QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QtCore.QModelIndex:
        self._ensure_layout()
        sections = self._grid.shown_sections()
        if not sections:
            return QtCore.QModelIndex()
        current = self.currentIndex()
        parent = current.parent() if current.isValid() else QtCore.QModelIndex()
        if not parent.isValid() or parent.row() >= len(self._grid.counts):
            return self._door(sections[0], 0)
        section = parent.row()
        position = self._grid.position_of_row(section, current.row())
        if not self._grid.counts[section] or self._position(current) is None:
            # The current door is hidden: start from the shown door that takes its place.
            nearest = self._grid.step(section, min(position, self._grid.counts[section]), 0)
            return self._door(*nearest) if nearest else QtCore.QModelIndex()
        move = _MOVES.get(action)
        page = max(1, (self.viewport().height() - self._grid.header) // self._grid.cell.height())
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        target = self._grid.target(move, section, position, page, control) if move else None
        return self._door(*target) if target else current

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
        for section, start, stop in self._grid.row_runs_in(area):
            parent = model.index(section, 0)
            selection.select(model.index(start, 0, parent), model.index(stop, 0, parent))
        self.selectionModel().select(selection, command)

    def visualRegionForSelection(self, selection: QtCore.QItemSelection) -> QtGui.QRegion:
        return painting.selection_region(self, selection)

    def updateGeometries(self) -> None:
        self._ensure_layout()
        viewport = self.viewport().size()
        vertical = self.verticalScrollBar()
        vertical.setRange(0, max(0, self._grid.content.height() - viewport.height()))
        vertical.setPageStep(viewport.height())
        vertical.setSingleStep(max(1, self._grid.cell.height() // 2))
        horizontal = self.horizontalScrollBar()
        horizontal.setRange(0, max(0, self._grid.content.width() - viewport.width()))
        horizontal.setPageStep(viewport.width())
        horizontal.setSingleStep(max(1, self._grid.cell.width() // 2))
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
            host = self._grid.header_at(event.pos().y(), self.verticalOffset())
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

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        """A click on a host's band opens or collapses the host."""
        self._ensure_layout()
        host = self._grid.header_at(event.position().toPoint().y(), self.verticalOffset())
        if host is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.set_collapsed(host)
        event.accept()

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
        elif key in (Qt.Key.Key_Asterisk, Qt.Key.Key_Slash):  # as a tree: open, collapse all
            self.set_collapsed(None, key == Qt.Key.Key_Slash)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # Painting.

    def warm_up(self) -> None:
        """Do now, while the window is idle, the one-time work of the first paint of doors
        (see ``painting.warm_up``), so the first scan's first screen paints at once."""
        painting.warm_up(self, self._delegate)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        self._ensure_layout()
        painting.paint(self, self._grid, event.rect(), painting.marked_doors(self, self._hover))
