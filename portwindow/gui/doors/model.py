"""The Doors view's item model: hosts at the top level, one door per planned port below,
as a view over the scan's one :class:`~portwindow.engine.ResultSet`.

The result set keeps everything: the plan (the ports to probe, per protocol, TCP first,
each ascending) and per host compact columns indexed by door row. This model keeps only
what it has announced to Qt (how many hosts, which plan) and a few marks of its own (the
audit's findings, the doors whose banner names another service). Whoever adds results to
the result set hands the :class:`~portwindow.engine.Delta` to :meth:`DoorModel.update`,
which inserts the new hosts with one ``rowsInserted``, announces the changed doors with
one ``dataChanged`` per host, and turns a grown plan into one layout change: a model over
a Qt-free store, as MusicBrainz Picard's log view reads its log.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable, Mapping, Sequence

from portwindow.engine import (
    DOOR_REASON,
    DOOR_STATE,
    AuditItem,
    BannerReading,
    Delta,
    Finding,
    HostDoors,
    PortResult,
    PortState,
    Protocol,
    ResultSet,
    ServiceInfo,
    ServiceRegistry,
    counting_arrays,
    default_registry,
    read_banner,
)
from portwindow.engine import door_texts as texts
from portwindow.gui import band_words
from portwindow.gui.findings_words import explain
from portwindow.gui.qt import Qt, QtCore, QtGui, Signal

__all__ = ["CODE_STATES", "STATE_CODES", "DoorModel", "DoorRole", "counting_arrays"]


class DoorRole(enum.IntEnum):
    """Data roles of :class:`DoorModel`. Door rows answer all but COUNTS; host rows answer
    HOST, ADDRESS and COUNTS."""

    STATE = Qt.ItemDataRole.UserRole + 1  # PortState, or None when not probed yet
    PORT = enum.auto()  # int
    PROTOCOL = enum.auto()  # Protocol
    HOST = enum.auto()  # str: the name the user gave
    ADDRESS = enum.auto()  # str: the address probed
    SERVICE = enum.auto()  # str: IANA's service name, "" when unassigned
    DESCRIPTION = enum.auto()  # str: IANA's description, "" when unassigned
    PORT_CLASS = enum.auto()  # PortClass
    REASON = enum.auto()  # Reason, or None when not probed yet
    RTT = enum.auto()  # float seconds, or None
    RESULT = enum.auto()  # PortResult, or None when not probed yet
    COUNTS = enum.auto()  # host rows: dict[PortState | None, int]
    BANNER = enum.auto()  # str: what the program said, "" when nothing was read
    IDENTIFICATION = enum.auto()  # BannerReading of the banner, or None without one
    WARNING = enum.auto()  # bool: the program speaks another service than registered
    FINDING = enum.auto()  # Finding of the expected-doors audit (unexpected, missing), or None
    FINDING_TEXT = enum.auto()  # str: the finding explained ("Missing: 22/tcp is ..."), or ""
    OPEN_DOORS = enum.auto()  # host rows: str, its open doors ("22 ssh, 80 http")


#: The view's and the delegate's state codes (0 is "not probed yet").
STATE_CODES: dict[PortState | None, int] = {
    None: 0,
    PortState.OPEN: 1,
    PortState.CLOSED: 2,
    PortState.FILTERED: 3,
    PortState.OPEN_FILTERED: 4,
}
CODE_STATES: tuple[PortState | None, ...] = tuple(STATE_CODES)
#: for bytes.translate: a result set's door byte -> the view's state code
_TO_STATE_CODE = bytes(STATE_CODES[state] for state in DOOR_STATE)
_OPEN_CODE = STATE_CODES[PortState.OPEN]
_HOST_ID = 0  # internalId of host indexes; a door's is its host's row + 1
_PORT_SPACE = 65536
FEW_HOSTS = 8  # changed hosts of a batch announced door by door too (see doorsChanged)
_ROOT = QtCore.QModelIndex()  # the invisible root, as a default argument


class DoorModel(QtCore.QAbstractItemModel):
    """Hosts (top level, in order of their first result) and their doors (one column)."""

    #: A batch changed the doors of known hosts: the (host row, first, last door row) of
    #: each, in one signal. Door by door ``dataChanged`` follows only for a few hosts, or
    #: for a screen reader (a batch of a wide scan touches dozens of hosts).
    doorsChanged = Signal(object)

    def __init__(
        self,
        parent: QtCore.QObject | None = None,
        registry: ServiceRegistry | None = None,
        results: ResultSet | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._results = results if results is not None else ResultSet()
        self._plan = self._results.plan  # the plan announced to Qt
        self._plan_generation = 0
        self._host_count = len(self._results.hosts)  # the hosts announced to Qt
        # The audit's findings by address, then by door; set after a scan or reopening.
        self._findings: dict[str, dict[tuple[Protocol, int], AuditItem]] = {}
        self._explained = True
        self._warnings: dict[int, frozenset[int]] = {}  # host row -> warned door rows

    # The result set.

    @property
    def results(self) -> ResultSet:
        return self._results

    def set_results(self, results: ResultSet) -> None:
        """Show another result set (a new scan, a reopened report): a model reset."""
        self.beginResetModel()
        self._results = results
        self._plan = results.plan
        self._plan_generation += 1
        self._host_count = len(results.hosts)
        self._findings = {}
        self._warnings = {}
        self.endResetModel()

    def set_plan(self, ports: Iterable[tuple[Protocol, int]]) -> None:
        """Start afresh with a result set of its own with these doors for every host."""
        planned: dict[Protocol, set[int]] = {}
        for protocol, port in ports:
            planned.setdefault(protocol, set()).add(port)
        self.set_plan_by_protocol(planned)

    def set_plan_by_protocol(self, ports: Mapping[Protocol, Iterable[int]]) -> None:
        """``set_plan`` with the ports grouped by protocol, as a PortSet holds them."""
        self.set_results(ResultSet(ports))

    def clear(self) -> None:
        """Drop every host (an empty result set on the same plan) and every finding."""
        self.set_results(self._results.cleared())

    def add_hosts(self, hosts: Iterable[tuple[str, str]]) -> None:
        """Show hosts before any result: every planned door drawn as not probed yet.

        ``hosts`` are (label, address) pairs; known addresses are skipped. The window does
        this for the first hosts of a scan, so their doors appear (and are laid out) at
        once instead of with the first batch.
        """
        self._results.add_hosts(hosts)
        self._announce_hosts()

    def add_results(self, results: Sequence[PortResult]) -> None:
        """Add a batch to the result set and announce it (see :meth:`update`)."""
        self.update(self._results.add(results))

    def update(self, delta: Delta | None = None) -> None:
        """Announce what the result set's last ``add`` changed: the changed doors of
        known hosts, then the new hosts together; a grown plan first, as a layout change.
        Without a delta every door of every host is announced as changed."""
        if self._results.plan is not self._plan:
            self._move_doors()
        known = self._host_count
        if delta is None:
            changed = [(host, 0, self._plan.size - 1) for host in range(known)]
        else:
            changed = [span for span in delta.changed if span[0] < known]
        for host_row, _first, _last in changed:
            self._warnings.pop(host_row, None)
        if changed:
            self.doorsChanged.emit(tuple(changed))
        if len(changed) <= FEW_HOSTS or QtGui.QAccessible.isActive():
            for host_row, first, last in changed:
                parent = self.createIndex(host_row, 0, _HOST_ID)
                self.dataChanged.emit(self.index(first, 0, parent), self.index(last, 0, parent))
        if changed:
            self.dataChanged.emit(
                self.createIndex(changed[0][0], 0, _HOST_ID),
                self.createIndex(changed[-1][0], 0, _HOST_ID),
            )
        self._announce_hosts()

    def _announce_hosts(self) -> None:
        first, last = self._host_count, len(self._results.hosts) - 1
        if last >= first:
            self.beginInsertRows(_ROOT, first, last)
            self._host_count = last + 1
            self.endInsertRows()

    def _move_doors(self) -> None:
        """The result set's plan grew: door rows moved, persistent indexes follow."""
        old, new = self._plan, self._results.plan
        if not self._host_count:
            self._plan = new
            self._plan_generation += 1
            return
        self.layoutAboutToBeChanged.emit()
        self._plan = new
        self._plan_generation += 1
        self._warnings = {}
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            if index.internalId() == _HOST_ID:
                moved.append(index)
            else:
                row = new.row(*old.door(index.row()))
                moved.append(self.createIndex(row, 0, index.internalId()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # The audit's findings.

    def set_findings(self, items: Iterable[AuditItem], *, explained: bool = True) -> None:
        """Mark the doors the audit found unexpected or missing (replacing earlier marks);
        the doors it did not probe cannot be marked. ``explained``: tooltips say why
        (False for rings that are not the audit's, as the compare dialog's)."""
        self._explained = explained
        findings: dict[str, dict[tuple[Protocol, int], AuditItem]] = {}
        for item in items:
            if item.finding in (Finding.UNEXPECTED, Finding.MISSING):
                findings.setdefault(item.address, {})[(item.protocol, item.port)] = item
        touched = set(self._findings) | set(findings)
        self._findings = findings
        for address in touched:
            host_row = self._host_row(address)
            if host_row >= 0 and self._plan.size:
                parent = self.createIndex(host_row, 0, _HOST_ID)
                last = self._plan.size - 1
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(last, 0, parent), [DoorRole.FINDING]
                )

    def finding_rows(self, host_row: int) -> frozenset[int]:
        """The door rows of a host that the audit marked (unexpected or missing)."""
        found = self._findings.get(self._results.hosts[host_row].address)
        if not found:
            return frozenset()
        rows = (self._plan.row(protocol, port) for protocol, port in found)
        return frozenset(row for row in rows if row >= 0)

    # Look-ups for the view, the main window and the tests.

    def counts(self) -> dict[PortState | None, int]:
        """How many doors of all hosts are in each state; None counts doors not probed yet."""
        return self._results.counts(unprobed=True)

    def host_count(self) -> int:
        return self._host_count

    def door_count(self) -> int:
        """How many doors each host has (the size of the plan)."""
        return self._plan.size

    def has_open(self, host_row: int) -> bool:
        """Whether a host has an open door."""
        return _OPEN_CODE in self.state_codes(host_row)

    def open_doors(
        self, host_row: int, limit: int | None = None
    ) -> list[tuple[Protocol, int, str]]:
        """A host's open doors (the first ``limit`` when given): protocol, port and service
        name, by door row."""
        return self._open_doors(self.state_codes(host_row), limit)

    def _open_doors(self, codes: bytearray, limit: int | None) -> list[tuple[Protocol, int, str]]:
        plan = self._results.plan  # the codes' (the plan announced may be the older)
        doors = []
        row = codes.find(_OPEN_CODE)
        while row >= 0 and (limit is None or len(doors) < limit):
            protocol, port = plan.door(row)
            doors.append((protocol, port, self.service(protocol, port).name))
            row = codes.find(_OPEN_CODE, row + 1)
        return doors

    def open_doors_text(self, host_row: int) -> str:
        """A host's open doors in one line (see ``texts.open_doors_text``): the first few
        named, the rest counted, so a header band's paint does not look up every open
        door's service."""
        codes = self.state_codes(host_row)
        first = self._open_doors(codes, texts.OPEN_DOORS_SHOWN)
        return band_words.open_doors_text(first, total=codes.count(_OPEN_CODE))

    def overview(self, host_row: int) -> str:
        """A host in one line: its title, its open doors, its counts."""
        host = self._results.hosts[host_row]
        title = texts.host_title(host.label, host.address)
        counts = band_words.counts_text(self._results.host_counts(host))
        opened = self.open_doors_text(host_row)
        return f"{title} — {opened} — {counts}" if opened else f"{title} — {counts}"

    def plan_generation(self) -> int:
        """A number that changes whenever the plan (the doors' rows) changes."""
        return self._plan_generation

    def plan_ports(self) -> list[tuple[Protocol, int, Sequence[int]]]:
        """The plan as (protocol, first row, ascending ports) per protocol."""
        return [
            (protocol, self._plan.offsets[protocol], ports)
            for protocol, ports in self._plan.ports.items()
        ]

    def door_row(self, protocol: Protocol, port: int) -> int:
        """The door row of (protocol, port), -1 when the plan does not have it."""
        return self._plan.row(protocol, port)

    def door_at(self, row: int) -> tuple[Protocol, int]:
        """The (protocol, port) of door row ``row``."""
        return self._plan.door(row)

    def state_codes(self, host_row: int) -> bytearray:
        """The state code (see :data:`STATE_CODES`) of each door of a host, by door row."""
        return self._results.hosts[host_row].codes.translate(_TO_STATE_CODE)

    def state_code(self, host_row: int, row: int) -> int:
        return _TO_STATE_CODE[self._results.hosts[host_row].code(row)]

    def warning_rows(self, host_row: int) -> frozenset[int]:
        """The door rows of a host whose program speaks another service than registered."""
        rows = self._warnings.get(host_row)
        if rows is None:
            banners = self._results.hosts[host_row].banners
            # A copy: the engine's thread may add a banner meanwhile (see ScanSession).
            rows = frozenset(
                row for row, banner in list(banners.items()) if self._reading(row, banner).disagrees
            )
            self._warnings[host_row] = rows
        return rows

    def udp_rows(self) -> range:
        """The door rows of UDP ports (they follow the TCP ones)."""
        start = self._plan.offsets[Protocol.UDP]
        return range(start, start + len(self._plan.ports[Protocol.UDP]))

    def service(self, protocol: Protocol, port: int) -> ServiceInfo:
        if self._registry is None:
            self._registry = default_registry()
        return self._registry.lookup(port, protocol)

    def host_index(self, address: str) -> QtCore.QModelIndex:
        row = self._host_row(address)
        return QtCore.QModelIndex() if row < 0 else self.createIndex(row, 0, _HOST_ID)

    def door_index(self, address: str, protocol: Protocol, port: int) -> QtCore.QModelIndex:
        host_row = self._host_row(address)
        row = self._plan.row(protocol, port)
        if host_row < 0 or row < 0:
            return QtCore.QModelIndex()
        return self.createIndex(row, 0, host_row + 1)

    def result(self, host: HostDoors | int, row: int) -> PortResult | None:
        """The result for a door (host given by row), None when it is not probed yet."""
        return self._results.result(host, row)

    def _host_row(self, address: str) -> int:
        row = self._results.host_row(address)
        return row if row < self._host_count else -1

    def _row_of(self, host: HostDoors) -> int:
        return host.row

    # QAbstractItemModel.

    def index(
        self, row: int, column: int, parent: QtCore.QModelIndex = _ROOT
    ) -> QtCore.QModelIndex:
        if column != 0 or row < 0:
            return QtCore.QModelIndex()
        if not parent.isValid():
            if row < self._host_count:
                return self.createIndex(row, 0, _HOST_ID)
        elif parent.internalId() == _HOST_ID and parent.column() == 0 and row < self._plan.size:
            return self.createIndex(row, 0, parent.row() + 1)
        return QtCore.QModelIndex()

    def parent(self, child: QtCore.QModelIndex | None = None) -> QtCore.QModelIndex:  # type: ignore[override]
        if child is None:  # QObject.parent()
            return QtCore.QObject.parent(self)
        if not child.isValid() or child.internalId() == _HOST_ID:
            return QtCore.QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _HOST_ID)

    def rowCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return self._host_count
        if parent.internalId() == _HOST_ID and parent.column() == 0:
            return self._plan.size
        return 0

    def columnCount(self, parent: QtCore.QModelIndex = _ROOT) -> int:
        if parent.isValid() and parent.internalId() != _HOST_ID:
            return 0
        return 1

    def hasChildren(self, parent: QtCore.QModelIndex = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: QtCore.QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != _HOST_ID:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            section == 0
            and orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return "Doors"
        return None

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        host_id = index.internalId()
        if host_id == _HOST_ID:
            return self._host_data(index.row(), role)
        getter = _DOOR_DATA.get(role)
        if getter is None:
            return None
        return getter(self, self._results.hosts[host_id - 1], index.row())

    # Data of one door or one host.

    def _service(self, row: int) -> ServiceInfo:
        return self.service(*self._plan.door(row))

    def _door_rtt(self, host: HostDoors, row: int) -> float | None:
        return host.rtt(row)

    def _door_facts(self, host: HostDoors, row: int) -> texts.DoorFacts:
        protocol, port = self._plan.door(row)
        code = host.code(row)
        rtt = host.rtt(row) if code else None
        service = self.service(protocol, port)
        facts = texts.DoorFacts(protocol, port, service, DOOR_STATE[code], DOOR_REASON[code], rtt)
        banner = host.banners.get(row) if host.banners else None
        if not banner:
            return facts
        return dataclasses.replace(facts, banner=banner, reading=self._reading(row, banner))

    def _door_tooltip(self, host: HostDoors, row: int) -> str:
        tip = band_words.door_tooltip(self._door_facts(host, row))
        finding = self._finding_text(host, row)
        return f"{tip}\n{finding}" if finding else tip

    def _door_finding(self, host: HostDoors, row: int) -> AuditItem | None:
        return self._findings.get(host.address, {}).get(self._plan.door(row))

    def _finding_text(self, host: HostDoors, row: int) -> str:
        item = self._door_finding(host, row)
        return explain(item) if item is not None and self._explained else ""

    def _door_accessible(self, host: HostDoors, row: int) -> str:
        text = band_words.door_accessible_text(self._door_facts(host, row))
        finding = self._finding_text(host, row)
        return band_words.listed((text, finding)) if finding else text

    def _door_reading(self, host: HostDoors, row: int) -> BannerReading | None:
        """The door's banner read against the registry; None without a banner."""
        banner = host.banners.get(row) if host.banners else None
        return self._reading(row, banner) if banner else None

    def _reading(self, row: int, banner: str) -> BannerReading:
        return read_banner(banner, self._service(row).name)

    def _host_data(self, host_row: int, role: int) -> object:
        host = self._results.hosts[host_row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.overview(host_row)
        if role == DoorRole.OPEN_DOORS:
            return self.open_doors_text(host_row)
        if role == Qt.ItemDataRole.ToolTipRole:
            title = texts.host_title(host.label, host.address)
            return band_words.host_tooltip(title, self._plan.size, self._results.host_counts(host))
        if role == DoorRole.HOST:
            return host.label
        if role == DoorRole.ADDRESS:
            return host.address
        if role == DoorRole.COUNTS:
            return self._results.host_counts(host)
        return None


# What data() answers for a door, by role: functions of (model, host, door row).
_DOOR_DATA: dict[int, Callable[[DoorModel, HostDoors, int], object]] = {
    Qt.ItemDataRole.DisplayRole: lambda model, host, row: str(model.door_at(row)[1]),
    Qt.ItemDataRole.ToolTipRole: DoorModel._door_tooltip,
    Qt.ItemDataRole.AccessibleTextRole: DoorModel._door_accessible,
    DoorRole.STATE: lambda model, host, row: DOOR_STATE[host.code(row)],
    DoorRole.PORT: lambda model, host, row: model.door_at(row)[1],
    DoorRole.PROTOCOL: lambda model, host, row: model.door_at(row)[0],
    DoorRole.HOST: lambda model, host, row: host.label,
    DoorRole.ADDRESS: lambda model, host, row: host.address,
    DoorRole.SERVICE: lambda model, host, row: model._service(row).name,
    DoorRole.DESCRIPTION: lambda model, host, row: model._service(row).description,
    DoorRole.PORT_CLASS: lambda model, host, row: model._service(row).port_class,
    DoorRole.REASON: lambda model, host, row: DOOR_REASON[host.code(row)],
    DoorRole.RTT: DoorModel._door_rtt,
    DoorRole.RESULT: DoorModel.result,
    DoorRole.BANNER: lambda model, host, row: host.banners.get(row, "") if host.banners else "",
    DoorRole.IDENTIFICATION: DoorModel._door_reading,
    DoorRole.WARNING: lambda model, host, row: row in model.warning_rows(model._row_of(host)),
    DoorRole.FINDING: lambda model, host, row: (
        item.finding if (item := model._door_finding(host, row)) is not None else None
    ),
    DoorRole.FINDING_TEXT: DoorModel._finding_text,
}
