"""A shard's results cross the network as columns and come back as they were."""

import pickle

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.scan.cluster.wire import from_columns, to_columns


def result(port, state=PortState.CLOSED, reason=Reason.RESET, **kw):
    values = {"host": "h", "address": "127.0.0.1", "protocol": Protocol.TCP, "rtt": 0.0015}
    values.update(kw)
    return PortResult(
        values["host"],
        values["address"],
        values["protocol"],
        port,
        state,
        reason,
        values["rtt"],
        1_700_000_000.25,
        values.get("banner", ""),
    )


def test_results_come_back_as_they_were():
    results = [
        result(22, PortState.OPEN, Reason.SYN_ACK, banner="SSH-2.0-x\r\n"),
        result(23),
        result(53, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, protocol=Protocol.UDP, rtt=None),
        result(80, PortState.FILTERED, Reason.NO_RESPONSE, address="::1", host="::1", rtt=None),
        result(443, host="name.example", address="192.0.2.7"),
    ]
    columns = to_columns(results)
    assert len(columns) == 5
    assert from_columns(pickle.loads(pickle.dumps(columns))) == tuple(results)


def test_a_later_result_for_a_door_replaces_the_earlier_in_its_place():
    first = result(22, PortState.OPEN, Reason.SYN_ACK)
    later = result(22, PortState.OPEN, Reason.SYN_ACK, banner="SSH-2.0-x")
    back = from_columns(to_columns([first, result(23), later]))
    assert back == (later, result(23))


def test_the_same_port_of_two_protocols_is_two_doors():
    tcp, udp = result(53), result(53, protocol=Protocol.UDP, rtt=None)
    assert from_columns(to_columns([tcp, udp])) == (tcp, udp)


def test_columns_pickle_smaller_than_the_objects():
    results = [result(port) for port in range(1, 5001)]
    as_objects = len(pickle.dumps(results))
    as_columns = len(pickle.dumps(to_columns(results)))
    assert as_columns * 2 < as_objects
