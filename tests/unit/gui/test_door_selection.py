"""Doors can be chosen several at once (Ctrl+click, Shift+click, a rubber band), and
Copy copies them all; every door is announced by its own accessible name."""

from portwindow.engine import Progress, ResultSet, ScanBatch
from portwindow.engine.core.model import PortState, Protocol
from portwindow.gui.qt import QtCore

from .doors.util import result


def _show(window, results):
    plan = {Protocol.TCP: tuple(r.port for r in results)}
    window.views.show_results(ResultSet(plan, keep_order=True))
    batch = ScanBatch(tuple(results), Progress(len(results), len(results), 0.1, 10.0, 0.0))
    window.scans.batch_received(batch, window.views.results.add(batch.results))


def test_ctrl_click_chooses_several_doors_and_copy_takes_them_all(window, qtbot, qapp):
    _show(window, [result(22, PortState.OPEN), result(80), result(443, PortState.OPEN)])
    view, model = window.views.door_view, window.views.door_model
    qtbot.wait(20)
    first = model.door_index("127.0.0.1", Protocol.TCP, 22)
    last = model.door_index("127.0.0.1", Protocol.TCP, 443)
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton,
                     pos=view.visualRect(first).center())  # fmt: skip
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton,
                     QtCore.Qt.KeyboardModifier.ControlModifier,
                     view.visualRect(last).center())  # fmt: skip
    chosen = window.views.selected_results()
    assert sorted(r.port for r in chosen) == [22, 443]
    window.files.copy_selection()
    lines = qapp.clipboard().text().splitlines()
    assert len(lines) == 3  # the header and both doors


def test_every_door_has_an_accessible_name_saying_port_and_state(window):
    _show(window, [result(22, PortState.OPEN), result(80)])
    model = window.views.door_model
    for port, state in ((22, "open"), (80, "closed")):
        door = model.door_index("127.0.0.1", Protocol.TCP, port)
        name = door.data(QtCore.Qt.ItemDataRole.AccessibleTextRole)
        assert str(port) in name
        assert state in name.lower()
