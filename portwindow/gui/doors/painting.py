"""Painting the Doors view: only the grid rows inside the exposed rectangle, each door by
the delegate (straight from the model's state bytes when both are the view's own), the
header bands with their counts, and the header of the section at the top pinned while
its doors scroll under it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from portwindow.engine import PortState, Protocol, counting_arrays, door_texts
from portwindow.gui import band_words, colors
from portwindow.gui.doors.delegate import (
    FINDING,
    FOCUSED,
    HOVERED,
    SELECTED,
    UDP,
    WARNING,
    DoorDelegate,
)
from portwindow.gui.doors.layout import MARGIN, DoorGrid
from portwindow.gui.doors.model import DoorModel, DoorRole
from portwindow.gui.doors.sections import EMPTY
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from portwindow.gui.doors.view import DoorView

_State = QtWidgets.QStyle.StateFlag
_Role = QtGui.QPalette.ColorRole


def warm_up(view: DoorView, delegate: DoorDelegate) -> None:
    """Do now, while the window is idle, the one-time work of the first paint of doors
    (pictures drawn from SVG, the look, glyph caches, the Qt enums PySide creates on
    first use), so the first scan's first screen paints without a stall."""
    counting_arrays()
    option = QtWidgets.QStyleOptionViewItem()
    view.initViewItemOption(option)
    dpr = view.viewport().devicePixelRatioF()
    delegate.prepare(option, dpr)
    scratch_model = DoorModel()
    scratch_model.set_plan_by_protocol({Protocol.TCP: range(10), Protocol.UDP: range(10)})
    scratch_model.add_hosts([("localhost", "127.0.0.1")])
    scratch = type(view)()
    scratch.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    scratch.setPalette(view.palette())
    scratch.setFont(view.font())
    scratch.setModel(scratch_model)
    scratch.resize(480, 240)
    canvas = QtGui.QPixmap(round(480 * dpr), round(240 * dpr))
    canvas.setDevicePixelRatio(dpr)
    scratch.render(canvas)
    scratch.setModel(None)
    scratch.deleteLater()
    scratch_model.deleteLater()


def paint(
    view: DoorView, grid: DoorGrid, exposed: QtCore.QRect, marked: dict[tuple[int, int], int]
) -> None:
    """Paint the grid rows of the doors and the header bands inside ``exposed``, and the
    header pinned at the top; ``marked`` are the doors selected, hovered or focused."""
    model = view.model()
    painter = QtGui.QPainter(view.viewport())
    if model is None or not grid.tops:
        _paint_empty(view, painter)
        return
    left, top = view.horizontalOffset(), view.verticalOffset()
    y0, y1 = exposed.top() + top, exposed.bottom() + top
    x0, x1 = exposed.left() + left, exposed.right() + left
    cell_w, cell_h = grid.cell.width(), grid.cell.height()
    columns = grid.columns
    first_column = max(0, (x0 - MARGIN) // cell_w)
    last_column = min(columns - 1, (x1 - MARGIN) // cell_w)

    option = QtWidgets.QStyleOptionViewItem()
    view.initViewItemOption(option)
    plain = option.state & ~(_State.State_Selected | _State.State_MouseOver | _State.State_HasFocus)
    delegate = view.itemDelegate()
    # With its own delegate and model the view skips index() and data() per door.
    fast = type(delegate) is DoorDelegate and isinstance(model, DoorModel)
    if fast:
        look = delegate.prepare(option, painter.device().devicePixelRatio())
        paint_cell = delegate.paint_cell
        painter.setFont(look.font)
        port_of = _port_lookup(model)
        udp_first = model.udp_rows().start  # UDP rows come last

    headers = _HeaderLook.of(view)
    section = max(0, bisect_right(grid.tops, y0) - 1)
    while section < len(grid.tops) and grid.tops[section] <= y1:
        header_top = grid.tops[section]
        if header_top + grid.header > y0:
            _paint_header(view, grid, painter, headers, section, header_top - top)
            if fast:
                painter.setFont(look.font)
        grid_top = header_top + grid.header
        count = grid.counts[section]
        first_row = max(0, (y0 - grid_top) // cell_h)
        last_row = min(grid.grid_rows[section] - 1, (y1 - grid_top) // cell_h)
        if first_row > last_row:
            section += 1
            continue
        visible = grid.visible[section]
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

    pinned = grid.pinned_header(view.verticalOffset())
    if pinned is not None:
        _paint_header(view, grid, painter, headers, pinned[0], pinned[1], pinned=True)


@dataclass(frozen=True)
class _HeaderLook:
    """What every header band of one paint shares, made once per paint."""

    palette: QtGui.QPalette
    width: int
    bold: QtGui.QFont
    bold_metrics: QtGui.QFontMetrics
    font: QtGui.QFont
    metrics: QtGui.QFontMetrics
    theme: object
    dot: int

    @classmethod
    def of(cls, view: DoorView) -> _HeaderLook:
        bold = QtGui.QFont(view.font())
        bold.setBold(True)
        metrics = QtGui.QFontMetrics(view.font())
        palette = view.palette()
        return cls(
            palette,
            view.viewport().width(),
            bold,
            QtGui.QFontMetrics(bold),
            view.font(),
            metrics,
            colors.theme_of(palette),
            max(6, metrics.height() // 2),
        )


def _header_data(view: DoorView, section: int) -> tuple[str, dict, str]:
    """A host's title, counts and open doors (from the model straight when it is the
    view's own)."""
    model = view.model()
    if isinstance(model, DoorModel):
        results = model.results
        title = door_texts.host_title(results.label(section), results.address(section))
        opened = model.open_doors_text(section)
        return title, results.host_counts(section), opened
    index = model.index(section, 0)
    title = door_texts.host_title(
        index.data(DoorRole.HOST) or "", index.data(DoorRole.ADDRESS) or ""
    )
    return title, index.data(DoorRole.COUNTS) or {}, index.data(DoorRole.OPEN_DOORS) or ""


def _paint_header(
    view: DoorView,
    grid: DoorGrid,
    painter: QtGui.QPainter,
    look: _HeaderLook,
    section: int,
    y: int,
    *,
    pinned: bool = False,
) -> None:
    """A host's overview row: a marker (open or collapsed), its title, its counts as
    chips, its open doors."""
    palette, width = look.palette, look.width
    band = QtCore.QRect(0, y, width, grid.header)
    painter.fillRect(
        band, palette.color(_Role.AlternateBase) if not pinned else palette.color(_Role.Window)
    )
    painter.setPen(palette.color(_Role.Mid))
    painter.drawLine(band.bottomLeft(), band.bottomRight())

    title, counts, opened = _header_data(view, section)
    collapsed = grid.visible[section] is EMPTY if section < len(grid.visible) else False
    x = MARGIN - view.horizontalOffset()
    painter.setFont(look.bold)
    painter.setPen(palette.color(_Role.Text))
    title = f"{'▸' if collapsed else '▾'} {title}"
    title = look.bold_metrics.elidedText(title, Qt.TextElideMode.ElideMiddle, max(40, width // 2))
    align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.drawText(QtCore.QRect(x, y, width - x, grid.header), align, title)
    x += look.bold_metrics.horizontalAdvance(title) + 16

    painter.setFont(look.font)
    dot = look.dot
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    for state in band_words.ORDER:
        count = counts.get(state, 0)
        if not count and state is not PortState.OPEN:
            continue
        color = colors.state_color(state, look.theme)
        dot_rect = QtCore.QRectF(x, y + (grid.header - dot) / 2, dot, dot)
        if state is None:
            painter.setPen(QtGui.QPen(color, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
        painter.drawEllipse(dot_rect)
        x += dot + 4
        painter.setPen(palette.color(_Role.Text))
        chip = band_words.count(state, count, chip=True)
        painter.drawText(QtCore.QRect(x, y, width, grid.header), align, chip)
        x += look.metrics.horizontalAdvance(chip) + 14
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
    if opened and x < width - 40:
        text = look.metrics.elidedText(opened, Qt.TextElideMode.ElideRight, width - x - MARGIN)
        painter.drawText(QtCore.QRect(x, y, width - x, grid.header), align, text)


def _paint_empty(view: DoorView, painter: QtGui.QPainter) -> None:
    palette = view.palette()
    painter.setPen(palette.color(QtGui.QPalette.ColorGroup.Disabled, _Role.Text))
    text = view.property("emptyText")  # "" when a notice says why it is empty
    painter.drawText(
        view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN),
        Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
        "Doors appear here as the scan probes them." if text is None else text,
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


def marked_doors(
    view: DoorView, hovered: QtCore.QPersistentModelIndex
) -> dict[tuple[int, int], int]:
    """The marks (SELECTED, HOVERED, FOCUSED) of the few doors that have any, by
    (host row, door row)."""
    marked: dict[tuple[int, int], int] = {}

    def mark(index: QtCore.QModelIndex, flag: int) -> None:
        parent = index.parent()
        if parent.isValid():
            key = (parent.row(), index.row())
            marked[key] = marked.get(key, 0) | flag

    selection = view.selectionModel()
    if selection is not None:
        for index in selection.selectedIndexes()[:1024]:
            mark(index, SELECTED)
        if view.hasFocus() and view.currentIndex().isValid():
            mark(view.currentIndex(), FOCUSED)
    hover = QtCore.QModelIndex(hovered)
    if hover.isValid():
        mark(hover, HOVERED)
    return marked


def repaint_doors(
    view: DoorView, grid: DoorGrid, pending: bool, section: int, first: int, last: int
) -> None:
    """Ask for a repaint of the part of the viewport that shows door rows first-last of
    a host (all of it while a layout is ``pending``; nothing for a host not laid out
    yet: its layout, due soon, repaints what it moves)."""
    viewport = view.viewport()
    if pending:
        viewport.update()
        return
    if section >= len(grid.tops):
        return
    span = grid.rows_span(section, first, last)
    if span is not None:
        top = span[0] - view.verticalOffset()
        band = QtCore.QRect(0, top, viewport.width(), span[1] - span[0]) & viewport.rect()
        if not band.isEmpty():
            viewport.update(band)


def repaint_headers(view: DoorView, grid: DoorGrid, pending: bool, first: int, last: int) -> None:
    """Ask for a repaint of the header bands of hosts first-last that are on screen (the
    sections on screen only, however many hosts the range holds)."""
    viewport = view.viewport()
    if pending:
        viewport.update()
        return
    width, top = viewport.width(), view.verticalOffset()
    pinned = grid.pinned_header(top)
    if pinned is not None and first <= pinned[0] <= last:
        viewport.update(QtCore.QRect(0, pinned[1], width, grid.header))
    on_screen = max(first, bisect_right(grid.tops, top) - 1)
    bottom = top + viewport.height()
    for section in range(on_screen, min(last, len(grid.tops) - 1) + 1):
        if grid.tops[section] > bottom:
            break
        band = QtCore.QRect(0, grid.tops[section] - top, width, grid.header)
        if band.intersects(viewport.rect()):
            viewport.update(band)


def selection_region(view: DoorView, selection: QtCore.QItemSelection) -> QtGui.QRegion:
    """The viewport region of the selected doors (all of it past 1,024 of them)."""
    region = QtGui.QRegion()
    viewport = view.viewport().rect()
    model = view.model()
    budget = 1024
    for selected in selection:
        parent = selected.parent()
        if not parent.isValid():
            continue
        for row in range(selected.top(), selected.bottom() + 1):
            budget -= 1
            if budget < 0:
                return QtGui.QRegion(viewport)
            rect = view.visualRect(model.index(row, 0, parent))
            if rect.intersects(viewport):
                region += rect
    return region
