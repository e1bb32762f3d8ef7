"""When the table reads the result set: keeping a lazy view up to date without stalling
the window.

The table's model reads the scan's result set from where it stopped
(:meth:`~portwindow.gui.results_model.ResultsModel.sync`); a :class:`Feed` decides when.
While the table is on screen it catches up after every batch. While hidden it reads
nothing (the model only notes which known doors got a newer result), which halves the
window's work per batch during a full scan, work done on the Qt thread while the engine
waits for the GIL. When the table is shown again, or a saved scan is opened, its backlog
is taken in slices with a pause between them, so the window paints meanwhile; batches
arriving then join the backlog.
"""

from __future__ import annotations

import asyncio
from typing import Protocol

from portwindow.engine import Delta

#: Results taken in at once while draining a backlog (about 5 ms of the table's work).
DRAIN_SLICE = 8192


class LazyModel(Protocol):
    """A model that reads a result set when asked (as ResultsModel does)."""

    @property
    def pending(self) -> int: ...

    def note(self, delta: Delta | None) -> None: ...

    def sync(self, limit: int | None = None) -> int: ...


class Feed:
    """Keeps ``model`` up to date now while active, or later when activated."""

    def __init__(self, model: LazyModel) -> None:
        self.model = model
        self.active = True
        self._draining = False

    def update(self, delta: Delta | None) -> None:
        """The result set changed: catch up at once, unless hidden or draining."""
        self.model.note(delta)
        if self.active and not self._draining:
            self.model.sync()

    def flush(self) -> None:
        self.model.sync()

    async def drain(self, pause: float, size: int = DRAIN_SLICE) -> None:
        """Take the backlog in slices of ``size`` results, ``pause`` seconds apart;
        results that arrive meanwhile join the backlog."""
        if self._draining:
            while self._draining:  # another drain is at work: wait for it to end
                await asyncio.sleep(pause)
            return
        self._draining = True
        try:
            while self.model.sync(size):
                await asyncio.sleep(pause)
        finally:
            self._draining = False

    def set_active(self, active: bool) -> None:
        self.active = active
        if active:
            self.flush()

    @property
    def pending(self) -> int:
        return self.model.pending
