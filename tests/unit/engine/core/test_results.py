"""The ResultSet: the latest result per door, kept as columns, read back as results."""

import sys
import tracemalloc
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwindow.engine.core import host_index
from portwindow.engine.core.codes import DOOR_CODE, FROM_HISTORY, TO_HISTORY, door_code
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import Plan, ResultSet, door_key

TCP, UDP = Protocol.TCP, Protocol.UDP


def r(port, state=PortState.CLOSED, *, address="192.0.2.1", host=None, protocol=TCP, **kw):
    reason = {
        PortState.OPEN: Reason.SYN_ACK,
        PortState.CLOSED: Reason.CONN_REFUSED,
        PortState.FILTERED: Reason.NO_RESPONSE,
        PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
    }[state]
    return PortResult(
        host or address,
        address,
        protocol,
        port,
        state,
        kw.pop("reason", reason),
        kw.pop("rtt", 0.5),
        kw.pop("scanned_at", 1_700_000_000.25),
        kw.pop("banner", ""),
    )


def micros(seconds):
    """A round-trip time as the set keeps it: to the microsecond."""
    return round(seconds * 1e6) / 1e6


def millis(moment):
    """A time as the set keeps it: to the millisecond."""
    return round(moment * 1000) / 1000


def test_a_later_result_for_a_door_replaces_the_earlier_one():
    found = ResultSet({TCP: [22, 80]})
    first = found.add([r(22, PortState.OPEN), r(80)])
    assert first.new_hosts == range(1)
    assert first.new_doors == 2
    again = found.add([r(22, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1")])
    assert again.new_doors == 0
    assert again.new_hosts == range(1, 1)
    assert again.changed == ((0, 0, 0),)
    assert len(found) == 2
    assert found.get("192.0.2.1", TCP, 22).banner == "SSH-2.0-OpenSSH_9.2p1"
    assert found.counts() == {
        PortState.OPEN: 1,
        PortState.CLOSED: 1,
        PortState.FILTERED: 0,
        PortState.OPEN_FILTERED: 0,
    }


def test_results_read_back_as_they_were_given():
    given_results = [
        r(80, PortState.OPEN, banner="HTTP/1.1 200 OK", rtt=0.25),
        r(53, PortState.OPEN_FILTERED, protocol=UDP, rtt=None),
        r(22, PortState.FILTERED, address="192.0.2.2", host="gateway", rtt=None),
        r(443, PortState.CLOSED, scanned_at=1_800_000_000.125),
    ]
    found = ResultSet.of(given_results)
    assert sorted(found, key=lambda x: (x.address, x.protocol.value, x.port)) == sorted(
        given_results, key=lambda x: (x.address, x.protocol.value, x.port)
    )


def test_another_name_for_the_same_address_is_kept_per_door():
    found = ResultSet.of([r(22, host="alpha"), r(80, host="beta")])
    assert len(found.hosts) == 1
    assert found.get("192.0.2.1", TCP, 22).host == "alpha"
    assert found.get("192.0.2.1", TCP, 80).host == "beta"


def test_a_door_outside_the_plan_grows_it_and_says_how_rows_moved():
    found = ResultSet({TCP: [10, 30]}, keep_order=True)
    found.add([r(10), r(30, PortState.OPEN, banner="hello")])
    delta = found.add([r(20, PortState.OPEN), r(5, protocol=UDP)])
    change = delta.plan_change
    assert change is not None
    assert list(change.old.ports[TCP]) == [10, 30]
    assert list(change.new.ports[TCP]) == [10, 20, 30]
    assert list(found.plan.ports[UDP]) == [5]
    assert found.get("192.0.2.1", TCP, 30).banner == "hello"  # moved with its row
    assert found.get("192.0.2.1", TCP, 20).state is PortState.OPEN
    assert [found.plan.door(row) for _, row in found.ordered()] == [
        (TCP, 10),
        (TCP, 30),
        (TCP, 20),
        (UDP, 5),
    ]


def test_hosts_shown_before_results_have_every_door_unprobed():
    found = ResultSet({TCP: range(1, 11)})
    assert found.add_hosts([("a", "192.0.2.1"), ("b", "192.0.2.2"), ("a", "192.0.2.1")]) == range(2)
    assert len(found) == 0
    assert found.host_counts(0) == {
        None: 10,
        PortState.OPEN: 0,
        PortState.CLOSED: 0,
        PortState.FILTERED: 0,
        PortState.OPEN_FILTERED: 0,
    }
    delta = found.add([r(3, address="192.0.2.2")])
    assert delta.new_hosts == range(2, 2)
    assert delta.changed == ((1, 2, 2),)
    assert found.result(0, 0) is None


def test_reports_order_is_by_address_numerically_then_protocol_and_port():
    found = ResultSet.of(
        [
            r(80, address="192.0.2.10"),
            r(53, address="192.0.2.2", protocol=UDP),
            r(22, address="192.0.2.2"),
            r(1, address="2001:db8::1"),
        ]
    )
    assert [(x.address, x.protocol, x.port) for x in found.in_address_order()] == [
        ("192.0.2.2", TCP, 22),
        ("192.0.2.2", UDP, 53),
        ("192.0.2.10", TCP, 80),
        ("2001:db8::1", TCP, 1),
    ]


def test_a_full_range_plan_is_one_run_and_costs_few_bytes_a_door():
    plan = Plan({TCP: range(1, 65536)})
    assert plan.size == 65535
    assert plan.row(TCP, 1) == 0
    assert plan.row(TCP, 65535) == 65534
    assert plan.row(UDP, 1) == -1
    assert plan.row(TCP, 0) == -1
    found = ResultSet({TCP: range(1, 65536)})
    found.add([r(port) for port in range(1, 65536)])
    host = found.hosts[0]
    held = sys.getsizeof(host.codes) + sys.getsizeof(host.rtts) + sys.getsizeof(host.times)
    assert held / 65535 < 10


def test_the_arrival_order_is_optional():
    with pytest.raises(ValueError, match="arrival order"):
        list(ResultSet().ordered())


def test_history_bytes_convert_both_ways():
    memory = bytes(DOOR_CODE.values())
    history = memory.translate(TO_HISTORY)
    assert list(history) == [door_code(state, reason) for state, reason in DOOR_CODE]
    assert history.translate(FROM_HISTORY) == memory


def test_a_port_out_of_range_is_refused():
    with pytest.raises(ValueError, match="out of range"):
        ResultSet().add([r(70000)])
    with pytest.raises(ValueError, match="out of range"):
        Plan({TCP: [-1]})


doors = st.tuples(
    st.sampled_from(["192.0.2.1", "192.0.2.2", "2001:db8::5"]),
    st.sampled_from([TCP, UDP]),
    st.integers(0, 65535),
)
results = st.builds(
    lambda door, state, rtt, banner, name: r(
        door[2],
        state,
        address=door[0],
        protocol=door[1],
        rtt=rtt,
        banner=banner,
        host=name or door[0],
    ),
    doors,
    st.sampled_from(list(PortState)),
    st.one_of(st.none(), st.floats(0, 60)),
    st.sampled_from(["", "SSH-2.0-x", "220 ready"]),
    st.sampled_from(["", "alpha"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(results, max_size=30), max_size=6), st.booleans())
def test_it_agrees_with_a_dict_of_the_latest_result(batches, planned):
    """The reference: a dict keyed by door, later results replacing earlier ones."""
    plan = {TCP: [22, 80, 443], UDP: [53]} if planned else None
    found = ResultSet(plan, keep_order=True)
    latest: dict = {}
    for batch in batches:
        found.add(batch)
        for result in batch:
            latest[result.address, result.protocol, result.port] = result
    assert len(found) == len(latest) == found.order_length()
    for (address, protocol, port), expected in latest.items():
        got = found.get(address, protocol, port)
        rtt = None if expected.rtt is None else micros(expected.rtt)
        assert got == PortResult(
            expected.host,
            address,
            protocol,
            port,
            expected.state,
            expected.reason,
            rtt,
            millis(expected.scanned_at),
            expected.banner,
        )
    counted = found.counts()
    for state in PortState:
        assert counted[state] == sum(1 for x in latest.values() if x.state is state)
    assert {(x.address, x.protocol, x.port) for x in found} == set(latest)
    first_seen = {}
    for batch in batches:
        for result in batch:
            first_seen.setdefault((result.address, result.protocol, result.port), None)
    arrival = [(found.hosts[h].address, *found.plan.door(row)) for h, row in found.ordered()]
    assert arrival == list(first_seen)


def test_the_columns_are_compact_arrays():
    found = ResultSet.of([r(1)])
    host = found.hosts[0]
    assert isinstance(host.codes, bytearray)
    assert isinstance(host.rtts, array)
    assert host.rtts.typecode == "I"
    assert isinstance(host.times, array)
    assert host.times.typecode == "i"
    codes, rtts, times = found.columns()
    assert (len(codes), len(rtts), len(times)) == (1, 1, 1)
    assert (rtts[0], found.epoch + times[0]) == (500_000, 1_700_000_000_250)


def test_many_hosts_of_one_door_cost_little_each(monkeypatch):
    """A /8 with one port: a host is its 4-byte address and its 9 bytes of columns (the
    tables of the hosts seen last, a few hundred kilobytes, are paid once: small here)."""
    monkeypatch.setattr(host_index, "RECENT", 64)
    found = ResultSet({TCP: [80]})

    def add(first, last):
        for start in range(first, last, 500):
            found.add(
                [
                    r(80, address=f"10.{h >> 16}.{h >> 8 & 255}.{h & 255}")
                    for h in range(start, start + 500)
                ]
            )

    add(0, 20_000)
    tracemalloc.start()
    try:
        before, _peak = tracemalloc.get_traced_memory()
        add(20_000, 60_000)
        after, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(found.hosts) == 60_000
    assert (after - before) / 40_000 < 24


def test_times_far_from_the_first_widen_the_column_and_read_back():
    found = ResultSet({TCP: [1, 2, 3]})
    found.add([r(1, scanned_at=1_700_000_000.5), r(2, scanned_at=0.001)])
    found.add([r(3, scanned_at=4_000_000_000.125)])
    assert found.columns()[2].typecode == "q"
    assert [x.scanned_at for x in found] == [1_700_000_000.5, 0.001, 4_000_000_000.125]


def test_round_trip_times_out_of_range_are_clamped_not_refused():
    found = ResultSet.of([r(1, rtt=-0.5), r(2, rtt=1e9), r(3, rtt=float("nan")), r(4, rtt=None)])
    assert [x.rtt for x in found] == [0.0, (2**32 - 2) / 1e6, None, None]


def test_a_delta_names_the_doors_that_had_a_result_already():
    found = ResultSet({TCP: [22, 80], UDP: [53]}, keep_order=True)
    first = found.add([r(22), r(53, protocol=UDP)])
    assert first.replaced == ()
    again = found.add([r(80), r(22, PortState.OPEN), r(53, protocol=UDP), r(80, PortState.OPEN)])
    assert again.replaced == (door_key(0, TCP, 22), door_key(0, UDP, 53), door_key(0, TCP, 80))
    assert again.new_doors == 1
    assert again.order == range(2, 3)


def test_door_keys_survive_a_grown_plan():
    found = ResultSet({TCP: [10, 30]}, keep_order=True)
    found.add([r(30), r(10, address="192.0.2.2")])
    keys = list(found.arrivals())
    assert keys == [door_key(0, TCP, 30), door_key(1, TCP, 10)]
    assert [found.locate(key) for key in keys] == [(0, 1), (1, 0)]
    found.add([r(20), r(5, protocol=UDP)])
    assert list(found.arrivals(0, 2)) == keys
    assert [found.locate(key) for key in keys] == [(0, 2), (1, 0)]
    assert found.arrival(3) == door_key(0, UDP, 5)
    assert found.key(*found.locate(found.arrival(3))) == found.arrival(3)
    assert found.locate(door_key(0, UDP, 6)) == (0, -1)


def test_states_and_results_by_door_key():
    found = ResultSet.of(
        [r(22, PortState.OPEN), r(53, PortState.OPEN_FILTERED, protocol=UDP), r(80)],
        keep_order=True,
    )
    keys = list(found.arrivals())
    assert found.states_of(keys) == [PortState.OPEN, PortState.OPEN_FILTERED, PortState.CLOSED]
    assert found.result_of(keys[1]) == r(53, PortState.OPEN_FILTERED, protocol=UDP)
    assert found.result_of(door_key(0, TCP, 23)) is None
    empty = found.cleared()
    assert (len(empty), empty.keeps_order, list(empty.plan.ports[TCP])) == (0, True, [22, 80])
    assert found.counts(unprobed=True)[None] == 0
