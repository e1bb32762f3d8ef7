"""Plain-language notes for the details panel."""

import pytest

from portwindow.engine.core.model import PortState, Protocol
from portwindow.engine.present.explain import explain, service_note, state_note

CLOSE_IT = (
    "This door is open: a program is listening and accepted a connection. If nobody needs "
    "this service, close the door: stop the service or block the port in the firewall."
)


def test_ssh_is_remote_login():
    text = explain(22, Protocol.TCP, PortState.OPEN)
    assert "SSH" in text
    assert "remote login" in text


def test_open_reminds_to_close_the_door():
    assert CLOSE_IT in explain(22, Protocol.TCP, PortState.OPEN)


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (PortState.OPEN, CLOSE_IT),
        (PortState.CLOSED, "The door is shut: the host answered, but no program listens here."),
        (
            PortState.FILTERED,
            "No answer came: a firewall probably drops the knock, so we cannot tell whether "
            "anything is behind it.",
        ),
        (
            PortState.OPEN_FILTERED,
            "No answer came back. For UDP that is normal for many services that only answer "
            "correct requests, or a firewall dropped the knock: the door may be open or barred.",
        ),
        (None, "Not probed yet."),
    ],
)
def test_every_state(state, expected):
    assert state_note(state) == expected
    text = explain(443, Protocol.TCP, state)
    assert text.endswith(expected)
    others = {state_note(other) for other in (*PortState, None) if other is not state}
    assert not any(other in text for other in others)


def test_an_open_udp_door_answered_rather_than_accepted_a_connection():
    note = state_note(PortState.OPEN, Protocol.UDP)
    assert note.startswith("This door is open: a program answered the knock.")
    assert "connection" not in note
    assert "close the door" in note
    assert explain(53, Protocol.UDP, PortState.OPEN).endswith(note)
    assert state_note(PortState.CLOSED, Protocol.UDP) == state_note(PortState.CLOSED)


@pytest.mark.parametrize(
    ("port", "words"),
    [(53, "DNS"), (123, "NTP"), (161, "SNMP"), (5353, "mDNS")],
)
def test_common_udp_services_are_explained(port, words):
    assert words in service_note(port, Protocol.UDP)


@pytest.mark.parametrize(
    ("port", "words"),
    [
        (21, "FTP"),
        (23, "Telnet"),
        (25, "SMTP"),
        (53, "DNS"),
        (80, "HTTP"),
        (110, "POP3"),
        (139, "NetBIOS"),
        (143, "IMAP"),
        (445, "SMB"),
        (3389, "Remote Desktop"),
        (5901, "VNC"),
        (3306, "MySQL"),
        (5432, "PostgreSQL"),
        (6379, "Redis"),
        (27017, "MongoDB"),
        (2375, "Docker"),
        (6443, "Kubernetes"),
        (10250, "kubelet"),
        (9090, "Prometheus"),
        (8080, "Web servers"),
        (631, "print"),
        (9100, "print"),
        (6000, "X11"),
        (2049, "NFS"),
        (111, "rpcbind"),
    ],
)
def test_common_services_are_explained(port, words):
    assert words in service_note(port, Protocol.TCP)


def test_protocol_specific_note():
    assert "rsh" in service_note(514, Protocol.TCP)
    assert "Syslog" in service_note(514, Protocol.UDP)


def test_registered_port_without_a_note_falls_back_to_iana():
    # 2024/tcp: IANA's xinuexpansion4, whose description is its name
    assert service_note(2024, Protocol.TCP) == "IANA lists this port as: xinuexpansion4."


def test_iana_fallback_shows_description_and_name():
    note = service_note(5433, Protocol.TCP)
    assert note.startswith("IANA lists this port as: ")
    assert "(pyrrho)" in note


def test_unassigned_port():
    text = explain(60123, Protocol.TCP, PortState.CLOSED)
    assert "No service is registered for this port with IANA, so any program can use it." in text


@pytest.mark.parametrize(
    ("port", "words"),
    [(22, "well-known port (0-1023)"), (8080, "registered port"), (60123, "dynamic port")],
)
def test_port_class_sentence(port, words):
    assert f"Port {port} is a {words}" in explain(port, Protocol.TCP, None)


def test_out_of_range_port():
    with pytest.raises(ValueError, match="out of range"):
        explain(65536, Protocol.TCP, None)
