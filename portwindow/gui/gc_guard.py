"""Garbage collection on the Qt thread only (qutebrowser's pattern), in short pauses.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold
is crossed. The engine allocates a lot in its worker thread, so a collection there would
destroy unreachable Qt objects from the wrong thread ("Timers cannot be stopped from
another thread", and crashes). The guard turns automatic collection off and collects
from a timer on the Qt thread, one generation at a time, as thresholds are reached.

A collection pauses the Qt thread for as long as it takes to walk its generation, so:
what exists when the window has started (modules, widgets, their wrappers: most of the
objects there will ever be) is frozen out of every collection at the timer's first
look, once the event loop runs (``gc.freeze``); the
timer looks often (every 100 ms), so the young generations it collects stay small; and
the oldest generation is collected only when the objects moved into it since its last
collection are a quarter of those it held then (CPython's own rule for automatic
collection, which a call to ``gc.collect(2)`` would skip): rarely, and never a walk of
everything. A scan's results are columns of bytes (not tracked by the collector), so a
window with 65,536 hosts collects as fast as one with one.
"""

from __future__ import annotations

import gc

from .qt import QtCore

INTERVAL_MS = 100
OLDEST_GROWTH = 0.25  # new objects in the oldest generation, against those at its last walk


class MainThreadGarbageCollector(QtCore.QObject):
    def __init__(self, parent: QtCore.QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._oldest_at_last_walk = 0
        self._settled = False

    def start(self) -> None:
        gc.disable()
        self._settled = False
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.unfreeze()
        if self._was_enabled:
            gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose threshold is reached (the oldest only when
        it grew by a quarter since its last collection); return how many objects were
        found unreachable."""
        if not self._settled:  # the first look, once the window is up: freeze it
            self._settled = True
            found = gc.collect()
            gc.freeze()
            self._oldest_at_last_walk = 0
            return found
        counts = gc.get_count()
        if counts[1] > self._thresholds[1]:
            if counts[2] > self._thresholds[2] and self._oldest_grew():
                found = gc.collect(2)
                self._oldest_at_last_walk = len(gc.get_objects(2))
                return found
            return gc.collect(1)
        if counts[0] > self._thresholds[0]:
            return gc.collect(0)
        return 0

    def _oldest_grew(self) -> bool:
        grown = len(gc.get_objects(2)) - self._oldest_at_last_walk
        return grown > OLDEST_GROWTH * max(self._oldest_at_last_walk, self._thresholds[0])
