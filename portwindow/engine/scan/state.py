"""The one state machine of a scan, Angry IP Scanner's: idle, starting, scanning,
stopping, finished. The scheduler moves through it; the window shows it."""

from __future__ import annotations

import enum


class ScanState(enum.Enum):
    """Angry IP Scanner's scan state machine."""

    IDLE = "idle"
    STARTING = "starting"
    SCANNING = "scanning"
    STOPPING = "stopping"
    FINISHED = "finished"
