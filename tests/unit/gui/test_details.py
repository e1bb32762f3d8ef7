"""The side panel about the chosen door."""

import dataclasses
import time

import pytest

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.gui import colors
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


def test_shows_every_field(panel, stub_identify):
    panel.show_result(OPEN_SSH)
    assert panel.is_showing()
    assert not shown(panel, hint(panel))
    assert panel.text_of(DetailField.TITLE) == "22/tcp ssh"
    assert panel.text_of(DetailField.HOST) == "localhost (127.0.0.1)"
    assert panel.text_of(DetailField.PORT) == "22/tcp"
    assert panel.text_of(DetailField.SERVICE) == "ssh (IANA) — answers as ssh (OpenSSH 9.2)"
    assert panel.text_of(DetailField.PORT_CLASS) == "well-known (0-1023)"
    assert panel.text_of(DetailField.STATE) == "open (syn-ack)"
    assert panel.text_of(DetailField.RTT) == "1.234 ms"
    local = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(1_700_000_000.0))
    assert panel.text_of(DetailField.SCANNED_AT) == local
    assert panel.text_of(DetailField.BANNER) == "SSH-2.0-OpenSSH_9.2\\r\\n<b>"
    assert panel.text_of(DetailField.WARNING) == ""
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


def test_the_service_and_its_description_without_a_banner(panel):
    panel.show_result(dataclasses.replace(OPEN_SSH, banner=""))
    assert panel.text_of(DetailField.SERVICE) == "ssh: The Secure Shell (SSH) Protocol"


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


SSH_ON_8080 = PortResult(
    host="127.0.0.1",
    address="127.0.0.1",
    protocol=Protocol.TCP,
    port=8080,
    state=PortState.OPEN,
    reason=Reason.SYN_ACK,
    rtt=0.0004,
    scanned_at=1_700_000_000.0,
    banner="SSH-2.0-OpenSSH_9.2p1",
)


def warning_label(panel):
    return panel.findChild(QtWidgets.QLabel, "details-warning")


def test_banner_identification_and_disagreement(panel, real_identify):
    panel.show_result(SSH_ON_8080)
    label = real_identify.identify(SSH_ON_8080.banner).label()
    assert panel.text_of(DetailField.BANNER) == "SSH-2.0-OpenSSH_9.2p1"
    assert panel.text_of(DetailField.SERVICE) == f"http-alt (IANA) — answers as {label}"
    assert "ssh" in label
    assert shown(panel, warning_label(panel))
    assert panel.text_of(DetailField.WARNING) == (
        "⚠ This door is registered for http-alt but the program behind it speaks ssh."
    )


def test_the_warning_is_drawn_in_the_warning_colour(panel, stub_identify):
    panel.show_result(SSH_ON_8080)
    assert colors.WARNING_RED in warning_label(panel).styleSheet()
    assert warning_label(panel).font().bold()


def test_an_agreeing_banner_has_no_warning(panel, stub_identify):
    panel.show_result(OPEN_SSH)
    assert panel.text_of(DetailField.SERVICE) == "ssh (IANA) — answers as ssh (OpenSSH 9.2)"
    assert panel.text_of(DetailField.WARNING) == ""
    assert not shown(panel, warning_label(panel))


def test_the_warning_goes_with_the_next_door(panel, stub_identify):
    panel.show_result(SSH_ON_8080)
    assert shown(panel, warning_label(panel))
    panel.show_result(dataclasses.replace(SSH_ON_8080, banner=""))
    assert not shown(panel, warning_label(panel))
    assert panel.text_of(DetailField.SERVICE) == "http-alt: HTTP Alternate (see port 80)"


def test_an_open_filtered_udp_door(panel):
    quiet = PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.UDP, 69, PortState.OPEN_FILTERED,
        Reason.NO_RESPONSE, None, 1_700_000_000.0,
    )  # fmt: skip
    panel.show_result(quiet)
    assert panel.text_of(DetailField.TITLE) == "69/udp tftp"
    assert panel.text_of(DetailField.STATE) == "open|filtered (no-response)"
    assert panel.text_of(DetailField.RTT) == "no answer"
    assert panel.text_of(DetailField.EXPLANATION).endswith("the door may be open or barred.")
    assert not shown(panel, warning_label(panel))


def test_an_open_udp_door_answered(panel):
    dns = PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.UDP, 53, PortState.OPEN,
        Reason.UDP_RESPONSE, 0.0002, 1_700_000_000.0,
    )  # fmt: skip
    panel.show_result(dns)
    assert panel.text_of(DetailField.STATE) == "open (udp-response)"
    assert "a program answered the knock" in panel.text_of(DetailField.EXPLANATION)
