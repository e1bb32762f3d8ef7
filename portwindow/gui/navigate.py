"""Going to a door: the findings summary's links and the N / F jumps bring one door in
front of the user, in whichever view is shown, choosing it (so the details panel shows
it) and scrolling it into the middle. A door the filter hides is shown by clearing the
filter; a collapsed host is opened.

:class:`Jumps` knows the order of the doors (host by host as the Doors view shows them,
each host's doors by row) and finds the next or previous open door, or door with an
audit finding, from the chosen one, wrapping round at the ends.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from portwindow.engine import DOOR_STATE, PortState, Protocol

from .doors.model import DoorRole
from .qt import QtCore, QtWidgets
from .results_model import ResultRole

if TYPE_CHECKING:
    from .views import ResultViews

_CENTER = QtWidgets.QAbstractItemView.ScrollHint.PositionAtCenter
_OPEN_BYTES = bytes(1 if state is PortState.OPEN else 0 for state in DOOR_STATE)

Place = tuple[int, int]  # (host row, door row) of the door model


def go_to(views: ResultViews, address: str, protocol: Protocol | None, port: int | None) -> bool:
    """Choose and show a door (``port`` None: the host); whether it could be found."""
    model = views.door_model
    if port is None or protocol is None:
        index = model.host_index(address)
        if not index.isValid():
            return False
        views.door_view.set_collapsed(index.row(), False)
        views.door_view.scrollTo(index, QtWidgets.QAbstractItemView.ScrollHint.PositionAtTop)
        return True
    index = model.door_index(address, protocol, port)
    if not index.isValid():
        return False
    if views.table_shown():
        views.flush()
        row = views.results_model.row_for(address, protocol, port)
        if row < 0:
            _show_everything(views)
            row = views.results_model.row_for(address, protocol, port)
        if row < 0:
            return False
        table = views.results_table
        target = views.results_model.index(row, table.horizontalHeader().logicalIndex(0))
        table.setCurrentIndex(target)
        table.scrollTo(target, _CENTER)
        table.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        return True
    view = views.door_view
    host_row = index.parent().row()
    if view.is_collapsed(host_row):
        view.set_collapsed(host_row, False)
    if view.isIndexHidden(index):
        _show_everything(views)
    if view.isIndexHidden(index):
        return False
    view.setCurrentIndex(index)
    view.scrollTo(index, _CENTER)
    view.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
    return True


def _show_everything(views: ResultViews) -> None:
    views.state_filter.setCurrentIndex(0)
    views.search_edit.clear()


class Jumps:
    """The next and previous open door, or door with a finding, of the views' results."""

    def __init__(self, views: ResultViews) -> None:
        self._views = views

    def open_doors(self) -> list[Place]:
        """Every open door, in the Doors view's order."""
        found = self._views.door_model.results.marked(_OPEN_BYTES)
        hosts = self._views.door_model.host_count()
        return [(host, row) for host in sorted(found) if host < hosts for row in found[host]]

    def findings(self) -> list[Place]:
        """Every door the audit marked (unexpected or missing), in the view's order."""
        model = self._views.door_model
        return [
            (host, row)
            for host in range(model.host_count())
            for row in sorted(model.finding_rows(host))
        ]

    def current(self) -> Place | None:
        """The chosen door, in whichever view is shown."""
        views, model = self._views, self._views.door_model
        if views.table_shown():
            result = views.results_table.currentIndex().data(ResultRole.RESULT)
            if result is None:
                return None
            index = model.door_index(result.address, result.protocol, result.port)
        else:
            index = views.door_view.currentIndex()
        if not index.isValid() or not index.parent().isValid():
            return None
        return index.parent().row(), index.row()

    def step(self, places: list[Place], direction: int) -> tuple[Place, int] | None:
        """The place after (direction 1) or before (-1) the chosen door, wrapping round,
        and its position in ``places``; None when there is none."""
        if not places:
            return None
        current = self.current()
        if current is None:
            position = 0 if direction > 0 else len(places) - 1
        elif direction > 0:
            position = bisect_right(places, current) % len(places)
        else:
            position = (bisect_left(places, current) - 1) % len(places)
        return places[position], position

    def jump(self, places: list[Place], direction: int) -> tuple[int, int] | None:
        """Go to the next or previous of ``places``; (its number from 1, how many)."""
        found = self.step(places, direction)
        if found is None:
            return None
        (host_row, row), position = found
        model = self._views.door_model
        index = model.index(row, 0, model.index(host_row, 0))
        go_to(
            self._views,
            index.data(DoorRole.ADDRESS),
            index.data(DoorRole.PROTOCOL),
            index.data(DoorRole.PORT),
        )
        return position + 1, len(places)
