"""Alerts: one per door that changed since a watch's last run (opened, closed), or that
became a finding (unexpected, missing; a waiver that expired makes its door one again),
each said in one sentence, and delivered to a log line, a hook command and a URL.

A door that opened and is unexpected is one alert, not two. The hook command runs
without a shell, its argv as given, the alert as JSON on stdin, for at most
:data:`HOOK_SECONDS`; the URL hook is POSTed the same JSON with the same bound. A hook
that fails is said (a line in the log), never a failure of the run.
"""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from portwindow.engine.audit.diff import Change, DoorChange
from portwindow.engine.audit.expected import Audit, Finding

HOOK_SECONDS = 10.0
MAX_ALERTS = 100  # per run: the rest are told as one more alert that counts them
_OUTPUT = 2000  # characters of a hook's error output kept for the log


@dataclass(frozen=True, slots=True)
class Alert:
    """One change of one door, seen by one run of a watch."""

    watch: str
    host: str
    address: str
    protocol: str
    port: int
    kinds: tuple[str, ...]  # "opened", "closed", "unexpected", "missing", "more"
    before: str | None
    after: str | None
    scan_id: int | None
    previous_id: int | None
    sentence: str

    def as_json(self) -> dict:
        return {
            "watch": self.watch,
            "host": self.host,
            "address": self.address,
            "door": f"{self.port}/{self.protocol}",
            "changes": list(self.kinds),
            "before": self.before,
            "after": self.after,
            "scan": self.scan_id,
            "previous_scan": self.previous_id,
            "text": self.sentence,
        }


def finding_keys(audit: Audit | None) -> set[str]:
    """The findings an alert is raised for once: unexpected and missing doors."""
    if audit is None:
        return set()
    return {
        f"{item.finding.value} {item.address} {item.protocol.value} {item.port}"
        for item in audit.items
        if item.finding in (Finding.UNEXPECTED, Finding.MISSING)
    }


def alerts_for(
    watch: str,
    changes: Iterable[DoorChange],
    audit: Audit | None,
    alerted: set[str],
    *,
    scan_id: int | None,
    previous_id: int | None,
) -> list[Alert]:
    """The alerts of a run: a door opened or closed since the previous run, or a finding
    not among ``alerted`` (the findings the previous run already alerted on)."""
    doors: dict[tuple[str, str, int], dict] = {}

    def entry(host: str, address: str, protocol: str, port: int) -> dict:
        return doors.setdefault(
            (address, protocol, port),
            {"host": host, "kinds": [], "before": None, "after": None},
        )

    for change in changes:
        if change.change in (Change.OPENED, Change.CLOSED):
            found = entry(change.host, change.address, change.protocol.value, change.port)
            found["kinds"].append(change.change.value)
            found["before"] = change.before.value if change.before else None
            found["after"] = change.after.value if change.after else None
    for item in audit.items if audit is not None else ():
        key = f"{item.finding.value} {item.address} {item.protocol.value} {item.port}"
        if item.finding in (Finding.UNEXPECTED, Finding.MISSING) and key not in alerted:
            found = entry(item.host, item.address, item.protocol.value, item.port)
            found["kinds"].append(item.finding.value)
            found["after"] = found["after"] or (item.state.value if item.state else None)
    alerts = [
        Alert(
            watch,
            found["host"],
            address,
            protocol,
            port,
            tuple(found["kinds"]),
            found["before"],
            found["after"],
            scan_id,
            previous_id,
            sentence(watch, found["host"], address, f"{port}/{protocol}", found),
        )
        for (address, protocol, port), found in sorted(doors.items())
    ]
    if len(alerts) > MAX_ALERTS:
        rest = len(alerts) - MAX_ALERTS + 1
        more = f"Watch {watch}: {rest:,} more doors changed (portwindow watch run shows them all)."
        alerts = alerts[: MAX_ALERTS - 1]
        alerts.append(
            Alert(watch, "", "", "", 0, ("more",), None, None, scan_id, previous_id, more)
        )
    return alerts


def sentence(watch: str, host: str, address: str, door: str, found: dict) -> str:
    """``Watch web: 8080/tcp on 127.0.0.1 opened since the last run (closed before), and
    no rule expects it.``"""
    where = address if host in ("", address) else f"{host} ({address})"
    kinds = found["kinds"]
    parts = []
    if "opened" in kinds:
        parts.append(f"opened since the last run ({found['before'] or 'not probed'} before)")
    if "closed" in kinds:
        parts.append(f"is no longer open ({found['after'] or 'not probed'} now)")
    if "unexpected" in kinds:
        parts.append("no rule expects it open" if parts else "is open and no rule expects it")
    if "missing" in kinds:
        parts.append(
            "it is expected open"
            if parts
            else f"is expected open but {found['after'] or 'not open'}"
        )
    return f"Watch {watch}: {door} on {where} " + ", and ".join(parts) + "."


Log = Callable[[str], None]


def run_hook_command(
    argv: tuple[str, ...], alert: Alert, log: Log, seconds: float = HOOK_SECONDS
) -> bool:
    """Run the hook with the alert's JSON on stdin (no shell, at most ``seconds``)."""
    try:
        done = subprocess.run(
            list(argv),
            input=json.dumps(alert.as_json()).encode(),
            capture_output=True,
            timeout=seconds,
            check=False,
        )
    except subprocess.TimeoutExpired:
        log(f"watch {alert.watch}: the hook command {argv[0]} ran over {seconds:g} s, stopped")
        return False
    except OSError as exc:
        log(f"watch {alert.watch}: the hook command {argv[0]} could not run: {exc.strerror or exc}")
        return False
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace")[:_OUTPUT].strip().splitlines()
        log(
            f"watch {alert.watch}: the hook command {argv[0]} exited {done.returncode}"
            + (f": {said[0]}" if said else "")
        )
        return False
    return True


def post_hook(url: str, alert: Alert, log: Log) -> bool:
    """POST the alert's JSON to ``url`` (bounded time); a status >= 400 is a failure."""
    request = urllib.request.Request(
        url,
        data=json.dumps(alert.as_json()).encode(),
        headers={"Content-Type": "application/json", "User-Agent": "portwindow-watch"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=HOOK_SECONDS) as answer:
            answer.read(_OUTPUT)
    except urllib.error.HTTPError as exc:
        log(f"watch {alert.watch}: the hook URL answered {exc.code} {exc.reason}")
        return False
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        log(f"watch {alert.watch}: the hook URL could not be reached: {reason}")
        return False
    return True


def deliver(
    alerts: Iterable[Alert],
    log: Log,
    *,
    command: tuple[str, ...] = (),
    url: str | None = None,
) -> int:
    """Log every alert, and hand it to the hooks; how many hook calls failed."""
    failed = 0
    for alert in alerts:
        log(time.strftime("%Y-%m-%dT%H:%M:%S ") + alert.sentence)
        if command and not run_hook_command(command, alert, log):
            failed += 1
        if url and not post_hook(url, alert, log):
            failed += 1
    return failed
