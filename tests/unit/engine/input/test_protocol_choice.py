"""The form's protocol choice applied to the Ports field's text."""

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.input.ports import PortSet, parse_ports
from portwindow.engine.input.protocol_choice import ProtocolChoice, parse_ports_for
from portwindow.engine.input.toplists import TOP100
from portwindow.engine.input.udp_toplist import UDP_TOP100

TCP, UDP, BOTH = ProtocolChoice.TCP, ProtocolChoice.UDP, ProtocolChoice.BOTH


@pytest.mark.parametrize(
    ("text", "choice", "tcp", "udp"),
    [
        ("22,80", TCP, (22, 80), ()),
        ("22,80", UDP, (), (22, 80)),
        ("22,80", BOTH, (22, 80), (22, 80)),
        ("1-3", UDP, (), (1, 2, 3)),
        # Prefixes written in the text win for the items they govern.
        ("22,U:53", TCP, (22,), (53,)),
        ("22,U:53", UDP, (), (22, 53)),
        ("22,U:53", BOTH, (22,), (22, 53)),
        ("22 T:80 U:53", UDP, (80,), (22, 53)),
        ("T:22,U:53", UDP, (22,), (53,)),
        ("T:22,U:53", BOTH, (22,), (53,)),
        ("  u:161 , t:22", BOTH, (22,), (161,)),
        # Service names are looked up for the protocol they are probed over.
        ("syslog", UDP, (), (514,)),
        ("domain", BOTH, (53,), (53,)),
    ],
)
def test_the_choice_applies_to_ports_without_a_prefix(text, choice, tcp, udp):
    assert parse_ports_for(text, choice) == PortSet(tcp=tcp, udp=udp)


def test_tcp_is_what_the_engine_reads():
    for text in ("top1000", "ssh,http,8000-8100", "T:22,80,U:53"):
        assert parse_ports_for(text, TCP) == parse_ports(text)


def test_a_port_set_is_unchanged_when_every_item_has_a_prefix():
    text = "U:53,T:22-25"
    assert parse_ports_for(text, UDP) == parse_ports_for(text, BOTH) == parse_ports(text)


@pytest.mark.parametrize("choice", [UDP, BOTH])
def test_a_tcp_list_over_udp_is_refused_and_the_message_says_why(choice):
    text = "22, top1000"
    with pytest.raises(InputError) as caught:
        parse_ports_for(text, choice)
    error = caught.value
    assert text[slice(*error.span)] == "top1000"
    assert f"the protocol is {choice.label}" in str(error)
    assert "probed over UDP" in str(error)


def test_a_udp_only_service_over_both_is_refused_for_tcp():
    with pytest.raises(InputError, match="no TCP port is registered") as caught:
        parse_ports_for("http,syslog", BOTH)
    assert caught.value.span == (5, 11)


@pytest.mark.parametrize("choice", list(ProtocolChoice))
@pytest.mark.parametrize(
    ("text", "bad"),
    [("22,70000", "70000"), ("22,,80", ",,"), (",22", ","), ("x:5", "x:"), ("22,8-2", "8-2")],
)
def test_mistakes_point_at_the_text_as_written(choice, text, bad):
    """The same message and span whatever the choice, although UDP parses other text."""
    with pytest.raises(InputError) as caught:
        parse_ports_for(text, choice)
    with pytest.raises(InputError) as as_tcp:
        parse_ports(text)
    assert text[slice(*caught.value.span)] == bad
    assert str(caught.value) == str(as_tcp.value)
    assert caught.value.span == as_tcp.value.span


def test_blank_text_is_refused():
    for choice in ProtocolChoice:
        with pytest.raises(InputError, match="no ports given"):
            parse_ports_for("  ", choice)


def test_labels():
    assert [choice.label for choice in ProtocolChoice] == ["TCP", "UDP", "TCP and UDP"]


def test_top100_over_udp_is_the_udp_list():
    assert parse_ports_for("top100", UDP) == PortSet(udp=UDP_TOP100)
    both = parse_ports_for("top100", BOTH)
    assert (both.tcp, both.udp) == (tuple(sorted(TOP100)), tuple(sorted(UDP_TOP100)))
