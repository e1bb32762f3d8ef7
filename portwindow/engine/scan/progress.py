"""A scan's counts and clock, and the estimates drawn from them.

:class:`Stopwatch` is a scan's elapsed time on the scan's clock, pauses left out.
:func:`rate_eta` is the estimate a lane without pacing (TCP) gives: what is left at the
rate so far. A paced lane (UDP) estimates from its pace instead (``udp_pace.udp_eta``);
a scan with both ends when the later of its lanes does.
"""

from __future__ import annotations

from collections.abc import Mapping

from portwindow.engine.core.model import PortState, Progress


class Stopwatch:
    """Seconds since ``start``, less the time spent paused."""

    __slots__ = ("_paused_at", "_paused_total", "_started")

    def __init__(self) -> None:
        self._started: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def start(self, now: float) -> None:
        self._started = now
        if self._paused_at is not None:  # paused before it started: paused from the start
            self._paused_at = now

    def pause(self, now: float) -> None:
        if self._paused_at is None:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is not None:
            if self._started is not None:
                self._paused_total += now - self._paused_at
            self._paused_at = None

    def elapsed(self, now: float) -> float:
        if self._started is None:
            return 0.0
        if self._paused_at is not None:
            now = self._paused_at
        return max(0.0, now - self._started - self._paused_total)


def rate_eta(done: int, total: int, elapsed: float) -> float | None:
    """Seconds left at the rate so far: 0 when all is done, None before a first result."""
    if done >= total:
        return 0.0
    return (total - done) * elapsed / done if done else None


def snapshot(
    counts: Mapping[PortState, int], done: int, total: int, elapsed: float, eta: float | None
) -> Progress:
    return Progress(
        done=done,
        total=total,
        elapsed=elapsed,
        rate=done / elapsed if elapsed > 0 else 0.0,
        eta=eta,
        open=counts[PortState.OPEN],
        closed=counts[PortState.CLOSED],
        filtered=counts[PortState.FILTERED],
        open_filtered=counts[PortState.OPEN_FILTERED],
    )
