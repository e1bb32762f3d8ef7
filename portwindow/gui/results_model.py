"""The Table view's model: one row per probed port, with the CSV report's columns.

The main window feeds it every :class:`~portwindow.engine.core.model.ScanBatch`'s results
(:meth:`ResultsModel.add_results`), points a QTableView at it, and drives its filter from
the state box and the search field. A full scan is 65,535 rows and more, so sorting and
filtering happen here, on Python lists, rather than in a QSortFilterProxyModel that would
call :meth:`ResultsModel.data` millions of times:

- ``_all`` holds every result, in arrival order; a result for an (address, protocol,
  port) already present replaces its entry.
- ``_visible`` lists the indices into ``_all`` that the filter lets through, in the
  table's order; row ``r`` shows ``_all[_visible[r]]``.
- ``_sort_keys`` caches, per entry of ``_all``, the key of the current sort column, so a
  batch arriving during a sorted scan costs one merge rather than a full re-sort.
"""

from __future__ import annotations

import enum
import html
import ipaddress
import operator
import re
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from portwindow.engine import (
    PortClass,
    PortResult,
    PortState,
    Protocol,
    ServiceInfo,
    default_registry,
    printable,
)
from portwindow.gui import colors
from portwindow.gui.identification import read_banner
from portwindow.gui.qt import Qt, QtCore, QtGui

__all__ = ["HEADERS", "Column", "ResultRole", "ResultsModel"]


class Column(enum.IntEnum):
    """The table's columns; member names are :data:`portwindow.engine.COLUMNS`, upper-cased."""

    HOST = 0
    ADDRESS = 1
    PROTOCOL = 2
    PORT = 3
    STATE = 4
    REASON = 5
    SERVICE = 6
    DESCRIPTION = 7
    PORT_CLASS = 8
    RTT_MS = 9
    BANNER = 10
    SCANNED_AT = 11


HEADERS: Mapping[Column, str] = MappingProxyType(
    {
        Column.HOST: "Host",
        Column.ADDRESS: "Address",
        Column.PROTOCOL: "Protocol",
        Column.PORT: "Port",
        Column.STATE: "State",
        Column.REASON: "Reason",
        Column.SERVICE: "Service",
        Column.DESCRIPTION: "Description",
        Column.PORT_CLASS: "Class",
        Column.RTT_MS: "RTT (ms)",
        Column.BANNER: "Banner",
        Column.SCANNED_AT: "Scanned at",
    }
)


class ResultRole(enum.IntEnum):
    RESULT = Qt.ItemDataRole.UserRole.value + 1
    """The row's :class:`PortResult`."""
    SORT_KEY = enum.auto()
    """What the column sorts by (a number, a string or a tuple)."""


_COLUMN_COUNT = len(Column)
_NUMERIC = frozenset({Column.PORT, Column.RTT_MS})
_TOOLTIP_COLUMNS = frozenset({Column.DESCRIPTION, Column.BANNER})
# "53/udp": exactly that port over that protocol.
_PORT_AND_PROTOCOL = re.compile(r"(\d{1,5})/(tcp|udp)")

_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

_STATE_ORDER = {
    PortState.OPEN: 0,
    PortState.OPEN_FILTERED: 1,
    PortState.FILTERED: 2,
    PortState.CLOSED: 3,
}
_CLASS_ORDER = {PortClass.WELL_KNOWN: 0, PortClass.REGISTERED: 1, PortClass.DYNAMIC: 2}
_PROTOCOL_ORDER = {Protocol.TCP: 0, Protocol.UDP: 1}

# Layout changes tell views that rows moved (or vanished) as wholes, columns unchanged:
# a selection then tracks one index per row, not one per cell. PySide6's plain emit()
# sends the overload without the hint, so these pick the overload that carries it.
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
_VERTICAL_SORT = QtCore.QAbstractItemModel.LayoutChangeHint.VerticalSortHint

# (address, protocol, port): what makes a row.
_Identity = tuple[str, Protocol, int]


class ResultsModel(QtCore.QAbstractTableModel):
    """Scan results as a flat, sortable, filterable table (see the module docstring)."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._registry = default_registry()
        self._infos: dict[tuple[int, Protocol], ServiceInfo] = {}
        self._address_keys: dict[str, int] = {}
        self._all: list[PortResult] = []
        self._where: dict[_Identity, int] = {}
        # Per entry of _all: its rank by (address, protocol, port), as one integer.
        self._ordinals: list[int] = []
        self._visible: list[int] = []
        # Per entry of _all: its row, or -1 when hidden; None until needed again.
        self._rows: list[int] | None = None
        self._counts: Counter[PortState] = Counter()
        self._states: frozenset[PortState] | None = None
        self._text = ""
        # Per entry of _all: host, address, service and description, case-folded.
        self._haystack: list[str] | None = None
        self._sort_column = -1
        self._descending = False
        self._sort_keys: list[Any] | None = None
        self._dots: dict[tuple[PortState, colors.Theme], QtGui.QIcon] = {}

    # --- Qt's model interface --------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._visible)

    def columnCount(self, parent: QtCore.QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return _COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < _COLUMN_COUNT:
            if role == _DISPLAY:
                return HEADERS[Column(section)]
            if role == _ALIGNMENT and section in _NUMERIC:
                return _RIGHT
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self._all[self._visible[index.row()]]
        column = index.column()
        if role == _DISPLAY:
            return self._display(result, column)
        if role == _DECORATION:
            if column == Column.STATE:
                return self._dot(result.state)
            return None
        if role == _ALIGNMENT:
            return _RIGHT if column in _NUMERIC else None
        if role == _TOOLTIP:
            return self._tooltip(result, column)
        if role == ResultRole.RESULT:
            return result
        if role == ResultRole.SORT_KEY:
            return self._sort_value(column, result)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; ``-1`` restores arrival order.

        Ties are broken by address (numerically), protocol and port, always ascending.
        An unknown round-trip time sorts after every known one.
        """
        self._sort_column = column if 0 <= column < _COLUMN_COUNT else -1
        self._descending = self._sort_column >= 0 and order == Qt.SortOrder.DescendingOrder
        self._sort_keys = self._build_sort_keys() if self._sort_column >= 0 else None
        self._relayout(self._sorted(self._visible))

    # --- Feeding and querying ----------------------------------------------------------

    def add_results(self, results: Sequence[PortResult]) -> None:
        """Add a batch: new rows arrive in one insertion, known ones are replaced in place.

        With a sort active, new rows are inserted at the end and then moved to their
        place by a layout change, which keeps the view's selection.
        """
        latest = {(result.address, result.protocol, result.port): result for result in results}
        if not latest:
            return
        appended: list[int] = []
        changed: list[int] = []
        hidden: list[int] = []
        moved = False
        where = self._where
        new = [identity for identity in latest if identity not in where]
        if not new:
            known = latest
        elif len(new) == len(latest):
            known = {}
        else:
            known = {i: r for i, r in latest.items() if i in where}
        for identity, result in known.items():
            item = where[identity]
            key_changed = self._replace(item, result)
            shown = self._row_map()[item] >= 0
            if shown and self._matches(item):
                changed.append(item)
                moved = moved or key_changed
            elif shown:
                hidden.append(item)
            elif self._matches(item):
                appended.append(item)
        if new:
            items = self._append_many(new, [latest[identity] for identity in new])
            if self._states is None and not self._text:
                appended.extend(items)
            else:
                appended.extend(item for item in items if self._matches(item))
        self._remove_items(hidden)
        if appended:
            first = len(self._visible)
            self.beginInsertRows(QtCore.QModelIndex(), first, first + len(appended) - 1)
            self._visible.extend(appended)
            if self._rows is not None:
                for row, item in enumerate(appended, start=first):
                    self._rows[item] = row
            self.endInsertRows()
        if moved:
            self._relayout(self._sorted(self._visible))
        elif appended and self._sort_keys is not None:
            ordered = self._merged(self._visible[: -len(appended)], appended)
            if ordered is not None:
                self._relayout(ordered)
        if changed:
            rows = self._row_map()
            changed_rows = [rows[item] for item in changed]
            self.dataChanged.emit(
                self.index(min(changed_rows), 0),
                self.index(max(changed_rows), _COLUMN_COUNT - 1),
            )

    def clear(self) -> None:
        """Forget every result; the sort and the filter stay as they are."""
        self.beginResetModel()
        self._all.clear()
        self._where.clear()
        self._ordinals.clear()
        self._visible.clear()
        self._address_keys.clear()
        self._counts.clear()
        self._rows = None
        if self._haystack is not None:
            self._haystack = []
        if self._sort_keys is not None:
            self._sort_keys = []
        self.endResetModel()

    def set_filter(self, states: Iterable[PortState] | None, text: str = "") -> None:
        """Show only rows in ``states`` (``None``: any state) that match ``text``.

        ``text`` matches the start of the port number, a port and its protocol exactly
        (``53/udp``), or any part of the host, the address, the service name or its
        description, ignoring case. Rows the view had selected stay selected if they are
        still shown.
        """
        wanted_states = frozenset(states) if states is not None else None
        wanted_text = text.strip().casefold()
        if (wanted_states, wanted_text) == (self._states, self._text):
            return
        self._states, self._text = wanted_states, wanted_text
        if wanted_text and self._haystack is None:
            self._haystack = [self._hay(result) for result in self._all]
        shown = [item for item in range(len(self._all)) if self._matches(item)]
        self._relayout(self._sorted(shown))

    def results(self, visible_only: bool = False) -> list[PortResult]:
        """Every result, or only those the filter shows; in the table's order either way."""
        items = self._visible if visible_only else self._sorted(range(len(self._all)))
        return [self._all[item] for item in items]

    def result_at(self, row: int) -> PortResult:
        """The result shown in ``row``; raises IndexError for a row that does not exist."""
        if not 0 <= row < len(self._visible):
            raise IndexError(f"row {row} out of range 0-{len(self._visible) - 1}")
        return self._all[self._visible[row]]

    def row_for(self, address: str, protocol: Protocol, port: int) -> int:
        """The row showing that port, or -1 when there is none or the filter hides it."""
        item = self._where.get((address, protocol, port))
        return -1 if item is None else self._row_map()[item]

    def counts(self, visible_only: bool = False) -> dict[PortState, int]:
        """How many results are in each state (every state is a key)."""
        if visible_only:
            counted = Counter(self._all[item].state for item in self._visible)
        else:
            counted = self._counts
        return {state: counted[state] for state in PortState}

    def sort_column(self) -> int:
        """The column the rows are sorted by, -1 for arrival order."""
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    # --- Entries ---------------------------------------------------------------------

    def _append_many(self, identities: list[_Identity], results: list[PortResult]) -> range:
        """New entries for ``results`` (in one go: a reopened full scan brings 65,535)."""
        items = range(len(self._all), len(self._all) + len(results))
        self._where.update(zip(identities, items, strict=True))
        self._all.extend(results)
        keys, address_key, order = self._address_keys, self._address_key, _PROTOCOL_ORDER
        ordinals = [
            ((keys.get(r.address) or address_key(r.address)) << 17)
            | (order[r.protocol] << 16)
            | r.port
            for r in results
        ]
        self._ordinals.extend(ordinals)
        self._counts.update(r.state for r in results)
        if self._rows is not None:
            self._rows.extend([-1] * len(results))
        if self._haystack is not None:
            self._haystack.extend(self._hay(r) for r in results)
        if self._sort_keys is not None:
            sort_key = self._sort_key
            self._sort_keys.extend(map(sort_key, results, ordinals))
        return items

    def _replace(self, item: int, result: PortResult) -> bool:
        """Put ``result`` in entry ``item``; return whether its sort key changed."""
        old = self._all[item]
        self._all[item] = result
        self._counts[old.state] -= 1
        self._counts[result.state] += 1
        if self._haystack is not None:
            self._haystack[item] = self._hay(result)
        if self._sort_keys is None:
            return False
        key = self._sort_key(result, self._ordinals[item])
        if key == self._sort_keys[item]:
            return False
        self._sort_keys[item] = key
        return True

    def _remove_items(self, items: list[int]) -> None:
        """Take the rows showing ``items`` out of the table, one signal per run of rows."""
        if not items:
            return
        rows_map = self._row_map()
        rows = sorted((rows_map[item] for item in items), reverse=True)
        position = 0
        while position < len(rows):
            last = first = rows[position]
            position += 1
            while position < len(rows) and rows[position] == first - 1:
                first = rows[position]
                position += 1
            self.beginRemoveRows(QtCore.QModelIndex(), first, last)
            del self._visible[first : last + 1]
            self._rows = None
            self.endRemoveRows()

    def _row_map(self) -> list[int]:
        if self._rows is None:
            rows = [-1] * len(self._all)
            for row, item in enumerate(self._visible):
                rows[item] = row
            self._rows = rows
        return self._rows

    def _relayout(self, visible: list[int]) -> None:
        """Show ``visible`` instead of the current rows, keeping persistent indexes.

        Rows may come and go: like QSortFilterProxyModel's invalidate(), this is a layout
        change, and indexes of rows that are no longer shown become invalid.
        """
        self._layout_about_to_be_changed.emit([], _VERTICAL_SORT)
        before = self.persistentIndexList()
        old = self._visible
        items = [old[index.row()] for index in before]
        self._visible = visible
        self._rows = None
        if before:
            rows = self._rows_of(items)
            create = self.createIndex
            hidden = QtCore.QModelIndex()
            after = [
                create(row, index.column()) if (row := rows[item]) >= 0 else hidden
                for item, index in zip(items, before, strict=True)
            ]
            self.changePersistentIndexList(before, after)
        self._layout_changed.emit([], _VERTICAL_SORT)

    @property
    def _layout_about_to_be_changed(self) -> Any:
        return self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE]

    @property
    def _layout_changed(self) -> Any:
        return self.layoutChanged[_LAYOUT_SIGNATURE]

    def _rows_of(self, items: list[int]) -> Mapping[int, int] | list[int]:
        """The rows of ``items`` (-1 if hidden), as something to index with an item."""
        unique = set(items)
        if len(unique) > 16:
            return self._row_map()
        # A view usually holds a handful of persistent indexes (its current index and
        # selection); finding those few beats mapping every row.
        rows = {}
        for item in unique:
            try:
                rows[item] = self._visible.index(item)
            except ValueError:
                rows[item] = -1
        return rows

    # --- Filtering -------------------------------------------------------------------

    def _matches(self, item: int) -> bool:
        result = self._all[item]
        if self._states is not None and result.state not in self._states:
            return False
        text = self._text
        if not text:
            return True
        if text.isdigit() and str(result.port).startswith(text):
            return True
        exact = _PORT_AND_PROTOCOL.fullmatch(text)
        if exact:
            return int(exact[1]) == result.port and exact[2] == result.protocol.value
        assert self._haystack is not None
        return text in self._haystack[item]

    def _hay(self, result: PortResult) -> str:
        info = self._info(result)
        return "\n".join((result.host, result.address, info.name, info.description)).casefold()

    # --- Sorting ---------------------------------------------------------------------

    def _sorted(self, items: Iterable[int]) -> list[int]:
        if self._sort_keys is None:
            return sorted(items)
        return sorted(items, key=self._sort_keys.__getitem__, reverse=self._descending)

    def _merged(self, ordered: list[int], new: list[int]) -> list[int] | None:
        """``ordered`` (sorted) with ``new`` in their places; None if all go at the end."""
        keys = self._sort_keys
        assert keys is not None
        precedes = operator.gt if self._descending else operator.lt
        new = sorted(new, key=keys.__getitem__, reverse=self._descending)
        if not ordered or precedes(keys[ordered[-1]], keys[new[0]]):
            merged = ordered + new
            return None if merged == self._visible else merged
        if len(new) * 32 > len(ordered):
            return self._sorted(ordered + new)
        # A few new rows among many: binary-search each one's place.
        merged = ordered.copy()
        low = 0
        for item in new:
            key = keys[item]
            high = len(merged)
            while low < high:
                middle = (low + high) // 2
                if precedes(keys[merged[middle]], key):
                    low = middle + 1
                else:
                    high = middle
            merged.insert(low, item)
            low += 1
        return merged

    def _build_sort_keys(self) -> list[Any]:
        return [
            self._sort_key(result, ordinal)
            for result, ordinal in zip(self._all, self._ordinals, strict=True)
        ]

    def _sort_key(self, result: PortResult, ordinal: int) -> tuple[Any, int]:
        # Sorting descending reverses the whole key; negating the tie-breaker keeps ties
        # in ascending (address, protocol, port) order.
        value = self._sort_value(self._sort_column, result)
        return (value, -ordinal if self._descending else ordinal)

    def _sort_value(self, column: int, result: PortResult) -> Any:
        match column:
            case Column.HOST:
                return result.host.casefold()
            case Column.ADDRESS:
                return self._address_key(result.address)
            case Column.PROTOCOL:
                return _PROTOCOL_ORDER[result.protocol]
            case Column.PORT:
                return result.port
            case Column.STATE:
                return _STATE_ORDER[result.state]
            case Column.REASON:
                return result.reason.value
            case Column.SERVICE:
                name = self._info(result).name
                return (not name, name.casefold())
            case Column.DESCRIPTION:
                description = self._info(result).description
                return (not description, description.casefold())
            case Column.PORT_CLASS:
                return _CLASS_ORDER[PortClass.of(result.port)]
            case Column.RTT_MS:
                return (result.rtt is None, result.rtt or 0.0)
            case Column.BANNER:
                return (not result.banner, result.banner.casefold())
            case Column.SCANNED_AT:
                return result.scanned_at
        return self._ordinal(result)

    def _ordinal(self, result: PortResult) -> int:
        """(address, protocol, port) as one integer that sorts the same way."""
        protocol = _PROTOCOL_ORDER[result.protocol]
        return (self._address_key(result.address) << 17) | (protocol << 16) | result.port

    def _address_key(self, address: str) -> int:
        key = self._address_keys.get(address)
        if key is None:
            try:
                parsed = ipaddress.ip_address(address)
            except ValueError:
                # Not an address: after every IPv6 address, in order of arrival.
                key = (1 << 129) + len(self._address_keys)
            else:
                key = int(parsed) if parsed.version == 4 else (1 << 32) + int(parsed)
            self._address_keys[address] = key
        return key

    # --- Cells -----------------------------------------------------------------------

    def _info(self, result: PortResult) -> ServiceInfo:
        where = (result.port, result.protocol)
        info = self._infos.get(where)
        if info is None:
            info = self._infos[where] = self._registry.lookup(result.port, result.protocol)
        return info

    def _display(self, result: PortResult, column: int) -> str:
        match column:
            case Column.HOST:
                return printable(result.host)
            case Column.ADDRESS:
                return printable(result.address)
            case Column.PROTOCOL:
                return result.protocol.value
            case Column.PORT:
                return str(result.port)
            case Column.STATE:
                return result.state.value
            case Column.REASON:
                return result.reason.value
            case Column.SERVICE:
                return printable(self._info(result).name)
            case Column.DESCRIPTION:
                return printable(self._info(result).description)
            case Column.PORT_CLASS:
                return PortClass.of(result.port).value
            case Column.RTT_MS:
                return "" if result.rtt is None else f"{result.rtt * 1000:.3f}"
            case Column.BANNER:
                return printable(result.banner)
            case Column.SCANNED_AT:
                return _local_time(result.scanned_at)
        return ""

    def _dot(self, state: PortState) -> QtGui.QIcon:
        theme = colors.theme_of(QtGui.QGuiApplication.palette())
        icon = self._dots.get((state, theme))
        if icon is None:
            icon = self._dots[(state, theme)] = colors.state_dot(state, theme)
        return icon

    def _tooltip(self, result: PortResult, column: int) -> str | None:
        if column == Column.SERVICE:
            return self._service_tooltip(result)
        if column not in _TOOLTIP_COLUMNS:
            return None
        text = self._display(result, column)
        if not text:
            return None
        # Rich text that we escape ourselves: a banner such as "<b>" must show as it is,
        # and rich tooltips wrap long lines.
        return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"

    def _service_tooltip(self, result: PortResult) -> str | None:
        """Who answers on the port beside the registry's name, when the banner says."""
        if not result.banner:
            return None
        reading = read_banner(result.banner, self._info(result).name)
        if reading.identification is None:
            return None
        lines = [reading.service_line()]
        if reading.disagrees:
            lines.append(f"⚠ {reading.warning()}")
        # The identification quotes the remote program: escape it as the banner is.
        text = "\n".join(printable(line) for line in lines)
        return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def _local_time(timestamp: float) -> str:
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))
    except (OverflowError, OSError, ValueError):
        return ""
