"""The words of a scan's status line: counts per state, the time left, how it ended, and
what the expected-doors audit found. The window's status bar shows them."""

from __future__ import annotations

from collections.abc import Mapping

from portwindow.engine.audit.expected import Audit, Finding
from portwindow.engine.core.model import PortState, Progress, ScanSummary

__all__ = [
    "COUNTED_STATES",
    "audit_text",
    "counted_states",
    "format_eta",
    "progress_counts",
    "summary_text",
]

#: The states a status line counts, in this order; open|filtered only when there are any.
COUNTED_STATES: tuple[tuple[PortState, str], ...] = (
    (PortState.OPEN, "open"),
    (PortState.CLOSED, "closed"),
    (PortState.FILTERED, "filtered"),
    (PortState.OPEN_FILTERED, "open|filtered"),
)


def format_eta(seconds: float | None) -> str:
    """``1:05`` or ``2:03:04``; a dash while no rate is known."""
    if seconds is None:
        return "–"
    seconds = int(seconds + 0.5)
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def progress_counts(progress: Progress) -> dict[PortState, int]:
    return {
        PortState.OPEN: progress.open,
        PortState.CLOSED: progress.closed,
        PortState.FILTERED: progress.filtered,
        PortState.OPEN_FILTERED: progress.open_filtered,
    }


def counted_states(counts: Mapping[PortState, int]) -> list[tuple[PortState, int, str]]:
    """(state, count, word) of the states a status line shows."""
    return [
        (state, counts.get(state, 0), word)
        for state, word in COUNTED_STATES
        if counts.get(state, 0) or state is not PortState.OPEN_FILTERED
    ]


def summary_text(summary: ScanSummary) -> str:
    """``Finished: 3 of 3 ports in 0.12 s; 1 open, 2 closed, 0 filtered`` and the hosts
    that could not be scanned."""
    p = summary.progress
    verb = "Stopped" if summary.partial else "Finished"
    states = ", ".join(f"{n:,} {word}" for _, n, word in counted_states(progress_counts(p)))
    text = f"{verb}: {p.done:,} of {p.total:,} ports in {p.elapsed:.2f} s; {states}"
    for error in summary.host_errors:
        text += f"; {error.host}: {error.message}"
    return text


def audit_text(result: Audit) -> str:
    """``2 unexpected, 1 missing`` (and the other findings when there are any)."""
    parts = [f"{len(result.unexpected)} unexpected", f"{len(result.missing)} missing"]
    for finding in (Finding.UNCONFIRMED, Finding.NOT_CHECKED):
        if count := result.count(finding):  # a run of doors not probed counts each
            parts.append(f"{count} {finding.value}")
    return ", ".join(parts)
