"""A notice shown where the doors would be: "nothing matches 8000-9000", or why a scan
found nothing ("nowhere.test: could not resolve"), instead of an empty view. A label
over the top of a view's viewport, as wide as it, wrapping, so no message is cut; it
follows the viewport's size.
"""

from __future__ import annotations

from .i18n import translate
from .qt import QtCore, QtGui, QtWidgets


class ViewNotice(QtWidgets.QLabel):
    """A wrapping message over the top of ``view``'s viewport (hidden when empty)."""

    MARGIN = 12

    def __init__(self, view: QtWidgets.QAbstractScrollArea, name: str) -> None:
        super().__init__(view.viewport())
        self.setObjectName(name)
        self.setAccessibleName(translate("ViewNotice", "Notice"))
        self.setWordWrap(True)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.setAutoFillBackground(False)
        self.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        view.viewport().installEventFilter(self)
        self.hide()

    def say(self, text: str) -> None:
        """Show ``text`` ("" hides the notice)."""
        self.setText(text)
        self.setVisible(bool(text))
        if text:
            self._place()
            self.raise_()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Resize and self.text():
            self._place()
        return False

    def _place(self) -> None:
        viewport = self.parentWidget()
        width = max(80, viewport.width() - 2 * self.MARGIN)
        height = self.heightForWidth(width)
        self.setGeometry(self.MARGIN, self.MARGIN * 2, width, max(height, 24))
