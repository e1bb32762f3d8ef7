from portwindow.gui.scan_form import PORT_PRESETS, ScanForm, marked_text


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
    assert "background:#d32f2f" in form.targets.error.text()
    with qtbot.assertNotEmitted(form.scan_requested):
        form.request_scan()
    form.set_targets("127.0.0.1")
    assert form.valid
    assert not form.targets.has_error
    assert form.targets.edit.styleSheet() == ""


def test_bad_ports_and_udp_are_refused(qtbot):
    form = make_form(qtbot)
    form.set_targets("127.0.0.1")
    form.set_ports("22,70000")
    assert not form.valid
    assert "70000" in form.ports.error.text()
    form.set_ports("U:53")
    assert not form.valid
    assert "UDP" in form.ports.error.text()


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
