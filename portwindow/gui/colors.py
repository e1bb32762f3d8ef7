"""The colours of port states, the single source for every view that paints them.

The door view, the results table (a dot in the State column), the details panel and the
status bar's counts all take a state's colour from here, in a light and a dark variant so
that the dots stay readable on either palette; so does the warning mark of a door whose
program speaks another service than the one registered for its port. The hex strings are
plain data; the helpers below turn them into Qt colours and icons.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from portwindow.engine import PortState
from portwindow.gui.qt import Qt, QtCore, QtGui

OPEN_GREEN = "#2e9d4f"
CLOSED_GREY = "#8a8a8a"
FILTERED_AMBER = "#d99a00"
OPEN_FILTERED_PURPLE = "#7a67b3"
UNPROBED_OUTLINE = "#b4b8bf"

OPEN_GREEN_DARK = "#4cc26f"
CLOSED_GREY_DARK = "#9a9a9a"
FILTERED_AMBER_DARK = "#f0b429"
OPEN_FILTERED_PURPLE_DARK = "#a897e2"
UNPROBED_OUTLINE_DARK = "#5f6670"

# The badge on a door whose program does not speak the service registered for its port.
WARNING_RED = "#d32f2f"
WARNING_RED_DARK = "#ef5350"


class Theme(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


# ``None`` stands for a door that has not been probed yet (drawn as an outline).
STATE_COLORS: Mapping[Theme, Mapping[PortState | None, str]] = MappingProxyType(
    {
        Theme.LIGHT: MappingProxyType(
            {
                PortState.OPEN: OPEN_GREEN,
                PortState.CLOSED: CLOSED_GREY,
                PortState.FILTERED: FILTERED_AMBER,
                PortState.OPEN_FILTERED: OPEN_FILTERED_PURPLE,
                None: UNPROBED_OUTLINE,
            }
        ),
        Theme.DARK: MappingProxyType(
            {
                PortState.OPEN: OPEN_GREEN_DARK,
                PortState.CLOSED: CLOSED_GREY_DARK,
                PortState.FILTERED: FILTERED_AMBER_DARK,
                PortState.OPEN_FILTERED: OPEN_FILTERED_PURPLE_DARK,
                None: UNPROBED_OUTLINE_DARK,
            }
        ),
    }
)


WARNING_COLORS: Mapping[Theme, str] = MappingProxyType(
    {Theme.LIGHT: WARNING_RED, Theme.DARK: WARNING_RED_DARK}
)


def is_dark(palette: QtGui.QPalette) -> bool:
    """Whether ``palette`` draws light text on a dark window."""
    window = palette.color(QtGui.QPalette.ColorRole.Window)
    text = palette.color(QtGui.QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def theme_of(palette: QtGui.QPalette) -> Theme:
    return Theme.DARK if is_dark(palette) else Theme.LIGHT


def state_color(state: PortState | None, theme: Theme = Theme.LIGHT) -> QtGui.QColor:
    return QtGui.QColor(STATE_COLORS[theme][state])


def warning_color(theme: Theme = Theme.LIGHT) -> QtGui.QColor:
    return QtGui.QColor(WARNING_COLORS[theme])


def state_dot(state: PortState | None, theme: Theme = Theme.LIGHT) -> QtGui.QIcon:
    """A small filled dot in the state's colour (an outlined ring for an unprobed door).

    Drawn at 1x and 2x so that it stays crisp on high-density screens. Needs a
    QGuiApplication; callers keep the icons they use (pixmaps must not outlive it).
    """
    icon = QtGui.QIcon()
    for scale in (1, 2):
        icon.addPixmap(
            _dot_pixmap(STATE_COLORS[theme][state], filled=state is not None, scale=scale)
        )
    return icon


_DOT_BOX = 16  # the item views' small icon size
_DOT_DIAMETER = 10


def _dot_pixmap(color: str, *, filled: bool, scale: int) -> QtGui.QPixmap:
    pixmap = QtGui.QPixmap(_DOT_BOX * scale, _DOT_BOX * scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    try:
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        margin = (_DOT_BOX - _DOT_DIAMETER) / 2
        box = QtCore.QRectF(margin, margin, _DOT_DIAMETER, _DOT_DIAMETER)
        if filled:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QtGui.QColor(color))
        else:
            pen = QtGui.QPen(QtGui.QColor(color))
            pen.setWidthF(1.5)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            box.adjust(0.75, 0.75, -0.75, -0.75)
        painter.drawEllipse(box)
    finally:
        painter.end()
    return pixmap
