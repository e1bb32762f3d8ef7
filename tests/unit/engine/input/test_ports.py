"""Tests for portwindow.engine.input.ports: the port-spec parser and PortSet."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import Protocol
from portwindow.engine.input.ports import DEFAULT_PORTS, PortSet, parse_ports
from portwindow.engine.input.services import ServiceRegistry
from portwindow.engine.input.toplists import TOP100, TOP1000

ALL = tuple(range(1, 65536))


# --- syntax, one element at a time -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tcp", "udp"),
    [
        ("22", (22,), ()),
        ("1-1024", tuple(range(1, 1025)), ()),
        ("22,80,443", (22, 80, 443), ()),
        ("22 80\t443\n8080", (22, 80, 443, 8080), ()),
        (" 443 , 22,80 ", (22, 80, 443), ()),
        ("80,22,80,22-23", (22, 23, 80), ()),
        ("0022", (22,), ()),
        ("65535", (65535,), ()),
        ("-1024", tuple(range(1, 1025)), ()),
        ("65530-", tuple(range(65530, 65536)), ()),
        ("5-5", (5,), ()),
        ("all", ALL, ()),
        ("ALL", ALL, ()),
        ("-", ALL, ()),
        ("T:80,U:53", (80,), (53,)),
        ("T:22,80,U:53,161", (22, 80), (53, 161)),
        ("U:53,T:22,80", (22, 80), (53,)),
        ("22,U:53,161", (22,), (53, 161)),
        ("u:53 t:22", (22,), (53,)),
        ("U: 53 161", (), (53, 161)),
        ("T:22,U:22", (22,), (22,)),
        ("U:-3", (), (1, 2, 3)),
        ("U:all", (), ALL),
        ("ssh,http", (22, 80), ()),
        ("SSH, Http", (22, 80), ()),
        ("www", (80,), ()),
        ("U:domain", (), (53,)),
        ("T:domain,U:domain", (53,), (53,)),
        ("x11", tuple(range(6000, 6064)), ()),
        ("sql*net", (66,), ()),
        ("3com-tsmux", (106,), ()),
        ("well-known", tuple(range(1, 1024)), ()),
        ("registered", tuple(range(1024, 49152)), ()),
        ("dynamic", tuple(range(49152, 65536)), ()),
        ("Well-Known,dynamic", tuple(range(1, 1024)) + tuple(range(49152, 65536)), ()),
        ("top100", tuple(sorted(TOP100)), ()),
        ("top1000", tuple(sorted(TOP1000)), ()),
        ("TOP100,65535", (*sorted(TOP100), 65535), ()),
    ],
)
def test_parse(text, tcp, udp):
    ports = parse_ports(text)
    assert ports.tcp == tcp
    assert ports.udp == udp


def test_default_ports_parse_to_top1000():
    assert DEFAULT_PORTS == "top1000"
    assert set(parse_ports(DEFAULT_PORTS).tcp) == set(TOP1000)


def test_names_use_the_given_registry():
    registry = ServiceRegistry("7\ttcp\tfoo\tFoo\n9\tudp\tfoo\tFoo\n")
    assert parse_ports("foo", registry=registry) == PortSet(tcp=(7,))
    assert parse_ports("U:FOO", registry=registry) == PortSet(udp=(9,))
    with pytest.raises(InputError, match="ssh: unknown service name"):
        parse_ports("ssh", registry=registry)


class _Untouchable:
    def __getattr__(self, name: str):
        raise AssertionError(f"registry.{name} used for a spec without names")


def test_numbers_and_keywords_do_not_need_the_registry():
    ports = parse_ports("22,1-3,-,top100,U:dynamic", registry=_Untouchable())  # type: ignore[arg-type]
    assert len(ports.tcp) == 65535


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "token", "span"),
    [
        ("", "no ports given", "", (0, 0)),
        ("  \t", "no ports given", "  \t", (0, 3)),
        ("70000", "70000: port 70000 is out of range 1-65535", "70000", (0, 5)),
        ("22,70000", "70000: port 70000 is out of range 1-65535", "70000", (3, 8)),
        ("1-70000", "70000: port 70000 is out of range 1-65535", "70000", (2, 7)),
        ("99999999999", "99999999999: port 99999999999 is out of range 1-65535", None, (0, 11)),
        ("1024-22", "1024-22: range is reversed (1024 > 22)", "1024-22", (0, 7)),
        ("T:80,U:9-8", "9-8: range is reversed (9 > 8)", "9-8", (7, 10)),
        ("0", "0: port 0 is reserved and cannot be probed; ports start at 1", "0", (0, 1)),
        ("0-100", "0: port 0 is reserved and cannot be probed; ports start at 1", "0", (0, 1)),
        ("U:000", "000: port 0 is reserved and cannot be probed; ports start at 1", None, (2, 5)),
        ("htp", "htp: unknown service name; did you mean http, https, ftp?", "htp", (0, 3)),
        (
            "ssh, 80, htp",
            "htp: unknown service name; did you mean http, https, ftp?",
            None,
            (9, 12),
        ),
        ("postgres", "postgres: unknown service name; did you mean postgresql?", None, (0, 8)),
        ("rdp", "rdp: unknown service name; did you mean ms-wbt-server?", "rdp", (0, 3)),
        ("top10", "top10: unknown service name; did you mean top100, topx?", None, (0, 5)),
        ("zzzzzzzzzzzz", "zzzzzzzzzzzz: unknown service name", None, (0, 12)),
        (
            "U:mongodb",
            "mongodb: no UDP port is registered for this service (it has TCP 27017)",
            "mongodb",
            (2, 9),
        ),
        ("22,,80", "empty item: nothing between the commas at positions 3 and 4", ",,", (2, 4)),
        ("22 , ,80", "empty item: nothing between the commas at positions 4 and 6", ", ,", (3, 6)),
        (",22", "empty item: nothing before the comma at position 1", ",", (0, 1)),
        ("22,", "empty item: nothing after the comma at position 3", ",", (2, 3)),
        (",", "empty item: nothing after the comma at position 1", ",", (0, 1)),
        ("X:80", '"X:" is not a protocol prefix; use T: for TCP or U: for UDP', "X:", (0, 2)),
        ("22,S:80", '"S:" is not a protocol prefix; use T: for TCP or U: for UDP', "S:", (3, 5)),
        (":80", '":" is not a protocol prefix; use T: for TCP or U: for UDP', ":", (0, 1)),
        ("T:U:80", "T:U:80: only one protocol prefix is allowed per item", "T:U:80", (0, 6)),
        ("22 U:", "U: is not followed by any port", "U:", (3, 5)),
        ("T: U:53", "T: is not followed by any port", "T:", (0, 2)),
        ("1-2-3", "1-2-3: not a port or a range of ports", "1-2-3", (0, 5)),
        ("--", "--: not a port or a range of ports", "--", (0, 2)),
        (
            "U:top1000",
            "top1000: there is no UDP top1000 list; use top100 (the UDP list) or name the ports",
            None,
            (2, 9),
        ),
        ("22;80", "22;80: not a port, a range of ports or a service name", None, (0, 5)),
        ("٢٢", "٢٢: not a port, a range of ports or a service name", None, (0, 2)),
    ],
)
def test_errors(text, message, token, span):
    with pytest.raises(InputError) as caught:
        parse_ports(text)
    error = caught.value
    assert str(error) == message
    assert error.span == span
    assert error.token == (token if token is not None else text[span[0] : span[1]])
    assert text[span[0] : span[1]] == error.token


# --- PortSet -----------------------------------------------------------------------------


def test_portset_normalises_and_counts():
    ports = PortSet(tcp=(443, 22, 22, 80), udp=(53,))
    assert ports.tcp == (22, 80, 443)
    assert ports.ports(Protocol.TCP) == (22, 80, 443)
    assert ports.ports(Protocol.UDP) == (53,)
    assert len(ports) == 4
    assert bool(ports)
    assert list(ports) == [
        (Protocol.TCP, 22),
        (Protocol.TCP, 80),
        (Protocol.TCP, 443),
        (Protocol.UDP, 53),
    ]
    assert ports == PortSet(tcp=(22, 80, 443), udp=(53,))
    assert hash(ports) == hash(PortSet(tcp=(80, 22, 443), udp=(53,)))


def test_empty_portset_is_false():
    assert not PortSet()
    assert len(PortSet()) == 0
    assert PortSet().describe() == "no ports"


@pytest.mark.parametrize("bad", [(0,), (65536,), (-1, 5)])
def test_portset_rejects_impossible_ports(bad):
    with pytest.raises(ValueError, match="1-65535"):
        PortSet(tcp=bad)


@pytest.mark.parametrize(
    ("ports", "text", "description"),
    [
        (PortSet(tcp=(22,)), "22", "1 TCP port (22)"),
        (PortSet(tcp=(22, 80, 81, 443)), "22,80,81,443", "4 TCP ports (22,80,81,443)"),
        (PortSet(tcp=tuple(range(1, 1025))), "1-1024", "1,024 TCP ports (1-1024)"),
        (PortSet(udp=(53, 161)), "U:53,161", "2 UDP ports (53,161)"),
        (
            PortSet(tcp=(22, 23, 24), udp=(53,)),
            "T:22-24,U:53",
            "3 TCP ports (22-24) and 1 UDP port (53)",
        ),
        (PortSet(tcp=tuple(range(1, 65536, 2))), None, "32,768 TCP ports"),
    ],
)
def test_str_and_describe(ports, text, description):
    if text is not None:
        assert str(ports) == text
    assert ports.describe() == description


# --- properties --------------------------------------------------------------------------

_SEPARATORS = st.sampled_from([",", " ", ", ", " ,", "\t", "\n", ",,", " , ,", ""])
_NUMBERS = st.integers(min_value=0, max_value=70000).map(str)
_BODIES = st.one_of(
    _NUMBERS,
    st.tuples(_NUMBERS, _NUMBERS).map("-".join),
    _NUMBERS.map(lambda n: f"-{n}"),
    _NUMBERS.map(lambda n: f"{n}-"),
    st.sampled_from(
        [
            "all", "-", "ALL", "well-known", "registered", "dynamic", "top100", "Top1000",
            "ssh", "http", "www", "x11", "domain", "sql*net", "mongodb", "htp", "rdp",
            "1-2-3", "--", ";", "٢", "", ":",
        ]
    ),
)  # fmt: skip
_PREFIXES = st.sampled_from(["", "", "", "T:", "U:", "t:", "u:", "X:", ":"])
_ITEMS = st.tuples(_PREFIXES, _BODIES).map("".join)
_SPECS = st.tuples(
    _SEPARATORS, st.lists(st.tuples(_ITEMS, _SEPARATORS), max_size=6), _SEPARATORS
).map(lambda t: t[0] + "".join(item + sep for item, sep in t[1]) + t[2])


def _outcome(text: str) -> PortSet | InputError:
    try:
        return parse_ports(text)
    except InputError as error:
        return error


def _check_outcome(text: str) -> None:
    outcome = _outcome(text)
    if isinstance(outcome, InputError):
        assert outcome.span is not None
        start, end = outcome.span
        assert 0 <= start <= end <= len(text)
        assert text[start:end] == outcome.token
        # a long token is quoted cut short, "..." marking the cut
        assert outcome.token.replace(",", "").strip()[:50] in str(outcome)
    else:
        assert outcome
        for _, port in outcome:
            assert 1 <= port <= 65535


@given(st.text())
def test_any_text_parses_or_raises_input_error(text):
    _check_outcome(text)


@given(_SPECS)
def test_grammar_pieces_parse_or_raise_input_error(text):
    _check_outcome(text)


_PORTS = st.integers(min_value=1, max_value=65535)


@given(st.lists(_PORTS, min_size=1), st.sampled_from([",", ", ", " ", "\n"]))
def test_joined_port_list_round_trips(ports, separator):
    assert parse_ports(separator.join(map(str, ports))).tcp == tuple(sorted(set(ports)))


@given(st.lists(_PORTS, max_size=30), st.lists(_PORTS, max_size=30))
def test_str_of_portset_round_trips(tcp, udp):
    ports = PortSet(tcp=tuple(tcp), udp=tuple(udp))
    if ports:
        assert parse_ports(str(ports)) == ports
    else:
        assert str(ports) == ""


_RANGE_ITEMS = st.tuples(
    st.sampled_from([None, "T:", "U:"]),
    st.tuples(_PORTS, _PORTS).map(sorted),
)


@given(st.lists(_RANGE_ITEMS, min_size=1, max_size=8))
def test_prefixes_stick_until_the_next_one(items):
    # Oracle: nmap's rule, items before any prefix are TCP, a prefix holds until replaced.
    expected: dict[Protocol, set[int]] = {Protocol.TCP: set(), Protocol.UDP: set()}
    protocol = Protocol.TCP
    parts = []
    for prefix, (low, high) in items:
        if prefix is not None:
            protocol = Protocol.TCP if prefix == "T:" else Protocol.UDP
        expected[protocol].update(range(low, high + 1))
        parts.append(f"{prefix or ''}{low}-{high}")
    ports = parse_ports(",".join(parts))
    assert set(ports.tcp) == expected[Protocol.TCP]
    assert set(ports.udp) == expected[Protocol.UDP]
