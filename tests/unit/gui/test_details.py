"""The side panel about the chosen door."""

import time

import pytest

from portwindow.engine.model import PortResult, PortState, Protocol, Reason
from portwindow.gui.details import HINT, DetailField, DetailsPanel
from portwindow.gui.qt import Qt, QtWidgets

OPEN_SSH = PortResult(
    host="localhost",
    address="127.0.0.1",
    protocol=Protocol.TCP,
    port=22,
    state=PortState.OPEN,
    reason=Reason.SYN_ACK,
    rtt=0.0012345,
    scanned_at=1_700_000_000.0,
    banner="SSH-2.0-OpenSSH_9.2\r\n<b>",
)


@pytest.fixture
def panel(qtbot):
    # Not shown: the offscreen platform warns about size hints of a shown window with
    # word-wrapped labels. Visibility is checked relative to the panel instead.
    panel = DetailsPanel()
    qtbot.addWidget(panel)
    return panel


def shown(panel, widget):
    return widget.isVisibleTo(panel)


def hint(panel):
    return panel.findChild(QtWidgets.QLabel, "details-hint")


def test_starts_with_the_hint(panel):
    assert not panel.is_showing()
    assert shown(panel, hint(panel))
    assert hint(panel).text() == HINT == "Click a door to see what is behind it."


def test_shows_every_field(panel):
    panel.show_result(OPEN_SSH)
    assert panel.is_showing()
    assert not shown(panel, hint(panel))
    assert panel.text_of(DetailField.TITLE) == "22/tcp ssh"
    assert panel.text_of(DetailField.HOST) == "localhost (127.0.0.1)"
    assert panel.text_of(DetailField.PORT) == "22/tcp"
    assert panel.text_of(DetailField.SERVICE) == "ssh: The Secure Shell (SSH) Protocol"
    assert panel.text_of(DetailField.PORT_CLASS) == "well-known (0-1023)"
    assert panel.text_of(DetailField.STATE) == "open (syn-ack)"
    assert panel.text_of(DetailField.RTT) == "1.234 ms"
    local = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(1_700_000_000.0))
    assert panel.text_of(DetailField.SCANNED_AT) == local
    assert panel.text_of(DetailField.BANNER) == "SSH-2.0-OpenSSH_9.2\\r\\n<b>"
    explanation = panel.text_of(DetailField.EXPLANATION)
    assert "remote login" in explanation
    assert "close the door" in explanation


def test_labels_are_plain_selectable_and_named(panel):
    panel.show_result(OPEN_SSH)
    for field in DetailField:
        label = panel.findChild(QtWidgets.QLabel, f"details-{field.value}")
        assert label is not None, field
        assert label.accessibleName()
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
        assert label.wordWrap()


def test_banner_row_hidden_without_a_banner(panel):
    panel.show_result(OPEN_SSH)
    banner = panel.findChild(QtWidgets.QLabel, "details-banner")
    assert shown(panel, banner)
    closed = PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.TCP, 60123, PortState.CLOSED,
        Reason.CONN_REFUSED, 0.0001, 1_700_000_000.0,
    )  # fmt: skip
    panel.show_result(closed)
    assert not shown(panel, banner)
    assert panel.text_of(DetailField.HOST) == "127.0.0.1"
    assert panel.text_of(DetailField.SERVICE) == "not registered with IANA"
    assert panel.text_of(DetailField.PORT_CLASS) == "dynamic (49152-65535)"
    assert "no program listens here" in panel.text_of(DetailField.EXPLANATION)


def test_filtered_has_no_round_trip(panel):
    filtered = PortResult(
        "example", "192.0.2.1", Protocol.TCP, 443, PortState.FILTERED,
        Reason.NO_RESPONSE, None, 1_700_000_000.0,
    )  # fmt: skip
    panel.show_result(filtered)
    assert panel.text_of(DetailField.RTT) == "no answer"
    assert panel.text_of(DetailField.STATE) == "filtered (no-response)"


def test_planned_door(panel):
    panel.show_result(None, planned=("localhost", "::1", Protocol.TCP, 80))
    assert panel.is_showing()
    assert panel.text_of(DetailField.HOST) == "localhost (::1)"
    assert panel.text_of(DetailField.PORT) == "80/tcp"
    assert panel.text_of(DetailField.STATE) == "not probed yet"
    assert panel.text_of(DetailField.RTT) == ""
    assert panel.text_of(DetailField.EXPLANATION).endswith("Not probed yet.")


def test_control_characters_in_host_are_escaped(panel):
    sneaky = PortResult(
        "evil\u202ename", "127.0.0.1", Protocol.TCP, 22, PortState.OPEN,
        Reason.SYN_ACK, 0.001, 1_700_000_000.0,
    )  # fmt: skip
    panel.show_result(sneaky)
    assert panel.text_of(DetailField.HOST) == "evil\\u202ename (127.0.0.1)"


def test_clear(panel):
    panel.show_result(OPEN_SSH)
    panel.clear()
    assert not panel.is_showing()
    assert shown(panel, hint(panel))
    assert all(panel.text_of(field) == "" for field in DetailField)


def test_nothing_to_show_clears(panel):
    panel.show_result(OPEN_SSH)
    panel.show_result(None)
    assert not panel.is_showing()
