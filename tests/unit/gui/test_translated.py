"""Every text the window shows goes through Qt's translation (gui/i18n.py): no string
literal with words in it is handed straight to a Qt text setter."""

import ast
from pathlib import Path

import pytest

GUI = Path(__file__).resolve().parents[3] / "portwindow" / "gui"
SETTERS = frozenset({
    "setText", "setToolTip", "setAccessibleName", "setAccessibleDescription",
    "setPlaceholderText", "setWindowTitle", "setStatusTip", "setTitle", "setInformativeText",
    "addItem", "addRow", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QAction",
    "addMenu", "QDockWidget", "setSpecialValueText", "addTab", "setHeaderLabels", "say",
    "QRadioButton", "QToolButton", "setSuffix", "setPrefix", "information", "warning",
    "critical", "question", "about", "addToolBar", "show_error", "confirm",
})  # fmt: skip


def _literals(node: ast.AST) -> list[ast.Constant]:
    """The literals ``node`` hands on as they are: itself, an f-string's parts, either
    side of a conditional expression."""
    if isinstance(node, ast.Constant):
        return [node]
    if isinstance(node, ast.JoinedStr):
        return [v for v in node.values if isinstance(v, ast.Constant)]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def bare_texts(path: Path) -> list[str]:
    """``line: text`` of every word-bearing literal passed to a setter in ``path``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name not in SETTERS:
            continue
        if isinstance(func, ast.Attribute) and getattr(func.value, "id", "") in ("log", "logger"):
            continue  # the log stays English
        for arg in node.args:
            for text in _literals(arg):
                value = text.value
                if isinstance(value, str) and sum(c.isalpha() for c in value) >= 2:
                    found.append(f"{node.lineno}: {value[:60]}")
    return found


@pytest.mark.parametrize("path", sorted(GUI.rglob("*.py")), ids=lambda p: p.name)
def test_no_text_bypasses_translation(path):
    assert bare_texts(path) == []
