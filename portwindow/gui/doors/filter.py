"""Which doors the Doors view shows: a filter by state and a search by port or service.

:meth:`DoorFilter.visible_rows` answers per host with the door rows to show, or None for
"all of them" (no list at all, the common case). Masks are byte strings of 0 and 1 per
door row, combined and turned into rows by C loops (``bytes.translate``, big-int ``&``,
``itertools.compress``), so that filtering 65,535 doors takes a few milliseconds. The
search of ports and IANA's names depends only on the plan, so its mask is computed once
per (plan, text) and shared by all hosts; a host's banners add the doors whose program
answers as a service searched for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import compress

from portwindow.engine import PortState, parse_search, rows_in_spans, search_haystack
from portwindow.gui.doors.model import STATE_CODES, DoorModel

#: The state filter's "states" for Show → Findings: the doors the audit marked.
FINDINGS = "findings"


class DoorFilter:
    """The view's current filter; empty (show everything) when created."""

    def __init__(self) -> None:
        self._states: frozenset[PortState | None] | None = None
        self._table = b""
        self._text = ""
        self._haystack_key: tuple | None = None
        self._haystack: list[str] = []
        self._search_key: tuple | None = None
        self._search_mask = b""
        self._findings_only = False
        self._query = parse_search("")

    def states(self) -> frozenset[PortState | None] | None:
        return self._states

    def text(self) -> str:
        return self._text

    def shows_everything(self) -> bool:
        return self._states is None and not self._text and not self._findings_only

    def depends_on_state(self) -> bool:
        """Whether a door's new data (its state, its finding) may show or hide it."""
        return self._states is not None or self._findings_only

    def findings_only(self) -> bool:
        return self._findings_only

    def set_states(self, states: Iterable[PortState | str | None] | None) -> bool:
        """Show only doors in these states (None in the set: not probed yet); None shows
        every state; :data:`FINDINGS` alone: only the doors the audit marked (Show →
        Findings). Returns whether the filter changed."""
        new = None if states is None else frozenset(states)
        findings = new == {FINDINGS}
        if findings:
            new = None
        if new == self._states and findings == self._findings_only:
            return False
        self._findings_only = findings
        self._states = new
        codes = set() if new is None else {STATE_CODES[state] for state in new}
        self._table = bytes(1 if code in codes else 0 for code in range(256))
        return True

    def set_text(self, text: str) -> bool:
        """Search (``engine/present/search.py``): port numbers exactly, ranges, a
        protocol, words in IANA's service name or description or in what the banner
        names. Returns whether the search changed."""
        new = text.strip().lower()
        if new == self._text:
            return False
        self._text = new
        self._query = parse_search(new)
        return True

    def visible_rows(self, model: DoorModel, host_row: int) -> array | None:
        """The ascending door rows of ``host_row`` to show; None when all are shown."""
        if self.shows_everything():
            return None
        mask = None
        if self._states is not None:
            mask = model.state_codes(host_row).translate(self._table)
        if self._text:
            found = self._detected(model, host_row, self._search(model))
            mask = found if mask is None else _both(mask, found)
        if self._findings_only:
            marked = bytearray(model.door_count())
            for row in model.finding_rows(host_row):
                marked[row] = 1
            mask = bytes(marked) if mask is None else _both(mask, bytes(marked))
        if mask is None or mask.count(0) == 0:
            return None
        return array("i", compress(range(len(mask)), mask))

    def _search(self, model: DoorModel) -> bytes:
        key = (id(model), model.plan_generation(), model.door_count(), self._text)
        if key != self._search_key:
            self._search_mask = self._compute_search(model)
            self._search_key = key
        return self._search_mask

    def _compute_search(self, model: DoorModel) -> bytes:
        query = self._query
        mask = bytearray(model.door_count())
        if query.words:
            mask = bytearray(query.matches_text(entry) for entry in self._services(model))
        for protocol, first_row, ports in model.plan_ports():
            for start, stop in rows_in_spans(query, protocol, first_row, ports):
                mask[start:stop] = b"\1" * (stop - start)
        return bytes(mask)

    def _detected(self, model: DoorModel, host_row: int, mask: bytes) -> bytes:
        """``mask`` with the host's doors whose banner names a service searched for."""
        if not self._query.words:
            return mask
        banners = model.results.hosts[host_row].banners
        if not banners:
            return mask
        marked = None
        for row, banner in list(banners.items()):  # a copy: the engine's thread adds
            wanted = row < len(mask) and not mask[row]
            if wanted and self._query.matches_text(search_haystack("", "", banner)):
                marked = bytearray(mask) if marked is None else marked
                marked[row] = 1
        return mask if marked is None else bytes(marked)

    def _services(self, model: DoorModel) -> list[str]:
        """Per door row, the service's name and description in lower case."""
        key = (id(model), model.plan_generation(), model.door_count())
        if key != self._haystack_key:
            haystack = []
            for protocol, _, ports in model.plan_ports():
                for port in ports:
                    service = model.service(protocol, port)
                    entry = f"{service.name}\n{service.description}" if service.name else ""
                    haystack.append(entry.lower())
            self._haystack = haystack
            self._haystack_key = key
        return self._haystack


def _both(a: bytes, b: bytes) -> bytes:
    """Byte-wise AND of two masks of 0 and 1."""
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little")
