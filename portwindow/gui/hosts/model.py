"""The host list's item model: one row per host, over the scan's one result set (through
the :class:`~portwindow.gui.doors.model.DoorModel` that announces it) and what host
discovery found (:class:`~portwindow.engine.HostStatus`, down hosts included).

A row is a host's address; what it shows is read when asked: its discovery state and
reason, its name (reverse DNS, or the name typed), its MAC and vendor, its open doors as
"22 ssh, 80 http", its counts and the audit's findings. The door model's signals say
when a host appeared or its doors changed; those changes are announced together, at most
every :data:`COALESCE_MS` (a batch of a wide scan touches dozens of hosts).
"""

from __future__ import annotations

import enum
import ipaddress
from collections.abc import Iterable, Mapping

from portwindow.engine import HostState, HostStatus, PortState, printable
from portwindow.gui import band_words
from portwindow.gui.doors.model import DoorModel
from portwindow.gui.headings import heading
from portwindow.gui.history_panel import when_text
from portwindow.gui.hosts.devices import elsewhere_text
from portwindow.gui.i18n import translate
from portwindow.gui.plurals import PLURALS
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets

#: The host list's columns, in order (STATE is 0).
HostColumn = enum.IntEnum(
    "HostColumn", "STATE NAME ADDRESS MAC DOORS COUNTS FINDINGS", start=0, module=__name__
)


HEADERS = {
    HostColumn.STATE: "State",
    HostColumn.NAME: "Name",
    HostColumn.ADDRESS: "Address",
    HostColumn.MAC: "MAC / vendor",
    HostColumn.DOORS: "Open doors",
    HostColumn.COUNTS: "Counts",
    HostColumn.FINDINGS: "Findings",
}


class HostRole(enum.IntEnum):
    ADDRESS = Qt.ItemDataRole.UserRole + 1  # str
    STATE = enum.auto()  # HostState, or None when discovery did not look at it
    DOWN = enum.auto()  # bool: discovery found it down
    SORT = enum.auto()  # what the column sorts by (str or int)
    STATUS = enum.auto()  # HostStatus, or None
    HOST_ROW = enum.auto()  # int: its row in the door model, -1 when it has no doors


#: A host whose doors answered is there even without discovery (a reset is an answer).
_ANSWERED = (PortState.OPEN, PortState.CLOSED)
_STATE_ORDER = {HostState.UP: 0, HostState.UNKNOWN: 1, None: 2, HostState.DOWN: 3}
COALESCE_MS = 200
#: Hosts re-sorted as their doors change (more: when a header is clicked).
RESORT_LIMIT = 4096
_ROOT = QtCore.QModelIndex()


def address_sort_key(address: str) -> str:
    """A text that sorts addresses numerically (IPv4 before IPv6), names after them."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "9" + address.lower()
    return f"{ip.version}{int(ip):032x}"


def mac_text(status: HostStatus | None) -> str:
    if status is None or not status.mac:
        return ""
    return f"{status.mac} ({status.vendor})" if status.vendor else status.mac


class HostListModel(QtCore.QAbstractTableModel):
    """Hosts of the door model's result set, then those discovery alone found."""

    def __init__(self, doors: DoorModel, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._doors = doors
        self._addresses: list[str] = []
        self._row_of: dict[str, int] = {}
        self._statuses: dict[str, HostStatus] = {}
        self._sightings: dict[str, list] = {}  # MAC -> DeviceSighting, newest first
        self._down = 0
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None
        self._dirty: set[int] = set()
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self.flush)
        doors.modelReset.connect(self._doors_reset)
        doors.rowsInserted.connect(self._hosts_inserted)
        doors.doorsChanged.connect(self._doors_changed)
        doors.dataChanged.connect(self._door_data_changed)
        self._doors_reset()

    # What the list is over.

    @property
    def door_model(self) -> DoorModel:
        return self._doors

    def set_statuses(
        self, statuses: Iterable[HostStatus], sightings: Mapping[str, list] | None = None
    ) -> None:
        """What discovery found (or the history kept): hosts not known yet are added.
        ``sightings``: MAC -> where the history saw that device in other scans."""
        statuses = list(statuses)
        if sightings is not None:
            self._sightings = dict(sightings)
        new = [s.address for s in statuses if s.address not in self._row_of]
        new = list(dict.fromkeys(new))
        for status in statuses:
            self._statuses[status.address] = status
        self._down = sum(s.state is HostState.DOWN for s in self._statuses.values())
        known = [self._row_of[s.address] for s in statuses if s.address in self._row_of]
        self._append(new)
        self._dirty.update(known)
        self.flush()

    def _append(self, addresses: list[str]) -> None:
        """New rows at the end (sorted with the next announcement when sorted)."""
        if not addresses:
            return
        start = len(self._addresses)
        self.beginInsertRows(_ROOT, start, start + len(addresses) - 1)
        for address in addresses:
            self._row_of[address] = len(self._addresses)
            self._addresses.append(address)
        self.endInsertRows()
        if self._sorted_by is not None:
            self._dirty.add(start)

    def set_sightings(self, sightings: Mapping[str, list]) -> None:
        """MAC -> where the history saw that device in other scans (MAC tooltips)."""
        self._sightings = dict(sightings)
        if self._addresses:
            last = self.index(len(self._addresses) - 1, HostColumn.MAC)
            self.dataChanged.emit(self.index(0, HostColumn.MAC), last)

    def is_down(self, row: int) -> bool:
        status = self._statuses.get(self._addresses[row])
        return status is not None and status.state is HostState.DOWN

    def searched_text(self, row: int, columns: Iterable[HostColumn]) -> str:
        """The row's text in ``columns``, lower-cased, for a filter."""
        address = self._addresses[row]
        status, host_row = self._statuses.get(address), self.host_row(address)
        return "\t".join(self._text(c, address, status, host_row) for c in columns).lower()

    def down_count(self) -> int:
        """How many hosts discovery found down."""
        return self._down

    def statuses(self) -> list[HostStatus]:
        return list(self._statuses.values())

    def status(self, address: str) -> HostStatus | None:
        return self._statuses.get(address)

    def row_of(self, address: str) -> int:
        return self._row_of.get(address, -1)

    def address(self, row: int) -> str:
        return self._addresses[row]

    def flush(self) -> None:
        """Announce the hosts changed since the last announcement, in one signal."""
        self._timer.stop()
        dirty = [row for row in self._dirty if row < len(self._addresses)]
        self._dirty.clear()
        if dirty:
            last = len(HostColumn) - 1
            self.dataChanged.emit(self.index(min(dirty), 0), self.index(max(dirty), last))
            if len(self._addresses) <= RESORT_LIMIT:
                self._resort()  # a wide scan's list is sorted again when a header is clicked

    # Sorting: here, one key per row and one sorted() (the proxy only filters: its own
    # sort would ask data() of two rows for every comparison, seconds for 65,536 hosts).

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sorted_by = (column, order) if 0 <= column < len(HostColumn) else None
        self._resort()

    def _resort(self) -> None:
        if self._sorted_by is None or len(self._addresses) < 2:
            return
        column, order = HostColumn(self._sorted_by[0]), self._sorted_by[1]
        statuses, host_row = self._statuses, self.host_row
        keys = {
            address: self._sort_value(column, address, statuses.get(address), host_row(address))
            for address in self._addresses
        }
        by_address = {address: address_sort_key(address) for address in self._addresses}
        ordered = sorted(
            self._addresses,
            key=lambda a: (keys[a], by_address[a]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        if ordered == self._addresses:
            return
        self.layoutAboutToBeChanged.emit()
        new_row = {address: row for row, address in enumerate(ordered)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(new_row[self._addresses[index.row()]], index.column())
            for index in persistent
        ]
        self._addresses, self._row_of = ordered, new_row
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # The door model's signals.

    def _doors_reset(self) -> None:
        self.beginResetModel()
        self._timer.stop()
        self._dirty.clear()
        self._statuses = {}
        self._sightings = {}
        self._down = 0
        results = self._doors.results
        self._addresses = [results.address(row) for row in range(self._doors.host_count())]
        self._row_of = {address: row for row, address in enumerate(self._addresses)}
        self.endResetModel()

    def _hosts_inserted(self, parent: QtCore.QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            return
        results = self._doors.results
        new = []
        for host_row in range(first, last + 1):
            address = results.address(host_row)
            if address in self._row_of:
                self._dirty.add(self._row_of[address])  # discovery had it: now it has doors
            else:
                new.append(address)
        self._append(new)
        self._schedule()

    def _doors_changed(self, spans: tuple[tuple[int, int, int], ...]) -> None:
        self._mark(host_row for host_row, _first, _last in spans)

    def _door_data_changed(self, first: QtCore.QModelIndex, last: QtCore.QModelIndex, *_a) -> None:
        if first.parent().isValid():
            self._mark((first.parent().row(),))
        else:
            self._mark(range(first.row(), last.row() + 1))

    def _mark(self, host_rows: Iterable[int]) -> None:
        results = self._doors.results
        count = self._doors.host_count()
        for host_row in host_rows:
            if 0 <= host_row < count:
                row = self._row_of.get(results.address(host_row))
                if row is not None:
                    self._dirty.add(row)
        self._schedule()

    def _schedule(self) -> None:
        if self._dirty and not self._timer.isActive():
            self._timer.start()

    # QAbstractItemModel.

    def rowCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._addresses)

    def columnCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(HostColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HostColumn)
        ):
            return heading(HEADERS[HostColumn(section)])
        return None

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def host_row(self, address: str) -> int:
        """The host's row in the door model (announced there), -1 without doors."""
        row = self._doors.results.host_row(address)
        return row if 0 <= row < self._doors.host_count() else -1

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._addresses):
            return None
        address = self._addresses[index.row()]
        status = self._statuses.get(address)
        if role == HostRole.ADDRESS:
            return address
        if role == HostRole.STATUS:
            return status
        if role == HostRole.STATE:
            return status.state if status else None
        if role == HostRole.DOWN:
            return status is not None and status.state is HostState.DOWN
        host_row = self.host_row(address)
        if role == HostRole.HOST_ROW:
            return host_row
        column = HostColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(column, address, status, host_row)
        if role == HostRole.SORT:
            return self._sort_value(column, address, status, host_row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, address, status, host_row)
        if role == Qt.ItemDataRole.ForegroundRole and status and status.state is HostState.DOWN:
            palette = QtWidgets.QApplication.palette()
            return palette.brush(QtGui.QPalette.ColorGroup.Disabled, QtGui.QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {self._text(column, address, status, host_row) or 'none'}"
        return None

    # The cells.

    def _state(self, status: HostStatus | None, host_row: int) -> str:
        if status is not None:
            return status.state.value
        if host_row >= 0:
            counts = self._doors.results.host_counts(host_row)
            if any(counts.get(state, 0) for state in _ANSWERED):
                return "up"
        return "—"

    def _name(self, address: str, status: HostStatus | None, host_row: int) -> str:
        if status is not None and status.name:
            return status.name
        label = self._doors.results.label(host_row) if host_row >= 0 else ""
        if not label and status is not None:
            label = status.label
        return label if label and label != address else ""

    def _open_doors(self, host_row: int) -> list:
        return self._doors.open_doors(host_row) if host_row >= 0 else []

    def _counts(self, host_row: int) -> dict:
        return self._doors.results.host_counts(host_row) if host_row >= 0 else {}

    def _findings(self, host_row: int) -> int:
        return len(self._doors.finding_rows(host_row)) if host_row >= 0 else 0

    def _text(self, column, address, status, host_row) -> str:
        if column is HostColumn.STATE:
            return self._state(status, host_row)
        if column is HostColumn.NAME:
            return printable(self._name(address, status, host_row))
        if column is HostColumn.ADDRESS:
            return address
        if column is HostColumn.MAC:
            return printable(mac_text(status))
        if column is HostColumn.DOORS:
            return band_words.open_doors_text(self._open_doors(host_row))
        if column is HostColumn.COUNTS:
            if host_row < 0:
                down = status is not None and status.state is HostState.DOWN
                return translate("HostListModel", "not scanned") if down else ""
            return band_words.counts_text(self._counts(host_row))
        findings = self._findings(host_row)
        return PLURALS.findings(findings) if findings else ""

    def _sort_value(self, column, address, status, host_row) -> object:
        if column is HostColumn.STATE:
            if status is not None:
                return _STATE_ORDER[status.state]
            return _STATE_ORDER[HostState.UP if self._state(None, host_row) == "up" else None]
        if column is HostColumn.ADDRESS:
            return address_sort_key(address)
        if column is HostColumn.DOORS:
            return len(self._open_doors(host_row))
        if column is HostColumn.COUNTS:
            return self._counts(host_row).get(PortState.OPEN, 0)
        if column is HostColumn.FINDINGS:
            return self._findings(host_row)
        return self._text(column, address, status, host_row).lower()

    def _tooltip(self, column, address, status, host_row) -> str | None:
        if column is HostColumn.STATE:
            if status is None:
                return translate(
                    "HostListModel",
                    "Not looked at by discovery: up when a door answered (open or closed)",
                )
            rtt = f", {band_words.rtt_text(status.rtt)}" if status.rtt is not None else ""
            return f"{status.state.value}: {status.reason.value}{rtt}"
        if column is HostColumn.DOORS:
            return band_words.open_doors_text(self._open_doors(host_row), shown=50) or None
        if column is HostColumn.MAC and status is not None and status.mac:
            seen = elsewhere_text(address, self._sightings.get(status.mac, []), when_text)
            return seen or None
        return None
