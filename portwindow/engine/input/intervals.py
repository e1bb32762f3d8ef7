"""Sets of integers kept as sorted, merged inclusive intervals: target addresses (one per
address family) and expected doors (one per protocol) are held this way, so a network of
millions of addresses or a rule of ``1-65535/tcp`` costs two integers, and membership,
union and difference are arithmetic on the intervals rather than on expanded sets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Intervals:
    """Sorted, disjoint, non-adjacent inclusive ``(first, last)`` integer pairs; ``size``
    is how many integers they hold."""

    spans: tuple[tuple[int, int], ...] = ()
    size: int = 0

    @staticmethod
    def of(spans: Iterable[tuple[int, int]]) -> Intervals:
        """Intervals already sorted, disjoint and non-adjacent."""
        spans = tuple(spans)
        return Intervals(spans, sum(last - first + 1 for first, last in spans))

    @staticmethod
    def merged(pairs: Iterable[tuple[int, int]]) -> Intervals:
        out: list[tuple[int, int]] = []
        for first, last in sorted(pairs):
            if out and first <= out[-1][1] + 1:
                if last > out[-1][1]:
                    out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
        return Intervals.of(out)

    def minus(self, other: Intervals) -> Intervals:
        cuts = other.spans
        out: list[tuple[int, int]] = []
        j = 0
        for first, last in self.spans:
            while j < len(cuts) and cuts[j][1] < first:
                j += 1
            start = first
            k = j
            while k < len(cuts) and cuts[k][0] <= last and start <= last:
                cut_first, cut_last = cuts[k]
                if cut_first > start:
                    out.append((start, cut_first - 1))
                start = max(start, cut_last + 1)
                k += 1
            if start <= last:
                out.append((start, last))
        return Intervals.of(out)

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int):
            return False
        i = bisect.bisect_right(self.spans, value, key=lambda span: span[0]) - 1
        return i >= 0 and value <= self.spans[i][1]

    def __iter__(self) -> Iterator[int]:
        for first, last in self.spans:
            yield from range(first, last + 1)

    def union(self, *others: Intervals) -> Intervals:
        if not others:
            return self
        return Intervals.merged([span for each in (self, *others) for span in each.spans])

    @staticmethod
    def of_sorted(values: Iterable[int]) -> Intervals:
        """The runs of ascending integers (repeats allowed), as intervals."""
        out: list[tuple[int, int]] = []
        first = last = None
        for value in values:
            if last is not None and value <= last + 1:
                if value > last:  # noqa: PLR1730 - max() costs a call per value
                    last = value
                continue
            if last is not None:
                out.append((first, last))
            first = last = value
        if last is not None:
            out.append((first, last))
        return Intervals.of(out)
