"""Doors and door sets (audit/doors.py): a set of (protocol, port) pairs to every caller,
port intervals inside."""

import pytest

from portwindow.engine.audit.doors import DoorSet, format_doors, parse_doors
from portwindow.engine.core.model import Protocol

TCP, UDP = Protocol.TCP, Protocol.UDP


def test_a_full_range_is_one_interval_and_still_a_set_of_doors():
    doors = parse_doors("1-65535/tcp, 53/udp")
    assert doors.spans(TCP) == ((1, 65535),)
    assert doors.spans(UDP) == ((53, 53),)
    assert len(doors) == 65536
    assert (TCP, 22) in doors
    assert (UDP, 22) not in doors
    assert (TCP, 0) not in doors
    assert "22/tcp" not in doors
    assert next(iter(doors)) == (TCP, 1)


def test_equal_to_the_same_doors_as_any_set_and_hashable():
    doors = parse_doors("22/tcp, 80-81/tcp, 53/udp")
    plain = {(TCP, 22), (TCP, 80), (TCP, 81), (UDP, 53)}
    assert doors == plain
    assert plain == doors
    assert frozenset(plain) == doors
    assert doors == DoorSet.of(plain)
    assert hash(doors) == hash(DoorSet.of(plain))
    assert doors != {(TCP, 22)}
    assert doors != "22/tcp"
    assert len({doors, DoorSet.of(plain)}) == 1


def test_union_merges_intervals():
    a, b = parse_doors("1-100/tcp"), parse_doors("50-200/tcp, 53/udp")
    union = a | b
    assert union.spans(TCP) == ((1, 200),)
    assert union.spans(UDP) == ((53, 53),)
    assert {(UDP, 7)} | a == DoorSet.union_of([a, parse_doors("7/udp")])
    assert DoorSet.union_of([a]) is a
    assert DoorSet.of(a) is a


def test_format_gives_runs_as_ranges_tcp_first():
    assert format_doors(parse_doors("53/udp, 443/tcp, 22/tcp, 8000-8002")) == (
        "22/tcp, 443/tcp, 8000-8002/tcp, 53/udp"
    )
    assert format_doors(DoorSet()) == ""
    assert format_doors({(TCP, 2), (TCP, 1)}) == "1-2/tcp"
    assert repr(parse_doors("22")) == "DoorSet('22/tcp')"


@pytest.mark.parametrize("text", ["", "  ", ",", "70000/tcp", "22/sctp", "x"])
def test_bad_doors_raise(text):
    with pytest.raises(ValueError):  # noqa: PT011 - InputError is a ValueError; message varies
        parse_doors(text)
