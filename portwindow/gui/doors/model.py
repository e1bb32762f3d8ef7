"""The Doors view's item model: hosts at the top level, one door per planned port below.

Every host has the same children: the scan's plan (the ports to probe, per protocol), TCP
ports first, each protocol's ports ascending. The plan is stored once, and each host
keeps only compact arrays indexed by door row (a state byte, a reason byte, the RTT and
the time), so 256 hosts x 1,000 ports or 1 host x 65,535 ports cost a few bytes a door.
:class:`~portwindow.engine.core.model.PortResult` objects are rebuilt on demand for
:attr:`DoorRole.RESULT`.

The scan feeds :meth:`DoorModel.add_results` with batches; each batch inserts all its new
hosts with one ``rowsInserted`` and announces changed doors with one ``dataChanged`` per
host, covering the rows that changed.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import math
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from portwindow.engine import (
    AuditItem,
    Finding,
    PortResult,
    PortState,
    Protocol,
    Reason,
    ServiceInfo,
    ServiceRegistry,
    default_registry,
)
from portwindow.gui.doors import texts
from portwindow.gui.identification import BannerReading, read_banner
from portwindow.gui.qt import Qt, QtCore


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


#: State codes stored per door; 0 is "not probed yet".
STATE_CODES: dict[PortState | None, int] = {
    None: 0,
    PortState.OPEN: 1,
    PortState.CLOSED: 2,
    PortState.FILTERED: 3,
    PortState.OPEN_FILTERED: 4,
}
CODE_STATES: tuple[PortState | None, ...] = (
    None,
    PortState.OPEN,
    PortState.CLOSED,
    PortState.FILTERED,
    PortState.OPEN_FILTERED,
)
_REASONS: tuple[Reason | None, ...] = (None, *Reason)
_REASON_CODES = {reason: code for code, reason in enumerate(_REASONS)}
_HOST_ID = 0  # internalId of host indexes; a door's is its host's row + 1
_PORT_SPACE = 65536
_ROOT = QtCore.QModelIndex()  # the invisible root, as a default argument
_Column = TypeVar("_Column", bytearray, array)
_UNPLANNED = array("i", [-1]) * _PORT_SPACE  # the rows of a protocol without planned ports


@functools.cache
def counting_arrays() -> tuple[array, array]:
    """0, 1, 2, ... as ports and as rows: slices of these plan a run of consecutive ports
    without a Python loop. Built once (7 ms); the window builds them while idle."""
    return array("H", range(_PORT_SPACE)), array("i", range(2 * _PORT_SPACE))


class _Plan:
    """The doors every host has: ports per protocol, and row <-> (protocol, port)."""

    __slots__ = ("offsets", "ports", "rows", "size")

    def __init__(self, ports: dict[Protocol, Iterable[int]]) -> None:
        self.ports: dict[Protocol, array] = {}
        self.offsets: dict[Protocol, int] = {}
        self.rows: dict[Protocol, array] = {}
        offset = 0
        for protocol in Protocol:
            # sorted(set()) is C-speed and cheaper than checking a PortSet's tuple in Python.
            given = sorted(set(ports.get(protocol, ())))
            if given and not (given[0] >= 0 and given[-1] < _PORT_SPACE):
                bad = given[0] if given[0] < 0 else given[-1]
                raise ValueError(f"port {bad} is out of range 0-65535")
            one_run = bool(given) and given[-1] - given[0] + 1 == len(given)  # as "1-65535"
            if one_run:
                counting_ports, counting_rows = counting_arrays()
                planned = counting_ports[given[0] : given[-1] + 1]
            else:
                planned = array("H", given)
            self.ports[protocol] = planned
            self.offsets[protocol] = offset
            if planned:
                rows = array("i", [-1]) * _PORT_SPACE
                if one_run:
                    rows[given[0] : given[-1] + 1] = counting_rows[offset : offset + len(given)]
                else:
                    for row, port in enumerate(planned, offset):
                        rows[port] = row
                self.rows[protocol] = rows
            offset += len(planned)
        self.size = offset

    def row(self, protocol: Protocol, port: int) -> int:
        """The door row of (protocol, port), -1 when it is not planned."""
        rows = self.rows.get(protocol)
        return -1 if rows is None else rows[port]

    def door(self, row: int) -> tuple[Protocol, int]:
        for protocol, ports in self.ports.items():
            offset = self.offsets[protocol]
            if row < offset + len(ports):
                return protocol, ports[row - offset]
        raise IndexError(row)

    def with_ports(self, extra: dict[Protocol, set[int]]) -> _Plan:
        return _Plan(
            {protocol: {*ports, *extra.get(protocol, ())} for protocol, ports in self.ports.items()}
        )


class _Host:
    """One host's doors, as arrays indexed by door row."""

    __slots__ = (
        "address",
        "counts",
        "extras",
        "label",
        "reasons",
        "rtts",
        "states",
        "times",
        "warnings",
    )

    def __init__(self, label: str, address: str, size: int) -> None:
        self.label = label
        self.address = address
        self.states = bytearray(size)
        self.reasons = bytearray(size)
        self.rtts = array("d", [math.nan]) * size
        self.times = array("d", [0.0]) * size
        self.counts = [size] + [0] * (len(CODE_STATES) - 1)  # per state code
        # Results that the arrays cannot rebuild exactly (a banner, another host name).
        self.extras: dict[tuple[Protocol, int], PortResult] = {}
        # Doors whose banner names another service than the one registered for the port.
        self.warnings: set[tuple[Protocol, int]] = set()

    def store_extras(self, result: PortResult, warning: bool) -> None:
        """Keep what the arrays cannot hold: the result itself when it has a banner or
        another host name, and whether its banner names another service."""
        key = (result.protocol, result.port)
        if result.banner or result.host != self.label:
            self.extras[key] = result
        elif self.extras:
            self.extras.pop(key, None)
        if warning:
            self.warnings.add(key)
        elif self.warnings:
            self.warnings.discard(key)

    def spread(self, steps: Sequence[tuple[int, int]]) -> None:
        """Make room for new doors: ``steps`` are (old rows to keep, new rows to insert)."""
        self.states = _spread(self.states, steps, bytearray(1))
        self.reasons = _spread(self.reasons, steps, bytearray(1))
        self.rtts = _spread(self.rtts, steps, array("d", [math.nan]))
        self.times = _spread(self.times, steps, array("d", [0.0]))
        self.counts[0] += sum(inserted for _, inserted in steps)


def _spread(old: _Column, steps: Sequence[tuple[int, int]], filler: _Column) -> _Column:
    pieces = []
    start = 0
    for keep, inserted in steps:
        pieces.append(old[start : start + keep])
        pieces.append(filler * inserted)
        start += keep
    pieces.append(old[start:])
    new = pieces[0]
    for piece in pieces[1:]:
        new += piece
    return new


class DoorModel(QtCore.QAbstractItemModel):
    """Hosts (top level, in order of their first result) and their doors (one column)."""

    def __init__(
        self, parent: QtCore.QObject | None = None, registry: ServiceRegistry | None = None
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._plan = _Plan({})
        self._plan_generation = 0
        self._hosts: list[_Host] = []
        self._host_rows: dict[str, int] = {}
        # The audit's findings by address, then by door; set after a scan or reopening.
        self._findings: dict[str, dict[tuple[Protocol, int], Finding]] = {}

    # The plan and the results.

    def set_plan(self, ports: Iterable[tuple[Protocol, int]]) -> None:
        """Start afresh with these doors for every host (the scan's ports; for a reopened
        report, the union of its ports). Drops every host."""
        planned: dict[Protocol, set[int]] = {}
        for protocol, port in ports:
            planned.setdefault(protocol, set()).add(port)
        self.set_plan_by_protocol(planned)

    def set_plan_by_protocol(self, ports: dict[Protocol, Iterable[int]]) -> None:
        """``set_plan`` with the ports grouped by protocol, as a PortSet holds them."""
        plan = _Plan(ports)
        self.beginResetModel()
        self._plan = plan
        self._plan_generation += 1
        self._hosts = []
        self._host_rows = {}
        self.endResetModel()

    def clear(self) -> None:
        """Drop every host; the plan stays."""
        self.beginResetModel()
        self._hosts = []
        self._host_rows = {}
        self._findings = {}
        self.endResetModel()

    def set_findings(self, items: Iterable[AuditItem]) -> None:
        """Mark the doors the audit found unexpected or missing (replacing earlier marks);
        the doors it did not probe cannot be marked."""
        findings: dict[str, dict[tuple[Protocol, int], Finding]] = {}
        for item in items:
            if item.finding in (Finding.UNEXPECTED, Finding.MISSING):
                findings.setdefault(item.address, {})[(item.protocol, item.port)] = item.finding
        touched = set(self._findings) | set(findings)
        self._findings = findings
        for address in touched:
            host_row = self._host_rows.get(address)
            if host_row is not None and self._plan.size:
                parent = self.createIndex(host_row, 0, _HOST_ID)
                last = self._plan.size - 1
                self.dataChanged.emit(
                    self.index(0, 0, parent), self.index(last, 0, parent), [DoorRole.FINDING]
                )

    def finding_rows(self, host_row: int) -> frozenset[int]:
        """The door rows of a host that the audit marked (unexpected or missing)."""
        found = self._findings.get(self._hosts[host_row].address)
        if not found:
            return frozenset()
        rows = (self._plan.row(protocol, port) for protocol, port in found)
        return frozenset(row for row in rows if row >= 0)

    def add_hosts(self, hosts: Iterable[tuple[str, str]]) -> None:
        """Show hosts before any result: every planned door drawn as not probed yet.

        ``hosts`` are (label, address) pairs; known addresses are skipped. The window does
        this for the first hosts of a scan, so their doors appear (and are laid out) at
        once instead of with the first batch.
        """
        new = []
        seen = set(self._host_rows)
        for label, address in hosts:
            if address not in seen:
                seen.add(address)
                new.append(_Host(label, address, self._plan.size))
        if not new:
            return
        first = len(self._hosts)
        self.beginInsertRows(QtCore.QModelIndex(), first, first + len(new) - 1)
        for row, host in enumerate(new, first):
            self._hosts.append(host)
            self._host_rows[host.address] = row
        self.endInsertRows()

    def add_results(self, results: Sequence[PortResult]) -> None:
        """Record a batch of results. New hosts are inserted together, after the changes to
        known hosts; a port missing from the plan joins it (a layout change).

        This runs on the Qt thread for every batch of a scan (thousands of results each
        25 ms), so the loop is written for speed: no call per result, the host's arrays
        held in locals while the results stay on one host."""
        if not results:
            return
        rows = self._rows_of(results)
        if -1 in rows:
            missing: dict[Protocol, set[int]] = {}
            for row, result in zip(rows, results, strict=True):
                if row < 0:
                    missing.setdefault(result.protocol, set()).add(result.port)
            self._grow_plan(missing)
            rows = self._rows_of(results)

        new_hosts: dict[str, _Host] = {}
        changed: dict[int, list[int]] = {}
        state_codes, reason_codes, nan = STATE_CODES, _REASON_CODES, math.nan
        address = host = span = None
        for row, result in zip(rows, results, strict=True):
            if result.address != address:
                address = result.address
                host_row = self._host_rows.get(address)
                if host_row is None:
                    span = None
                    host = new_hosts.get(address)
                    if host is None:
                        host = _Host(result.host, address, self._plan.size)
                        new_hosts[address] = host
                else:
                    host = self._hosts[host_row]
                    span = changed.get(host_row)
                    if span is None:
                        span = changed[host_row] = [row, row]
                states, counts, label = host.states, host.counts, host.label
                reasons, rtts, times = host.reasons, host.rtts, host.times
            code = state_codes[result.state]
            old = states[row]
            if old != code:
                counts[old] -= 1
                counts[code] += 1
                states[row] = code
            reasons[row] = reason_codes[result.reason]
            rtt = result.rtt
            rtts[row] = nan if rtt is None else rtt
            times[row] = result.scanned_at
            if result.banner or result.host != label or host.extras or host.warnings:
                host.store_extras(result, bool(result.banner) and self._reading(result).disagrees)
            if span is not None:
                if row < span[0]:
                    span[0] = row
                elif row > span[1]:
                    span[1] = row

        for host_row, (first, last) in sorted(changed.items()):
            parent = self.createIndex(host_row, 0, _HOST_ID)
            self.dataChanged.emit(self.index(first, 0, parent), self.index(last, 0, parent))
        if changed:
            self.dataChanged.emit(
                self.createIndex(min(changed), 0, _HOST_ID),
                self.createIndex(max(changed), 0, _HOST_ID),
            )
        if new_hosts:
            first = len(self._hosts)
            self.beginInsertRows(QtCore.QModelIndex(), first, first + len(new_hosts) - 1)
            for row, host in enumerate(new_hosts.values(), first):
                self._hosts.append(host)
                self._host_rows[host.address] = row
            self.endInsertRows()

    def _rows_of(self, results: Sequence[PortResult]) -> list[int]:
        """The door row of each result; -1 for a door the plan does not have."""
        plan_rows = self._plan.rows
        tcp_rows = plan_rows.get(Protocol.TCP, _UNPLANNED)
        udp_rows = plan_rows.get(Protocol.UDP, _UNPLANNED)
        tcp = Protocol.TCP
        return [
            (tcp_rows if result.protocol is tcp else udp_rows)[result.port] for result in results
        ]

    def _grow_plan(self, missing: dict[Protocol, set[int]]) -> None:
        old = self._plan
        new = old.with_ports(missing)
        if not self._hosts:
            self._plan = new
            self._plan_generation += 1
            return
        self.layoutAboutToBeChanged.emit()
        inserted = sorted(
            new.row(protocol, port) for protocol, ports in missing.items() for port in ports
        )
        steps: list[tuple[int, int]] = []
        kept = 0  # new rows accounted for so far
        for row in inserted:
            if steps and kept == row:
                steps[-1] = (steps[-1][0], steps[-1][1] + 1)
            else:
                steps.append((row - kept, 1))
            kept = row + 1
        for host in self._hosts:
            host.spread(steps)
        self._plan = new
        self._plan_generation += 1
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            if index.internalId() == _HOST_ID:
                moved.append(index)
            else:
                protocol, port = old.door(index.row())
                moved.append(self.createIndex(new.row(protocol, port), 0, index.internalId()))
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    # Look-ups for the view, the main window and the tests.

    def counts(self) -> dict[PortState | None, int]:
        """How many doors of all hosts are in each state; None counts doors not probed yet."""
        totals = [0] * len(CODE_STATES)
        for host in self._hosts:
            for code, count in enumerate(host.counts):
                totals[code] += count
        return dict(zip(CODE_STATES, totals, strict=True))

    def host_count(self) -> int:
        return len(self._hosts)

    def door_count(self) -> int:
        """How many doors each host has (the size of the plan)."""
        return self._plan.size

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
        return self._plan.row(protocol, port) if 0 <= port < _PORT_SPACE else -1

    def door_at(self, row: int) -> tuple[Protocol, int]:
        """The (protocol, port) of door row ``row``."""
        return self._plan.door(row)

    def state_codes(self, host_row: int) -> bytes:
        """The state code (see :data:`STATE_CODES`) of each door of a host, by door row."""
        return bytes(self._hosts[host_row].states)

    def state_code(self, host_row: int, row: int) -> int:
        return self._hosts[host_row].states[row]

    def warning_rows(self, host_row: int) -> frozenset[int]:
        """The door rows of a host whose program speaks another service than registered."""
        warnings = self._hosts[host_row].warnings
        if not warnings:
            return frozenset()
        return frozenset(self._plan.row(protocol, port) for protocol, port in warnings)

    def udp_rows(self) -> range:
        """The door rows of UDP ports (they follow the TCP ones)."""
        start = self._plan.offsets[Protocol.UDP]
        return range(start, start + len(self._plan.ports[Protocol.UDP]))

    def service(self, protocol: Protocol, port: int) -> ServiceInfo:
        if self._registry is None:
            self._registry = default_registry()
        return self._registry.lookup(port, protocol)

    def host_index(self, address: str) -> QtCore.QModelIndex:
        row = self._host_rows.get(address)
        return QtCore.QModelIndex() if row is None else self.createIndex(row, 0, _HOST_ID)

    def door_index(self, address: str, protocol: Protocol, port: int) -> QtCore.QModelIndex:
        host_row = self._host_rows.get(address)
        row = self._plan.row(protocol, port) if 0 <= port < _PORT_SPACE else -1
        if host_row is None or row < 0:
            return QtCore.QModelIndex()
        return self.createIndex(row, 0, host_row + 1)

    def result(self, host: _Host | int, row: int) -> PortResult | None:
        """The result for a door (host given by row), None when it is not probed yet."""
        if isinstance(host, int):
            host = self._hosts[host]
        code = host.states[row]
        if code == 0:
            return None
        protocol, port = self._plan.door(row)
        extra = host.extras.get((protocol, port))
        if extra is not None:
            return extra
        rtt = host.rtts[row]
        return PortResult(
            host=host.label,
            address=host.address,
            protocol=protocol,
            port=port,
            state=CODE_STATES[code],
            reason=_REASONS[host.reasons[row]],
            rtt=None if math.isnan(rtt) else rtt,
            scanned_at=host.times[row],
        )

    # QAbstractItemModel.

    def index(
        self, row: int, column: int, parent: QtCore.QModelIndex = _ROOT
    ) -> QtCore.QModelIndex:
        if column != 0 or row < 0:
            return QtCore.QModelIndex()
        if not parent.isValid():
            if row < len(self._hosts):
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
            return len(self._hosts)
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
            return self._host_data(self._hosts[index.row()], role)
        getter = _DOOR_DATA.get(role)
        return None if getter is None else getter(self, self._hosts[host_id - 1], index.row())

    # Data of one door or one host.

    def _service(self, row: int) -> ServiceInfo:
        return self.service(*self._plan.door(row))

    def _door_display(self, host: _Host, row: int) -> str:
        return str(self._plan.door(row)[1])

    def _door_rtt(self, host: _Host, row: int) -> float | None:
        rtt = host.rtts[row]
        return None if math.isnan(rtt) else rtt

    def _door_facts(self, host: _Host, row: int) -> texts.DoorFacts:
        protocol, port = self._plan.door(row)
        code = host.states[row]
        reason = _REASONS[host.reasons[row]] if code else None
        rtt = self._door_rtt(host, row) if code else None
        service = self.service(protocol, port)
        facts = texts.DoorFacts(protocol, port, service, CODE_STATES[code], reason, rtt)
        extra = host.extras.get((protocol, port)) if host.extras else None
        if extra is None or not extra.banner:
            return facts
        return dataclasses.replace(facts, banner=extra.banner, reading=self._reading(extra))

    def _door_tooltip(self, host: _Host, row: int) -> str:
        return texts.door_tooltip(self._door_facts(host, row))

    def _door_accessible(self, host: _Host, row: int) -> str:
        return texts.door_accessible_text(self._door_facts(host, row))

    def _door_banner(self, host: _Host, row: int) -> str:
        extra = host.extras.get(self._plan.door(row)) if host.extras else None
        return extra.banner if extra is not None else ""

    def _door_reading(self, host: _Host, row: int) -> BannerReading | None:
        """The door's banner read against the registry; None without a banner."""
        extra = host.extras.get(self._plan.door(row)) if host.extras else None
        if extra is None or not extra.banner:
            return None
        return self._reading(extra)

    def _reading(self, result: PortResult) -> BannerReading:
        return read_banner(result.banner, self.service(result.protocol, result.port).name)

    def _host_data(self, host: _Host, role: int) -> object:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            title = texts.host_title(host.label, host.address)
            return f"{title} — {texts.counts_text(self._host_counts(host))}"
        if role == Qt.ItemDataRole.ToolTipRole:
            title = texts.host_title(host.label, host.address)
            doors = texts.format_count(self._plan.size)
            return f"{title}\n{doors} doors: {texts.counts_text(self._host_counts(host))}"
        if role == DoorRole.HOST:
            return host.label
        if role == DoorRole.ADDRESS:
            return host.address
        if role == DoorRole.COUNTS:
            return self._host_counts(host)
        return None

    @staticmethod
    def _host_counts(host: _Host) -> dict[PortState | None, int]:
        return dict(zip(CODE_STATES, host.counts, strict=True))


# What data() answers for a door, by role: functions of (model, host, door row).
_DOOR_DATA: dict[int, Callable[[DoorModel, _Host, int], object]] = {
    Qt.ItemDataRole.DisplayRole: DoorModel._door_display,
    Qt.ItemDataRole.ToolTipRole: DoorModel._door_tooltip,
    Qt.ItemDataRole.AccessibleTextRole: DoorModel._door_accessible,
    DoorRole.STATE: lambda model, host, row: CODE_STATES[host.states[row]],
    DoorRole.PORT: lambda model, host, row: model.door_at(row)[1],
    DoorRole.PROTOCOL: lambda model, host, row: model.door_at(row)[0],
    DoorRole.HOST: lambda model, host, row: host.label,
    DoorRole.ADDRESS: lambda model, host, row: host.address,
    DoorRole.SERVICE: lambda model, host, row: model._service(row).name,
    DoorRole.DESCRIPTION: lambda model, host, row: model._service(row).description,
    DoorRole.PORT_CLASS: lambda model, host, row: model._service(row).port_class,
    DoorRole.REASON: lambda model, host, row: _REASONS[host.reasons[row]],
    DoorRole.RTT: DoorModel._door_rtt,
    DoorRole.RESULT: DoorModel.result,
    DoorRole.BANNER: DoorModel._door_banner,
    DoorRole.IDENTIFICATION: DoorModel._door_reading,
    DoorRole.WARNING: lambda model, host, row: model.door_at(row) in host.warnings,
    DoorRole.FINDING: lambda model, host, row: model._findings.get(host.address, {}).get(
        model.door_at(row)
    ),
}
