"""The status area never cuts a message: the message line wraps, menus' tips do not wipe
it, a scan that resolved nothing says why where the doors would be and is not saved,
and no time left is shown once a scan ended."""

import pytest

from portwindow.engine.core.model import HostError, Progress, ScanSummary
from portwindow.gui.qt import QtGui, QtWidgets
from tests.unit.gui.driving import run

LONG = (
    "Finished: 20,000 of 20,000 ports in 3.21 s; 6 open, 19,990 closed, 4 filtered; "
    "nowhere.test: could not resolve the name (no such host); expected doors: 2 unexpected, "
    "1 missing, 3 not checked"
)


def test_a_long_message_wraps_at_1024_by_700(window, qtbot):
    window.resize(1024, 700)
    window.status.show_audit("2 unexpected, 1 missing")
    window.status.say(LONG)
    label = window.findChild(QtWidgets.QLabel, "statusMessage")
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.text() == LONG
    assert label.isVisible()
    assert label.geometry().right() <= window.width()
    assert label.heightForWidth(label.width()) > label.fontMetrics().height()  # it wraps
    # the audit's label is elsewhere (the status bar): it does not overlap the message
    audit = window.status.audit_label
    top_of_audit = audit.mapTo(window, audit.rect().topLeft()).y()
    assert label.mapTo(window, label.rect().bottomLeft()).y() < top_of_audit


def test_hovering_a_menu_does_not_wipe_the_message(window, qapp):
    window.status.say("Finished: 3 of 3 ports")
    qapp.sendEvent(window, QtGui.QStatusTipEvent("Open a saved CSV or JSON report"))
    assert window.status.message() == "Finished: 3 of 3 ports"
    qapp.sendEvent(window, QtGui.QStatusTipEvent(""))
    assert window.status.message() == "Finished: 3 of 3 ports"


def test_idle_and_stopped_progress_read_sensibly(window):
    bar = window.status.progress_bar
    assert bar.text() == ""  # not "0 / 1 ports"
    stopped = Progress(500, 1000, 1.0, 500.0, 1.0, open=1, closed=499)
    window.status.show_progress(stopped)
    assert "ETA" in window.status.rate_label.text()
    window.status.show_final(stopped)
    assert window.status.rate_label.text() == "500 ports/s"
    assert bar.text() == "500 / 1,000 ports"  # the locale's digit grouping


@pytest.fixture
def unresolvable(window, monkeypatch):
    """The controller's run as for targets that did not resolve: no result at all."""

    async def nothing(session):
        progress = Progress(0, 0, 0.01, 0.0, None)
        errors = (HostError("nowhere.test", "could not resolve the name (no such host)"),)
        return ScanSummary(progress, False, 1000.0, 1000.01, errors)

    monkeypatch.setattr(window.controller, "run", nothing)


def test_a_scan_that_resolved_nothing_says_why_in_the_view(window, history, qloop, unresolvable):
    window.form.set_targets("nowhere.test")
    window.form.set_ports("22")
    summary = run(qloop, window.scans.start())
    assert summary is not None
    notice = window.findChild(QtWidgets.QLabel, "doorNotice")
    assert notice.isVisible()
    assert "nowhere.test: could not resolve the name (no such host)" in notice.text()
    assert window.views.door_view.property("emptyText") == ""
    assert history.scans() == []  # nothing to keep
    assert "could not resolve the name (no such host)" in window.status.message()
