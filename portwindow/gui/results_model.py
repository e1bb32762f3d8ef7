"""The Table view's model: one row per probed door, with the CSV report's columns, as a
view over the scan's one :class:`~portwindow.engine.ResultSet`.

The result set keeps the results and the order in which the doors got their first one
(``keep_order=True``); an entry ("item") of this model is a position in that order, and
the row shows the door's latest result. The model reads the result set as MusicBrainz
Picard's log view reads its log: from where it stopped, one ``rowsInserted`` per catch-up
(:meth:`ResultsModel.sync`). While the table is hidden nothing is read: :meth:`note`
keeps only which known doors got a new result, and the table catches up when shown
(``result_feed.py`` decides when).

A full scan is 65,535 rows and more, so sorting and filtering happen here, on Python
lists, rather than in a QSortFilterProxyModel that would call :meth:`data` millions of
times:

- ``_visible`` lists the items that the filter lets through, in the table's order; row
  ``r`` shows item ``_visible[r]``;
- ``_sort_keys`` caches, per item, the key of the current sort column, so a batch
  arriving during a sorted scan costs one merge rather than a full re-sort.
- who is behind an open door of this machine (Process, PID, Listens on) is
  ``table_behind.py``'s.
"""

from __future__ import annotations

import enum
import functools
import ipaddress
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from portwindow.engine import (
    COLUMN_COUNT,
    HEADERS,
    LISTENER_COLUMNS,
    STATE_ORDER,
    Column,
    Delta,
    PortResult,
    PortState,
    Protocol,
    ResultSet,
    ServiceInfo,
    cell_text,
    cell_tooltip,
    default_registry,
    door_key,
    parse_search,
    search_haystack,
    sort_value,
)
from portwindow.gui import colors
from portwindow.gui.qt import Qt, QtCore, QtGui
from portwindow.gui.sorted_merge import merged
from portwindow.gui.table_behind import TableBehind
from portwindow.gui.table_findings import TableFindings

from .headings import heading

__all__ = ["HEADERS", "Column", "ResultRole", "ResultsModel"]


class ResultRole(enum.IntEnum):
    RESULT = Qt.ItemDataRole.UserRole.value + 1
    """The row's :class:`PortResult`."""
    SORT_KEY = enum.auto()
    """What the column sorts by (a number, a string or a tuple)."""


#: Items taken in at once while catching up with a backlog (about 5 ms of work).
SYNC_SLICE = 8192

_NUMERIC = frozenset({Column.PORT, Column.RTT_MS, Column.PID})
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_DOOR = (1 << 17) - 1  # a door key's protocol and port, as the ordinals order them

# Layout changes tell views that rows moved (or vanished) as wholes, columns unchanged:
# a selection then tracks one index per row, not one per cell. PySide6's plain emit()
# sends the overload without the hint, so these pick the overload that carries it.
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
_VERTICAL_SORT = QtCore.QAbstractItemModel.LayoutChangeHint.VerticalSortHint


class ResultsModel(TableFindings, TableBehind, QtCore.QAbstractTableModel):
    """Scan results as a flat, sortable, filterable table (see the module docstring)."""

    def __init__(
        self, parent: QtCore.QObject | None = None, results: ResultSet | None = None
    ) -> None:
        super().__init__(parent)
        self._infos: dict[tuple[int, Protocol], ServiceInfo] = {}
        self._address_keys: dict[str, int] = {}
        self._host_keys: list[int] = []  # per host row of the result set: its address key
        self._results = ResultSet(keep_order=True)
        self._states: frozenset[PortState] | None = None
        self._text = ""
        self._query = parse_search("")
        self._sort_column = -1
        self._descending = False
        self._dots: dict[tuple[PortState, colors.Theme], QtGui.QIcon] = {}
        self._forget_findings()
        self._forget()
        if results is not None:
            self.set_results(results)

    @functools.cached_property
    def _registry(self):
        """IANA's names, read at the first look-up: not before the window is first shown."""
        return default_registry()

    def _forget(self) -> None:
        """Drop every item (the result set is left alone)."""
        self._synced = 0  # positions of the result set's arrival order taken in
        self._ordinals: list[int] = []  # per item: its rank by (address, protocol, port)
        self._visible: list[int] = []
        self._rows: list[int] | None = None  # per item: its row or -1; None until needed
        self._where: dict[int, int] | None = None  # door key -> item; None until needed
        self._stale: set[int] = set()  # door keys of known items with a newer result
        self._haystack: list[str] | None = [] if self._text else None  # per item
        self._sort_keys: list[Any] | None = [] if self._sort_column >= 0 else None
        self._cached: tuple[int, PortResult | None] = (-1, None)
        self._forget_behind()

    # --- Qt's model interface --------------------------------------------------------

    def rowCount(self, parent: QtCore.QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._visible)

    def columnCount(self, parent: QtCore.QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return COLUMN_COUNT

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == _DISPLAY:
                return heading(HEADERS[Column(section)])
            if role == _ALIGNMENT and section in _NUMERIC:
                return _RIGHT
            return None
        return super().headerData(section, orientation, role)

    def data(self, index: QtCore.QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        result = self._result(self._visible[index.row()])
        column = index.column()
        if column in LISTENER_COLUMNS and role in (_DISPLAY, _TOOLTIP, ResultRole.SORT_KEY):
            item = self._visible[index.row()]
            return self._behind_cell(item, column, role, result, self._info(result))
        if role == _DISPLAY:
            return cell_text(result, column, self._info(result), self._finding(result))
        if role == _DECORATION:
            if column == Column.STATE:
                return self._dot(result.state)
            return None
        if role == _ALIGNMENT:
            return _RIGHT if column in _NUMERIC else None
        if role == _TOOLTIP:
            if column == Column.FINDING:
                return self.finding_tooltip(result)
            return cell_tooltip(result, column, self._info(result))
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
        self._sort_column = column if 0 <= column < COLUMN_COUNT else -1
        self._descending = self._sort_column >= 0 and order == Qt.SortOrder.DescendingOrder
        self._sort_keys = self._build_sort_keys() if self._sort_column >= 0 else None
        self._relayout(self._sorted(self._visible))

    # --- The result set ----------------------------------------------------------------

    @property
    def results_set(self) -> ResultSet:
        return self._results

    def set_results(self, results: ResultSet) -> None:
        """Show another result set (it must keep the arrival order): a model reset. Its
        results are taken in by the next :meth:`sync`, or at once by :meth:`update`."""
        if not results.keeps_order:
            raise ValueError("the table needs a result set that keeps the arrival order")
        self.beginResetModel()
        self._results = results
        self._host_keys = []
        self._forget()
        self.endResetModel()

    def add_results(self, results: Sequence[PortResult]) -> None:
        """Add a batch to the result set and show it (see :meth:`update`).

        New rows arrive in one insertion, known ones are replaced in place. With a sort
        active, new rows are inserted at the end and then moved to their place by a
        layout change, which keeps the view's selection.
        """
        self.update(self._results.add(results))

    def update(self, delta: Delta | None = None) -> None:
        """The result set changed (``delta``: what its last ``add`` did): catch up."""
        self.note(delta)
        self.sync()

    def note(self, delta: Delta | None) -> None:
        """The result set changed, to be taken in by a later :meth:`sync` (while the
        table is hidden): only the doors that got a newer result are remembered."""
        self._cached = (-1, None)
        if delta is not None and delta.replaced:
            self._stale.update(delta.replaced)

    @property
    def pending(self) -> int:
        """How many items (and newer results of known ones) wait to be taken in."""
        return self._results.order_length() - self._synced + len(self._stale)

    def sync(self, limit: int | None = None) -> int:
        """Take in what the result set gained since the last sync (at most ``limit`` new
        items); returns how many wait still."""
        self._cached = (-1, None)
        total = self._results.order_length()
        stop = total if limit is None else min(total, self._synced + limit)
        known = self._known_items(self._stale)
        self._stale = set()
        appended: list[int] = []
        changed: list[int] = []
        hidden: list[int] = []
        moved = False
        for item in known:
            key_changed = self._refresh(item)
            shown = self._row_map()[item] >= 0
            if shown and self._matches(item):
                changed.append(item)
                moved = moved or key_changed
            elif shown:
                hidden.append(item)
            elif self._matches(item):
                appended.append(item)
        if stop > self._synced:
            items = self._take_in(stop)
            if self._states is None and not self._text and not self._findings_only:
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
                self.index(max(changed_rows), COLUMN_COUNT - 1),
            )
        return total - stop

    def clear(self) -> None:
        """Forget every result (an empty result set on the same plan); the sort and the
        filter stay as they are."""
        self.set_results(self._results.cleared())

    # --- Filtering and querying ----------------------------------------------------------

    def set_filter(self, states: Iterable[PortState] | None, text: str = "") -> None:
        """Show only rows in ``states`` (``None``: any state) that match ``text``.

        ``text`` is a search (``engine/present/search.py``): port numbers exactly, ranges
        and a protocol (``53/udp``), or words in the host, the address, the service name,
        its description or what the banner names, ignoring case. Rows the view had
        selected stay selected if they are still shown.
        """
        wanted_states = frozenset(states) if states is not None else None
        wanted_text = text.strip().casefold()
        if (wanted_states, wanted_text) == (self._states, self._text):
            return
        self._states, self._text = wanted_states, wanted_text
        self._query = parse_search(wanted_text)
        if wanted_text and self._haystack is None:
            self._haystack = list(map(self._hay, self._results_of(range(self._synced))))
        items: Iterable[int] = range(self._synced)
        if wanted_states is not None:
            states = self._results.states_of(self._results.arrivals(0, self._synced))
            items = [item for item in items if states[item] in wanted_states]
        if wanted_text:
            items = [item for item in items if self._text_matches(item)]
        if self._findings_only:
            items = [item for item in items if self._finding(self._result(item)) is not None]
        self._relayout(self._sorted(items))

    def results(self, visible_only: bool = False) -> list[PortResult]:
        """Every result, or only those the filter shows; in the table's order either way."""
        items = self._visible if visible_only else self._sorted(range(self._synced))
        arrival = self._results.arrival
        return self._results.results_of(arrival(item) for item in items)  # type: ignore[return-value]

    def result_at(self, row: int) -> PortResult:
        """The result shown in ``row``; raises IndexError for a row that does not exist."""
        if not 0 <= row < len(self._visible):
            raise IndexError(f"row {row} out of range 0-{len(self._visible) - 1}")
        return self._result(self._visible[row])

    def row_for(self, address: str, protocol: Protocol, port: int) -> int:
        """The row showing that port, or -1 when there is none or the filter hides it."""
        host_row = self._results.host_row(address)
        if host_row < 0:
            return -1
        item = self._where_map().get(door_key(host_row, protocol, port))
        return -1 if item is None else self._row_map()[item]

    def counts(self, visible_only: bool = False) -> dict[PortState, int]:
        """How many results are in each state (every state is a key)."""
        results = self._results
        if visible_only:
            counted = Counter(results.states_of(results.arrival(item) for item in self._visible))
        else:
            counted = Counter(results.counts())
            counted.subtract(results.states_of(results.arrivals(self._synced)))
        return {state: counted[state] for state in PortState}

    def sort_column(self) -> int:
        """The column the rows are sorted by, -1 for arrival order."""
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    # --- Items -----------------------------------------------------------------------

    def _result(self, item: int) -> PortResult:
        """The item's result, kept while Qt asks one row's cells one after the other."""
        cached, result = self._cached
        if cached != item:
            result = self._results.result_of(self._results.arrival(item))
            self._cached = (item, result)
        return result  # type: ignore[return-value]

    def _results_of(self, items: range) -> list[PortResult]:
        return self._results.results_of(self._results.arrivals(items.start, items.stop))  # type: ignore[return-value]

    def _take_in(self, stop: int) -> range:
        """New items for the arrival positions up to ``stop`` (in one go: a reopened full
        scan brings 65,535)."""
        items = range(self._synced, stop)
        keys = self._results.arrivals(self._synced, stop)
        self._synced = stop
        address_keys = self._host_address_keys()
        ordinals = [address_keys[key >> 17] << 17 | key & _DOOR for key in keys]
        self._ordinals.extend(ordinals)
        if self._rows is not None:
            self._rows.extend([-1] * len(items))
        if self._where is not None:
            self._where.update(zip(keys, items, strict=True))
        if self._haystack is not None:
            self._haystack.extend(map(self._hay, self._results_of(items)))
        if self._sort_keys is not None:
            self._sort_keys.extend(self._sort_keys_of(items))
        return items

    def _host_address_keys(self) -> list[int]:
        """Per host row of the result set, its address as a number that sorts right."""
        keys, hosts = self._host_keys, self._results.hosts
        keys.extend(self._address_key(host.address) for host in hosts[len(keys) :])
        return keys

    def _known_items(self, keys: set[int]) -> list[int]:
        """The items already taken in for these door keys, ascending."""
        if not keys:
            return []
        where = self._where_map()
        return sorted(item for key in keys if (item := where.get(key)) is not None)

    def _where_map(self) -> dict[int, int]:
        if self._where is None:
            keys = self._results.arrivals(0, self._synced)
            self._where = dict(zip(keys, range(self._synced), strict=True))
        return self._where

    def _refresh(self, item: int) -> bool:
        """A newer result for ``item``: renew what is kept of it; whether its sort key
        changed."""
        self._listeners.pop(item, None)
        if self._haystack is not None:
            self._haystack[item] = self._hay(self._result(item))
        if self._sort_keys is None:
            return False
        key = self._sort_keys_of(range(item, item + 1))[0]
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
            rows = [-1] * self._synced
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

    def _rows_of(self, items: list[int]) -> dict[int, int] | list[int]:
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
        if self._findings_only and self._finding(self._result(item)) is None:
            return False
        if self._states is not None:
            state = self._results.states_of((self._results.arrival(item),))[0]
            if state not in self._states:
                return False
        return not self._text or self._text_matches(item)

    def _text_matches(self, item: int) -> bool:
        key, query = self._results.arrival(item), self._query
        protocol = Protocol.UDP if key & 0x10000 else Protocol.TCP
        if query.matches_port(protocol, key & 0xFFFF):
            return True
        assert self._haystack is not None
        return query.matches_text(self._haystack[item])

    def _hay(self, result: PortResult) -> str:
        info = self._info(result)
        services = search_haystack(info.name, info.description, result.banner)
        return f"{result.host}\n{result.address}".casefold() + "\n" + services

    # --- Sorting ---------------------------------------------------------------------

    def _sorted(self, items: Iterable[int]) -> list[int]:
        if self._sort_keys is None:
            return sorted(items)
        return sorted(items, key=self._sort_keys.__getitem__, reverse=self._descending)

    def _merged(self, ordered: list[int], new: list[int]) -> list[int] | None:
        """``ordered`` (sorted) with ``new`` in their places; None if nothing moves."""
        assert self._sort_keys is not None
        result = merged(ordered, new, self._sort_keys, self._descending)
        return None if result == self._visible else result

    def _build_sort_keys(self) -> list[Any]:
        return self._sort_keys_of(range(self._synced))

    def _sort_keys_of(self, items: range) -> list[tuple[Any, int]]:
        """The sort keys of consecutive items. Sorting descending reverses the whole key;
        negating the tie-breaker keeps ties in ascending (address, protocol, port) order."""
        column = self._sort_column
        keys = self._results.arrivals(items.start, items.stop)
        if column == Column.PORT:
            values: list[Any] = [key & 0xFFFF for key in keys]
        elif column == Column.PROTOCOL:
            values = [key >> 16 & 1 for key in keys]
        elif column == Column.ADDRESS:
            address_keys = self._host_address_keys()
            values = [address_keys[key >> 17] for key in keys]
        elif column == Column.STATE:
            order = STATE_ORDER
            values = [order[state] for state in self._results.states_of(keys)]
        elif column in (Column.SERVICE, Column.DESCRIPTION):
            info = self._info
            values = [sort_value(r, column, info(r)) for r in self._results_of(items)]
        elif column in LISTENER_COLUMNS:
            values = self._behind_sort_values(items, self._results_of(items), column)
        else:
            finding = self._finding
            values = [sort_value(r, column, None, finding(r)) for r in self._results_of(items)]
        ordinals = self._ordinals[items.start : items.stop]
        if self._descending:
            return list(zip(values, [-ordinal for ordinal in ordinals], strict=True))
        return list(zip(values, ordinals, strict=True))

    def _sort_value(self, column: int, result: PortResult) -> Any:
        if column == Column.ADDRESS:
            return self._address_key(result.address)
        if column < 0:
            return (self._address_key(result.address) << 17) | door_key(
                0, result.protocol, result.port
            )
        return sort_value(result, column, self._info(result), self._finding(result))

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

    def _dot(self, state: PortState) -> QtGui.QIcon:
        theme = colors.theme_of(QtGui.QGuiApplication.palette())
        icon = self._dots.get((state, theme))
        if icon is None:
            icon = self._dots[(state, theme)] = colors.state_dot(state, theme)
        return icon
