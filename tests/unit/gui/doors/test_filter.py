import pytest

from portwindow.engine.core.model import PortState, Protocol
from portwindow.gui.doors.filter import DoorFilter, _ports_with_prefix
from portwindow.gui.doors.model import DoorModel
from tests.unit.gui.doors.util import plan, result


@pytest.fixture
def model(qapp):
    model = DoorModel()
    model.set_plan([*plan([21, 22, 80, 220, 443, 2222, 8080]), (Protocol.UDP, 53)])
    model.add_results([result(22, PortState.OPEN), result(80, PortState.FILTERED)])
    return model


def rows(door_filter, model, host_row=0):
    shown = door_filter.visible_rows(model, host_row)
    every = range(model.door_count()) if shown is None else shown
    return [model.door_at(row) for row in every]


def tcp(*ports):
    return [(Protocol.TCP, port) for port in ports]


def test_an_empty_filter_shows_everything_without_a_list(model):
    door_filter = DoorFilter()
    assert door_filter.shows_everything()
    assert door_filter.visible_rows(model, 0) is None


def test_states(model):
    door_filter = DoorFilter()
    assert door_filter.set_states({PortState.OPEN, PortState.FILTERED})
    assert not door_filter.set_states([PortState.FILTERED, PortState.OPEN])  # no change
    assert door_filter.depends_on_state()
    assert rows(door_filter, model) == tcp(22, 80)
    door_filter.set_states({None})
    assert len(rows(door_filter, model)) == 6
    door_filter.set_states({None, PortState.OPEN, PortState.CLOSED, PortState.FILTERED})
    assert door_filter.visible_rows(model, 0) is None  # all shown: no list


def test_search_by_port_prefix_exact_port_and_service(model):
    door_filter = DoorFilter()
    door_filter.set_text(" 22 ")
    assert rows(door_filter, model) == tcp(22, 220, 2222)
    door_filter.set_text("22/tcp")
    assert rows(door_filter, model) == tcp(22)
    door_filter.set_text("53/udp")
    assert rows(door_filter, model) == [(Protocol.UDP, 53)]
    door_filter.set_text("HTTP")
    assert rows(door_filter, model) == tcp(80, 443, 8080)
    door_filter.set_text("domain name")  # in a description
    assert rows(door_filter, model) == [(Protocol.UDP, 53)]
    door_filter.set_text("no such thing")
    assert rows(door_filter, model) == []


def test_states_and_search_combine(model):
    door_filter = DoorFilter()
    door_filter.set_states({PortState.OPEN, PortState.FILTERED})
    door_filter.set_text("http")
    assert rows(door_filter, model) == tcp(80)


def test_the_search_follows_the_plan(model):
    door_filter = DoorFilter()
    door_filter.set_text("ssh")
    assert rows(door_filter, model) == tcp(22)
    model.add_results([result(614, PortState.CLOSED)])  # sshell joins the plan
    assert rows(door_filter, model) == tcp(22, 614)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("0", [0]),
        ("007", []),
        ("6553", [6553, *range(65530, 65536)]),
        ("7", [7, *range(70, 80), *range(700, 800), *range(7000, 8000)]),
        ("99999", []),
    ],
)
def test_ports_with_prefix(prefix, expected):
    assert list(_ports_with_prefix(prefix)) == expected


def test_open_filtered_is_a_state_of_its_own(model):
    model.add_results(
        [
            result(53, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
            result(21, PortState.CLOSED),
        ]
    )
    door_filter = DoorFilter()
    door_filter.set_states({PortState.OPEN_FILTERED})
    assert rows(door_filter, model) == [(Protocol.UDP, 53)]
    door_filter.set_states({PortState.FILTERED})
    assert rows(door_filter, model) == tcp(80)
    door_filter.set_states({PortState.OPEN, PortState.FILTERED, PortState.OPEN_FILTERED})
    assert rows(door_filter, model) == [*tcp(22, 80), (Protocol.UDP, 53)]
    door_filter.set_text("53/udp")
    assert rows(door_filter, model) == [(Protocol.UDP, 53)]
    door_filter.set_text("53/tcp")
    assert rows(door_filter, model) == []
