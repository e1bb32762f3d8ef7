"""Each vantage point's view of the same doors, and the merged scan's most open one."""

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.reports.exposure import exposure_csv
from portwindow.engine.scan.cluster.exposure import Exposure, parse_vantages

OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.RESET)
FILTERED = (PortState.FILTERED, Reason.NO_RESPONSE)


def door(port, verdict, address="198.18.0.2"):
    state, reason = verdict
    return PortResult(address, address, Protocol.TCP, port, state, reason, None, 1.0e9)


def test_the_merged_scan_takes_each_doors_most_open_state():
    exposure = Exposure(parse_ports("22,80,443"), ("lan", "wan"))
    assert exposure.add("wan", [door(22, FILTERED), door(80, OPEN)]) == (
        door(22, FILTERED),
        door(80, OPEN),
    )
    taken = exposure.add("lan", [door(22, OPEN), door(80, CLOSED), door(443, CLOSED)])
    assert taken == (door(22, OPEN), door(443, CLOSED))  # 80 stays open (from wan)
    assert exposure.reachable_from("198.18.0.2", Protocol.TCP, 22) == ("lan",)
    assert exposure.reachable_from("198.18.0.2", Protocol.TCP, 80) == ("wan",)
    assert exposure.reachable_from("198.18.0.2", Protocol.TCP, 443) == ()
    seen = exposure.door("198.18.0.2", Protocol.TCP, 443)
    assert seen.states == (PortState.CLOSED, None)
    assert not seen.differs


def test_the_exposure_report_has_a_column_of_where_each_door_is_reachable_from():
    exposure = Exposure(parse_ports("22,80"), ("lan", "wan"))
    exposure.add("lan", [door(22, OPEN), door(80, OPEN), door(22, OPEN, "198.18.0.10")])
    exposure.add("wan", [door(22, FILTERED), door(80, OPEN), door(22, OPEN, "198.18.0.10")])
    lines = exposure_csv(exposure).splitlines()
    assert lines[0] == "host,address,protocol,port,reachable_from,state@lan,state@wan"
    assert lines[1:] == [
        "198.18.0.2,198.18.0.2,tcp,22,lan,open,filtered",
        "198.18.0.2,198.18.0.2,tcp,80,lan wan,open,open",
        "198.18.0.10,198.18.0.10,tcp,22,lan wan,open,open",
    ]
    assert exposure_csv(exposure, differs_only=True).splitlines()[1:] == [lines[1]]


@pytest.mark.parametrize(
    ("text", "message"),
    [(" , ", "no vantage point"), ("lan,lan", "named twice"), ("lan,w an", "'w an'")],
)
def test_bad_vantage_names_are_one_clear_line(text, message):
    with pytest.raises(InputError, match=message):
        parse_vantages(text)


def test_vantage_names():
    assert parse_vantages("lan, wan-1,dc.eu") == ("lan", "wan-1", "dc.eu")
