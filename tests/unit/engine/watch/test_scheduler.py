"""The scheduler on a fake clock: a watch runs when it is due, once, and not before."""

import datetime as dt

from portwindow.engine.watch.model import Schedule, Watch
from portwindow.engine.watch.scheduler import Scheduler
from portwindow.engine.watch.store import LastRun

T0 = 1_790_000_000.0


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_every_n_minutes_runs_at_once_then_every_n_minutes(state):
    clock = Clock(T0)
    ran: list[tuple[str, float]] = []
    watches = [
        Watch("a", "127.0.0.1", Schedule(every=15)),
        Watch("b", "127.0.0.1", Schedule(every=60)),
    ]
    scheduler = Scheduler(
        lambda: watches, state, lambda w: ran.append((w.name, clock.now)), clock=clock
    )
    for _ in range(8 * 6):  # four hours, a tick every five minutes
        scheduler.tick()
        clock.now += 300
    assert [t for name, t in ran if name == "a"] == [T0 + 900 * i for i in range(16)]
    assert [t for name, t in ran if name == "b"] == [T0 + 3600 * i for i in range(4)]


def test_the_state_file_keeps_the_schedule_across_restarts(state):
    state.set("a", LastRun(T0, 1, "ok", "nothing changed"))
    watches = [Watch("a", "127.0.0.1", Schedule(every=15))]
    clock = Clock(T0 + 899)
    ran = []
    scheduler = Scheduler(lambda: watches, state, ran.append, clock=clock)
    assert scheduler.tick() == []
    assert scheduler.plan()[0].next_run == T0 + 900
    clock.now = T0 + 900
    assert len(scheduler.tick()) == 1


def test_at_times_run_at_each_time_of_day(state):
    start = dt.datetime(2026, 12, 3, 7, 0).astimezone().timestamp()
    clock = Clock(start)
    ran = []
    watches = [Watch("a", "127.0.0.1", Schedule(at=("18:00", "08:30")).checked())]
    scheduler = Scheduler(lambda: watches, state, lambda w: ran.append(clock.now), clock=clock)
    for _ in range(24 * 4 + 1):  # a day, a tick a quarter hour
        scheduler.tick()
        clock.now += 900
    assert [dt.datetime.fromtimestamp(t).strftime("%d %H:%M") for t in ran] == [
        "03 08:30",
        "03 18:00",
    ]
