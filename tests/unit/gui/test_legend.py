"""Help → Legend and Help → Keyboard shortcuts."""

from portwindow.engine import PortState, Reason
from portwindow.gui import legend
from portwindow.gui.doors.delegate import FINDING
from portwindow.gui.qt import QtCore, QtGui, QtWidgets


def _texts(table: QtWidgets.QTableWidget, column: int) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]


def test_the_legend_action_opens_every_state_mark_and_reason(qtbot, window):
    action = window.findChild(QtGui.QAction, "legendAction")
    assert action is not None
    help_menu = next(
        m for m in window.menuBar().findChildren(QtWidgets.QMenu) if "Help" in m.title()
    )
    assert action in help_menu.actions()
    action.trigger()
    dialog = window.findChild(QtWidgets.QDialog, "legendDialog")
    assert dialog is not None
    assert dialog.isVisible()
    titles = _texts(dialog.doors, 0)
    for word in ("Open", "Closed", "Filtered", "Open|filtered", "Not probed yet", "Red ring",
                 "UDP tag", "Warning badge"):  # fmt: skip
        assert word in titles
    for row in range(dialog.doors.rowCount()):
        picture = dialog.doors.item(row, 0).data(QtCore.Qt.ItemDataRole.DecorationRole)
        assert isinstance(picture, QtGui.QPixmap)
        assert not picture.isNull()
    assert _texts(dialog.reasons, 0) == [reason.value for reason in Reason]
    assert all(_texts(dialog.reasons, 1))
    dialog.close()


def test_the_pictures_are_the_views_own_and_differ_by_state_and_mark(qapp):
    palette = QtWidgets.QApplication.palette()
    images = {
        key: legend.door_picture(state, badges, palette).toImage()
        for key, (state, badges) in {
            "open": (PortState.OPEN, 0),
            "closed": (PortState.CLOSED, 0),
            "ring": (PortState.OPEN, FINDING),
        }.items()
    }
    assert images["open"] != images["closed"]
    assert images["open"] != images["ring"]


def test_the_shortcut_list_is_read_from_the_windows_actions(qtbot, window):
    window.findChild(QtGui.QAction, "shortcutsAction").trigger()
    dialog = window.findChild(QtWidgets.QDialog, "shortcutsDialog")
    assert dialog is not None
    keys = dict(zip(_texts(dialog.table, 1), _texts(dialog.table, 0), strict=True))
    native = QtGui.QKeySequence.SequenceFormat.NativeText
    assert keys["Legend"] == QtGui.QKeySequence("F1").toString(native)
    assert keys["Export CSV"] == QtGui.QKeySequence("Ctrl+E").toString(native)
    with_keys = [a for a in window.actions() if a.shortcuts()]
    assert len(dialog.table.findItems("", QtCore.Qt.MatchFlag.MatchContains)) >= len(with_keys)
    assert "Open every host" in keys
    dialog.close()
