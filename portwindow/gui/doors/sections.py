"""Which doors each host section of the Doors view shows: those the filter lets through
(``filter.py``), or none for a collapsed host, which shows its overview row alone (its
title, its open doors, its counts: the header band).

A scan of many hosts (more than :data:`COLLAPSE_ABOVE`) starts with every host that has
no open door collapsed, so that the first screen of a /20 is the hosts that matter, one
line each for the rest; a host opens by itself when its first open door arrives. A click
on a host's band (or :meth:`Sections.choose`) opens or collapses it, and that choice
stays; :meth:`Sections.choose_all` does it for every host.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

from portwindow.gui.doors.filter import DoorFilter
from portwindow.gui.doors.model import DoorModel

COLLAPSE_ABOVE = 16  # hosts: with more, those without an open door start collapsed
EMPTY = array("i")  # the shown rows of a collapsed host (this very object)


class Sections:
    """The collapsed hosts and the rows each host shows."""

    def __init__(self, door_filter: DoorFilter) -> None:
        self.filter = door_filter
        self._auto = False  # hosts without an open door are collapsed
        self._choices: dict[int, bool] = {}  # host row -> collapsed, as the person chose
        self._all: bool | None = None  # every other host collapsed (True) or open (False)

    def reset(self) -> None:
        """Another result set: no choice made yet."""
        self._auto = False
        self._choices.clear()
        self._all = None

    def follow(self, model: DoorModel) -> bool:
        """Whether many hosts make the rule change (then every section is laid out
        again)."""
        auto = model.host_count() > COLLAPSE_ABOVE
        changed, self._auto = auto != self._auto, auto
        return changed

    def collapsed(self, model: DoorModel, host_row: int) -> bool:
        chosen = self._choices.get(host_row)
        if chosen is not None:
            return chosen
        if self._all is not None:
            return self._all
        return self._auto and not model.has_open(host_row)

    def shows_everything(self) -> bool:
        """Every host shows every door (nothing collapsed, nothing filtered)."""
        nothing = not self._auto and not self._choices and not self._all
        return nothing and self.filter.shows_everything()

    def visible_rows(self, model: DoorModel, host_row: int) -> array | None:
        """The door rows a host shows (:data:`EMPTY` when collapsed; None: all)."""
        if self.collapsed(model, host_row):
            return EMPTY
        return self.filter.visible_rows(model, host_row)

    def choose(self, model: DoorModel, host_row: int, collapsed: bool | None = None) -> None:
        """Collapse or open a host (``None``: the other way round)."""
        if collapsed is None:
            collapsed = not self.collapsed(model, host_row)
        self._choices[host_row] = collapsed

    def choose_all(self, collapsed: bool) -> None:
        self._choices.clear()
        self._all = collapsed

    def flipped(
        self, model: DoorModel, shown: Sequence[array | None], host_rows: Iterable[int]
    ) -> list[int]:
        """The hosts among ``host_rows`` that a batch opened (their first open door) or
        collapsed, against what ``shown`` (the layout's rows) says."""
        if not self._auto or self._all is not None:
            return []
        return [
            host_row
            for host_row in host_rows
            if host_row < len(shown)
            and host_row not in self._choices
            and (shown[host_row] is EMPTY) != self.collapsed(model, host_row)
        ]
