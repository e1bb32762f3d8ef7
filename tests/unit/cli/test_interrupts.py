"""Signals to a real `portwindow scan` process in the test's network namespace: it scans a
listener the test owns and ports whose SYNs are dropped (so it lasts until stopped).
SIGTERM and SIGHUP act as Ctrl-C does; a signal during the save waits for it, the next
one aborts it."""

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from portwindow.cli import commands
from portwindow.engine.audit.history import History
from portwindow.engine.core.model import PortState
from portwindow.engine.reports.readers import load_report
from tests.support.cli_process import portwindow_process
from tests.support.damaged import save_scans
from tests.support.filtered import dropped_ports, wait_for_syn_sent, why_no_filtering
from tests.support.listeners import listeners

pytestmark = pytest.mark.skipif(why_no_filtering() is not None, reason=str(why_no_filtering()))


@dataclass
class Running:
    child: subprocess.Popen
    open_port: int
    report: Path
    history: Path

    def send(self, sig: int) -> None:
        self.child.send_signal(sig)

    def finish(self) -> tuple[int, str, str]:
        out, err = self.child.communicate(timeout=60)
        return self.child.returncode, out, err


@contextmanager
def scan_that_lasts(tmp_path: Path) -> Iterator[Running]:
    """A scan waiting on dropped ports (10 s each, three tries) once this yields."""
    with listeners(1) as (open_port,), dropped_ports(4) as dropped:
        report, history = tmp_path / "partial.csv", tmp_path / "h.sqlite3"
        ports = ",".join(map(str, [open_port, *dropped]))
        argv = ["scan", "127.0.0.1", "-p", ports, "--timeout", "10", "--retries", "2"]
        argv += ["--no-banners", "--csv", str(report), "--history", str(history)]
        child = portwindow_process(*argv)
        try:
            assert wait_for_syn_sent(dropped), "the scan never started"
            yield Running(child, open_port, report, history)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()


def assert_partial_report_and_one_saved_scan(running: Running, scans_before: int = 0) -> None:
    rows = {r.port: r.state for r in load_report(running.report).results}
    assert rows[running.open_port] is PortState.OPEN
    with History(running.history) as history:
        scans = history.scans()
        assert len(scans) == scans_before + 1
        newest = scans[0]
        assert newest.partial
        assert newest.open == 1
        assert {r.port for r in history.results(newest.id)} == set(rows)


def wait_for(path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.01)


@pytest.mark.parametrize(
    ("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_sigterm_and_sighup_act_as_ctrl_c_partial_report_saved_exit_code(tmp_path, sig, code):
    """SIGTERM mid-scan exited -15, with no partial report and nothing saved."""
    with scan_that_lasts(tmp_path) as running:
        running.send(sig)
        returncode, out, err = running.finish()
    assert returncode == code, err
    assert "Traceback" not in err
    assert "partial" in out
    assert_partial_report_and_one_saved_scan(running)


def test_two_ctrl_c_50_ms_apart_lose_neither_report_nor_history(tmp_path):
    with scan_that_lasts(tmp_path) as running:
        running.send(signal.SIGINT)
        time.sleep(0.05)
        running.send(signal.SIGINT)
        returncode, _out, err = running.finish()
    assert returncode == 130, err
    assert "Traceback" not in err
    assert_partial_report_and_one_saved_scan(running)


@contextmanager
def history_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program's write lock on the history, for as long as the test keeps it."""
    save_scans(path, 1)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        yield holder
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def stop_during_the_save(tmp_path: Path, *during: int) -> tuple[Running, int, str]:
    """Ctrl-C a scan, then send ``during`` while its save waits for another program's
    lock; release the lock; return how the scan ended."""
    with scan_that_lasts(tmp_path) as running, history_held(running.history) as holder:
        running.send(signal.SIGINT)
        wait_for(running.report)  # written: the save (held up by the lock) comes next
        for sig in during:
            running.send(sig)
        time.sleep(0.3)
        holder.execute("ROLLBACK")
        returncode, _out, err = running.finish()
    assert "Traceback" not in err
    return running, returncode, err


def test_a_second_ctrl_c_during_the_save_waits_for_the_save(tmp_path):
    running, returncode, err = stop_during_the_save(tmp_path, signal.SIGINT)
    assert returncode == 130, err
    assert "saving the scan first" in err
    assert_partial_report_and_one_saved_scan(running, scans_before=1)


def test_a_third_signal_during_the_save_aborts_it_and_the_history_stays_whole(tmp_path):
    """SIGINT and SIGTERM: two different signals, so neither merges into the other."""
    running, returncode, err = stop_during_the_save(tmp_path, signal.SIGINT, signal.SIGTERM)
    assert returncode == 130, err
    assert "the scan was not saved" in err
    with History(running.history) as history:
        assert len(history.scans()) == 1  # the one saved before; none half-written
    check = sqlite3.connect(running.history).execute("PRAGMA integrity_check").fetchone()
    assert check == ("ok",)


def test_a_signal_as_the_scan_starts_stops_it_at_once(tmp_path, monkeypatch, capsys):
    """Before the scan's loop runs, a signal could only wait: the whole scan then ran."""

    real_run = commands.loops.run

    def signalled_first(coro, **kw):
        os.kill(os.getpid(), signal.SIGTERM)  # handled by then: the scan is being set up
        return real_run(coro, **kw)

    monkeypatch.setattr(commands.loops, "run", signalled_first)
    history = tmp_path / "h.sqlite3"
    with listeners(1) as (open_port,), dropped_ports(2) as dropped:
        ports = ",".join(map(str, [open_port, *dropped]))
        argv = ["scan", "127.0.0.1", "-p", ports, "--timeout", "10", "--no-banners"]
        code = commands.main([*argv, "--history", str(history)])
    _out, err = capsys.readouterr()
    assert code == 143, err
    with History(history) as saved:
        (record,) = saved.scans()
        assert record.partial
        assert record.done < 3
