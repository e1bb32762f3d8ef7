"""The host list in the window: a scan's hosts listed with what discovery found, the
hosts that are down hidden or greyed, and a chosen host's doors shown."""

from portwindow.engine.core.model import PortState, Protocol
from portwindow.engine.scan.discovery.model import HostReason, HostState, HostStatus
from portwindow.gui.doors.model import DoorRole
from portwindow.gui.hosts.model import HostColumn, HostRole
from portwindow.gui.qt import QtWidgets
from tests.support.listeners import free_ports, listeners
from tests.unit.gui.driving import run


def test_a_scan_with_discovery_lists_its_hosts_and_choosing_one_shows_its_doors(window, qloop):
    closed = free_ports(300)
    with listeners(1) as (port,):
        window.form.set_targets("127.0.0.1-2")
        window.form.set_ports(",".join(map(str, [port, *closed])))
        run(qloop, window.scans.start())
    hosts = window.views.host_list
    assert window.findChild(QtWidgets.QTableView, "hostTable") is hosts.table
    model = hosts.model
    model.flush()
    assert {model.index(r, HostColumn.ADDRESS).data() for r in range(model.rowCount())} == {
        "127.0.0.1",
        "127.0.0.2",
    }
    row = model.row_of("127.0.0.1")
    status = model.index(row, 0).data(HostRole.STATUS)
    assert status is not None  # discovery looked at it, in the window's own scan
    assert status.state is HostState.UP
    assert model.index(row, HostColumn.STATE).data() == "up"
    assert model.index(row, HostColumn.DOORS).data().startswith(str(port))
    assert model.index(row, HostColumn.COUNTS).data() == "1 open, 300 closed"

    doors, view = window.views.door_model, window.views.door_view
    last_door = doors.door_index("127.0.0.2", Protocol.TCP, max(closed))

    def on_screen(index):
        return view.visualRect(index).intersects(view.viewport().rect())

    view.scrollToTop()
    assert not on_screen(last_door)  # 601 doors do not fit: the second host is below
    assert hosts.choose("127.0.0.2")
    first_door = doors.door_index("127.0.0.2", Protocol.TCP, min([port, *closed]))
    assert on_screen(first_door)
    assert not on_screen(doors.door_index("127.0.0.1", Protocol.TCP, min([port, *closed])))
    assert doors.door_index("127.0.0.1", Protocol.TCP, port).data(DoorRole.STATE) is (
        PortState.OPEN
    )


def test_hosts_that_are_down_are_hidden_unless_the_toggle_shows_them(window):
    hosts = window.views.host_list
    hosts.model.set_statuses(
        [
            HostStatus("198.51.100.1", HostState.UP, HostReason.ECHO_REPLY, 0.001),
            HostStatus("198.51.100.2", HostState.DOWN, HostReason.NO_RESPONSE),
        ]
    )
    assert hosts.proxy.rowCount() == 1
    assert "did not answer hidden" in hosts.count_label.text()
    hosts.show_down.setChecked(True)
    assert hosts.proxy.rowCount() == 2
    assert hosts.count_label.text() == "2 hosts"


def test_a_reopened_scan_shows_its_hosts_as_discovery_left_them(window, qloop, history):
    with listeners(1) as (port,):
        window.form.set_targets("127.0.0.1-2")
        window.form.set_ports(str(port))
        run(qloop, window.scans.start())
    scan_id = window.history_controller.last_saved_id
    assert scan_id is not None
    kept = history.hosts(scan_id)
    assert {h.address for h in kept} == {"127.0.0.1", "127.0.0.2"}
    window.views.clear()
    assert window.views.host_list.model.rowCount() == 0
    assert run(qloop, window.history_controller.open_scan(scan_id))
    model = window.views.host_list.model
    row = model.row_of("127.0.0.2")
    assert model.index(row, 0).data(HostRole.STATUS) == next(
        h for h in kept if h.address == "127.0.0.2"
    )
    assert model.index(row, HostColumn.STATE).data() == "up"
