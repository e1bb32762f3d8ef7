"""Comparing two scans: which doors opened, which closed, which changed state.

Results are matched by (address, protocol, port); when a scan has several results for a
port (a banner learnt later) the last one counts. The window shows the changes as doors and
as a table; the CLI's ``portwindow diff`` prints them; both can export them as CSV.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.reports.atomic import write_text_atomically
from portwindow.engine.reports.rows import safe_cell


class Change(enum.Enum):
    OPENED = "opened"  # not open before, open now: the one an admin looks at first
    CLOSED = "closed"  # open before, not open now
    CHANGED = "changed"  # another change of state (closed -> filtered, ...)
    # Not made any more: a door, not open, that one scan did not probe is not compared
    # (ScanDiff.only_before, only_after); kept for the words of saved CSV files.
    APPEARED = "appeared"
    VANISHED = "vanished"
    # open in one scan, not listed by the other, whose format lists only some states
    # (masscan, naabu, ZMap: open doors only): not reported, which says nothing of closed
    UNREPORTED = "not reported"


@dataclass(frozen=True, slots=True)
class DoorChange:
    """How one door of one host changed; a state is None where that scan did not probe."""

    change: Change
    host: str
    address: str
    protocol: Protocol
    port: int
    before: PortState | None
    after: PortState | None


@dataclass(frozen=True, slots=True)
class ScanDiff:
    """Every door that changed between two scans, and how many did not."""

    changes: tuple[DoorChange, ...]
    unchanged: int
    #: Doors one scan saw in a state the other's format does not list (closed, filtered
    #: against a masscan sweep): not changes, and not counted as unchanged either.
    unreported: int = 0
    #: Doors, not open, that only the older (newer) scan probed: the scans covered
    #: different ports, and a closed door one of them did not look at is no change.
    only_before: int = 0
    only_after: int = 0

    def of(self, change: Change) -> tuple[DoorChange, ...]:
        return tuple(c for c in self.changes if c.change is change)

    def summary(self) -> str:
        shown = [c for c in Change if c not in _UNMADE or self.of(c)]
        counts = ", ".join(f"{len(self.of(c)):,} {c.value}" for c in shown)
        text = f"{counts}; {self.unchanged:,} unchanged"
        if self.unreported:
            text += f"; {self.unreported:,} more not reported by one side's format"
        if note := self.coverage_note():
            text += f"; {note}"
        return text

    def coverage_note(self) -> str:
        """``the scans covered different ports: 64,535 doors only the newer scan probed
        were not compared``; "" when they covered the same."""
        parts = []
        if self.only_after:
            parts.append(f"{self.only_after:,} doors only the newer scan probed")
        if self.only_before:
            parts.append(f"{self.only_before:,} doors only the older scan probed")
        if not parts:
            return ""
        return f"the scans covered different ports: {' and '.join(parts)} were not compared"


_UNMADE = (Change.APPEARED, Change.VANISHED)  # counted only when a ScanDiff has them


def _latest(results: Iterable[PortResult]) -> dict[tuple[str, Protocol, int], PortResult]:
    latest = {}
    for result in results:
        latest[(result.address, result.protocol, result.port)] = result
    return latest


@dataclass(frozen=True, slots=True)
class Coverage:
    """What a side of a diff would have listed: doors in ``states`` (None: every state)
    among ``ports`` (None: any door). A door a side would not have listed and did not is
    not reported, never opened or closed: masscan lists open doors only, nmap -sT no
    UDP door."""

    states: frozenset[PortState] | None = None
    ports: Mapping[Protocol, Collection[int]] | None = None

    def complete_for(self, protocol: Protocol, port: int) -> bool:
        if self.states is not None:
            return False
        return self.ports is None or port in self.ports.get(protocol, ())


def diff(
    before: Iterable[PortResult],
    after: Iterable[PortResult],
    *,
    before_covers: Coverage | None = None,
    after_covers: Coverage | None = None,
) -> ScanDiff:
    """The changes from ``before`` to ``after``; ``*_covers`` say what each side would
    have listed (None: every door, as portwindow's own scans)."""
    old, new = _latest(before), _latest(after)
    changes: list[DoorChange] = []
    unchanged = unreported = only_before = only_after = 0
    for key in old.keys() | new.keys():
        a, b = old.get(key), new.get(key)
        address, protocol, port = key
        host = (b or a).host
        partial = (
            a is None
            and before_covers is not None
            and not before_covers.complete_for(protocol, port)
        ) or (
            b is None and after_covers is not None and not after_covers.complete_for(protocol, port)
        )
        if partial:
            if (a or b).state is not PortState.OPEN:
                unreported += 1
                continue
            kind = Change.UNREPORTED
        elif a is None:
            if b.state is not PortState.OPEN:
                only_after += 1
                continue
            kind = Change.OPENED  # open now, not looked at before: the admin's first look
        elif b is None:
            if a.state is not PortState.OPEN:
                only_before += 1
                continue
            kind = Change.CLOSED  # open before, not open now (as a report says)
        elif a.state is b.state:
            unchanged += 1
            continue
        elif b.state is PortState.OPEN:
            kind = Change.OPENED
        elif a.state is PortState.OPEN:
            kind = Change.CLOSED
        else:
            kind = Change.CHANGED
        changes.append(
            DoorChange(
                kind,
                host,
                address,
                protocol,
                port,
                a.state if a else None,
                b.state if b else None,
            )
        )
    order = list(Change)
    changes.sort(key=lambda c: (order.index(c.change), c.address, c.protocol.value, c.port))
    return ScanDiff(tuple(changes), unchanged, unreported, only_before, only_after)


DIFF_COLUMNS = ("change", "host", "address", "protocol", "port", "before", "after")


def diff_csv(result: ScanDiff) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DIFF_COLUMNS)
    for c in result.changes:
        writer.writerow(
            [
                c.change.value,
                safe_cell(c.host),
                c.address,
                c.protocol.value,
                c.port,
                _state_cell(c.before, c),
                _state_cell(c.after, c),
            ]
        )
    return out.getvalue()


def _state_cell(state: PortState | None, change: DoorChange) -> str:
    if state is not None:
        return state.value
    return Change.UNREPORTED.value if change.change is Change.UNREPORTED else ""


def write_diff_csv(result: ScanDiff, path: Path | str) -> None:
    write_text_atomically(path, diff_csv(result))
