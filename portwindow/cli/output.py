"""What the command line shows a person: the table of open ports, the summary line and a
progress bar on stderr. Pure text; the CLI decides where it goes, and writes every line for
people through :class:`ForPeople`, which escapes what came from outside.

UDP ports that never answered are ``open|filtered`` (a silent service, or a firewall that
drops): the table lists them with the open ones, with a STATE column, and the summary
counts them.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Sequence
from typing import TextIO

from portwindow.engine import (
    PortResult,
    PortState,
    Progress,
    ScanSummary,
    default_registry,
    printable,
)


class ForPeople:
    """A text stream for people over ``stream``: every line written passes through
    :func:`printable`, so no control character, escape sequence or bidi override that a
    server, a file or an argument chose reaches the terminal (only the line breaks)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write("\n".join(map(printable, text.split("\n"))))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


def format_duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.2f} s"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_table(results: Sequence[PortResult]) -> str:
    """Open (and open|filtered) ports as a table: host, port/protocol, service,
    description; with a STATE column when some are not simply open."""
    if not results:
        return "No open ports found.\n"
    registry = default_registry()
    with_state = any(r.state is not PortState.OPEN for r in results)
    header = ("HOST", "PORT", "STATE", "SERVICE") if with_state else ("HOST", "PORT", "SERVICE")
    rows = [(*header, "DESCRIPTION")]
    for r in results:
        info = registry.lookup(r.port, r.protocol)
        host = r.host if r.host == r.address else f"{r.host} ({r.address})"
        state = (r.state.value,) if with_state else ()
        port = f"{r.port}/{r.protocol.value}"
        rows.append((host, port, *state, info.name or "-", info.description))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(
            [*(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=False)), row[-1]]
        ).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def format_summary(summary: ScanSummary, *, udp: bool = False) -> str:
    """One line: how much was probed, how fast, how it ended and what was found; UDP's
    open|filtered count when UDP ports were scanned (or some are open|filtered)."""
    p = summary.progress
    ended = "stopped early (partial results)" if summary.partial else "done"
    counts = f"{p.open:,} open, {p.closed:,} closed, {p.filtered:,} filtered"
    if udp or p.open_filtered:
        counts += f", {p.open_filtered:,} open|filtered"
    return (
        f"{p.done:,} of {p.total:,} ports probed in {format_duration(p.elapsed)} "
        f"({p.rate:,.0f} ports/s), {ended}: {counts}\n"
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
        if progress.open_filtered:
            line += f" open|filtered {progress.open_filtered:,}"
        self._stream.write(line + "\x1b[K")
        self._stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
