"""Help → Legend and Help → Keyboard shortcuts: what every picture and mark of the doors
means, and every key of the window.

The legend's pictures are painted by the door view's own delegate (the same door, ring,
UDP tag and warning badge the view paints), so they cannot drift from what is shown. The
shortcut list is read from the window's actions when it opens, so a new action with a
shortcut is listed without anyone editing this file; the door view's own keys (which are
not actions) are listed below them.
"""

from __future__ import annotations

from portwindow.engine import PortState, Reason

from .doors.delegate import FINDING, UDP, WARNING, DoorDelegate
from .i18n import QT_TRANSLATE_NOOP, translate
from .qt import QtCore, QtGui, QtWidgets

_C = "Legend"
STATES: tuple[tuple[PortState | None, str, str], ...] = (
    (
        PortState.OPEN,
        QT_TRANSLATE_NOOP("Legend", "Open"),
        QT_TRANSLATE_NOOP("Legend", "A program answers at this door: something listens there."),
    ),
    (
        PortState.CLOSED,
        QT_TRANSLATE_NOOP("Legend", "Closed"),
        QT_TRANSLATE_NOOP("Legend", "The host answered that nothing listens here."),
    ),
    (
        PortState.FILTERED,
        QT_TRANSLATE_NOOP("Legend", "Filtered"),
        QT_TRANSLATE_NOOP(
            "Legend", "No answer, or a refusal from a firewall: nobody can see behind it."
        ),
    ),
    (
        PortState.OPEN_FILTERED,
        QT_TRANSLATE_NOOP("Legend", "Open|filtered"),
        QT_TRANSLATE_NOOP(
            "Legend", "UDP: no answer. A program may listen quietly, or a firewall drops it."
        ),
    ),
    (
        None,
        QT_TRANSLATE_NOOP("Legend", "Not probed yet"),
        QT_TRANSLATE_NOOP("Legend", "The scan has not knocked on this door yet."),
    ),
)
MARKS: tuple[tuple[int, str, str], ...] = (
    (
        FINDING,
        QT_TRANSLATE_NOOP("Legend", "Red ring"),
        QT_TRANSLATE_NOOP(
            "Legend",
            "The expected doors disagree: open but no rule expects it (unexpected), or "
            "expected open and found closed or filtered (missing).",
        ),
    ),
    (
        UDP,
        QT_TRANSLATE_NOOP("Legend", "UDP tag"),
        QT_TRANSLATE_NOOP("Legend", "The door was knocked on over UDP (without it: TCP)."),
    ),
    (
        WARNING,
        QT_TRANSLATE_NOOP("Legend", "Warning badge"),
        QT_TRANSLATE_NOOP(
            "Legend",
            "The program at this door speaks another service than the one registered for "
            "its port (its banner says so).",
        ),
    ),
)
REASONS: dict[Reason, str] = {
    Reason.SYN_ACK: QT_TRANSLATE_NOOP("Legend", "The host accepted the connection (open)."),
    Reason.CONN_REFUSED: QT_TRANSLATE_NOOP(
        "Legend", "The host refused the connection at once (closed)."
    ),
    Reason.UDP_RESPONSE: QT_TRANSLATE_NOOP("Legend", "A program answered over UDP (open)."),
    Reason.PORT_UNREACH: QT_TRANSLATE_NOOP(
        "Legend", "The host said the UDP port is unreachable (closed)."
    ),
    Reason.NO_RESPONSE: QT_TRANSLATE_NOOP(
        "Legend", "Nothing came back before the timeout, after every retry."
    ),
    Reason.HOST_UNREACH: QT_TRANSLATE_NOOP(
        "Legend", "A router said the host cannot be reached (filtered)."
    ),
    Reason.NET_UNREACH: QT_TRANSLATE_NOOP(
        "Legend", "A router said the network cannot be reached (filtered)."
    ),
    Reason.ADMIN_PROHIBITED: QT_TRANSLATE_NOOP(
        "Legend", "A firewall said it is not allowed (filtered)."
    ),
    Reason.PROTO_UNREACH: QT_TRANSLATE_NOOP(
        "Legend", "The host does not speak the protocol (filtered)."
    ),
    Reason.ERROR: QT_TRANSLATE_NOOP(
        "Legend", "The knock failed on this machine (its message says why)."
    ),
    Reason.RESET: QT_TRANSLATE_NOOP(
        "Legend", "Read from another scanner's report: the host reset the connection."
    ),
    Reason.OTHER: QT_TRANSLATE_NOOP(
        "Legend", "Read from another scanner's report: a reason portwindow has no word for."
    ),
}
# The door view's keys that are not the window's actions.
VIEW_KEYS: tuple[tuple[str, str], ...] = (
    ("←  →  ↑  ↓", QT_TRANSLATE_NOOP("Legend", "Move between doors")),
    ("Home  End", QT_TRANSLATE_NOOP("Legend", "First and last door")),
    ("Page Up  Page Down", QT_TRANSLATE_NOOP("Legend", "A screen of doors up or down")),
    ("Shift+←  Ctrl+A", QT_TRANSLATE_NOOP("Legend", "Select several doors, or all")),
    ("*", QT_TRANSLATE_NOOP("Legend", "Open every host")),
    ("/", QT_TRANSLATE_NOOP("Legend", "Collapse every host to its overview row")),
    ("Down", QT_TRANSLATE_NOOP("Legend", "In Targets or Ports: the recent entries")),
)
PICTURE_SIZE = 40


def door_picture(
    state: PortState | None, badges: int, palette: QtGui.QPalette, dpr: float = 1.0
) -> QtGui.QPixmap:
    """A door as the door view paints it, with ``badges``, labelled with a port."""
    delegate = DoorDelegate()
    delegate.set_door_size(PICTURE_SIZE)
    option = QtWidgets.QStyleOptionViewItem()
    option.palette = palette
    option.font = QtWidgets.QApplication.font()
    option.state = QtWidgets.QStyle.StateFlag.State_Enabled
    size = delegate.sizeHint(option, QtCore.QModelIndex())
    option.rect = QtCore.QRect(QtCore.QPoint(0, 0), size)
    pixmap = QtGui.QPixmap(round(size.width() * dpr), round(size.height() * dpr))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(pixmap)
    try:
        delegate.paint_door(painter, option, state, "22", badges)
    finally:
        painter.end()
    return pixmap


def _table(headers: list[str], name: str, parent: QtWidgets.QWidget) -> QtWidgets.QTableWidget:
    table = QtWidgets.QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _add_row(table: QtWidgets.QTableWidget, cells: list[str], picture=None) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for column, text in enumerate(cells):
        item = QtWidgets.QTableWidgetItem(text)
        if column == 0 and picture is not None:
            item.setData(QtCore.Qt.ItemDataRole.DecorationRole, picture)
        table.setItem(row, column, item)


class LegendDialog(QtWidgets.QDialog):
    """The legend: doors and marks, then the reasons a door got its state."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legendDialog")
        self.setWindowTitle(translate("Legend", "Legend"))
        palette = self.palette()
        dpr = self.devicePixelRatioF()
        self.doors = _table(
            [translate("Legend", "Picture"), translate("Legend", "Means")], "legendDoors", self
        )
        self.doors.setIconSize(QtCore.QSize(PICTURE_SIZE * 2, PICTURE_SIZE * 2))
        for state, title, meaning in STATES:
            _add_row(
                self.doors,
                [translate(_C, title), translate(_C, meaning)],
                door_picture(state, 0, palette, dpr),
            )
        for badge, title, meaning in MARKS:
            _add_row(
                self.doors,
                [translate(_C, title), translate(_C, meaning)],
                door_picture(PortState.OPEN, badge, palette, dpr),
            )
        self.doors.resizeColumnToContents(0)
        self.doors.resizeRowsToContents()
        self.reasons = _table(
            [translate("Legend", "Reason"), translate("Legend", "Means")], "legendReasons", self
        )
        for reason, meaning in REASONS.items():
            _add_row(self.reasons, [reason.value, translate(_C, meaning)])
        self.reasons.resizeColumnToContents(0)
        tabs = QtWidgets.QTabWidget(self)
        tabs.addTab(self.doors, translate("Legend", "Doors and marks"))
        tabs.addTab(self.reasons, translate("Legend", "Reasons"))
        _finish(self, tabs, QtCore.QSize(640, 560))


def _finish(dialog: QtWidgets.QDialog, body: QtWidgets.QWidget, size: QtCore.QSize) -> None:
    buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QtWidgets.QVBoxLayout(dialog)
    layout.addWidget(body)
    layout.addWidget(buttons)
    dialog.resize(size)


def shortcut_rows(window: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``window`` with a shortcut, then the door
    view's keys."""
    rows = []
    for action in window.actions():
        keys = [
            k.toString(QtGui.QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        ]
        if keys:
            what = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            rows.append(("  ".join(keys), what.removesuffix("…")))
    rows.sort(key=lambda row: row[1].lower())
    rows.extend((keys, translate(_C, what)) for keys, what in VIEW_KEYS)
    return rows


class ShortcutsDialog(QtWidgets.QDialog):
    """Every key of the window, read from its actions when opened."""

    def __init__(self, window: QtWidgets.QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(translate("Legend", "Keyboard shortcuts"))
        self.table = _table(
            [translate("Legend", "Keys"), translate("Legend", "Does")], "shortcutTable", self
        )
        for keys, what in shortcut_rows(window):
            _add_row(self.table, [keys, what])
        self.table.resizeColumnToContents(0)
        _finish(self, self.table, QtCore.QSize(520, 560))


def show_legend(window: QtWidgets.QWidget) -> LegendDialog:
    return _show(LegendDialog(window))


def show_shortcuts(window: QtWidgets.QWidget) -> ShortcutsDialog:
    return _show(ShortcutsDialog(window))


def _show(dialog: QtWidgets.QDialog):
    dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
