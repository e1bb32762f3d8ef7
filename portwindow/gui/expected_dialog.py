"""Edit → Expected doors: the rules saying which doors are meant to be open on which
targets (engine/expected.py), edited as a two-column table and kept in the history.

Every row is checked as it is typed (the target with parse_targets, the doors with
parse_doors); a bad row's message names the row and the bad part, and OK stays disabled
until every row parses. Import and Export read and write the rules as TOML or CSV.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path

from portwindow.engine import (
    ANY_HOST,
    Door,
    Expectations,
    History,
    InputError,
    dump_rules,
    format_doors,
    load_rules,
    parse_doors,
    parse_targets,
)

from . import colors, dialogs
from .i18n import translate
from .qt import QtWidgets

RULE_FILTERS = "Expected doors (*.toml *.csv);;TOML (*.toml);;CSV (*.csv)"
TARGET, DOORS = 0, 1

AskPath = Callable[[], Awaitable[str | None]]


def check_rule(target: str, doors_text: str) -> frozenset[Door]:
    """The doors of one rule; InputError naming the bad part when it does not parse."""
    target = target.strip()
    if not target:
        raise InputError("the target is empty (an address, a range, a host name or *)")
    if target != ANY_HOST:
        try:
            parse_targets(target)
        except InputError as error:
            raise InputError(f"target {target!r}: {error}") from None
    try:
        return parse_doors(doors_text)
    except InputError as error:
        raise InputError(f"doors {doors_text.strip()!r}: {error}") from None


def store_rules(history: History, rules: Mapping[str, frozenset[Door]]) -> None:
    """Make the history's rules exactly ``rules``."""
    for target in history.expected_rules().keys() - rules.keys():
        history.set_expected(target, ())
    for target, doors in rules.items():
        history.set_expected(target, doors)


class ExpectedDialog(QtWidgets.QDialog):
    def __init__(
        self,
        rules: Mapping[str, frozenset[Door]] | Mapping[str, set[Door]],
        parent: QtWidgets.QWidget | None = None,
        ask_open_path: AskPath | None = None,
        ask_save_path: AskPath | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("expectedDialog")
        self.setWindowTitle(translate("ExpectedDialog", "Expected doors"))
        self._ask_open_path = ask_open_path or (
            lambda: dialogs.ask_open_path(self, "Import expected doors", RULE_FILTERS)
        )
        self._ask_save_path = ask_save_path or (
            lambda: dialogs.ask_save_path(
                self, "Export expected doors", "expected-doors.toml", RULE_FILTERS, "toml"
            )
        )
        self._task: asyncio.Future | None = None
        self._rules: dict[str, frozenset[Door]] = {}

        intro = QtWidgets.QLabel(
            translate(
                "ExpectedDialog",
                "Doors meant to be open, per target (an address, range, network, host name, or * "
                "for every host), e.g. 22/tcp, 443/tcp. After each scan, open doors no rule "
                "expects and expected doors found shut are marked.",
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QtWidgets.QTableWidget(0, 2, self)
        self.table.setObjectName("expectedTable")
        self.table.setAccessibleName(translate("ExpectedDialog", "Expected doors by target"))
        self.table.setHorizontalHeaderLabels(["Target", "Doors open"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().resizeSection(TARGET, 180)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.error_label = QtWidgets.QLabel(self)
        self.error_label.setObjectName("expectedError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(colors.error_text_style(self.palette()))

        def button(text: str, name: str) -> QtWidgets.QPushButton:
            widget = QtWidgets.QPushButton(text, self)
            widget.setObjectName(name)
            widget.setAccessibleName(text.replace("&", "").rstrip("…"))
            return widget

        self.add_button = button("&Add", "expectedAdd")
        self.remove_button = button("&Remove", "expectedRemove")
        self.import_button = button("&Import…", "expectedImport")
        self.export_button = button("E&xport…", "expectedExport")
        #: What Add fills a new row with: (target, doors), the host shown and its open
        #: doors (the window sets it); None: a blank row.
        self.suggestion: Callable[[], tuple[str, str]] | None = None
        self.add_button.clicked.connect(self._add_suggested)
        self.remove_button.clicked.connect(self.remove_selected)
        self.import_button.clicked.connect(lambda: self._spawn(self.import_rules()))
        self.export_button.clicked.connect(lambda: self._spawn(self.export_rules()))
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName(translate("ExpectedDialog", "OK"))

        side = QtWidgets.QVBoxLayout()
        for widget in (self.add_button, self.remove_button, self.import_button, self.export_button):
            side.addWidget(widget)
        side.addStretch(1)
        middle = QtWidgets.QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(560, 380)

        self.set_rules(rules)
        self.table.itemChanged.connect(self.validate)

    # Rows.

    def set_rules(self, rules: Mapping[str, frozenset[Door]] | Mapping[str, set[Door]]) -> None:
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(0)
        for target, doors in sorted(rules.items()):
            self._append(target, format_doors(doors))
        self.table.blockSignals(blocked)
        self.validate()

    def _append(self, target: str, doors: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, TARGET, QtWidgets.QTableWidgetItem(target))
        self.table.setItem(row, DOORS, QtWidgets.QTableWidgetItem(doors))
        return row

    def _add_suggested(self) -> int:
        target, doors = self.suggestion() if self.suggestion is not None else ("", "")
        return self.add_row(target, doors)

    def add_row(self, target: str = "", doors: str = "") -> int:
        blocked = self.table.blockSignals(True)
        row = self._append(target or "", doors or "")
        self.table.blockSignals(blocked)
        self.validate()
        self.table.setCurrentCell(row, TARGET)
        if not target:
            self.table.editItem(self.table.item(row, TARGET))
        return row

    def set_row(self, row: int, target: str, doors: str) -> None:
        self.table.item(row, TARGET).setText(target)
        self.table.item(row, DOORS).setText(doors)

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        self.validate()

    def _texts(self, row: int) -> tuple[str, str]:
        target, doors = self.table.item(row, TARGET), self.table.item(row, DOORS)
        return (target.text() if target else "").strip(), (doors.text() if doors else "")

    def validate(self, *_args) -> bool:
        """Check every row; show the first problem and enable OK only when there is none."""
        rules: dict[str, frozenset[Door]] = {}
        problem = ""
        for row in range(self.table.rowCount()):
            target, doors = self._texts(row)
            if not target and not doors.strip():
                continue  # a row just added and not filled in yet
            try:
                parsed = check_rule(target, doors)
            except InputError as error:
                problem = f"Row {row + 1}: {error}"
                break
            if target in rules:
                problem = f"Row {row + 1}: target {target!r} is given twice"
                break
            rules[target] = parsed
        self._rules = rules
        self.error_label.setText(problem)
        self.error_label.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        self.export_button.setEnabled(not problem)
        return not problem

    def rules(self) -> dict[str, frozenset[Door]]:
        """The rules as typed (valid only when OK is enabled)."""
        return dict(self._rules)

    # Files.

    def _spawn(self, coro) -> None:
        self._task = asyncio.ensure_future(coro)

    async def import_rules(self) -> bool:
        chosen = await self._ask_open_path()
        if not chosen:
            return False
        try:
            loaded = load_rules(Path(chosen))
        except InputError as error:
            dialogs.show_error(
                self, translate("ExpectedDialog", "Cannot import expected doors"), str(error)
            )
            return False
        self.set_rules(loaded.as_dict())
        return True

    async def export_rules(self) -> Path | None:
        if not self.validate():
            return None
        chosen = await self._ask_save_path()
        if not chosen:
            return None
        path = Path(chosen)
        try:
            dump_rules(Expectations(self._rules), path)
        except (OSError, InputError) as error:
            dialogs.show_error(
                self,
                translate("ExpectedDialog", "Cannot export expected doors"),
                f"{path}: {error}",
            )
            return None
        return path
