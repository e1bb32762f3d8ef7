"""What the search box understands, and how it says what it shows."""

import pytest

from portwindow.engine.core.model import Protocol
from portwindow.engine.present.search import (
    parse_search,
    rows_in_spans,
    search_haystack,
    shown_text,
)

TCP, UDP = Protocol.TCP, Protocol.UDP


@pytest.mark.parametrize(
    ("text", "protocol", "port", "expected"),
    [
        ("3306", TCP, 3306, True),
        ("3306", TCP, 33060, False),  # exactly, not a prefix
        ("3306", UDP, 3306, True),
        ("8000-9000", TCP, 8443, True),
        ("8000-9000", TCP, 9001, False),
        ("9000-8000", TCP, 8500, True),  # either way round
        ("53/udp", UDP, 53, True),
        ("53/udp", TCP, 53, False),
        ("1-1024/TCP", TCP, 1024, True),
        ("22, 80 443", TCP, 443, True),
        ("70000", TCP, 65535, False),
        ("ssh", TCP, 22, False),  # a word is not a port
    ],
)
def test_ports_exactly_ranges_and_protocols(text, protocol, port, expected):
    assert parse_search(text).matches_port(protocol, port) is expected


def test_words_and_phrases():
    query = parse_search("SSH, domain name")
    assert query.words == ("ssh", "domain name")
    assert query.matches_text("netconf-ssh")
    assert query.matches_text("domain name server")
    assert not query.matches_text("domain")
    assert not parse_search("  ,  ")
    assert parse_search("22 ssh").words == ("22 ssh",)  # not all ports: one phrase


def test_a_banner_adds_the_service_it_names():
    hay = search_haystack("EtherNet-IP-1", "EtherNet/IP I/O", "SSH-2.0-OpenSSH_9.2p1\r\n")
    assert parse_search("ssh").matches_text(hay)
    assert parse_search("openssh").matches_text(hay)
    assert not parse_search("ssh").matches_text(search_haystack("EtherNet-IP-1", "", ""))


def test_rows_of_a_range_are_found_by_bisection():
    ports = list(range(1, 65536))
    query = parse_search("8000-9000, 22/udp")
    assert rows_in_spans(query, TCP, 0, ports) == [(7999, 9000)]
    assert rows_in_spans(query, UDP, 100, [22, 53]) == [(100, 101)]


def test_how_many_are_shown():
    assert shown_text(9, 65535, "ssh") == "9 of 65,535 shown"
    assert shown_text(0, 65535, "8000-9000") == "nothing matches 8000-9000"
    assert shown_text(10, 65535, filtered=True) == "10 of 65,535 shown"
    assert shown_text(65535, 65535) == ""
    assert shown_text(65535, 65535, "1-65535") == ""
    assert shown_text(0, 0, "22") == ""
