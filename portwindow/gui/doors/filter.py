"""Which doors the Doors view shows: a filter by state and a search by port or service.

:meth:`DoorFilter.visible_rows` answers per host with the door rows to show, or None for
"all of them" (no list at all, the common case). Masks are byte strings of 0 and 1 per
door row, combined and turned into rows by C loops (``bytes.translate``, big-int ``&``,
``itertools.compress``), so that filtering 65,535 doors takes a few milliseconds. The
search depends only on the plan, so its mask is computed once per (plan, text) and shared
by all hosts.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from itertools import compress

from portwindow.engine import PortState, Protocol
from portwindow.gui.doors.model import STATE_CODES, DoorModel

#: The state filter's "states" for Show → Findings: the doors the audit marked.
FINDINGS = "findings"
_PORT_AND_PROTOCOL = re.compile(r"(\d{1,5})/(tcp|udp)")
_MAX_PORT = 65535


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
        """Search for a port number (exact or prefix, ``22/tcp`` for one protocol) or a
        word in the service's name or description. Returns whether the search changed."""
        new = text.strip().lower()
        if new == self._text:
            return False
        self._text = new
        return True

    def visible_rows(self, model: DoorModel, host_row: int) -> array | None:
        """The ascending door rows of ``host_row`` to show; None when all are shown."""
        if self.shows_everything():
            return None
        mask = None
        if self._states is not None:
            mask = model.state_codes(host_row).translate(self._table)
        if self._text:
            found = self._search(model)
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
        text = self._text
        exact = _PORT_AND_PROTOCOL.fullmatch(text)
        if exact:
            mask = bytearray(model.door_count())
            row = model.door_row(Protocol(exact.group(2)), int(exact.group(1)))
            if row >= 0:
                mask[row] = 1
            return bytes(mask)
        mask = bytearray(text in entry for entry in self._services(model))
        if text.isdigit():
            for protocol, _, _ in model.plan_ports():
                for port in _ports_with_prefix(text):
                    row = model.door_row(protocol, port)
                    if row >= 0:
                        mask[row] = 1
        return bytes(mask)

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


def _ports_with_prefix(prefix: str) -> Iterator[int]:
    """Every port whose decimal number starts with ``prefix`` (digits only)."""
    value = int(prefix)
    if str(value) != prefix:  # leading zeros: no port is written that way
        return
    if value == 0:
        yield 0
        return
    scale = 1
    while value * scale <= _MAX_PORT:
        yield from range(value * scale, min((value + 1) * scale, _MAX_PORT + 1))
        scale *= 10
