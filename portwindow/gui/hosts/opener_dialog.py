"""Edit > Openers…: the openers as a table a person edits (service, kind, label and a
template with ``{host}``, ``{port}`` and ``{name}``), checked before they are kept: a bad
one is named in one line and the dialog stays open."""

from __future__ import annotations

from collections.abc import Sequence

from portwindow.engine import InputError, openers

from ..i18n import translate
from ..qt import QtWidgets
from . import opener_table

HEADERS = ("Service", "Kind", "Label", "Template")
KINDS = tuple(kind.value for kind in openers.OpenerKind)


class OpenerDialog(QtWidgets.QDialog):
    def __init__(
        self, rows: Sequence[tuple[str, str, str, str]], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("openerDialog")
        self.setWindowTitle(translate("OpenerDialog", "Openers"))
        self.resize(820, 420)
        intro = QtWidgets.QLabel(
            translate(
                "OpenerDialog",
                "How a door is opened, by its service (IANA's name, or what its banner said). "
                "A command is started as it is split here, never by a shell; {host}, {port} "
                "and {name} are filled in per door. Kinds: url (the desktop opens it), command, "
                "copy (to the clipboard). Openers are offered for open doors only.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("openerTable")
        self.table.setAccessibleName(translate("OpenerDialog", "Openers"))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        for column, width in enumerate((110, 90, 200)):
            self.table.setColumnWidth(column, width)
        self.error = QtWidgets.QLabel(self)
        self.error.setObjectName("openerError")
        self.error.setWordWrap(True)
        add = QtWidgets.QPushButton(translate("OpenerDialog", "&Add"), self)
        remove = QtWidgets.QPushButton(translate("OpenerDialog", "&Remove"), self)
        defaults = QtWidgets.QPushButton(translate("OpenerDialog", "Restore &defaults"), self)
        defaults.setObjectName("openerDefaults")
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        row = QtWidgets.QHBoxLayout()
        for button in (add, remove, defaults):
            row.addWidget(button)
        row.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        add.clicked.connect(lambda: self._add(("", "command", "", "")))
        remove.clicked.connect(self._remove)
        defaults.clicked.connect(lambda: self.set_rows(opener_table.default_rows()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.set_rows(rows)

    def set_rows(self, rows: Sequence[tuple[str, str, str, str]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self._add(values)
        self.error.clear()

    def _add(self, values: tuple[str, str, str, str]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate(values):
            if column == 1:
                kind = QtWidgets.QComboBox(self.table)
                kind.addItems(KINDS)
                kind.setCurrentText(text)
                self.table.setCellWidget(row, column, kind)
            else:
                self.table.setItem(row, column, QtWidgets.QTableWidgetItem(text))

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows or [self.table.currentRow()]:
            if row >= 0:
                self.table.removeRow(row)

    def rows(self) -> list[tuple[str, str, str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            cells = []
            for column in range(len(HEADERS)):
                if column == 1:
                    cells.append(self.table.cellWidget(row, column).currentText())
                else:
                    item = self.table.item(row, column)
                    cells.append(item.text() if item is not None else "")
            found.append(tuple(cells))
        return found  # type: ignore[return-value]

    def accept(self) -> None:
        try:
            opener_table.table_of(self.rows())
        except InputError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
