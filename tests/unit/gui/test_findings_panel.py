"""The findings summary: what a scan found in front of the user, each line a link."""

from portwindow.engine.core.model import PortState
from portwindow.gui.details import DetailField
from portwindow.gui.doors.model import DoorRole
from portwindow.gui.qt import QtCore, QtWidgets
from tests.unit.gui.finding_scans import TCP, reopen, result, spread


def summary_label(window) -> QtWidgets.QLabel:
    label = window.findChild(QtWidgets.QLabel, "findingsSummary")
    assert label is not None
    return label


def test_the_summary_lists_every_open_door_with_its_service(window, history, qloop):
    results = spread({22, 80, 2222}, last=3000)
    results[2221] = result(2222, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1\r\n")
    reopen(window, history, qloop, results)
    label = summary_label(window)
    assert label.isVisible()
    text = label.text()
    for door in ("22/tcp ssh", "80/tcp http", "2222/tcp EtherNet-IP-1, answers as ssh"):
        assert door in text
    assert "3 open doors on 1 host" in text
    assert "22/tcp ssh" in label.accessibleDescription()
    # in front of the user: above the doors, not scrolled to
    assert (
        label.mapTo(window, label.rect().topLeft()).y()
        < window.views.door_view.mapTo(window, window.views.door_view.rect().topLeft()).y()
    )


def test_a_link_goes_to_its_door_and_shows_it(window, history, qloop):
    reopen(window, history, qloop, spread({2999}, last=3000))
    panel = window.find.panel
    (entry,) = [e for e in panel.summary.entries if e.port == 2999]
    number = panel.summary.entries.index(entry)
    assert f"href='entry:{number}'" in summary_label(window).text()
    view = window.views.door_view
    assert view.verticalScrollBar().value() == 0
    assert panel.follow(f"entry:{number}")
    current = view.currentIndex()
    assert current.data(DoorRole.PORT) == 2999
    assert view.viewport().rect().intersects(view.visualRect(current))
    assert view.verticalScrollBar().value() > 0
    assert window.views.details.text_of(DetailField.PORT) == "2999/tcp"
    assert not panel.follow("entry:999")
    assert not panel.follow("elsewhere")


def test_a_link_to_a_door_the_filter_hides_clears_the_filter(window, history, qloop):
    history.set_expected("127.0.0.1", [(TCP, 5)])
    reopen(window, history, qloop, spread({22}, last=30))
    window.views.state_filter.setCurrentIndex(1)  # open only: the missing door is hidden
    panel = window.find.panel
    (missing,) = [e for e in panel.summary.entries if e.kind.value == "missing"]
    assert "Missing: 5/tcp is expected open (rule 127.0.0.1), found closed" in missing.text
    assert panel.follow(f"entry:{panel.summary.entries.index(missing)}")
    assert window.views.door_view.currentIndex().data(DoorRole.PORT) == 5
    assert window.views.state_filter.currentIndex() == 0


def test_unexpected_missing_and_silent_hosts_are_in_the_summary(window, history, qloop):
    history.set_expected("127.0.0.1", [(TCP, 5432)])
    results = [
        result(21, PortState.OPEN),
        result(5432, PortState.CLOSED),
        result(21, PortState.FILTERED, address="127.0.0.2"),
        result(5432, PortState.FILTERED, address="127.0.0.2"),
    ]
    reopen(window, history, qloop, results, targets="127.0.0.1-2")
    text = summary_label(window).text()
    assert "Unexpected: no rule expects 21/tcp on 127.0.0.1" in text
    assert (
        "Missing: 5432/tcp is expected open (rule 127.0.0.1), found closed (conn-refused)" in text
    )
    assert "127.0.0.2: no door answered" in text


def test_the_summary_is_hidden_during_a_scan_and_can_be_closed(window, history, qloop):
    reopen(window, history, qloop, spread({22}, last=10))
    panel = window.find.panel
    assert panel.isVisible()
    panel.hide_button.click()
    assert not panel.isVisible()
    from portwindow.engine import ScanState

    window.controller.state_changed.emit(ScanState.SCANNING)
    assert panel.summary is None
    assert summary_label(window).text() == ""


def test_a_marked_door_explains_itself_in_its_tooltip_and_the_details(window, history, qloop):
    history.set_expected("127.0.0.0/29", [(TCP, 5432)])
    reopen(window, history, qloop, [result(21, PortState.OPEN), result(5432, PortState.CLOSED)])
    model = window.views.door_model
    missing = model.door_index("127.0.0.1", TCP, 5432)
    unexpected = model.door_index("127.0.0.1", TCP, 21)
    why = "Missing: 5432/tcp is expected open (rule 127.0.0.0/29), found closed (conn-refused)"
    assert why in missing.data(QtCore.Qt.ItemDataRole.ToolTipRole)
    assert why in missing.data(QtCore.Qt.ItemDataRole.AccessibleTextRole)
    assert "Unexpected: no rule expects 21/tcp on 127.0.0.1" in unexpected.data(
        QtCore.Qt.ItemDataRole.ToolTipRole
    )
    window.views.door_view.setCurrentIndex(missing)
    assert window.views.details.text_of(DetailField.FINDING) == why
    # the table's row says it too
    window.views.show_view(1)
    row = window.views.results_model.row_for("127.0.0.1", TCP, 5432)
    window.views.results_table.setCurrentIndex(window.views.results_model.index(row, 0))
    assert window.views.details.text_of(DetailField.FINDING) == why
    # a door without a finding has no finding line
    row = window.views.results_model.row_for("127.0.0.1", TCP, 21)
    history.set_expected("127.0.0.0/29", [(TCP, 21), (TCP, 5432)])
    window.history_controller.audit()
    window.views.results_table.setCurrentIndex(window.views.results_model.index(row, 0))
    assert window.views.details.text_of(DetailField.FINDING) == ""


def test_after_a_real_scan_the_summary_names_what_answered(window, history, qloop, qtbot):
    from tests.support.listeners import free_ports, listeners
    from tests.unit.gui.driving import run
    from tests.unit.gui.test_mainwindow import banner_listener

    closed = free_ports(2)
    with listeners(1) as (plain,), banner_listener(b"SSH-2.0-OpenSSH_9.2p1\r\n") as ssh:
        history.set_expected("127.0.0.1", [(TCP, closed[0])])
        window.form.set_targets("127.0.0.1")
        window.form.set_ports(",".join(map(str, [plain, ssh, *closed])))
        summary = run(qloop, window.scans.start())
    assert summary is not None
    text = summary_label(window).text()
    assert f"127.0.0.1 {plain}/tcp" in text
    assert f"127.0.0.1 {ssh}/tcp" in text
    assert "answers as ssh (OpenSSH 9.2p1)" in text  # the port is not IANA's ssh
    assert f"Missing: {closed[0]}/tcp is expected open (rule 127.0.0.1), found closed" in text
    assert f"Unexpected: no rule expects {plain}/tcp on 127.0.0.1" in text
    window.views.door_view.setFocus()
    qtbot.keyClick(window.views.door_view, QtCore.Qt.Key.Key_N)
    assert window.views.door_view.currentIndex().data(DoorRole.PORT) == min(plain, ssh)
