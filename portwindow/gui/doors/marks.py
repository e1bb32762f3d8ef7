"""Marks on the Doors view's scrollbar: a green tick where an open door is, a red one
where the audit marked a door, so that the ten open doors of a full scan's 5,000 rows
can be seen, and reached by dragging, without scrolling through them.

:func:`attach_marks` gives the view a :class:`MarkedScrollBar`; the marks are found
again (at most every :data:`REFRESH_MS`) when the model's doors or the layout change,
and painted over the groove.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TYPE_CHECKING

from portwindow.engine import PortState
from portwindow.gui import colors
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from portwindow.gui.doors.view import DoorView
    from portwindow.gui.navigate import Jumps

REFRESH_MS = 200
MAX_MARKS = 4096  # doors looked at; more would be more marks than the groove has pixels


class MarkKind(enum.Enum):
    OPEN = "open"
    FINDING = "finding"


Mark = tuple[float, MarkKind]  # (where in the content, 0-1; what)


class MarkedScrollBar(QtWidgets.QScrollBar):
    """A vertical scrollbar that paints marks (from ``marks_of``) over its groove."""

    def __init__(self, parent: QtWidgets.QWidget, marks_of: Callable[[], list[Mark]]) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("doorScrollBar")
        self._marks_of = marks_of
        self._marks: list[Mark] | None = None
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.invalidate)
        self.rangeChanged.connect(self.invalidate_soon)

    def invalidate_soon(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def invalidate(self) -> None:
        self._marks = None
        self.update()

    def marks(self) -> list[Mark]:
        if self._marks is None:
            self._marks = self._marks_of()
        return self._marks

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        marks = self.marks()
        if not marks:
            return
        option = QtWidgets.QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(
            QtWidgets.QStyle.ComplexControl.CC_ScrollBar,
            option,
            QtWidgets.QStyle.SubControl.SC_ScrollBarGroove,
            self,
        )
        theme = colors.theme_of(self.palette())
        pens = {
            MarkKind.OPEN: colors.state_color(PortState.OPEN, theme),
            MarkKind.FINDING: colors.warning_color(theme),
        }
        painter = QtGui.QPainter(self)
        width = max(2, groove.width() - 4)
        for kind in (MarkKind.OPEN, MarkKind.FINDING):  # findings on top
            color = pens[kind]
            for fraction, mark in marks:
                if mark is kind:
                    y = groove.top() + round(fraction * (groove.height() - 1))
                    painter.fillRect(groove.left() + 2, y - 1, width, 3, color)
        painter.end()


def door_marks(view: DoorView, jumps: Jumps) -> list[Mark]:
    """Where the open doors and the findings are, as fractions of the view's content."""
    model = view.model()
    bar = view.verticalScrollBar()
    total = bar.maximum() + bar.pageStep()
    if model is None or total <= 0:
        return []
    offset = view.verticalOffset()
    seen: set[tuple[int, MarkKind]] = set()
    marks: list[Mark] = []
    for kind, places in ((MarkKind.OPEN, jumps.open_doors()), (MarkKind.FINDING, jumps.findings())):
        for host_row, row in places[:MAX_MARKS]:
            host = model.index(host_row, 0)
            index = model.index(row, 0, host)
            rect = view.visualRect(index)
            if not rect.isValid():
                rect = view.visualRect(host)  # a collapsed host: its band
            if not rect.isValid():
                continue  # hidden by the filter
            fraction = min(1.0, max(0.0, (rect.center().y() + offset) / total))
            pixel = (round(fraction * 2000), kind)
            if pixel not in seen:
                seen.add(pixel)
                marks.append((fraction, kind))
    return marks


def attach_marks(view: DoorView, jumps: Jumps) -> MarkedScrollBar:
    """Give ``view`` a scrollbar with marks, refreshed as its doors change."""
    bar = MarkedScrollBar(view, lambda: door_marks(view, jumps))
    view.setVerticalScrollBar(bar)
    model = view.model()
    if model is not None:
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(bar.invalidate_soon)
        model.dataChanged.connect(bar.invalidate_soon)
    return bar
