"""The recent entries of a form field (targets, ports), offered without getting in the way.

As the person types, the field completes inline (the rest of the first recent entry that
starts with what is typed, selected): no list pops up over the fields below, and a
click anywhere goes where it was meant. Down (or Alt+Down) opens the list of the recent
entries holding what is typed anywhere in them; Enter or a click takes one, Esc closes
it, and the field goes back to inline completion.
"""

from __future__ import annotations

from .qt import QtCore, QtWidgets

_Mode = QtWidgets.QCompleter.CompletionMode


class RecentEntries(QtWidgets.QCompleter):
    """The completer of ``edit`` over ``model``'s recent entries."""

    def __init__(self, model: QtCore.QAbstractItemModel, edit: QtWidgets.QLineEdit) -> None:
        super().__init__(model, edit)
        self._edit = edit
        self.setCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self._inline()
        edit.setCompleter(self)
        edit.installEventFilter(self)

    def _inline(self) -> None:
        self.setCompletionMode(_Mode.InlineCompletion)
        self.setFilterMode(QtCore.Qt.MatchFlag.MatchStartsWith)

    def show_list(self) -> None:
        """Pop up the recent entries holding what the field says (all when it is empty)."""
        self.setFilterMode(QtCore.Qt.MatchFlag.MatchContains)
        self.setCompletionMode(_Mode.PopupCompletion)  # makes the list anew
        self.popup().installEventFilter(self)
        self.setCompletionPrefix(self._edit.text().strip())
        if self.completionCount() == 0:
            self.setCompletionPrefix("")
        self.complete()

    def list_shown(self) -> bool:
        """Whether the list is up (``popup()`` is None while completing inline)."""
        popup = self.popup()
        return popup is not None and popup.isVisible()

    def hide_list(self) -> None:
        if self.list_shown():
            self.popup().hide()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        kind = event.type()
        if watched is self.popup():
            if kind == QtCore.QEvent.Type.Hide:
                self._inline()
            return False
        if (
            kind == QtCore.QEvent.Type.KeyPress
            and event.key() == QtCore.Qt.Key.Key_Down
            and self._edit.isEnabled()
            and not self.list_shown()
        ):
            self.show_list()
            return True
        return False
