"""Views of one host of a :class:`~portwindow.engine.core.results.ResultSet`: its rows of
the set's columns, its banners and names. Made on demand, cheap, and right after a plan
grew (they hold the host's row, not its place in the columns)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from portwindow.engine.core.columns import NO_RTT, NONE

if TYPE_CHECKING:
    from portwindow.engine.core.results import ResultSet


class HostDoors:
    """One host of a result set: a view of its rows in the set's columns (made on
    demand; a plan that grows leaves it right)."""

    __slots__ = ("_owner", "row")

    def __init__(self, owner: ResultSet, row: int) -> None:
        self._owner = owner
        self.row = row  # the host's row in the set

    @property
    def label(self) -> str:
        return self._owner.label(self.row)

    @property
    def address(self) -> str:
        return self._owner.address(self.row)

    def _span(self) -> slice:
        size = self._owner.plan.size
        return slice(self.row * size, (self.row + 1) * size)

    @property
    def codes(self) -> bytearray:
        """Its door bytes, by door row (a copy)."""
        return self._owner._codes[self._span()]

    @property
    def rtts(self) -> array:
        """Its round-trip times in microseconds (NO_RTT: none), by door row (a copy)."""
        return self._owner._rtts[self._span()]

    @property
    def times(self) -> array:
        """Its probes' times in milliseconds from the set's epoch, by door row (a copy)."""
        return self._owner._times[self._span()]

    def code(self, row: int) -> int:
        """The byte of door row ``row`` (0: not probed yet)."""
        return self._owner._codes[self.row * self._owner.plan.size + row]

    def rtt(self, row: int) -> float | None:
        """The round-trip time of door row ``row`` in seconds, None when it has none."""
        micros = self._owner._rtts[self.row * self._owner.plan.size + row]
        return None if micros == NO_RTT else micros / 1e6

    @property
    def banners(self) -> Mapping[int, str]:
        """door row -> what the program said (only doors with a banner)."""
        return self._owner._banners.get(self.row, NONE)

    @property
    def names(self) -> Mapping[int, str]:
        """door row -> another name given for this address."""
        return self._owner._names.get(self.row, NONE)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HostDoors):
            return NotImplemented
        return self._owner is other._owner and self.row == other.row

    def __hash__(self) -> int:
        return hash((id(self._owner), self.row))

    def __repr__(self) -> str:
        return f"HostDoors({self.address}, row={self.row})"


class Hosts(Sequence):
    """The hosts of a result set, in order of their first result, as views."""

    __slots__ = ("_owner",)

    def __init__(self, owner: ResultSet) -> None:
        self._owner = owner

    def __len__(self) -> int:
        return len(self._owner._index)

    def __getitem__(self, index):
        count = len(self._owner._index)
        if isinstance(index, slice):
            return [HostDoors(self._owner, row) for row in range(count)[index]]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        return HostDoors(self._owner, index)

    def __iter__(self) -> Iterator[HostDoors]:
        owner = self._owner
        return (HostDoors(owner, row) for row in range(len(owner._index)))
