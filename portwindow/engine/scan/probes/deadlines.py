"""The one timer the probers (``tcp_connect.py``, ``udp.py``, through ``base.py``) need:
pending probes ordered by deadline, instead of a timer handle per probe.

A probe that got its answer sets ``done``; it is dropped from the heap lazily, when it
reaches the top, so finishing a probe costs nothing here.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from typing import Protocol as TypingProtocol


class Pending(TypingProtocol):
    done: bool


class DeadlineHeap:
    __slots__ = ("_heap", "_seq")

    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Pending]] = []
        self._seq = 0  # breaks ties, so probes themselves are never compared

    def push(self, deadline: float, probe: Pending) -> None:
        self._seq += 1
        heapq.heappush(self._heap, (deadline, self._seq, probe))

    def next_deadline(self) -> float | None:
        """The earliest deadline of a probe still waiting, or None."""
        heap = self._heap
        while heap and heap[0][2].done:
            heapq.heappop(heap)
        return heap[0][0] if heap else None

    def pop_due(self, now: float) -> Iterator[Pending]:
        """Take out, earliest first, every waiting probe whose deadline has passed."""
        heap = self._heap
        while heap and (heap[0][2].done or heap[0][0] <= now):
            probe = heapq.heappop(heap)[2]
            if not probe.done:
                yield probe

    def clear(self) -> None:
        self._heap.clear()
