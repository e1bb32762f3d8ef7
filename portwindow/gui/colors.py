"""The colours of port states, the single source for every view that paints them.

The door view, the results table (a dot in the State column), the details panel and the
status bar's counts all take a state's colour from here, in a light and a dark variant so
that the dots stay readable on either palette; so does the warning mark of a door whose
program speaks another service than the one registered for its port. The hex strings are
plain data; the helpers below turn them into Qt colours and icons.

Every pair meets WCAG 2.1 AA on the palettes' backgrounds (:data:`BACKGROUNDS`, the
lightest and darkest window and base colours of common light and dark palettes): text
4.5:1 (error and warning red, the marked part of a bad field), pictures and marks 3:1
(the state colours, WCAG's non-text contrast). :func:`contrast_ratio` is WCAG's formula;
``tests/unit/gui/test_colors.py`` computes every pair of :data:`CONTRAST_PAIRS`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

from portwindow.engine import PortState
from portwindow.gui.qt import Qt, QtCore, QtGui

OPEN_GREEN = "#2d994d"
CLOSED_GREY = "#878787"
FILTERED_AMBER = "#b07c00"
OPEN_FILTERED_PURPLE = "#7a67b3"
UNPROBED_OUTLINE = "#818894"

OPEN_GREEN_DARK = "#4cc26f"
CLOSED_GREY_DARK = "#9a9a9a"
FILTERED_AMBER_DARK = "#f0b429"
OPEN_FILTERED_PURPLE_DARK = "#a897e2"
UNPROBED_OUTLINE_DARK = "#79828e"

# The badge on a door whose program does not speak the service registered for its port,
# the audit's rings, and error text (a bad field's message, a warning in the details).
WARNING_RED = "#c62828"
WARNING_RED_DARK = "#ff8a80"
# The bad part of a field's text, marked: this text on the warning red.
MARK_TEXT = "#ffffff"
MARK_TEXT_DARK = "#000000"

TEXT_MINIMUM = 4.5  # WCAG 2.1 AA, normal text
GRAPHIC_MINIMUM = 3.0  # WCAG 2.1 AA, non-text contrast (1.4.11)


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
MARK_TEXT_COLORS: Mapping[Theme, str] = MappingProxyType(
    {Theme.LIGHT: MARK_TEXT, Theme.DARK: MARK_TEXT_DARK}
)
# The window and base colours the pairs are checked on: white, Fusion's and Windows'
# light grey; a near-black base and Fusion's dark window.
BACKGROUNDS: Mapping[Theme, tuple[str, ...]] = MappingProxyType(
    {Theme.LIGHT: ("#ffffff", "#efefef", "#f0f0f0"), Theme.DARK: ("#1e1e1e", "#353535")}
)


def _pairs() -> tuple[tuple[str, Theme, str, str, float], ...]:
    pairs = []
    for theme in Theme:
        for background in BACKGROUNDS[theme]:
            for state, color in STATE_COLORS[theme].items():
                name = state.value if state is not None else "unprobed"
                pairs.append((f"door {name}", theme, color, background, GRAPHIC_MINIMUM))
            pairs.append(("error text", theme, WARNING_COLORS[theme], background, TEXT_MINIMUM))
        mark = ("marked text", theme, MARK_TEXT_COLORS[theme], WARNING_COLORS[theme])
        pairs.append((*mark, TEXT_MINIMUM))
    return tuple(pairs)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2.1's relative luminance of ``#rrggbb``."""
    red, green, blue = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _linear(red) + 0.7152 * _linear(green) + 0.0722 * _linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two ``#rrggbb`` colours, 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


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


# (what, theme, foreground, background, the ratio it must reach) for every pair shown.
CONTRAST_PAIRS = _pairs()


def error_text_style(palette: QtGui.QPalette) -> str:
    """A style sheet's colour for error text on ``palette``."""
    return f"color: {WARNING_COLORS[theme_of(palette)]};"


def mark_style(palette: QtGui.QPalette) -> str:
    """The inline style of the marked, bad part of a field's text on ``palette``."""
    theme = theme_of(palette)
    return f"background:{WARNING_COLORS[theme]};color:{MARK_TEXT_COLORS[theme]};"
