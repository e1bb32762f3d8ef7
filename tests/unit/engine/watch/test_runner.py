"""A watch's run: a scan saved in the history, what changed since its previous run, the
audit with waivers, one alert per change, delivered to a command hook and a URL hook
(a server this test starts on loopback in its own network namespace)."""

import datetime as dt
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from portwindow.engine.watch.model import Schedule, Watch
from tests.support.listeners import free_ports, listeners


class Hooks:
    """A URL hook server on loopback, and a command hook that appends stdin to a file."""

    def __init__(self, tmp_path):
        self.posts: list[dict] = []
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                hooks.posts.append(json.loads(self.rfile.read(length)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/alert"
        self.file = tmp_path / "command-hook.jsonl"
        script = "import sys; open(sys.argv[1], 'a').write(sys.stdin.read() + '\\n')"
        self.command = (sys.executable, "-c", script, str(self.file))

    def commanded(self) -> list[dict]:
        if not self.file.exists():
            return []
        return [json.loads(line) for line in self.file.read_text().splitlines() if line]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hooks(tmp_path):
    made = Hooks(tmp_path)
    yield made
    made.close()


def watch_of(ports, expected=None, hooks=None):
    return Watch(
        "web",
        "127.0.0.1",
        Schedule(every=15),
        ports=",".join(map(str, ports)),
        expected=str(expected) if expected else None,
        banners=False,
        timeout=1.0,
        hook_command=hooks.command if hooks else (),
        hook_url=hooks.url if hooks else None,
    ).checked()


def test_a_door_that_opens_raises_exactly_one_alert_on_each_hook(runner, hooks, tmp_path):
    (later,) = free_ports(1)
    with listeners(1) as (steady,):
        expected = tmp_path / "doors.toml"
        expected.write_text(f'[expected]\n"127.0.0.1" = ["{steady}/tcp"]\n')
        watch = watch_of([steady, later], expected, hooks)
        first = runner.run(watch)
        assert first.alerts == ()
        assert first.status == "ok"
        assert first.previous_id is None
        with listeners(1, ports=[later]):
            second = runner.run(watch)
        third = runner.run(watch)  # it closed again
    assert second.previous_id == first.scan_id
    assert [a.kinds for a in second.alerts] == [("opened", "unexpected")]
    (alert,) = second.alerts
    assert alert.sentence == (
        f"Watch web: {later}/tcp on 127.0.0.1 opened since the last run (closed before), "
        "and no rule expects it open."
    )
    assert second.failed
    assert second.status == "findings"
    assert [a.kinds for a in third.alerts] == [("closed",)]
    assert not third.failed
    assert third.status == "changed"
    sent = [post["text"] for post in hooks.posts]
    assert sent == [alert.sentence, third.alerts[0].sentence]
    assert [c["text"] for c in hooks.commanded()] == sent
    assert hooks.posts[0]["door"] == f"{later}/tcp"
    assert hooks.posts[0]["scan"] == second.scan_id
    assert sum(alert.sentence in line for line in runner.lines) == 1


def test_a_finding_that_stays_alerts_once(runner, tmp_path):
    with listeners(1) as (surprise,):
        expected = tmp_path / "doors.toml"
        expected.write_text('[expected]\n"127.0.0.1" = []\n')
        watch = watch_of([surprise], expected)
        first = runner.run(watch)
        second = runner.run(watch)
    assert [a.kinds for a in first.alerts] == [("unexpected",)]
    assert first.alerts[0].sentence == (
        f"Watch web: {surprise}/tcp on 127.0.0.1 is open and no rule expects it."
    )
    assert second.alerts == ()
    assert second.failed


def test_a_waiver_holds_until_its_expiry_then_the_finding_returns(runner, today, tmp_path):
    with listeners(1) as (surprise,):
        expected = tmp_path / "doors.toml"
        expected.write_text(
            '[expected]\n"127.0.0.1" = []\n\n[[waived]]\ntarget = "127.0.0.1"\n'
            f'doors = ["{surprise}/tcp"]\nreason = "the migration"\nowner = "ana"\n'
            "expires = 2026-12-05\n"
        )
        watch = watch_of([surprise], expected)
        waived = runner.run(watch)
        today.date = dt.date(2026, 12, 5)  # the last day it holds
        still = runner.run(watch)
        today.date = dt.date(2026, 12, 6)
        expired = runner.run(watch)
    assert waived.alerts == ()
    assert not waived.failed
    assert [w.item.port for w in waived.audit.waived] == [surprise]
    assert waived.audit.waived[0].waiver.owner == "ana"
    assert still.alerts == ()
    assert not still.failed
    assert expired.failed
    assert [a.kinds for a in expired.alerts] == [("unexpected",)]


def test_each_run_is_a_scan_in_the_history_with_the_watch_name(runner, history, state):
    with listeners(1) as (port,):
        first = runner.run(watch_of([port]))
        run = runner.run(watch_of([port]))
    assert first.sentence() == "Watch web: first run."
    assert run.sentence() == "Watch web: nothing changed."
    record = history.scan(run.scan_id)
    assert record.settings["watch"] == "web"
    assert record.settings["source"] == "watch"
    assert record.open == 1
    assert state.last("web").scan_id == run.scan_id


def test_a_hook_that_fails_is_logged_not_raised(runner, tmp_path):
    with listeners(1) as (port,):
        expected = tmp_path / "doors.toml"
        expected.write_text('[expected]\n"127.0.0.1" = []\n')
        watch = watch_of([port], expected)
        failing = Watch(
            **{**watch_fields(watch), "hook_command": (sys.executable, "-c", "exit(4)")}
        )
        run = runner.run(failing)
    assert run.hook_failures == 1
    assert any("exited 4" in line for line in runner.lines)


def watch_fields(watch):
    return {name: getattr(watch, name) for name in watch.__dataclass_fields__}
