"""Garbage collection on the Qt thread only (qutebrowser's pattern).

Python's cyclic collector runs in whichever thread happens to allocate when a threshold
is crossed. The engine allocates a lot in its worker thread, so a collection there would
destroy unreachable Qt objects from the wrong thread ("Timers cannot be stopped from
another thread", and crashes). The guard turns automatic collection off and collects
from a timer on the Qt thread, one generation at a time, as thresholds are reached.
"""

from __future__ import annotations

import gc

from .qt import QtCore

INTERVAL_MS = 500


class MainThreadGarbageCollector(QtCore.QObject):
    def __init__(self, parent: QtCore.QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> int:
        """Collect the oldest generation whose threshold is reached; return how many objects
        were found unreachable."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0
