"""The one state machine of a scan, Angry IP Scanner's: idle, starting, scanning,
stopping, finished. The scheduler moves through it; whoever shows a scan (the window,
the command line's progress) observes the moves instead of keeping a state of its own.

Pausing is not a state: a paused scan is still scanning (``Scan.paused`` says so).
"""

from __future__ import annotations

import enum
from collections.abc import Callable


class ScanState(enum.Enum):
    """Angry IP Scanner's scan state machine."""

    IDLE = "idle"
    STARTING = "starting"  # resolving names, planning the work
    SCANNING = "scanning"
    STOPPING = "stopping"  # cancelled: the probes in flight are being dropped
    FINISHED = "finished"


TRANSITIONS: dict[ScanState, frozenset[ScanState]] = {
    ScanState.IDLE: frozenset({ScanState.STARTING}),
    ScanState.STARTING: frozenset({ScanState.SCANNING, ScanState.STOPPING, ScanState.FINISHED}),
    ScanState.SCANNING: frozenset({ScanState.STOPPING, ScanState.FINISHED}),
    ScanState.STOPPING: frozenset({ScanState.FINISHED}),
    ScanState.FINISHED: frozenset(),
}
"""Every move the scheduler may make; STARTING goes straight to FINISHED when there is
nothing to scan or the start fails."""

StateObserver = Callable[[ScanState, ScanState], None]
"""Called as ``observer(old, new)`` on the scan's own loop, after each move."""


class ScanStateMachine:
    """The current state, the moves allowed from it, and who is told of each move."""

    __slots__ = ("_observers", "state")

    def __init__(self) -> None:
        self.state = ScanState.IDLE
        self._observers: list[StateObserver] = []

    def observe(self, observer: StateObserver) -> None:
        self._observers.append(observer)

    def move(self, new: ScanState) -> None:
        """Move to ``new``; a move the table does not allow is a bug in the scheduler."""
        old = self.state
        if new not in TRANSITIONS[old]:
            raise RuntimeError(f"a scan cannot go from {old.value} to {new.value}")
        self.state = new
        for observer in self._observers:
            observer(old, new)
