"""Which watches are due, and running them, on a clock given to it (tests give a fake
one; the window ticks it from a timer; headless, systemd or cron starts ``watch run``).

A watch's next run is reckoned from its last run as the state file keeps it, so a
restarted window neither runs every watch at once again nor forgets one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from portwindow.engine.watch.model import Watch
from portwindow.engine.watch.store import WatchState

MAX_RUNS_PER_TICK = 100


@dataclass(frozen=True, slots=True)
class Due:
    watch: Watch
    last_run: float | None
    next_run: float


class Scheduler:
    """``watches`` gives the watches as they are now (the file may change between ticks);
    ``run`` runs one (and records it in ``state``)."""

    def __init__(
        self,
        watches: Callable[[], Iterable[Watch]],
        state: WatchState,
        run: Callable[[Watch], object],
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.watches = watches
        self.state = state
        self.run = run
        self.clock = clock
        #: when each watch last ran in this process, whatever its state file says
        self._ran: dict[str, float] = {}
        self._seen: dict[str, float] = {}  # when a watch never run was first planned

    def plan(self) -> list[Due]:
        """Every watch with its last and next run, soonest first."""
        now = self.clock()
        planned = []
        for watch in self.watches():
            last = self.state.last(watch.name)
            last_at = self._ran.get(watch.name, last.finished_at if last is not None else None)
            if last_at is not None:
                next_run = watch.schedule.next_after(last_at)
            else:  # never run: every N minutes at once, at times from the first time seen
                seen = self._seen.setdefault(watch.name, now)
                next_run = seen if watch.schedule.every else watch.schedule.next_after(seen)
            planned.append(Due(watch, last_at, next_run))
        planned.sort(key=lambda due: (due.next_run, due.watch.name))
        return planned

    def due(self) -> list[Watch]:
        now = self.clock()
        return [due.watch for due in self.plan() if due.next_run <= now]

    def tick(self) -> list[object]:
        """Run every watch that is due, once each; what each run returned."""
        done = []
        for watch in self.due()[:MAX_RUNS_PER_TICK]:
            self._ran[watch.name] = self.clock()
            done.append(self.run(watch))
        return done
