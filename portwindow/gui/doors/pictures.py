"""The door pictures: the SVGs in ``resources/doors/`` rendered to cached pixmaps.

The SVGs draw the frame, the floor and the unprobed outline in ``currentColor``. Before
rendering, :class:`DoorPictures` replaces ``currentColor`` with an *ink* colour that the
delegate takes from the palette, so one file per state serves light and dark palettes
(and any custom or high-contrast one) without a second set of files. Each picture is
rendered at the device's physical resolution and cached per (state, height, device
pixel ratio, ink), which keeps it crisp on HiDPI screens and cheap to paint.
"""

from __future__ import annotations

import functools

from portwindow.engine import PortState
from portwindow.gui.qt import Qt, QtCore, QtGui, QtSvg
from portwindow.gui.resources import resource_path

SVG_FILES: dict[PortState | None, str] = {
    PortState.OPEN: "doors/door-open.svg",
    PortState.CLOSED: "doors/door-closed.svg",
    PortState.FILTERED: "doors/door-filtered.svg",
    PortState.OPEN_FILTERED: "doors/door-open-filtered.svg",
    None: "doors/door-unprobed.svg",
}

#: Width over height of every door picture (the SVGs' viewBox is 48 x 64).
ASPECT = 48 / 64


def door_width(height: int) -> int:
    return round(height * ASPECT)


class DoorPictures:
    """Rendered door pictures, at most ``limit`` of them kept (the oldest go first)."""

    def __init__(self, limit: int = 256) -> None:
        self._limit = limit
        self._sources: dict[PortState | None, str] = {}
        self._cache: dict[tuple, QtGui.QPixmap] = {}

    def pixmap(
        self, state: PortState | None, height: int, dpr: float, ink: QtGui.QColor
    ) -> QtGui.QPixmap:
        """The door for ``state``, ``height`` device-independent pixels tall."""
        key = (state, height, dpr, ink.rgb())
        pixmap = self._cache.get(key)
        if pixmap is None:
            pixmap = self._render(state, height, dpr, ink)
            if len(self._cache) >= self._limit:
                del self._cache[next(iter(self._cache))]
            self._cache[key] = pixmap
        return pixmap

    def _render(
        self, state: PortState | None, height: int, dpr: float, ink: QtGui.QColor
    ) -> QtGui.QPixmap:
        svg = self._source(state).replace("currentColor", ink.name())
        renderer = QtSvg.QSvgRenderer(QtCore.QByteArray(svg.encode("utf-8")))
        size = QtCore.QSize(round(door_width(height) * dpr), round(height * dpr))
        image = QtGui.QImage(size, QtGui.QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QtGui.QPainter(image)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QtCore.QRectF(0, 0, size.width(), size.height()))
        painter.end()
        pixmap = QtGui.QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(dpr)
        return pixmap

    def _source(self, state: PortState | None) -> str:
        source = self._sources.get(state)
        if source is None:
            source = resource_path(SVG_FILES[state]).read_text(encoding="utf-8")
            self._sources[state] = source
        return source


@functools.cache
def door_pictures() -> DoorPictures:
    """The pictures shared by every delegate (needs a QGuiApplication to paint)."""
    return DoorPictures()
