"""A line-by-line report read into columns gives the result set the results themselves
would: the later line of a door twice, two texts of one address, times far apart."""

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.reports.peers.list_columns import ListColumns, door_code
from portwindow.engine.reports.peers.masscan import read_masscan_list

OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.RESET)


def through_columns(lines):
    columns = ListColumns()
    for address, protocol, port, verdict, seconds in lines:
        host = columns.host(address)
        door = columns.door(protocol, port)
        columns.add(host, door, door_code(*verdict), columns.moment(seconds))
    return columns.result_set()


def as_objects(lines):
    return ResultSet.of(
        [
            PortResult(a, a, protocol, port, *verdict, None, t)
            for a, protocol, port, verdict, t in lines
        ]
    )


def listed(results):
    return sorted(
        (r.address, r.protocol.value, r.port, r.state, r.reason, r.scanned_at) for r in results
    )


def test_columns_give_the_result_set_the_results_would():
    lines = [
        ("192.0.2.7", Protocol.TCP, 80, OPEN, 1_390_000_000.0),
        ("192.0.2.8", Protocol.TCP, 23, CLOSED, 1_390_000_001.5),
        ("2001:db8::1", Protocol.UDP, 53, OPEN, 1_390_000_002.0),
        ("192.0.2.7", Protocol.TCP, 80, CLOSED, 1_390_000_003.0),  # later: wins
        ("192.0.2.7", Protocol.TCP, 22, OPEN, 1_400_000_000.0),  # 115 days on: 64-bit times
    ]
    found = through_columns(lines)
    assert listed(found) == listed(as_objects(lines))
    assert len(found) == 4
    assert found.counts()[PortState.OPEN] == 2
    assert list(found.plan.ports[Protocol.TCP]) == [22, 23, 80]
    assert list(found.plan.ports[Protocol.UDP]) == [53]


def test_two_texts_of_one_address_are_one_host(tmp_path):
    path = tmp_path / "sweep.list"
    path.write_text(
        "#masscan\nopen tcp 80 2001:db8::1 1390000000\nopen tcp 443 2001:DB8:0::1 1390000001\n"
        "banner tcp 80 2001:db8::1 1390000002 http HTTP/1.0 200 OK\n# end\n"
    )
    imported = read_masscan_list(str(path), "sweep.list")
    assert [h.address for h in imported.results.hosts] == ["2001:db8::1"]
    assert sorted(r.port for r in imported.results) == [80, 443]
    assert imported.results.get("2001:db8::1", Protocol.TCP, 80).banner == "HTTP/1.0 200 OK"


def test_no_line_no_door():
    assert len(ListColumns().result_set()) == 0
