import pytest

from portwindow.engine.core.model import PortState, Protocol
from portwindow.gui.doors.filter import DoorFilter
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


def test_search_by_exact_port_range_and_service(model):
    door_filter = DoorFilter()
    door_filter.set_text(" 22 ")  # exactly 22: not 220 nor 2222
    assert rows(door_filter, model) == tcp(22)
    door_filter.set_text("20-250")
    assert rows(door_filter, model) == [*tcp(21, 22, 80, 220), (Protocol.UDP, 53)]
    door_filter.set_text("22, 8080")
    assert rows(door_filter, model) == tcp(22, 8080)
    door_filter.set_text("1-65535/udp")
    assert rows(door_filter, model) == [(Protocol.UDP, 53)]
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


def test_search_finds_the_service_a_banner_names(model):
    model.add_results([result(2222, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1\r\n")])
    door_filter = DoorFilter()
    door_filter.set_text("ssh")
    assert rows(door_filter, model) == tcp(22, 2222)  # 22 by IANA's name, 2222 by its banner
    door_filter.set_text("openssh")
    assert rows(door_filter, model) == tcp(2222)


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
