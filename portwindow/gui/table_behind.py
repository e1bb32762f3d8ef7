"""The Table view's side of who is behind an open door of this machine: the Process, PID
and Listens on columns. A mixin of :class:`~portwindow.gui.results_model.ResultsModel`.

They come from the snapshot of this machine's sockets that the details panel shows too
(:meth:`TableBehind.set_behind_source`): asked for when such a cell is first painted or
sorted by, and kept per door until the snapshot is renewed (:meth:`behind_changed`) or
the door gets a newer result."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from portwindow.engine import (
    LISTENER_COLUMNS,
    Behind,
    Listener,
    PortResult,
    PortState,
    cell_text,
    cell_tooltip,
    is_this_machine,
    sort_value,
    this_machines_addresses,
)
from portwindow.gui.qt import Qt

FIRST_BEHIND, LAST_BEHIND = min(LISTENER_COLUMNS), max(LISTENER_COLUMNS)
_UNASKED = object()  # the snapshot of this machine's sockets was not asked for yet
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value


class TableBehind:
    """Who is behind the rows' doors; the model keeps its rows in ``_visible``."""

    _behind_source: Callable[[], Behind | None] | None = None
    _own: frozenset[str] | None = None  # this machine's addresses, when needed
    _asking = False

    def _forget_behind(self) -> None:
        self._behind: Any = _UNASKED  # Behind, None (nothing to say) or _UNASKED
        self._listeners: dict[int, Listener | None] = {}  # per item, once looked up

    def _behind_cell(self, item: int, column: int, role: int, result: PortResult, info) -> Any:
        """A cell's text or tooltip (looked up only for this machine's open doors)."""
        if role == _DISPLAY:
            return cell_text(result, column, info, who=self._listener(item, result))
        if role == _TOOLTIP:
            return cell_tooltip(result, column, info, who=self._listener(item, result))
        return sort_value(result, column, None, who=self._listener(item, result))

    def _behind_sort_values(self, items, results: list[PortResult], column: int) -> list:
        found = map(self._listener, items, results)
        return [sort_value(r, column, None, who=f) for r, f in zip(results, found, strict=True)]

    def set_behind_source(self, source: Callable[[], Behind | None] | None) -> None:
        """Where who is behind this machine's open doors comes from: a snapshot of its
        sockets, asked for when first needed (None: the columns stay empty)."""
        self._behind_source = source
        self.behind_changed()

    def behind_changed(self) -> None:
        """The snapshot was taken again (after a scan) or dropped: look up anew."""
        if self._asking:
            return  # the snapshot this model asked for, being taken
        self._forget_behind()
        visible = self._visible  # type: ignore[attr-defined]
        if visible:
            self.dataChanged.emit(  # type: ignore[attr-defined]
                self.index(0, FIRST_BEHIND),  # type: ignore[attr-defined]
                self.index(len(visible) - 1, LAST_BEHIND),  # type: ignore[attr-defined]
            )
        column = self._sort_column  # type: ignore[attr-defined]
        if column in LISTENER_COLUMNS:
            self.sort(column, self.sort_order())  # type: ignore[attr-defined]

    def _listener(self, item: int, result: PortResult) -> Listener | None:
        """The socket behind ``item`` when it is an open door of this machine, kept per
        door; the snapshot is asked for at the first such door."""
        if result.state is not PortState.OPEN or self._behind_source is None:
            return None
        try:
            return self._listeners[item]
        except KeyError:
            pass
        if self._own is None:
            self._own = this_machines_addresses()
        listener = None
        if is_this_machine(result.address, self._own):
            if self._behind is _UNASKED:
                self._asking = True
                try:
                    self._behind = self._behind_source()
                finally:
                    self._asking = False
            if self._behind is not None:
                listener = self._behind.listener(result)
        self._listeners[item] = listener
        return listener
