"""A lane's probes to try again, in time order.

Most retries are due at once and wait in ``ready`` (a deque the lane's loop reads
directly, so a scan with nothing to retry pays nothing for it); a retry due later (the
timing of issue 12 says when a silent port may try again) waits in a heap until
``release`` moves it over. After a resource error (``RETRY_LATER``) ``hold`` keeps the
lane from starting anything for a moment: every probe would meet the same shortage.
"""

from __future__ import annotations

import heapq
from collections import deque

# host, port, attempt, tag: what the lane hands the prober again
RetryItem = tuple[object, int, int, object]

_POLL = 0.001  # the soonest a due retry wakes the lane again


class Retries:
    __slots__ = ("_seq", "hold", "later", "ready")

    def __init__(self) -> None:
        self.ready: deque[RetryItem] = deque()
        self.later: list[tuple[float, int, RetryItem]] = []
        self.hold = 0.0
        self._seq = 0  # breaks ties, so items themselves are never compared

    def __len__(self) -> int:
        return len(self.ready) + len(self.later)

    def add(self, item: RetryItem) -> None:
        """Try ``item`` again as soon as may be."""
        self.ready.append(item)

    def schedule(self, item: RetryItem, at: float, now: float) -> None:
        """Try ``item`` again once ``at`` has come (at once if it has by ``now``)."""
        if at <= now:
            self.ready.append(item)
        else:
            self._seq += 1
            heapq.heappush(self.later, (at, self._seq, item))

    def add_first(self, item: RetryItem) -> None:
        """Try ``item`` before every other retry."""
        self.ready.appendleft(item)

    def items(self) -> list[RetryItem]:
        """Every retry waiting, due or not."""
        return [*self.ready, *(entry[2] for entry in self.later)]

    def release(self, now: float) -> None:
        """Move the retries due by ``now`` over to ``ready``."""
        later = self.later
        while later and later[0][0] <= now:
            self.ready.append(heapq.heappop(later)[2])

    def next_due(self, now: float) -> float | None:
        """When a retry can go next, or None when there is none."""
        if self.ready:
            return max(self.hold, now + _POLL)
        if self.later:
            return max(self.hold, self.later[0][0])
        return None
