"""N / Shift+N between open doors, F / Shift+F between findings, in either view."""

from portwindow.gui.doors.model import DoorRole
from portwindow.gui.qt import QtCore, QtGui, QtWidgets
from portwindow.gui.results_model import ResultRole
from tests.unit.gui.finding_scans import TCP, reopen, spread


def action(window, name) -> QtGui.QAction:
    found = [a for a in window.findChildren(QtGui.QAction) if a.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def current_port(window):
    if window.views.table_shown():
        return window.views.results_table.currentIndex().data(ResultRole.RESULT).port
    return window.views.door_view.currentIndex().data(DoorRole.PORT)


def test_n_and_shift_n_go_round_the_open_doors(window, history, qloop, qtbot):
    reopen(window, history, qloop, spread({22, 1500, 2999}, last=3000))
    view = window.views.door_view
    view.setFocus()
    next_open = action(window, "nextOpenDoorAction")
    assert next_open.shortcut() == QtGui.QKeySequence("N")
    toolbar = window.findChild(QtWidgets.QToolBar, "mainToolBar")
    assert next_open in toolbar.actions()
    ports = []
    for _ in range(4):
        qtbot.keyClick(view, QtCore.Qt.Key.Key_N)
        ports.append(current_port(window))
    assert ports == [22, 1500, 2999, 22]  # round again
    assert view.viewport().rect().intersects(view.visualRect(view.currentIndex()))
    qtbot.keyClick(view, QtCore.Qt.Key.Key_N, QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert current_port(window) == 2999
    assert "Open door 3 of 3" in window.status.message()


def test_f_goes_to_the_findings_and_says_when_there_are_none(window, history, qloop, qtbot):
    reopen(window, history, qloop, spread({22}, last=100))
    view = window.views.door_view
    view.setFocus()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_F)
    assert "No unexpected or missing door" in window.status.message()
    history.set_expected("127.0.0.1", [(TCP, 80), (TCP, 90)])
    window.history_controller.audit()
    seen = []
    for _ in range(3):
        action(window, "nextFindingAction").trigger()
        seen.append(current_port(window))
    assert seen == [22, 80, 90]
    action(window, "previousFindingAction").trigger()
    assert current_port(window) == 80
    assert action(window, "nextFindingAction").shortcut() == QtGui.QKeySequence("F")


def test_jumps_work_in_the_table_too(window, history, qloop):
    reopen(window, history, qloop, spread({7, 700}, last=1000))
    window.views.show_view(1)
    action(window, "nextOpenDoorAction").trigger()
    assert current_port(window) == 7
    action(window, "nextOpenDoorAction").trigger()
    assert current_port(window) == 700
    table = window.views.results_table
    assert table.viewport().rect().intersects(table.visualRect(table.currentIndex()))


def test_typing_n_in_the_search_box_types_it(window, history, qloop, qtbot):
    reopen(window, history, qloop, spread({22}, last=10))
    qtbot.keyClicks(window.views.search_edit, "nfs")
    assert window.views.search_edit.text() == "nfs"
    assert not window.views.door_view.currentIndex().isValid()
