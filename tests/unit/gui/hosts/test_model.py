"""The host list's model: one row per host, over the door model and discovery."""

import pytest

from portwindow.engine import AuditItem, Finding
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.scan.discovery.model import HostReason, HostState, HostStatus
from portwindow.gui.doors.model import DoorModel
from portwindow.gui.hosts.model import HostColumn, HostListModel, HostRole, address_sort_key
from portwindow.gui.hosts.proxy import HostFilter
from portwindow.gui.qt import Qt, QtCore

UP = HostStatus(
    "198.51.100.7",
    HostState.UP,
    HostReason.SYN_ACK,
    0.0004,
    name="web.example",
    mac="02:00:00:00:00:07",
    vendor="Example Corp",
)
DOWN = HostStatus("198.51.100.9", HostState.DOWN, HostReason.NO_RESPONSE)


def result(address, port, state=PortState.OPEN, reason=Reason.SYN_ACK):
    return PortResult(address, address, Protocol.TCP, port, state, reason, 0.001, 1.7e9)


@pytest.fixture
def doors(qtbot):
    return DoorModel(results=ResultSet({Protocol.TCP: [22, 80, 443]}))


@pytest.fixture
def hosts(doors):
    return HostListModel(doors)


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.index(row, column).data(role)


def test_the_model_passes_qt_s_model_tests(qtmodeltester, doors, hosts):
    doors.add_results([result("198.51.100.7", 22), result("198.51.100.7", 80)])
    hosts.set_statuses([UP, DOWN])
    qtmodeltester.check(hosts)
    proxy = HostFilter()
    proxy.setSourceModel(hosts)
    qtmodeltester.check(proxy)


def test_a_row_per_host_with_its_state_name_mac_doors_and_counts(doors, hosts):
    doors.add_results(
        [
            result("198.51.100.7", 22),
            result("198.51.100.7", 80),
            result("198.51.100.7", 443, PortState.CLOSED, Reason.RESET),
        ]
    )
    hosts.set_statuses([UP, DOWN])
    assert hosts.rowCount() == 2
    row = hosts.row_of("198.51.100.7")
    assert cell(hosts, row, HostColumn.STATE) == "up"
    assert cell(hosts, row, HostColumn.NAME) == "web.example"
    assert cell(hosts, row, HostColumn.ADDRESS) == "198.51.100.7"
    assert cell(hosts, row, HostColumn.MAC) == "02:00:00:00:00:07 (Example Corp)"
    assert cell(hosts, row, HostColumn.DOORS) == "22 ssh, 80 http"
    assert cell(hosts, row, HostColumn.COUNTS) == "2 open, 1 closed"
    assert cell(hosts, row, HostColumn.STATE, Qt.ItemDataRole.ToolTipRole).startswith("up: syn-ack")
    down = hosts.row_of("198.51.100.9")
    assert cell(hosts, down, HostColumn.STATE) == "down"
    assert cell(hosts, down, HostColumn.COUNTS) == "not scanned"
    assert cell(hosts, down, 0, HostRole.DOWN) is True
    assert cell(hosts, down, 0, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(hosts, row, 0, Qt.ItemDataRole.ForegroundRole) is None


def test_without_discovery_a_host_whose_door_answered_is_up(doors, hosts):
    doors.add_results([result("198.51.100.7", 22, PortState.CLOSED, Reason.RESET)])
    doors.add_results([result("198.51.100.8", 22, PortState.FILTERED, Reason.NO_RESPONSE)])
    assert cell(hosts, 0, HostColumn.STATE) == "up"
    assert cell(hosts, 1, HostColumn.STATE) == "—"
    assert cell(hosts, 0, HostColumn.DOORS) == ""


def test_later_batches_are_announced_together(qtbot, doors, hosts):
    doors.add_results([result("198.51.100.7", 22)])
    with qtbot.waitSignal(hosts.dataChanged, timeout=2000) as changed:
        doors.add_results([result("198.51.100.7", 80)])
    assert changed.args[0].row() == 0
    assert cell(hosts, 0, HostColumn.DOORS) == "22 ssh, 80 http"


def test_a_host_discovery_found_keeps_its_row_when_its_doors_come(doors, hosts):
    hosts.set_statuses([UP])
    doors.add_results([result("198.51.100.7", 22)])
    assert hosts.rowCount() == 1
    assert cell(hosts, 0, HostColumn.DOORS) == "22 ssh"


def test_a_new_result_set_starts_the_list_afresh(doors, hosts):
    doors.add_results([result("198.51.100.7", 22)])
    hosts.set_statuses([UP, DOWN])
    doors.clear()
    assert hosts.rowCount() == 0
    assert hosts.statuses() == []


def test_findings_are_counted(doors, hosts):
    doors.add_results([result("198.51.100.7", 22), result("198.51.100.7", 80)])
    doors.set_findings(
        [
            AuditItem(
                Finding.UNEXPECTED, "198.51.100.7", "198.51.100.7", Protocol.TCP, 22, PortState.OPEN
            ),
        ]
    )
    assert cell(hosts, 0, HostColumn.FINDINGS) == "1 finding"


def test_sorting_and_filtering(doors, hosts):
    doors.add_results([result("198.51.100.10", 22), result("198.51.100.10", 80)])
    doors.add_results([result("198.51.100.7", 22)])
    hosts.set_statuses([UP, DOWN])
    proxy = HostFilter()
    proxy.setSourceModel(hosts)
    assert proxy.rowCount() == 2  # the host that is down is hidden
    assert proxy.hidden_down() == 1
    proxy.sort(HostColumn.ADDRESS)
    assert [proxy.index(r, HostColumn.ADDRESS).data() for r in range(2)] == [
        "198.51.100.7",
        "198.51.100.10",
    ]
    proxy.sort(HostColumn.DOORS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, HostColumn.ADDRESS).data() == "198.51.100.10"
    proxy.set_show_down(True)
    assert proxy.rowCount() == 3
    proxy.set_text("example corp")
    assert [proxy.index(r, HostColumn.ADDRESS).data() for r in range(proxy.rowCount())] == [
        "198.51.100.7"
    ]
    proxy.set_text("http")
    assert proxy.rowCount() == 1
    assert proxy.index(0, HostColumn.ADDRESS).data() == "198.51.100.10"


def test_addresses_sort_by_number():
    ordered = ["192.0.2.9", "192.0.2.10", "2001:db8::1", "a-name"]
    keys = [ordered[1], ordered[0], *ordered[2:]]
    assert sorted(keys, key=address_sort_key) == ordered


def test_a_device_seen_at_another_address_says_so_on_its_mac(doors, hosts):
    from portwindow.engine.audit.history_hosts import DeviceSighting

    hosts.set_statuses(
        [UP],
        {UP.mac: [DeviceSighting(3, 1.7e9, "198.51.100.99", "old-name")]},
    )
    tip = cell(hosts, 0, HostColumn.MAC, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Also seen as 198.51.100.99 (old-name) on ")
    hosts.set_sightings({})
    assert cell(hosts, 0, HostColumn.MAC, Qt.ItemDataRole.ToolTipRole) is None


def test_the_model_sorts_and_keeps_a_small_list_sorted_as_hosts_come(qtbot, doors, hosts):
    proxy = HostFilter()
    proxy.setSourceModel(hosts)
    doors.add_results([result("198.51.100.20", 22)])
    doors.add_results([result("198.51.100.3", 22)])
    proxy.sort(HostColumn.ADDRESS)
    assert [hosts.address(r) for r in range(2)] == ["198.51.100.3", "198.51.100.20"]
    kept = QtCore.QPersistentModelIndex(proxy.index(1, HostColumn.ADDRESS))
    doors.add_results([result("198.51.100.10", 22)])
    hosts.flush()
    assert [proxy.index(r, HostColumn.ADDRESS).data() for r in range(3)] == [
        "198.51.100.3",
        "198.51.100.10",
        "198.51.100.20",
    ]
    assert kept.data() == "198.51.100.20"  # a selection follows its host
