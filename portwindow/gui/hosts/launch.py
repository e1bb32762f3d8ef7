"""Doing what an opener says: open a URL with the desktop's handler, start a program
(its argv as is, never through a shell), or copy a text. Each way goes through one
attribute of :class:`Launcher`, so a test replaces it and sees the call.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence

from portwindow.engine import openers

from ..qt import QtCore, QtGui, QtWidgets


def start_detached(argv: Sequence[str]) -> bool:
    """Start ``argv[0]`` with the rest as its arguments, detached, without a shell."""
    started = QtCore.QProcess.startDetached(argv[0], list(argv[1:]))
    return bool(started[0] if isinstance(started, tuple) else started)


def open_url(url: str) -> bool:
    return QtGui.QDesktopServices.openUrl(QtCore.QUrl(url, QtCore.QUrl.ParsingMode.StrictMode))


def copy_text(text: str) -> bool:
    QtWidgets.QApplication.clipboard().setText(text)
    return True


class Launcher:
    """Runs an opener's action and says what happened in one line."""

    def __init__(self) -> None:
        self.start_process: Callable[[Sequence[str]], bool] = start_detached
        self.open_url: Callable[[str], bool] = open_url
        self.copy: Callable[[str], bool] = copy_text
        self.find_program: Callable[[str], str | None] = shutil.which

    def run(self, action: openers.Action) -> str:
        kind = openers.OpenerKind
        if action.kind is kind.COPY:
            self.copy(action.text)
            return f"Copied {action.text}"
        if action.kind is kind.URL:
            if self.open_url(action.text):
                return f"Opened {action.text}"
            return f"Could not open {action.text}: no program handles it"
        program = action.argv[0]
        if self.find_program(program) is None:
            return f"Could not start {program}: it is not installed (edit the opener in Openers…)"
        if self.start_process(action.argv):
            return f"Started {action.text}"
        return f"Could not start {action.text}"
