"""Feeding scan results to the window's views without stalling the window.

Each view's model is a sink. The sink of the view on screen gets every batch at once;
a hidden view's sink only collects the results (a list extend) and takes them all when it
is shown or when someone needs its model complete (export, copy). During a full scan
this halves the window's work per batch, which is work done on the Qt thread while the
engine waits for the GIL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..engine.model import PortResult


class DeferredSink:
    """Delivers results to ``deliver`` now while active, or later when activated."""

    def __init__(self, deliver: Callable[[Sequence[PortResult]], None]) -> None:
        self._deliver = deliver
        self._pending: list[PortResult] = []
        self.active = True

    def push(self, results: Sequence[PortResult]) -> None:
        if self.active:
            self.flush()
            self._deliver(results)
        else:
            self._pending.extend(results)

    def flush(self) -> None:
        if self._pending:
            pending, self._pending = self._pending, []
            self._deliver(pending)

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.flush()

    def discard(self) -> None:
        self._pending = []

    @property
    def pending(self) -> int:
        return len(self._pending)
