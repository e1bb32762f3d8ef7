"""The hosts of a :class:`~portwindow.engine.core.results.ResultSet` by row and by
address, at a few bytes a host: a scan of millions of addresses keeps no object per host.

An IPv4 address is kept as its 32-bit number (4 bytes a host), and a bitmap per /24 (32
bytes) says which addresses are there, so that a result for a new host (most results of
a wide scan with few ports) is known to be new without a look-up table. A host seen
before is found in a small table of the hosts seen last (a scan's results come host group
after host group), else by a search of the numbers; should searches become frequent (a
report read in no order), a full table is made once and kept. Any other address (IPv6, a
name in a report) is kept as its text in a table of its own.
"""

from __future__ import annotations

import socket
import sys
from array import array
from collections.abc import Iterable, Sequence

from portwindow.engine.core.columns import address_key

RECENT = 4096  # hosts in each of the two generations of the table of hosts seen last
SEARCHES = 16  # searches of the numbers before a full table is made

_AF_INET = socket.AF_INET
_pton, _ntoa = socket.inet_pton, socket.inet_ntoa


def ipv4_texts(packed: bytes) -> list[str]:
    """Dotted addresses of IPv4 addresses 4 bytes each in network order, at C speed."""
    ends = range(4, len(packed) + 4, 4)
    return list(map(_ntoa, map(packed.__getitem__, map(slice, range(0, len(packed), 4), ends))))


def is_run(rows: Sequence[int]) -> bool:
    """Whether ``rows`` (not empty) are consecutive rows, in order: one slice of a column."""
    if isinstance(rows, range):
        return rows.step == 1 or len(rows) == 1
    first, last = rows[0], rows[-1]
    return last - first + 1 == len(rows) and rows == list(range(first, last + 1))


class HostIndex:
    """Host rows (0, 1, ... in order of arrival) <-> addresses."""

    __slots__ = (
        "_full",
        "_in_order",
        "_numbers",
        "_older",
        "_other_rows",
        "_others",
        "_recent",
        "_searches",
        "_seen",
    )

    def __init__(self) -> None:
        self._numbers = array("I")  # each row's IPv4 address (0 for any other address)
        self._in_order = True  # every IPv4 address came after the one before it
        self._seen: dict[int, bytearray] = {}  # /24 -> a bit per address there
        self._others: dict[int, str] = {}  # row -> an address that is not IPv4
        self._other_rows: dict[str, int] = {}
        self._recent: dict[str, int] = {}
        self._older: dict[str, int] = {}
        self._searches = 0
        self._full: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._numbers)

    def row(self, address: str) -> int:
        """The row of ``address``, -1 when it is not here."""
        row = self._recent.get(address)
        if row is not None:
            return row
        row = self._older.get(address)
        if row is not None:
            self._remember(address, row)
            return row
        if self._full is not None:
            return self._full.get(address, -1)
        try:
            number = int.from_bytes(_pton(_AF_INET, address), "big")
        except OSError:
            return self._other_rows.get(address, -1)
        bits = self._seen.get(number >> 8)
        if bits is None or not bits[(number & 0xFF) >> 3] >> (number & 7) & 1:
            return -1
        row = self._search(number)
        self._remember(address, row)
        return row

    def add(self, address: str) -> int:
        """A new host's row (``address`` is not here: see :meth:`row`)."""
        row = len(self._numbers)
        try:
            number = int.from_bytes(_pton(_AF_INET, address), "big")
        except OSError:
            self._numbers.append(0)
            self._others[row] = address
            self._other_rows[address] = row
        else:
            if row and number < self._numbers[-1]:
                self._in_order = False
            self._numbers.append(number)
            bits = self._seen.get(number >> 8)
            if bits is None:
                bits = self._seen[number >> 8] = bytearray(32)
            bits[(number & 0xFF) >> 3] |= 1 << (number & 7)
        if self._full is not None:
            self._full[address] = row
        self._remember(address, row)
        return row

    def address(self, row: int) -> str:
        if self._others:
            other = self._others.get(row)
            if other is not None:
                return other
        return _ntoa(self._numbers[row].to_bytes(4, "big"))

    def addresses(self, rows: Sequence[int]) -> list[str]:
        """The addresses of ``rows``, made at C speed when they are all IPv4."""
        if self._others and not self._others.keys().isdisjoint(rows):
            return [self.address(row) for row in rows]
        return ipv4_texts(self.packed(rows))

    def numbers(self, rows: Sequence[int]) -> array:
        """The IPv4 addresses of ``rows`` as numbers (rows that are all IPv4)."""
        return array("I", map(self._numbers.__getitem__, rows))

    def packed(self, rows: Sequence[int]) -> bytes:
        """The IPv4 addresses of ``rows``, 4 bytes each, in network order (only for rows
        that are all IPv4: see :meth:`numeric`)."""
        numbers = self.numbers(rows)
        if sys.byteorder == "little":
            numbers.byteswap()
        return numbers.tobytes()

    def numeric(self, rows: Iterable[int]) -> bool:
        """Whether every host of ``rows`` has an IPv4 address (text that needs no escape
        or quote in any report)."""
        return not self._others or self._others.keys().isdisjoint(rows)

    def by_address(self) -> Sequence[int]:
        """The rows in address order (IPv4 before IPv6, numerically, then the rest).

        Hosts that came in address order (a wide scan's, on a network that answers in
        time) are their rows' range: nothing to sort, and no list of millions of numbers
        while a report or the history is written."""
        rows = range(len(self._numbers))
        if not self._others:
            if self._in_order:
                return rows
            return sorted(rows, key=self._numbers.__getitem__)
        keys = [address_key(self.address(row)) for row in rows]
        return sorted(rows, key=keys.__getitem__)

    def _remember(self, address: str, row: int) -> None:
        recent = self._recent
        recent[address] = row
        if len(recent) > RECENT:
            self._older, self._recent = recent, {}

    def _search(self, number: int) -> int:
        """The row of an IPv4 address that is here."""
        self._searches += 1
        start = 0
        while True:
            row = self._numbers.index(number, start)
            if row not in self._others:  # a row of another address holds 0
                break
            start = row + 1
        if self._searches >= SEARCHES:
            self._full = {self.address(r): r for r in range(len(self._numbers))}
        return row
