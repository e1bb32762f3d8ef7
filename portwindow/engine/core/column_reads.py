"""What the writers that stream from a :class:`~portwindow.engine.core.results.ResultSet`
read of it (the reports, the history): its columns as they are, its hosts' addresses and
names many at a time, its banners. A part of the result set (a base class), kept apart
so that each module stays small."""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

from portwindow.engine.core.columns import NONE

if TYPE_CHECKING:
    from portwindow.engine.core.host_index import HostIndex


class ColumnReads:
    """The result set's columns and texts, for writers (see the module's docstring)."""

    __slots__ = ()
    _index: HostIndex
    _codes: bytearray
    _rtts: array
    _times: array
    _labels: dict[int, str]
    _banners: dict[int, dict[int, str]]
    _names: dict[int, dict[int, str]]

    def columns(self) -> tuple[bytearray, array, array]:
        """The door bytes, round-trip times (microseconds) and times (milliseconds from
        :attr:`epoch`) of every host, host after host, ``plan.size`` rows each. Read
        only: they are the set's own."""
        return self._codes, self._rtts, self._times

    def addresses(self, host_rows: Sequence[int]) -> list[str]:
        """The addresses of ``host_rows`` (at C speed for IPv4 hosts)."""
        return self._index.addresses(host_rows)

    def ipv4_numbers(self, host_rows: Sequence[int]) -> array:
        """The IPv4 addresses of ``host_rows`` as numbers (they must all be IPv4: see
        :meth:`plain`)."""
        return self._index.numbers(host_rows)

    def packed_addresses(self, host_rows: Sequence[int]) -> bytes | None:
        """The IPv4 addresses of ``host_rows``, 4 bytes each in network order; None when
        one is not IPv4."""
        return self._index.packed(host_rows) if self._index.numeric(host_rows) else None

    def names_of_hosts(self, host_rows: Sequence[int]) -> list[tuple[int, str]]:
        """(position in ``host_rows``, name) of the hosts that have a name besides their
        address."""
        labels = self._labels
        if not labels or labels.keys().isdisjoint(host_rows):
            return []
        return [(i, labels[row]) for i, row in enumerate(host_rows) if row in labels]

    def plain(self, host_rows: Sequence[int]) -> bool:
        """Whether every host of ``host_rows`` is an IPv4 address without a name, without
        a banner and without another name on a door: its rows need no text of their own."""
        return self._index.numeric(host_rows) and all(
            kept.keys().isdisjoint(host_rows) for kept in (self._labels, self._banners, self._names)
        )

    def banners_of(self, host_row: int) -> Mapping[int, str]:
        return self._banners.get(host_row, NONE)

    def banner_doors(self) -> Iterator[tuple[int, int, str]]:
        """(host row, door row, banner) of every door with a banner."""
        for host_row, banners in self._banners.items():
            for row, banner in banners.items():
                yield host_row, row, banner

    def names_of(self, host_row: int) -> Mapping[int, str]:
        return self._names.get(host_row, NONE)
