"""Error dialogs (gui/dialogs.py) show what came from outside escaped, as plain text."""

import re

from portwindow.gui import dialogs
from portwindow.gui.qt import QtCore, QtWidgets
from portwindow.gui.scan_form import ScanForm, marked_text

RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_an_error_dialog_escapes_controls_and_shows_no_markup(qtbot):
    parent = QtWidgets.QWidget()
    qtbot.addWidget(parent)
    hostile = "report \x1b]0;pwned\x07\u202eevil <img src=x>: bad\nsecond line"
    box = dialogs.show_error(parent, "Cannot open report", hostile)
    try:
        assert box.textFormat() == QtCore.Qt.TextFormat.PlainText
        assert box.text() == "report \\x1b]0;pwned\\x07\\u202eevil <img src=x>: bad\nsecond line"
        assert not RAW_CONTROL.search(box.text())
    finally:
        box.close()


def test_the_form_marks_a_pasted_control_character_escaped(qtbot):
    assert marked_text("a\u202eb", (1, 2)) == (
        'a<span style="background:#c62828;color:#ffffff;">\\u202e</span>b'
    )
    form = ScanForm()
    qtbot.addWidget(form)
    form.set_ports("22")
    form.set_targets("127.0.0.1 \x1b[2Jx")
    labels = [label.text() for label in form.findChildren(QtWidgets.QLabel)]
    shown = [text for text in labels if "x1b" in text]
    assert shown
    assert not any(RAW_CONTROL.search(text) for text in labels)
