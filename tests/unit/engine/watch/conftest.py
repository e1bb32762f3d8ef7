"""Fixtures of the watch tests: a history, a state file and a store in tmp paths, and a
runner over them that keeps its log lines."""

import datetime as dt

import pytest

from portwindow.engine.audit.history import History
from portwindow.engine.watch.runner import WatchRunner
from portwindow.engine.watch.store import WatchState, WatchStore


class Today:
    """A date the test moves (waivers are judged by it)."""

    def __init__(self, date: dt.date) -> None:
        self.date = date

    def __call__(self) -> dt.date:
        return self.date


@pytest.fixture
def history(tmp_path):
    opened = History(tmp_path / "history.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def state(tmp_path):
    return WatchState(tmp_path / "state.json")


@pytest.fixture
def store(tmp_path):
    return WatchStore(tmp_path / "watches.toml")


@pytest.fixture
def today():
    return Today(dt.date(2026, 12, 3))


@pytest.fixture
def runner(history, state, today):
    lines: list[str] = []
    made = WatchRunner(history, state, log=lines.append, today=today, prefer_uvloop=False)
    made.lines = lines
    return made
