"""The Doors view's delegate: paints one door (its picture and its port number) in a cell.

Every cell has the same size, set by the zoom level (the door's height in pixels), so the
view lays doors out with arithmetic and asks :meth:`DoorDelegate.sizeHint` once. A UDP
door carries a small "UDP" tag at its top left (TCP doors are unmarked), and a door whose
program speaks another service than the one registered for its port a red "!" at its top
right; both are drawn once per look and stamped as pixmaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from portwindow.engine import PortState, Protocol
from portwindow.gui import colors
from portwindow.gui.doors.model import CODE_STATES, STATE_CODES, DoorRole
from portwindow.gui.doors.pictures import DoorPictures, door_pictures, door_width
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets

MIN_DOOR_SIZE = 24
MAX_DOOR_SIZE = 96
DEFAULT_DOOR_SIZE = 40

PADDING = 3  # between the cell's edge and the door or its label
LABEL_GAP = 1  # between the door and its label
WIDEST_LABEL = "65535"

#: Marks of a door for paint_cell(), combined with |.
SELECTED = 1
HOVERED = 2
FOCUSED = 4
UDP = 8
WARNING = 16
FINDING = 32  # the expected-doors audit marked it: a red ring

UDP_TAG = "UDP"

_State = QtWidgets.QStyle.StateFlag
_Role = QtGui.QPalette.ColorRole


def mix(a: QtGui.QColor, b: QtGui.QColor, amount: float) -> QtGui.QColor:
    """``a`` moved ``amount`` (0-1) of the way towards ``b``."""
    return QtGui.QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


@dataclass(slots=True, eq=False)
class DoorLook:
    """Everything :meth:`DoorDelegate.paint_cell` needs, prepared once per paint."""

    pixmaps: tuple[QtGui.QPixmap, ...]  # by state code
    pens: tuple[QtGui.QColor, ...]  # the label's colour, by state code
    font: QtGui.QFont
    door_x: int  # the picture's offset in the cell
    label_y: int
    line: int
    selected_brush: QtGui.QColor
    selected_pen: QtGui.QPen
    hovered_brush: QtGui.QColor
    palette: QtGui.QPalette
    base: QtGui.QColor
    style: QtWidgets.QStyle  # not the widget: a look must not keep its view alive
    labels: dict[str, tuple[QtGui.QStaticText, int]]  # label -> (text, width)
    udp_tag: QtGui.QPixmap
    udp_at: QtCore.QPoint  # the tag's offset in the cell
    warning_badge: QtGui.QPixmap
    warning_at: QtCore.QPoint
    finding_pen: QtGui.QPen
    finding_rect: QtCore.QRectF  # the ring's place in the cell


class DoorDelegate(QtWidgets.QStyledItemDelegate):
    """Paints doors of a :class:`~portwindow.gui.doors.model.DoorModel`."""

    def __init__(
        self, parent: QtCore.QObject | None = None, pictures: DoorPictures | None = None
    ) -> None:
        super().__init__(parent)
        self._size = DEFAULT_DOOR_SIZE
        self._pictures = pictures
        self._fonts: dict[tuple[str, int], tuple[QtGui.QFont, int, int]] = {}
        self._looks: dict[tuple, DoorLook] = {}

    def door_size(self) -> int:
        return self._size

    def set_door_size(self, size: int) -> int:
        """Set the door's height in pixels, kept within 24-96; returns the size set."""
        self._size = max(MIN_DOOR_SIZE, min(MAX_DOOR_SIZE, int(size)))
        return self._size

    def label_font(self, font: QtGui.QFont) -> tuple[QtGui.QFont, int, int]:
        """The port number's font for the current size: (font, line height, widest label)."""
        key = (font.key(), self._size)
        cached = self._fonts.get(key)
        if cached is None:
            # Smaller than the view's font for small doors, a little larger for big ones.
            scale = 0.8 + 0.4 * (self._size - MIN_DOOR_SIZE) / (MAX_DOOR_SIZE - MIN_DOOR_SIZE)
            small = QtGui.QFont(font)
            if font.pointSizeF() > 0:
                small.setPointSizeF(max(6.0, font.pointSizeF() * scale))
            else:
                small.setPixelSize(max(8, round(font.pixelSize() * scale)))
            metrics = QtGui.QFontMetrics(small)
            cached = (small, metrics.height(), metrics.horizontalAdvance(WIDEST_LABEL))
            self._fonts[key] = cached
        return cached

    def sizeHint(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> QtCore.QSize:
        _, line, widest = self.label_font(option.font)
        width = max(door_width(self._size), widest) + 2 * PADDING
        height = PADDING + self._size + LABEL_GAP + line + PADDING
        return QtCore.QSize(width, height)

    def prepare(self, option: QtWidgets.QStyleOptionViewItem, dpr: float) -> DoorLook:
        """What painting doors with ``option``'s palette and font needs, computed once
        per palette, font, size and device pixel ratio."""
        palette = option.palette
        style = option.widget.style() if option.widget else QtWidgets.QApplication.style()
        key = (palette.cacheKey(), option.font.key(), self._size, dpr, id(style))
        look = self._looks.get(key)
        if look is None:
            if len(self._looks) >= 16:
                self._looks.clear()
            look = self._make_look(option, dpr, style)
            self._looks[key] = look
        return look

    def _make_look(
        self, option: QtWidgets.QStyleOptionViewItem, dpr: float, style: QtWidgets.QStyle
    ) -> DoorLook:
        palette = QtGui.QPalette(option.palette)  # a copy: the option's dies with it
        text = palette.color(_Role.Text)
        base = QtGui.QColor(palette.color(_Role.Base))
        frame_ink = mix(text, base, 0.3)
        outline_ink = mix(text, base, 0.55)
        pictures = self._pictures or door_pictures()
        pixmaps = tuple(
            pictures.pixmap(state, self._size, dpr, outline_ink if state is None else frame_ink)
            for state in CODE_STATES
        )
        pens = tuple(mix(text, base, 0.45) if state is None else text for state in CODE_STATES)
        font, line, _ = self.label_font(option.font)
        highlight = palette.color(_Role.Highlight)
        selected = QtGui.QColor(highlight)
        selected.setAlpha(110)
        hovered = QtGui.QColor(highlight)
        hovered.setAlpha(45)
        cell = self.sizeHint(option, QtCore.QModelIndex())
        door_x = (cell.width() - door_width(self._size)) // 2
        udp_tag = _udp_tag(self._size, dpr, option.font, ink=text, paper=base)
        badge = _warning_badge(self._size, dpr, colors.warning_color(colors.theme_of(palette)))
        tag_size = udp_tag.deviceIndependentSize()
        badge_size = badge.deviceIndependentSize()
        # The tag hangs over the frame's top left corner; the badge over its top right,
        # both kept inside the cell.
        udp_at = QtCore.QPoint(max(0, door_x - round(tag_size.width() * 0.2)), 1)
        warning_right = min(cell.width(), door_x + door_width(self._size) + 2)
        warning_at = QtCore.QPoint(round(warning_right - badge_size.width()), 0)
        return DoorLook(
            pixmaps=pixmaps,
            pens=pens,
            font=font,
            door_x=door_x,
            label_y=PADDING + self._size + LABEL_GAP,
            line=line,
            selected_brush=selected,
            selected_pen=QtGui.QPen(highlight, 1),
            hovered_brush=hovered,
            palette=palette,
            base=base,
            style=style,
            labels={},
            udp_tag=udp_tag,
            udp_at=udp_at,
            warning_badge=badge,
            warning_at=warning_at,
            finding_pen=QtGui.QPen(colors.warning_color(colors.theme_of(palette)), 2.5),
            finding_rect=QtCore.QRectF(
                door_x - 2.5, PADDING - 2.5, door_width(self._size) + 5, self._size + 5
            ),
        )

    def paint(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        index: QtCore.QModelIndex,
    ) -> None:
        if not index.parent().isValid():  # a host row: not a door
            super().paint(painter, option, index)
            return
        badges = (UDP if index.data(DoorRole.PROTOCOL) is Protocol.UDP else 0) | (
            WARNING if index.data(DoorRole.WARNING) else 0
        )
        if index.data(DoorRole.FINDING) is not None:
            badges |= FINDING
        self.paint_door(
            painter,
            option,
            index.data(DoorRole.STATE),
            index.data(Qt.ItemDataRole.DisplayRole),
            badges,
        )

    def paint_door(
        self,
        painter: QtGui.QPainter,
        option: QtWidgets.QStyleOptionViewItem,
        state: PortState | None,
        label: str,
        badges: int = 0,
    ) -> None:
        """Paint a door in ``option.rect``, marked as ``option.state`` says, with
        ``badges`` (UDP, WARNING, FINDING) on it."""
        look = self.prepare(option, painter.device().devicePixelRatio())
        flags = option.state
        marks = (
            (SELECTED if flags & _State.State_Selected else 0)
            | (HOVERED if flags & _State.State_MouseOver else 0)
            | (FOCUSED if flags & _State.State_HasFocus else 0)
            | badges
        )
        painter.save()
        painter.setFont(look.font)
        rect = option.rect
        self.paint_cell(
            painter, look, rect.x(), rect.y(), rect.width(), STATE_CODES[state], label, marks
        )
        painter.restore()

    def paint_cell(
        self,
        painter: QtGui.QPainter,
        look: DoorLook,
        x: int,
        y: int,
        width: int,
        code: int,
        label: str,
        marks: int = 0,
    ) -> None:
        """Paint one door whose state code is ``code`` in the cell at (x, y); the view
        calls this for every door on screen, with the painter's font set to look.font."""
        if marks & (SELECTED | HOVERED):
            painter.save()
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            if marks & SELECTED:
                painter.setPen(look.selected_pen)
                painter.setBrush(look.selected_brush)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(look.hovered_brush)
            height = look.label_y + look.line + PADDING
            painter.drawRoundedRect(QtCore.QRectF(x + 0.5, y + 0.5, width - 1, height - 1), 4, 4)
            painter.restore()

        # Under the door and its label: some styles (Fusion) fill the focus frame.
        if marks & FOCUSED:
            focus = QtWidgets.QStyleOptionFocusRect()
            focus.rect = QtCore.QRect(
                x + 1, y + 1, width - 2, look.label_y + look.line + PADDING - 2
            )
            focus.palette = look.palette
            focus.state = (
                _State.State_Enabled | _State.State_KeyboardFocusChange | _State.State_Item
            )
            focus.backgroundColor = look.base
            look.style.drawPrimitive(
                QtWidgets.QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, None
            )

        painter.drawPixmap(x + look.door_x, y + PADDING, look.pixmaps[code])
        if marks & FINDING:
            painter.save()
            painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
            painter.setPen(look.finding_pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(look.finding_rect.translated(x, y), 4, 4)
            painter.restore()
        if marks & UDP:
            painter.drawPixmap(x + look.udp_at.x(), y + look.udp_at.y(), look.udp_tag)
        if marks & WARNING:
            painter.drawPixmap(x + look.warning_at.x(), y + look.warning_at.y(), look.warning_badge)
        text = look.labels.get(label)
        if text is None:
            if len(look.labels) >= 8192:
                look.labels.clear()
            static = QtGui.QStaticText(label)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QtGui.QTransform(), look.font)
            text = (static, int(static.size().width()))
            look.labels[label] = text
        painter.setPen(look.pens[code])
        painter.drawStaticText(x + (width - text[1]) // 2, y + look.label_y, text[0])


def _blank(width: float, height: float, dpr: float) -> QtGui.QPixmap:
    pixmap = QtGui.QPixmap(max(1, round(width * dpr)), max(1, round(height * dpr)))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _udp_tag(
    size: int, dpr: float, font: QtGui.QFont, *, ink: QtGui.QColor, paper: QtGui.QColor
) -> QtGui.QPixmap:
    """The "UDP" tag for doors ``size`` pixels tall: paper-coloured letters on ink, so it
    reads on every palette and never looks like a state colour."""
    tag_font = QtGui.QFont(font)
    tag_font.setBold(True)
    tag_font.setPixelSize(max(8, round(size * 0.17) + 2))
    tag_font.setLetterSpacing(QtGui.QFont.SpacingType.AbsoluteSpacing, 0.3)
    metrics = QtGui.QFontMetricsF(tag_font)
    text_rect = metrics.tightBoundingRect(UDP_TAG)
    pad_x, pad_y = 2.0, 1.5
    width = metrics.horizontalAdvance(UDP_TAG) + 2 * pad_x
    height = text_rect.height() + 2 * pad_y + 1
    pixmap = _blank(width, height, dpr)
    painter = QtGui.QPainter(pixmap)
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QtGui.QPainter.RenderHint.TextAntialiasing)
        box = QtCore.QRectF(0.5, 0.5, width - 1, height - 1)
        painter.setPen(QtGui.QPen(paper, 1))
        painter.setBrush(ink)
        painter.drawRoundedRect(box, 2.5, 2.5)
        painter.setFont(tag_font)
        painter.setPen(paper)
        baseline = (height - text_rect.height()) / 2 - text_rect.top()
        painter.drawText(QtCore.QPointF(pad_x, baseline), UDP_TAG)
    finally:
        painter.end()
    return pixmap


def _warning_badge(size: int, dpr: float, color: QtGui.QColor) -> QtGui.QPixmap:
    """A red disc with a white "!" for doors ``size`` pixels tall, drawn as shapes (no
    font) so it is the same everywhere."""
    diameter = max(11.0, round(size * 0.3))
    pixmap = _blank(diameter, diameter, dpr)
    painter = QtGui.QPainter(pixmap)
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setPen(QtGui.QPen(QtGui.QColor("white"), 1))
        painter.setBrush(color)
        painter.drawEllipse(QtCore.QRectF(0.5, 0.5, diameter - 1, diameter - 1))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QtGui.QColor("white"))
        stroke = diameter * 0.16
        middle = diameter / 2
        painter.drawRoundedRect(
            QtCore.QRectF(middle - stroke / 2, diameter * 0.2, stroke, diameter * 0.4),
            stroke / 2,
            stroke / 2,
        )
        dot = stroke * 1.1
        painter.drawEllipse(QtCore.QRectF(middle - dot / 2, diameter * 0.68, dot, dot))
    finally:
        painter.end()
    return pixmap
