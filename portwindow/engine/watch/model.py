"""A watch: what to scan, how, against which expected doors, and when.

A watch is plain data, checked once when it is made (:meth:`Watch.checked`), so a bad
watch file is one line naming the watch and the bad part, not a failure at run time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from portwindow.engine.core.errors import InputError
from portwindow.engine.input.ports import DEFAULT_PORTS, parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.config import ScanConfig, TimingPreset, parse_timing
from portwindow.engine.session import ScanRequest

NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
_AT = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
MAX_EVERY = 7 * 24 * 60  # minutes: once a week at most rarely
MAX_TIMES = 48


@dataclass(frozen=True, slots=True)
class Schedule:
    """Every ``every`` minutes, or at each of ``at`` (``HH:MM``, local time) every day."""

    every: int | None = None
    at: tuple[str, ...] = ()

    def checked(self) -> Schedule:
        if (self.every is None) == (not self.at):
            raise InputError("give a schedule: every N minutes or at HH:MM times (one of them)")
        if self.every is not None and not 1 <= self.every <= MAX_EVERY:
            raise InputError(f"every {self.every} minutes is out of range 1-{MAX_EVERY}")
        if len(self.at) > MAX_TIMES:
            raise InputError(f"more than {MAX_TIMES} times a day")
        for time in self.at:
            if not _AT.fullmatch(time):
                raise InputError(f'"{time[:20]}" is not a time of day such as 08:30')
        return Schedule(self.every, tuple(sorted(set(self.at))))

    def next_after(self, last: float) -> float:
        """When the run after one at ``last`` is due: N minutes later, or the first of the
        times after it."""
        if self.every is not None:
            return last + self.every * 60
        since = dt.datetime.fromtimestamp(last).astimezone()
        for day in range(2):
            date = since.date() + dt.timedelta(days=day)
            for time in self.at:
                hour, minute = (int(part) for part in time.split(":"))
                moment = dt.datetime.combine(date, dt.time(hour, minute)).astimezone()
                if moment.timestamp() > last:
                    return moment.timestamp()
        raise AssertionError("a day has the times")  # pragma: no cover - two days suffice

    def describe(self) -> str:
        if self.every is not None:
            return f"every {self.every} min"
        return "at " + ", ".join(self.at)


@dataclass(frozen=True, slots=True)
class Watch:
    """A saved scan, run on a schedule; hooks are told of every change."""

    name: str
    targets: str
    schedule: Schedule
    ports: str = DEFAULT_PORTS
    expected: str | None = None  # the expected doors file (TOML or CSV), waivers with them
    timing: str = TimingPreset.NORMAL.value
    timeout: float | None = None
    banners: bool = True
    hook_command: tuple[str, ...] = ()  # argv, run without a shell, the change on stdin
    hook_url: str | None = None  # POSTed the change as JSON
    extra: dict = field(default_factory=dict, compare=False)  # keys a newer version wrote

    def checked(self) -> Watch:
        """This watch, every part checked; InputError names the first bad one."""
        if not NAME.fullmatch(self.name):
            raise InputError(
                f'watch name "{self.name[:40]}": use 1-40 of a-z, 0-9, - and _ '
                "(from a letter or digit)"
            )
        try:
            schedule = self.schedule.checked()
            self.config()
            if self.hook_url is not None:
                parts = urlsplit(self.hook_url)
                if parts.scheme not in ("http", "https") or not parts.hostname:
                    raise InputError(f'hook URL "{self.hook_url[:60]}" is not an http(s) URL')
            if self.hook_command is not None and not all(
                isinstance(a, str) and a for a in self.hook_command
            ):
                raise InputError("the hook command must be a list of non-empty strings")
        except InputError as error:
            raise InputError(f"watch {self.name}: {error}") from None
        return dataclasses.replace(self, schedule=schedule)

    def config(self) -> ScanConfig:
        return ScanConfig.with_timing(
            parse_targets(self.targets),
            parse_ports(self.ports),
            parse_timing(self.timing),
            timeout=self.timeout,
            grab_banners=self.banners,
        )

    def request(self) -> ScanRequest:
        return ScanRequest(self.config(), self.targets, self.ports, source="watch")
