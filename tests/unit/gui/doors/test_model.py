import pytest

from portwindow.engine.core.model import PortClass, PortState, Protocol, Reason
from portwindow.engine.present import door_texts
from portwindow.gui.doors.model import DoorModel, DoorRole
from portwindow.gui.qt import Qt, QtCore
from tests.unit.gui.doors.util import plan, result

OPEN, CLOSED, FILTERED = PortState.OPEN, PortState.CLOSED, PortState.FILTERED
OPEN_FILTERED = PortState.OPEN_FILTERED


@pytest.fixture
def model(qapp):
    return DoorModel()


def spy(signal) -> list[tuple]:
    calls: list[tuple] = []
    signal.connect(lambda *args: calls.append(args))
    return calls


def test_empty_and_planned_models_pass_the_model_tester(model, qtmodeltester):
    qtmodeltester.check(model)
    model.set_plan(plan([22, 80, 443]))
    assert model.rowCount() == 0
    assert model.door_count() == 3
    model.clear()
    assert model.door_count() == 3  # clear keeps the plan


def test_the_model_tester_follows_batches_and_clear(model, qtmodeltester):
    model.set_plan(plan(range(1, 41)))
    qtmodeltester.check(model)  # stays attached: checks every signal below
    model.add_results([result(port, CLOSED) for port in range(1, 11)])
    model.add_results(
        [result(22, OPEN), result(5, FILTERED, "198.51.100.2"), result(6, OPEN, "198.51.100.3")]
    )
    model.add_results([result(99, OPEN, "198.51.100.2"), result(21, CLOSED)])  # 99: not planned
    assert model.door_count() == 41
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_hosts_and_doors_are_a_two_level_tree(model):
    model.set_plan([*plan([22, 80]), (Protocol.UDP, 53)])
    model.add_results(
        [result(80, OPEN, "198.51.100.1", host="web"), result(22, CLOSED, "198.51.100.2")]
    )
    assert model.rowCount() == 2
    web = model.index(0, 0)
    assert model.rowCount(web) == 3
    assert [model.index(row, 0, web).data(DoorRole.PORT) for row in range(3)] == [22, 80, 53]
    assert model.index(2, 0, web).data(DoorRole.PROTOCOL) is Protocol.UDP
    door = model.index(1, 0, web)
    assert door.parent() == web
    assert model.rowCount(door) == 0
    assert not model.parent(web).isValid()
    assert model.parent() is None  # QObject.parent() still works
    assert web.data() == "web (198.51.100.1) — 80 http — 1 open, 2 not probed yet"
    assert web.data(DoorRole.OPEN_DOORS) == "80 http"
    assert web.data(DoorRole.HOST) == "web"
    assert web.data(DoorRole.ADDRESS) == "198.51.100.1"
    assert web.data(DoorRole.COUNTS) == {
        OPEN: 1,
        CLOSED: 0,
        FILTERED: 0,
        OPEN_FILTERED: 0,
        None: 2,
    }
    assert model.host_index("198.51.100.2").row() == 1
    assert not model.host_index("198.51.100.99").isValid()
    assert model.door_index("198.51.100.1", Protocol.TCP, 80) == door
    assert not model.door_index("198.51.100.1", Protocol.TCP, 443).isValid()


def test_counts_per_state_over_all_hosts(model):
    model.set_plan(plan(range(1, 11)))
    model.add_results([result(port, CLOSED) for port in range(1, 8)] + [result(3, OPEN)])
    model.add_results([result(1, FILTERED, "198.51.100.2")])
    assert model.counts() == {OPEN: 1, CLOSED: 6, FILTERED: 1, OPEN_FILTERED: 0, None: 12}
    model.add_results([result(3, CLOSED)])  # a state changes back
    assert model.counts() == {OPEN: 0, CLOSED: 7, FILTERED: 1, OPEN_FILTERED: 0, None: 12}
    assert model.host_index("127.0.0.1").data() == "127.0.0.1 — 0 open, 7 closed, 3 not probed yet"


def test_a_batch_inserts_its_new_hosts_with_one_signal(model):
    model.set_plan(plan(range(1, 101)))
    model.add_results([result(1)])
    inserted = spy(model.rowsInserted)
    changed = spy(model.dataChanged)
    batch = [result(port, CLOSED, f"198.51.100.{host}") for host in range(1, 5) for port in (5, 6)]
    model.add_results([*batch, result(2, OPEN)])
    assert len(inserted) == 1
    parent, first, last = inserted[0]
    assert (parent.isValid(), first, last) == (False, 1, 4)
    assert [model.index(row, 0).data(DoorRole.ADDRESS) for row in range(5)] == [
        "127.0.0.1",
        "198.51.100.1",
        "198.51.100.2",
        "198.51.100.3",
        "198.51.100.4",
    ]
    # The new hosts arrive with their doors; only the known host's doors changed.
    assert model.index(0, 0).data(DoorRole.COUNTS)[OPEN] == 1
    assert all(top.parent().row() == 0 or not top.parent().isValid() for top, *_ in changed)


def test_changed_doors_are_announced_once_per_host_covering_the_changed_rows(model):
    model.set_plan(plan(range(1, 1001)))
    model.add_results([result(1, CLOSED, "198.51.100.1"), result(1, CLOSED, "198.51.100.2")])
    changed = spy(model.dataChanged)
    model.add_results(
        [result(port, CLOSED, "198.51.100.1") for port in (40, 7, 900, 300)]
        + [result(500, OPEN, "198.51.100.2"), result(501, CLOSED, "198.51.100.2")]
    )
    doors = [(top, bottom) for top, bottom, *_ in changed if top.parent().isValid()]
    hosts = [(top, bottom) for top, bottom, *_ in changed if not top.parent().isValid()]
    spans = sorted((top.parent().row(), top.row(), bottom.row()) for top, bottom in doors)
    assert spans == [(0, 6, 899), (1, 499, 500)]  # one per host, rows 7-900 and 500-501
    assert all(top.parent() == bottom.parent() for top, bottom in doors)
    assert [(top.row(), bottom.row()) for top, bottom in hosts] == [(0, 1)]  # the counts


def test_results_of_several_hosts_interleaved_in_a_batch_land_on_their_hosts(model):
    model.set_plan(plan(range(1, 101)))
    model.add_results([result(1, CLOSED, "198.51.100.1")])
    changed = spy(model.dataChanged)
    model.add_results(
        [
            result(50, OPEN, "198.51.100.1"),
            result(7, CLOSED, "198.51.100.2"),
            result(9, FILTERED, "198.51.100.1"),
            result(8, OPEN, "198.51.100.2"),
            result(70, CLOSED, "198.51.100.1"),
        ]
    )
    first, second = (model.host_index(a) for a in ("198.51.100.1", "198.51.100.2"))
    assert first.data(DoorRole.COUNTS)[OPEN] == 1
    assert first.data(DoorRole.COUNTS)[CLOSED] == 2
    assert second.data(DoorRole.COUNTS)[OPEN] == 1
    assert second.data(DoorRole.COUNTS)[CLOSED] == 1
    assert model.door_index("198.51.100.1", Protocol.TCP, 9).data(DoorRole.STATE) is FILTERED
    assert model.door_index("198.51.100.2", Protocol.TCP, 9).data(DoorRole.STATE) is None
    doors = [(t.parent().row(), t.row(), b.row()) for t, b, *_ in changed if t.parent().isValid()]
    assert doors == [(0, 8, 69)]  # the new host arrives whole, by its insertion


@pytest.mark.parametrize("ports", [range(1, 65536), [*range(1, 30000), *range(30001, 65536)]])
def test_a_plan_of_one_run_and_of_scattered_ports_maps_rows_alike(model, ports):
    model.set_plan_by_protocol({Protocol.TCP: tuple(ports), Protocol.UDP: (53, 161)})
    listed = list(ports)
    assert model.door_count() == len(listed) + 2
    for row in (0, 1, len(listed) // 2, len(listed) - 1):
        assert model.door_at(row) == (Protocol.TCP, listed[row])
    assert model.door_at(len(listed) + 1) == (Protocol.UDP, 161)
    model.add_results([result(listed[-1], OPEN), result(161, OPEN, protocol=Protocol.UDP)])
    assert model.door_index("127.0.0.1", Protocol.TCP, listed[-1]).row() == len(listed) - 1
    assert model.door_index("127.0.0.1", Protocol.UDP, 161).row() == len(listed) + 1


def test_a_port_outside_the_plan_joins_it_and_keeps_persistent_indexes(model, qtmodeltester):
    model.set_plan(plan([22, 80]))
    model.add_results([result(80, OPEN), result(22, CLOSED, "198.51.100.2")])
    qtmodeltester.check(model)
    kept = QtCore.QPersistentModelIndex(model.door_index("127.0.0.1", Protocol.TCP, 80))
    assert kept.row() == 1
    layout = spy(model.layoutChanged)
    model.add_results([result(25, OPEN, "198.51.100.2"), result(8080, CLOSED)])
    assert len(layout) == 1
    assert model.door_count() == 4
    assert kept.row() == 2
    assert kept.data(DoorRole.PORT) == 80
    assert kept.data(DoorRole.STATE) is OPEN
    host2 = model.host_index("198.51.100.2")
    states = [model.index(row, 0, host2).data(DoorRole.STATE) for row in range(4)]
    assert states == [CLOSED, OPEN, None, None]  # 22, 25, 80, 8080
    assert model.counts()[None] == 4


def test_a_new_port_before_any_host_needs_no_layout_change(model):
    layout = spy(model.layoutChanged)
    model.add_results([result(443, OPEN), result(22, CLOSED)])  # no plan at all
    assert not layout
    assert model.door_count() == 2
    assert model.index(0, 0).data() == "127.0.0.1 — 443 https — 1 open, 1 closed"


def test_a_door_answers_every_role(model):
    model.set_plan(plan([22, 54321]))
    model.add_results([result(22, OPEN, rtt=0.00005)])
    host = model.index(0, 0)
    door = model.index(0, 0, host)
    assert door.data() == "22"
    assert door.data(DoorRole.STATE) is OPEN
    assert door.data(DoorRole.PORT) == 22
    assert door.data(DoorRole.PROTOCOL) is Protocol.TCP
    assert door.data(DoorRole.HOST) == "127.0.0.1"
    assert door.data(DoorRole.ADDRESS) == "127.0.0.1"
    assert door.data(DoorRole.SERVICE) == "ssh"
    assert door.data(DoorRole.DESCRIPTION) == "The Secure Shell (SSH) Protocol"
    assert door.data(DoorRole.PORT_CLASS) is PortClass.WELL_KNOWN
    assert door.data(DoorRole.REASON) is Reason.SYN_ACK
    assert door.data(DoorRole.RTT) == pytest.approx(0.00005)
    assert door.data(DoorRole.RESULT) == result(22, OPEN, rtt=0.00005)
    assert door.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "port 22/tcp ssh, open (syn-ack), RTT 0.05 ms"
    )
    unprobed = model.index(1, 0, host)
    assert unprobed.data(DoorRole.STATE) is None
    assert unprobed.data(DoorRole.REASON) is None
    assert unprobed.data(DoorRole.RTT) is None
    assert unprobed.data(DoorRole.RESULT) is None
    assert unprobed.data(DoorRole.SERVICE) == ""
    assert unprobed.data(Qt.ItemDataRole.AccessibleTextRole) == "port 54321/tcp, not probed yet"
    assert door.flags() & Qt.ItemFlag.ItemNeverHasChildren
    assert door.flags() & Qt.ItemFlag.ItemIsSelectable


def test_tooltip_of_an_open_door(model):
    model.set_plan(plan([22]))
    model.add_results([result(22, OPEN, rtt=0.00005)])
    tooltip = model.door_index("127.0.0.1", Protocol.TCP, 22).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.splitlines() == [
        "22/tcp ssh",
        "The Secure Shell (SSH) Protocol",
        "well-known port (0-1023)",
        "open (syn-ack)",
        "RTT 0.05 ms",
    ]


def test_tooltip_of_doors_not_probed_filtered_and_unassigned(model):
    model.set_plan(plan([8080, 54321]))
    model.add_results([result(54321, FILTERED, "198.51.100.9")])
    host = model.host_index("198.51.100.9")
    assert model.index(0, 0, host).data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "8080/tcp http-alt",
        "HTTP Alternate (see port 80)",
        "registered port (1024-49151)",
        "not probed yet",
    ]
    assert model.index(1, 0, host).data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "54321/tcp",
        "no service registered with IANA",
        "dynamic port (49152-65535)",
        "filtered (no-response)",
        "no RTT",
    ]
    assert (
        host.data(Qt.ItemDataRole.ToolTipRole)
        == "198.51.100.9\n2 doors: 0 open, 1 filtered, 1 not probed yet"
    )


def test_results_that_the_arrays_cannot_rebuild_are_kept_whole(model):
    model.set_plan(plan([22, 80]))
    banner = result(22, OPEN, banner="SSH-2.0-OpenSSH_9.2")
    other_name = result(80, CLOSED, host="localhost")  # the host row is labelled 127.0.0.1
    model.add_results([result(22, CLOSED), banner, other_name])
    assert model.door_index("127.0.0.1", Protocol.TCP, 22).data(DoorRole.RESULT) == banner
    assert model.door_index("127.0.0.1", Protocol.TCP, 80).data(DoorRole.RESULT) == other_name
    model.add_results([result(22, CLOSED)])
    assert model.door_index("127.0.0.1", Protocol.TCP, 22).data(DoorRole.RESULT) == result(22)


def test_set_plan_starts_afresh_and_checks_ports(model):
    model.add_results([result(22, OPEN)])
    reset = spy(model.modelReset)
    model.set_plan(plan([1, 2, 3, 3]))
    assert len(reset) == 1
    assert model.rowCount() == 0
    assert model.door_count() == 3
    with pytest.raises(ValueError, match="65536"):
        model.set_plan(plan([65536]))


def test_roles_start_after_user_role_and_are_distinct():
    assert int(DoorRole.STATE) == int(Qt.ItemDataRole.UserRole) + 1
    assert len({int(role) for role in DoorRole}) == len(DoorRole)


def test_large_models_are_cheap_to_build(model):
    model.set_plan(plan(range(1, 65536)))
    model.add_results([result(port, CLOSED) for port in range(1, 65536)])
    assert model.rowCount(model.index(0, 0)) == 65535
    assert model.counts()[CLOSED] == 65535

    many = DoorModel()
    many.set_plan(plan(range(1, 1001)))
    for host in range(256):
        address = f"127.2.{host // 256}.{host % 256}"
        many.add_results([result(port, CLOSED, address) for port in range(1, 1001)])
    assert many.rowCount() == 256
    assert many.counts() == {OPEN: 0, CLOSED: 256_000, FILTERED: 0, OPEN_FILTERED: 0, None: 0}


# --- UDP, open|filtered and banners --------------------------------------------------

UDP = Protocol.UDP


def udp(port, state, address="127.0.0.1", **kwargs):
    return result(port, state, address, protocol=Protocol.UDP, **kwargs)


def test_udp_doors_and_open_filtered_pass_the_model_tester(model, qtmodeltester):
    model.set_plan([*plan([22, 53]), (UDP, 53), (UDP, 123)])
    qtmodeltester.check(model)
    model.add_results([result(22, OPEN), udp(53, OPEN_FILTERED), udp(123, CLOSED)])
    model.add_results([udp(53, OPEN), udp(161, OPEN_FILTERED, "198.51.100.2")])  # 161: not planned
    model.add_results([result(22, OPEN, banner="SSH-2.0-OpenSSH_9.2p1")])
    qtmodeltester.check(model)
    assert model.door_count() == 5
    assert model.udp_rows() == range(2, 5)
    assert [model.door_at(row) for row in model.udp_rows()] == [(UDP, 53), (UDP, 123), (UDP, 161)]


def test_udp_doors_follow_the_tcp_doors_and_keep_their_own_states(model):
    model.set_plan([*plan([53, 80]), (UDP, 53), (UDP, 69)])
    model.add_results([result(53, CLOSED), udp(53, OPEN), udp(69, OPEN_FILTERED)])
    tcp_53 = model.door_index("127.0.0.1", Protocol.TCP, 53)
    udp_53 = model.door_index("127.0.0.1", UDP, 53)
    assert (tcp_53.row(), udp_53.row()) == (0, 2)
    assert tcp_53.data(DoorRole.STATE) is CLOSED
    assert udp_53.data(DoorRole.STATE) is OPEN
    assert udp_53.data(DoorRole.PROTOCOL) is UDP
    assert udp_53.data(DoorRole.REASON) is Reason.UDP_RESPONSE
    assert udp_53.data(DoorRole.RESULT) == udp(53, OPEN)
    tftp = model.door_index("127.0.0.1", UDP, 69)
    assert tftp.data(DoorRole.STATE) is OPEN_FILTERED
    assert model.state_code(0, tftp.row()) == 4
    assert tftp.data(DoorRole.RESULT).state is OPEN_FILTERED
    assert tftp.data(Qt.ItemDataRole.ToolTipRole).splitlines() == [
        "69/udp tftp",
        "Trivial File Transfer",
        "well-known port (0-1023)",
        "open|filtered (no-response)",
        "no RTT",
    ]
    assert tftp.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "port 69/udp tftp, open|filtered (no-response)"
    )
    assert model.counts() == {OPEN: 1, CLOSED: 1, FILTERED: 0, OPEN_FILTERED: 1, None: 1}
    assert model.index(0, 0).data() == (
        "127.0.0.1 — 53/udp domain — 1 open, 1 closed, 1 open|filtered, 1 not probed yet"
    )


def test_a_later_result_with_a_banner_replaces_the_door_s_result(model):
    model.set_plan(plan([22, 80]))
    model.add_results([result(22, OPEN), result(80, CLOSED)])
    door = model.door_index("127.0.0.1", Protocol.TCP, 22)
    assert door.data(DoorRole.BANNER) == ""
    changed = spy(model.dataChanged)
    inserted = spy(model.rowsInserted)
    with_banner = result(22, OPEN, banner="SSH-2.0-OpenSSH_9.2p1")
    model.add_results([with_banner])
    assert not inserted
    doors = [(top, bottom) for top, bottom, *_ in changed if top.parent().isValid()]
    assert [(top.row(), bottom.row()) for top, bottom in doors] == [(0, 0)]
    assert door.data(DoorRole.RESULT) == with_banner
    assert door.data(DoorRole.BANNER) == "SSH-2.0-OpenSSH_9.2p1"
    assert model.rowCount() == 1
    assert model.counts()[OPEN] == 1  # the same door, counted once


def test_a_banner_on_its_registered_port(model, stub_identify):
    model.set_plan(plan([22]))
    model.add_results([result(22, OPEN, banner="SSH-2.0-OpenSSH_9.2p1")])
    door = model.door_index("127.0.0.1", Protocol.TCP, 22)
    reading = door.data(DoorRole.IDENTIFICATION)
    assert reading.identification.label() == "ssh (OpenSSH 9.2p1)"
    assert not door.data(DoorRole.WARNING)
    assert model.warning_rows(0) == frozenset()
    tooltip = door.data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert tooltip[-1] == "answers as ssh (OpenSSH 9.2p1)"
    assert "answers as ssh (OpenSSH 9.2p1)" in door.data(Qt.ItemDataRole.AccessibleTextRole)


def test_a_door_whose_program_speaks_another_service_is_warned_about(model, stub_identify):
    model.set_plan(plan([22, 8080]))
    model.add_results([result(8080, OPEN), result(22, CLOSED)])
    door = model.door_index("127.0.0.1", Protocol.TCP, 8080)
    assert not door.data(DoorRole.WARNING)
    model.add_results([result(8080, OPEN, banner="SSH-2.0-OpenSSH_9.2p1")])
    assert door.data(DoorRole.WARNING) is True
    assert model.warning_rows(0) == {door.row()}
    assert door.data(Qt.ItemDataRole.ToolTipRole).splitlines()[-2:] == [
        "answers as ssh (OpenSSH 9.2p1)",
        "⚠ This door is registered for http-alt but the program behind it speaks ssh.",
    ]
    assert "warning: This door is registered for http-alt" in door.data(
        Qt.ItemDataRole.AccessibleTextRole
    )
    model.add_results([result(25, OPEN)])  # a new door before it moves its row
    door = model.door_index("127.0.0.1", Protocol.TCP, 8080)
    assert model.warning_rows(0) == {door.row()} == {2}
    model.add_results([result(8080, CLOSED)])  # the program went away
    assert not door.data(DoorRole.WARNING)
    assert model.warning_rows(0) == frozenset()


def test_a_banner_that_names_nothing_is_shown_as_it_is(model, stub_identify):
    model.set_plan(plan([25]))
    model.add_results([result(25, OPEN, banner="220 hello\x1b[2J" + "x" * 100)])
    door = model.door_index("127.0.0.1", Protocol.TCP, 25)
    assert door.data(DoorRole.IDENTIFICATION).identification is None
    assert not door.data(DoorRole.WARNING)
    last = door.data(Qt.ItemDataRole.ToolTipRole).splitlines()[-1]
    assert last.startswith("banner: 220 hello\\x1b[2J")
    assert last.endswith("…")
    assert len(last) == len("banner: ") + 60


def test_findings_mark_doors_and_follow_hosts_that_come_later(model, qtmodeltester):
    from portwindow.engine.audit.expected import AuditItem, Finding

    def item(finding, address, port, state=None):
        return AuditItem(finding, address, address, Protocol.TCP, port, state)

    model.set_plan(plan([22, 80, 443]))
    model.add_results([result(22, PortState.OPEN), result(80, PortState.OPEN)])
    changes = spy(model.dataChanged)
    items = [
        item(Finding.UNEXPECTED, "127.0.0.1", 80, PortState.OPEN),
        item(Finding.MISSING, "127.0.0.1", 443),
        item(Finding.NOT_CHECKED, "127.0.0.1", 8080),
        item(Finding.UNEXPECTED, "198.51.100.7", 22, PortState.OPEN),
    ]
    model.set_findings(items)
    assert changes  # the view repaints the marked host
    door = model.door_index
    assert door("127.0.0.1", Protocol.TCP, 22).data(DoorRole.FINDING) is None
    assert door("127.0.0.1", Protocol.TCP, 80).data(DoorRole.FINDING) is Finding.UNEXPECTED
    assert door("127.0.0.1", Protocol.TCP, 443).data(DoorRole.FINDING) is Finding.MISSING
    assert model.finding_rows(0) == {model.door_row(Protocol.TCP, 80), 2}
    assert model.host_index("127.0.0.1").data(DoorRole.FINDING) is None
    model.add_results([result(22, PortState.OPEN, "198.51.100.7")])
    assert door("198.51.100.7", Protocol.TCP, 22).data(DoorRole.FINDING) is Finding.UNEXPECTED
    qtmodeltester.check(model)
    model.set_findings(())
    assert door("127.0.0.1", Protocol.TCP, 80).data(DoorRole.FINDING) is None
    assert model.finding_rows(0) == frozenset()
    model.set_findings(items)
    model.clear()
    model.add_results([result(80, PortState.OPEN)])
    assert door("127.0.0.1", Protocol.TCP, 80).data(DoorRole.FINDING) is None


def test_a_model_over_a_shared_result_set_announces_each_delta(qapp, qtmodeltester):
    from portwindow.engine import ResultSet

    shared = ResultSet({Protocol.TCP: [22, 80]})
    shared.add([result(22, OPEN)])
    model = DoorModel(results=shared)
    qtmodeltester.check(model)
    assert model.rowCount() == 1  # what the result set held already
    inserted, changed = spy(model.rowsInserted), spy(model.dataChanged)
    delta = shared.add([result(80, CLOSED), result(22, CLOSED, "198.51.100.2")])
    assert model.rowCount() == 1  # nothing announced yet
    model.update(delta)
    assert [(first, last) for _, first, last in inserted] == [(1, 1)]
    assert [(t.row(), b.row()) for t, b, *_ in changed if t.parent().isValid()] == [(1, 1)]
    assert model.results is shared
    changed.clear()
    model.update()  # no delta: every door of every host
    doors = [(t.parent().row(), t.row(), b.row()) for t, b, *_ in changed if t.parent().isValid()]
    assert doors == [(0, 0, 1), (1, 0, 1)]


def test_open_doors_text_names_the_first_few_and_counts_the_rest(model):
    ports = list(range(1, 21))
    model.set_plan(plan(ports))
    model.add_results([result(port, OPEN, "198.51.100.1") for port in ports])
    doors = model.open_doors(0)
    assert [port for _protocol, port, _service in doors] == ports
    assert model.open_doors(0, limit=3) == doors[:3]
    line = model.open_doors_text(0)
    assert line == door_texts.open_doors_text(doors)  # every door looked up: the same line
    assert line.endswith(", +14 more")
