"""What the command line shows a person: the table of open ports, the summary line and a
progress bar on stderr. Pure text; the CLI decides where it goes."""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from typing import TextIO

from .engine.model import PortResult, Progress, ScanSummary
from .engine.services import default_registry


def format_duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_table(results: Sequence[PortResult]) -> str:
    """Open ports as a table: host, port/protocol, service, description."""
    if not results:
        return "No open ports found.\n"
    registry = default_registry()
    rows = [("HOST", "PORT", "SERVICE", "DESCRIPTION")]
    for r in results:
        info = registry.lookup(r.port, r.protocol)
        host = r.host if r.host == r.address else f"{r.host} ({r.address})"
        rows.append((host, f"{r.port}/{r.protocol.value}", info.name or "-", info.description))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [
        f"{h:<{widths[0]}}  {p:<{widths[1]}}  {s:<{widths[2]}}  {d}".rstrip() for h, p, s, d in rows
    ]
    return "\n".join(lines) + "\n"


def format_summary(summary: ScanSummary) -> str:
    p = summary.progress
    ended = "stopped early (partial results)" if summary.partial else "done"
    return (
        f"{p.done:,} of {p.total:,} ports probed in {format_duration(p.elapsed)} "
        f"({p.rate:,.0f} ports/s), {ended}: "
        f"{p.open:,} open, {p.closed:,} closed, {p.filtered:,} filtered\n"
    )


class ProgressLine:
    """A one-line progress bar, redrawn in place on a terminal at most 10 times a second."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = 0.0
        self._shown = False

    def update(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self._last < 0.1 and progress.done < progress.total:
            return
        self._last = now
        width = max(10, min(40, shutil.get_terminal_size((80, 24)).columns - 60))
        filled = int(width * progress.fraction)
        eta = "--" if progress.eta is None else format_duration(progress.eta)
        line = (
            f"\r[{'#' * filled}{'.' * (width - filled)}] {progress.done:,}/{progress.total:,} "
            f"{progress.rate:,.0f}/s ETA {eta} open {progress.open:,}"
        )
        self._stream.write(line + "\x1b[K")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
