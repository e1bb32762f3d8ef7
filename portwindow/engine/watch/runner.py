"""One run of a watch: a normal scan (a :class:`ScanSession`, saved in the history with
the watch's name and its link in the evidence chain), what changed since the watch's
previous run (doors opened and closed), the audit against its expected doors with their
waivers, and the alerts all of that raises (``alerts.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.audit.diff import Change, DoorChange, diff
from portwindow.engine.audit.expected import Audit, load_rules
from portwindow.engine.audit.history import History
from portwindow.engine.audit.waivers import apply_waivers, load_waivers
from portwindow.engine.scan import loops
from portwindow.engine.session import ScanSession
from portwindow.engine.watch import evidence
from portwindow.engine.watch.alerts import Alert, alerts_for, deliver, finding_keys
from portwindow.engine.watch.model import Watch
from portwindow.engine.watch.store import LastRun, WatchState


@dataclass(frozen=True, slots=True)
class WatchRun:
    """What one run of a watch found."""

    watch: str
    scan_id: int
    previous_id: int | None
    finished_at: float
    partial: bool
    changes: tuple[DoorChange, ...]  # opened and closed since the previous run
    audit: Audit | None
    alerts: tuple[Alert, ...]
    sha256: str
    hook_failures: int = 0

    @property
    def failed(self) -> bool:
        """A finding (unexpected or missing door, no waiver): exit code 3."""
        return self.audit is not None and self.audit.failed

    @property
    def status(self) -> str:
        if self.partial:
            return "partial"
        if self.failed:
            return "findings"
        return "changed" if self.changes else "ok"

    def sentence(self) -> str:
        """What changed, in one sentence."""
        if len(self.alerts) == 1:
            return self.alerts[0].sentence
        opened = sum(c.change is Change.OPENED for c in self.changes)
        closed = len(self.changes) - opened
        parts = [f"{opened} door(s) opened"] if opened else []
        parts += [f"{closed} closed"] if closed else []
        new = sum(not {"opened", "closed"} & set(alert.kinds) for alert in self.alerts)
        parts += [f"{new} new finding(s)"] if new else []
        if not parts:
            parts.append("first run" if self.previous_id is None else "nothing changed")
        if self.audit is not None:
            parts.append(self.audit.summary())
        said = "; ".join(parts)
        return f"Watch {self.watch}: {said}."


class WatchRunner:
    """Runs watches against one history and one state file; ``log`` gets every alert
    line and every hook failure; ``today`` is the date waivers are judged by."""

    def __init__(
        self,
        history: History,
        state: WatchState,
        *,
        log: Callable[[str], None] | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        prefer_uvloop: bool = True,
    ) -> None:
        self.history = history
        self.state = state
        self.log = log or (lambda line: None)
        self.today = today
        self.prefer_uvloop = prefer_uvloop

    def run(self, watch: Watch) -> WatchRun:
        """Scan (on a loop of its own), save, compare, audit, alert."""
        session = ScanSession(watch.request())
        loops.run(session.run(), prefer_uvloop=self.prefer_uvloop)
        return self.finish(watch, session)

    def finish(self, watch: Watch, session: ScanSession) -> WatchRun:
        """Everything after the scan of ``session`` ended (the window runs it itself)."""
        previous = (evidence.scans_of(self.history, watch.name) or [None])[-1]
        proof = evidence.evidence_of(previous) if previous is not None else None
        link = str(proof.get("sha256", "")) if proof else ""
        number = int(proof.get("number", 0)) + 1 if proof else 1
        audit = self._audit(watch, session)
        record = session.record()
        settings = {**record.settings, "watch": watch.name}
        fields = {**evidence.fields_of(record), "settings": settings}
        sha = evidence.digest(fields, session.results.counts(), session.results, link)
        settings[evidence.EVIDENCE] = {"number": number, "previous": link, "sha256": sha}
        scan_id = self.history.save(dataclasses.replace(record, settings=settings), session.results)
        changes: tuple[DoorChange, ...] = ()
        if previous is not None:
            before = self.history.results(previous.id)
            found = diff(before, session.results)
            changes = tuple(c for c in found.changes if c.change in (Change.OPENED, Change.CLOSED))
        last = self.state.last(watch.name)
        alerted = set(last.findings) if last is not None else set()
        previous_id = previous.id if previous is not None else None
        alerts = alerts_for(
            watch.name, changes, audit, alerted, scan_id=scan_id, previous_id=previous_id
        )
        failures = deliver(alerts, self.log, command=watch.hook_command, url=watch.hook_url)
        run = WatchRun(
            watch.name,
            scan_id,
            previous_id,
            record.finished_at,
            record.partial,
            changes,
            audit,
            tuple(alerts),
            sha,
            failures,
        )
        self.state.set(
            watch.name,
            LastRun(
                record.finished_at,
                scan_id,
                run.status,
                run.sentence(),
                previous_id,
                tuple(sorted(finding_keys(audit))),
                sha,
            ),
        )
        return run

    def _audit(self, watch: Watch, session: ScanSession) -> Audit | None:
        if not watch.expected:
            return None
        path = Path(watch.expected).expanduser()
        audit = session.audit(load_rules(path))
        return apply_waivers(audit, load_waivers(path), self.today())


def log_to_file(path: Path) -> Callable[[str], None]:
    """A log that appends each line to ``path`` (a private file)."""
    from portwindow.engine.core.private import create_private_file, make_private_folder  # noqa: PLC0415

    def log(line: str) -> None:
        make_private_folder(path.parent)
        create_private_file(path)
        with path.open("a", encoding="utf-8") as out:
            out.write(line.replace("\n", " ") + "\n")

    return log
