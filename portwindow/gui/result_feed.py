"""Feeding scan results to the window's views without stalling the window.

Each view's model is a sink. The sink of the view on screen gets every batch at once;
a hidden view's sink only collects the results (a list extend) and takes them when it
is shown or when someone needs its model complete (export, copy). During a full scan
this halves the window's work per batch, which is work done on the Qt thread while the
engine waits for the GIL. A backlog (a full scan's 65,535 results for the table) is
drained in slices with a pause between them, so the window paints meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from portwindow.engine import PortResult

#: Results delivered at once while draining a backlog (about 5 ms of the table's work).
DRAIN_SLICE = 8192


class DeferredSink:
    """Delivers results to ``deliver`` now while active, or later when activated."""

    def __init__(self, deliver: Callable[[Sequence[PortResult]], None]) -> None:
        self._deliver = deliver
        self._pending: list[PortResult] = []
        self._draining = False
        self.active = True

    def push(self, results: Sequence[PortResult]) -> None:
        if self.active and not self._draining:
            self.flush()
            self._deliver(results)
        else:
            self._pending.extend(results)

    def hold(self, results: Sequence[PortResult]) -> None:
        """Keep ``results`` for the next flush or drain, even while active (a reopened
        scan's many results are drained rather than delivered in one go)."""
        self._pending.extend(results)

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            self._deliver(pending)

    async def drain(self, pause: float, size: int = DRAIN_SLICE) -> None:
        """Deliver the backlog in slices of ``size`` results, ``pause`` seconds apart;
        results pushed meanwhile join the backlog, in order."""
        if self._draining:
            while self._draining:  # another drain is at work: wait for it to end
                await asyncio.sleep(pause)
            return
        self._draining = True
        try:
            while self._pending:
                piece, self._pending = self._pending[:size], self._pending[size:]
                self._deliver(piece)
                if self._pending:
                    await asyncio.sleep(pause)
        finally:
            self._draining = False

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.flush()

    def discard(self) -> None:
        self._pending = []

    @property
    def pending(self) -> int:
        return len(self._pending)
