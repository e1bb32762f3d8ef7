import pytest

from portwindow.engine.input.protocol_choice import ProtocolChoice
from portwindow.engine.input.udp_toplist import UDP_TOP100
from portwindow.gui import colors
from portwindow.gui.qt import QtCore, QtGui, QtWidgets
from portwindow.gui.scan_form import PORT_PRESETS, ScanForm, marked_text

# The offscreen platform cannot grab the keyboard for a popup list (and says so).
POPUP_OFFSCREEN = pytest.mark.qt_log_ignore(
    "does not support grabbing the keyboard", "does not support raise"
)


def make_form(qtbot):
    form = ScanForm()
    qtbot.addWidget(form)
    form.show()
    return form


def test_valid_input_enables_scan_and_emits_parsed_input(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1, localhost")
    form.set_ports("22,80")
    assert form.valid
    assert form.scan_button.isEnabled()
    with qtbot.waitSignal(form.scan_requested) as blocker:
        form.scan_button.click()
    data = blocker.args[0]
    assert data.ports.tcp == (22, 80)
    assert data.targets.hostnames == ("localhost",)
    assert data.targets_text == "127.0.0.1, localhost"


def test_bad_target_gets_red_border_and_a_message_naming_it(qtbot):
    form = make_form(qtbot)
    form.set_ports("22")
    form.set_targets("127.0.0.1, 127.0.0.300")
    assert not form.valid
    assert not form.scan_button.isEnabled()
    assert form.targets.has_error
    assert "127.0.0.300" in form.targets.error.text()
    assert "out of range" in form.targets.error.text()
    assert "border" in form.targets.edit.styleSheet()
    # the field's text is repeated with the bad part marked
    assert f"background:{colors.WARNING_RED}" in form.targets.error.text()
    with qtbot.assertNotEmitted(form.scan_requested):
        form.request_scan()
    form.set_targets("127.0.0.1")
    assert form.valid
    assert not form.targets.has_error
    assert form.targets.edit.styleSheet() == ""


def test_bad_ports_are_refused(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1")
    form.set_ports("22,70000")
    assert not form.valid
    assert "70000" in form.ports.error.text()
    assert f"background:{colors.WARNING_RED}" in form.ports.error.text()


def test_udp_ports_pass_through(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1")
    form.set_ports("T:22,U:53,161")
    assert form.valid
    assert not form.ports.has_error
    with qtbot.waitSignal(form.scan_requested) as blocker:
        form.scan_button.click()
    data = blocker.args[0]
    assert (data.ports.tcp, data.ports.udp) == ((22,), (53, 161))
    assert data.ports_text == "T:22,U:53,161"


def test_the_protocol_choice_applies_to_ports_without_a_prefix(qtbot):
    form = make_form(qtbot)
    choice = form.findChild(QtWidgets.QComboBox, "protocolChoice")
    assert choice is form.protocol
    assert choice.accessibleName() == "Protocol"
    assert [choice.itemData(i) for i in range(choice.count())] == list(ProtocolChoice)
    assert form.protocol_choice() is ProtocolChoice.TCP
    form.set_targets("127.0.0.1")
    form.set_ports("22,80")
    form.set_protocol_choice(ProtocolChoice.UDP)
    data = form.current_input
    assert (data.ports.tcp, data.ports.udp) == ((), (22, 80))
    assert data.protocol is ProtocolChoice.UDP
    choice.setCurrentIndex(choice.findData(ProtocolChoice.BOTH))  # as a person picks it
    assert (form.current_input.ports.tcp, form.current_input.ports.udp) == ((22, 80), (22, 80))
    form.set_ports("22,T:80")  # a prefix written in the text wins for its ports
    assert (form.current_input.ports.tcp, form.current_input.ports.udp) == ((22, 80), (22,))


def test_a_tcp_only_list_with_udp_chosen_says_why_it_is_refused(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1")
    form.set_ports("top1000")
    assert form.valid
    form.set_protocol_choice(ProtocolChoice.UDP)
    assert not form.valid
    assert not form.scan_button.isEnabled()
    message = form.ports.error.text()
    assert "top1000" in message
    assert "probed over UDP" in message
    form.set_ports("T:top1000,U:53")
    assert form.valid


def test_busy_form_locks_the_protocol_choice(qtbot):
    form = make_form(qtbot)
    form.set_busy(True)
    assert not form.protocol.isEnabled()
    form.set_busy(False)
    assert form.protocol.isEnabled()


def test_presets_fill_the_field_and_custom_text_selects_custom(qtbot):
    form = make_form(qtbot)
    for index, (_label, spec) in enumerate(PORT_PRESETS):
        form.presets.setCurrentIndex(index)
        form.presets.activated.emit(index)
        assert form.ports.edit.text() == spec
    form.set_ports("22,443")
    assert form.presets.currentText() == "Custom"
    form.set_ports("top100")
    assert form.presets.currentText() == "Top 100"


def test_busy_form_swaps_scan_for_stop_and_locks_fields(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1")
    form.set_ports("22")
    form.set_busy(True)
    assert form.stop_button.isVisible()
    assert not form.scan_button.isVisible()
    assert not form.targets.edit.isEnabled()
    assert form.pause_button.isEnabled()
    with qtbot.waitSignal(form.pause_toggled) as blocker:
        form.pause_button.click()
    assert blocker.args == [True]
    assert form.pause_button.text() == "&Resume"
    form.set_busy(False)
    assert form.scan_button.isVisible()
    assert form.scan_button.isEnabled()
    assert not form.pause_button.isChecked()


def test_marked_text_escapes_and_marks_the_span():
    marked = marked_text("a <b>, 1.2.3.999", (7, 16))
    assert marked.startswith("a &lt;b&gt;, ")
    assert ">1.2.3.999</span>" in marked


def test_recent_targets_and_ports_are_offered_as_you_type(qtbot):
    form = make_form(qtbot)
    form.set_recent(["198.51.100.7", "127.0.0.1", "db.example.test"], ["top100", "1-1024"])
    targets = form.targets.edit.completer()
    targets.setCompletionPrefix("DB.")
    assert targets.currentCompletion() == "db.example.test"
    ports = form.ports.edit.completer()
    ports.setCompletionPrefix("top")
    assert ports.completionCount() == 1
    assert ports.currentCompletion() == "top100"


def test_typing_completes_inline_and_no_list_covers_the_ports_field(qtbot):
    form = make_form(qtbot)
    form.set_recent(["198.51.100.7", "db.example.test"], ["top100"])
    form.targets.edit.clear()
    with qtbot.waitActive(form):
        form.activateWindow()
    form.targets.edit.setFocus()
    qtbot.waitUntil(form.targets.edit.hasFocus)
    qtbot.keyClicks(form.targets.edit, "db")
    assert not form.targets.edit.completer().list_shown()
    assert form.targets.edit.text() == "db.example.test"
    assert form.targets.edit.selectedText() == ".example.test"
    # The click on Ports is the Ports field's: focus goes there.
    qtbot.mouseClick(form.ports.edit, QtCore.Qt.MouseButton.LeftButton)
    assert form.ports.edit.hasFocus()


@POPUP_OFFSCREEN
def test_down_lists_the_recent_entries_holding_what_is_typed(qtbot):
    form = make_form(qtbot)
    form.set_recent(["198.51.100.7", "127.0.0.1", "db.example.test"], ["top100"])
    form.targets.edit.setText("100.7")  # anywhere in the entry
    form.targets.edit.setFocus()
    qtbot.keyClick(form.targets.edit, QtCore.Qt.Key.Key_Down)
    completer = form.targets.edit.completer()
    assert completer.list_shown()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "198.51.100.7"
    completer.popup().hide()
    assert completer.completionMode() is QtWidgets.QCompleter.CompletionMode.InlineCompletion


@POPUP_OFFSCREEN
def test_the_lists_close_when_the_scan_starts(qtbot):
    form = make_form(qtbot)
    form.set_recent([], ["top100", "1-1024"])
    form.ports.edit.clear()
    form.ports.edit.setFocus()
    qtbot.keyClick(form.ports.edit, QtCore.Qt.Key.Key_Down)
    assert form.ports.edit.completer().list_shown()
    form.set_busy(True)
    assert not form.ports.edit.completer().list_shown()


def test_an_error_line_does_not_move_the_form(qtbot):
    form = make_form(qtbot)
    form.resize(900, form.sizeHint().height())
    form.set_targets("127.0.0.1")
    form.set_ports("22")
    qtbot.wait(10)
    before = (form.ports.edit.mapTo(form, QtCore.QPoint(0, 0)), form.sizeHint().height())
    form.set_targets("127.0.0.999")
    assert form.targets.has_error
    qtbot.wait(10)
    after = (form.ports.edit.mapTo(form, QtCore.QPoint(0, 0)), form.sizeHint().height())
    assert after == before


def test_error_red_follows_the_palette(qtbot):
    form = make_form(qtbot)
    form.setPalette(QtGui.QPalette(QtGui.QColor("#353535")))
    form.set_targets("127.0.0.999")
    assert colors.WARNING_RED_DARK in form.targets.error.styleSheet()
    assert colors.WARNING_RED_DARK in form.targets.edit.styleSheet()


def test_top1000_is_offered_only_with_tcp_and_top100_means_the_udp_list(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1")
    specs = [form.presets.itemData(i) for i in range(form.presets.count())]
    assert "top1000" in specs
    for choice in (ProtocolChoice.UDP, ProtocolChoice.BOTH):
        form.set_protocol_choice(choice)
        specs = [form.presets.itemData(i) for i in range(form.presets.count())]
        assert "top1000" not in specs
        assert specs[0] == "top100"
        index = form.presets.findData("top100")
        form.presets.setCurrentIndex(index)
        form.presets.activated.emit(index)
        assert form.valid
        assert form.current_input.ports.udp == tuple(sorted(UDP_TOP100))
    form.set_protocol_choice(ProtocolChoice.TCP)
    assert form.presets.findData("top1000") >= 0
    assert form.presets.currentText() == "Top 100"
