"""Watches in their TOML file, checked as they are read; the state file."""

import stat

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.watch.model import Schedule, Watch
from portwindow.engine.watch.store import LastRun


def test_watches_round_trip_through_a_private_toml_file(store):
    watch = Watch(
        "web",
        "127.0.0.1 db.example",
        Schedule(every=30),
        ports="22,443",
        expected="/srv/doors.toml",
        hook_command=("notify-send", 'say "it"'),
        hook_url="http://127.0.0.1:9/x",
    )
    store.put(watch)
    store.put(Watch("nightly", "127.0.0.1", Schedule(at=("23:00", "01:30"))))
    loaded = store.load()
    assert loaded["web"] == watch
    assert loaded["nightly"].schedule.at == ("01:30", "23:00")
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert store.remove("web")
    assert list(store.load()) == ["nightly"]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ('[watch.web]\nports = "22"\nevery = 5\n', "needs targets"),
        ('[watch.web]\ntargets = "127.0.0.1"\n', "give a schedule"),
        ('[watch.web]\ntargets = "127.0.0.1"\nevery = 0\n', "out of range"),
        ('[watch.web]\ntargets = "127.0.0.1"\nat = ["25:00"]\n', "25:00"),
        ('[watch.web]\ntargets = "127.0.0.1"\nevery = 5\nports = "99999"\n', "99999"),
        ('[watch.web]\ntargets = "127.0.0.1"\nevery = 5\nhook_url = "file:///etc"\n', "hook URL"),
        ('[watch."Bad Name"]\ntargets = "127.0.0.1"\nevery = 5\n', "Bad Name"),
        ("[watch.web\n", "not valid TOML"),
    ],
)
def test_a_bad_watch_file_is_one_line_naming_the_bad_part(store, text, named):
    store.path.write_text(text)
    with pytest.raises(InputError, match=r"watches\.toml") as caught:
        store.load()
    assert named in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_state_file_keeps_the_last_run_and_survives_damage(state):
    assert state.last("web") is None
    state.set("web", LastRun(1.5, 7, "changed", "Watch web: x.", 6, ("unexpected a tcp 1",)))
    assert state.last("web") == LastRun(
        1.5, 7, "changed", "Watch web: x.", 6, ("unexpected a tcp 1",)
    )
    state.path.write_text("{not json")
    assert state.last("web") is None
