"""Keeping the window on its screen: a remembered size larger than the screen's free
area (saved at another scale factor, QT_SCALE_FACTOR=2, or on a bigger monitor) is
shrunk to it, and a window off the screen's edge is moved back in, so that Scan is never
out of reach."""

from __future__ import annotations

from .qt import QtCore, QtWidgets


def fit_to_screen(window: QtWidgets.QWidget) -> bool:
    """Shrink and move ``window`` into its screen's available area; True if it changed."""
    screen = window.screen() or QtWidgets.QApplication.primaryScreen()
    if screen is None:
        return False
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    inner = window.geometry()
    # The frame's extra size (title bar, borders) counts against the area.
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    width = min(inner.width(), max(1, area.width() - extra_w))
    height = min(inner.height(), max(1, area.height() - extra_h))
    changed = (width, height) != (inner.width(), inner.height())
    if changed:
        window.resize(width, height)
    frame = QtCore.QRect(frame.topLeft(), QtCore.QSize(width + extra_w, height + extra_h))
    x = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)
        changed = True
    return changed
