"""Dialogs the window's coroutines can await.

A modal ``exec()`` inside a qasync coroutine would run a nested event loop while a task
is executing; these open the dialog window-modally with ``open()`` and await a future
that its ``finished`` signal resolves, so the engine's batches keep flowing meanwhile.
"""

from __future__ import annotations

import asyncio

from portwindow.engine import printable

from .qt import QtCore, QtWidgets


async def await_dialog(dialog: QtWidgets.QDialog) -> int:
    """Show ``dialog`` window-modally and wait for its result code."""
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finished(code: int) -> None:
        if not future.done():
            future.set_result(code)

    dialog.finished.connect(finished)
    dialog.open()
    try:
        return await future
    finally:
        dialog.finished.disconnect(finished)


async def ask_save_path(
    parent: QtWidgets.QWidget,
    title: str,
    suggested: str,
    filters: str,
    default_suffix: str = "csv",
) -> str | None:
    dialog = QtWidgets.QFileDialog(parent, title, suggested, filters)
    dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(default_suffix)
    code = await await_dialog(dialog)
    files = dialog.selectedFiles()
    dialog.deleteLater()
    return files[0] if code == QtWidgets.QDialog.DialogCode.Accepted and files else None


async def ask_open_path(parent: QtWidgets.QWidget, title: str, filters: str) -> str | None:
    dialog = QtWidgets.QFileDialog(parent, title, "", filters)
    dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QtWidgets.QFileDialog.FileMode.ExistingFile)
    code = await await_dialog(dialog)
    files = dialog.selectedFiles()
    dialog.deleteLater()
    return files[0] if code == QtWidgets.QDialog.DialogCode.Accepted and files else None


async def confirm(parent: QtWidgets.QWidget, title: str, text: str) -> bool:
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Question,
        title,
        text,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.No)
    await await_dialog(box)
    answer = box.standardButton(box.clickedButton())
    box.deleteLater()
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def show_error(parent: QtWidgets.QWidget, title: str, text: str) -> QtWidgets.QMessageBox:
    """Show an error without blocking; returns the box (tests read and close it).

    The text usually quotes a file, a report or a field: it is shown as plain text, each
    line through :func:`printable` (no markup, no control character, no bidi override)."""
    box = QtWidgets.QMessageBox(
        QtWidgets.QMessageBox.Icon.Critical,
        title,
        "\n".join(printable(line) for line in text.split("\n")),
        QtWidgets.QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    box.setObjectName("errorBox")
    box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
    box.open()
    return box
