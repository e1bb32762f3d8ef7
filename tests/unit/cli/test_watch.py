"""``portwindow watch``: add, list, run (exit 3 on a finding, waivers), install and
uninstall (systemd-analyze verify where it is), verify. Every file is under tmp_path:
HOME, XDG folders and portwindow's own variables point there."""

import json
import shutil
import subprocess
import sys

import pytest

from portwindow.cli.commands import EXIT_AUDIT_FAILED, EXIT_OK, EXIT_USAGE, main
from tests.support.listeners import free_ports, listeners


@pytest.fixture(autouse=True)
def homes(tmp_path, monkeypatch):
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"):
        folder = tmp_path / name.lower()
        folder.mkdir(mode=0o700)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("PORTWINDOW_HISTORY", str(tmp_path / "history.sqlite3"))
    monkeypatch.setenv("PORTWINDOW_WATCHES", str(tmp_path / "watches.toml"))
    monkeypatch.setenv("PORTWINDOW_WATCH_STATE", str(tmp_path / "state" / "watch-state.json"))
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_run_a_watch_that_finds_a_door_opened(capsys, tmp_path):
    (later,) = free_ports(1)
    with listeners(1) as (steady,):
        doors = tmp_path / "doors.toml"
        doors.write_text(f'[expected]\n"127.0.0.1" = ["{steady}/tcp"]\n')
        code, out, _ = run(
            capsys, "watch", "add", "web", "127.0.0.1", "-p", f"{steady},{later}",
            "--every", "15", "--expect-file", str(doors), "--no-banners",
        )  # fmt: skip
        assert code == EXIT_OK
        assert "Saved watch web" in out
        code, out, _ = run(capsys, "watch", "list")
        assert "web  127.0.0.1  every 15 min" in out
        assert "never run" in out
        code, out, _ = run(capsys, "watch", "run", "web")
        assert code == EXIT_OK, out
        with listeners(1, ports=[later]):
            code, out, err = run(capsys, "watch", "run", "web")
    assert code == EXIT_AUDIT_FAILED
    sentence = (
        f"Watch web: {later}/tcp on 127.0.0.1 opened since the last run (closed before), "
        "and no rule expects it open."
    )
    assert out.splitlines()[0] == sentence
    assert sentence in err  # the alert's log line
    log = (tmp_path / "state" / "watch.log").read_text()
    assert log.count(sentence) == 1
    code, out, _ = run(capsys, "watch", "list")
    assert "(findings)" in out
    assert sentence in out


def test_a_waiver_in_the_expected_file_passes_until_it_expires(capsys, tmp_path):
    with listeners(1) as (surprise,):
        code, out, _ = run(
            capsys,
            "scan",
            "127.0.0.1",
            "-p",
            str(surprise),
            "--no-banners",
            "--expect",
            "1/tcp",
        )
        assert code == EXIT_AUDIT_FAILED
        rules = tmp_path / "doors.toml"
        rules.write_text(
            '[expected]\n"127.0.0.1" = []\n[[waived]]\ntarget = "127.0.0.1"\n'
            f'doors = ["{surprise}/tcp"]\nreason = "the migration"\nowner = "ana"\n'
            "expires = 2999-01-01\n"
        )
        argv = ["scan", "127.0.0.1", "-p", str(surprise), "--no-banners", "--expect-file"]
        code, out, _ = run(capsys, *argv, str(rules))
        assert code == EXIT_OK, out
        assert "Waived (accepted until they expire):" in out
        assert "waived until 2999-01-01 by ana: the migration" in out
        rules.write_text(rules.read_text().replace("2999-01-01", "2000-01-01"))
        code, out, _ = run(capsys, *argv, str(rules))
    assert code == EXIT_AUDIT_FAILED
    assert f"Unexpected open doors:\n  127.0.0.1  {surprise}/tcp  open" in out


def test_install_writes_a_valid_user_timer_and_uninstall_removes_it(capsys, tmp_path):
    code, _, _ = run(capsys, "watch", "add", "web", "127.0.0.1", "-p", "22", "--at", "08:00,18:30")
    assert code == EXIT_OK
    code, out, _ = run(capsys, "watch", "install", "web", "--systemd", "--no-enable")
    assert code == EXIT_OK
    units = tmp_path / "xdg_config_home" / "systemd" / "user"
    timer = units / "portwindow-watch-web.timer"
    service = units / "portwindow-watch-web.service"
    assert f"Wrote {service}" in out
    assert f"Wrote {timer}" in out
    assert "OnCalendar=*-*-* 08:00:00\nOnCalendar=*-*-* 18:30:00" in timer.read_text()
    text = service.read_text()
    assert f"ExecStart={sys.executable} -m portwindow watch run web" in text
    assert f"Environment=PORTWINDOW_HISTORY={tmp_path}/history.sqlite3" in text
    if shutil.which("systemd-analyze"):
        checked = subprocess.run(
            ["systemd-analyze", "--user", "verify", str(timer), str(service)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert checked.returncode == 0, checked.stderr
        assert checked.stderr == ""  # a bad line is only a warning: none may be there
    code, out, _ = run(capsys, "watch", "uninstall", "web", "--no-enable")
    assert code == EXIT_OK
    assert f"Removed {timer}" in out
    assert list(units.iterdir()) == []


def test_install_without_systemd_writes_a_crontab_line(capsys, tmp_path):
    run(capsys, "watch", "add", "web", "127.0.0.1", "-p", "22", "--every", "20")
    code, out, err = run(capsys, "watch", "install", "web", "--cron", "--no-enable")
    assert code == EXIT_OK
    assert "Wrote " in out
    cron = tmp_path / "xdg_config_home" / "portwindow" / "portwindow-watch-web.cron"
    line = cron.read_text().strip()
    assert line.startswith("*/20 * * * * PORTWINDOW_WATCHES=")
    assert line.endswith(f"{sys.executable} -m portwindow watch run web")
    assert line in err
    code, _out, err = run(capsys, "watch", "uninstall", "web", "--no-enable")
    assert not cron.exists()
    assert "crontab -e" in err
    run(capsys, "watch", "add", "odd", "127.0.0.1", "-p", "22", "--every", "7")
    code, _, err = run(capsys, "watch", "install", "odd", "--cron", "--no-enable")
    assert code == EXIT_USAGE
    assert "every 7 minutes cannot be a crontab line" in err


def test_verify_shows_the_chain_and_an_edit(capsys, tmp_path):
    with listeners(1) as (port,):
        run(capsys, "watch", "add", "web", "127.0.0.1", "-p", str(port), "--every", "5")
        for _ in range(2):
            assert run(capsys, "watch", "run", "web")[0] == EXIT_OK
    code, out, _ = run(capsys, "watch", "verify", "web")
    assert code == EXIT_OK
    assert "2 scan(s), the chain is intact" in out
    import sqlite3

    db = sqlite3.connect(tmp_path / "history.sqlite3")
    (settings,) = db.execute("SELECT settings FROM scans ORDER BY id LIMIT 1").fetchone()
    edited = json.loads(settings) | {"timeout": 99}
    db.execute("UPDATE scans SET settings = ? WHERE id = 1", (json.dumps(edited),))
    db.commit()
    db.close()
    code, out, _ = run(capsys, "watch", "verify", "web")
    assert code == EXIT_AUDIT_FAILED
    assert "edited: it no longer matches its digest" in out


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["watch", "run", "nope"], 'there is no watch "nope"'),
        (["watch", "add", "Bad Name", "127.0.0.1", "--every", "5"], "watch name"),
        (["watch", "add", "w", "127.0.0.1", "--at", "7pm"], "7pm"),
        (["watch", "add", "w", "127.0.0.1", "--every", "5", "--hook-url", "ftp://x"], "hook URL"),
        (["watch", "add", "w", "127.0.0.1", "--every", "5", "--expect-file", "/no/f"], "/no/f"),
    ],
)
def test_bad_watches_are_one_line(capsys, argv, named):
    code, _out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert named in err
    assert err.count("\n") == 1


def test_sigterm_stops_a_run_and_the_partial_scan_is_saved(capsys, tmp_path):
    import contextlib
    import signal
    import time

    from portwindow.engine.audit.history import History
    from tests.support.cli_process import portwindow_process
    from tests.unit.cli.test_commands import wait_for_a_socket

    run(capsys, "watch", "add", "wide", "127.0.0.1", "-p", "1-65535", "--every", "60")
    child = portwindow_process("watch", "run", "wide")  # the environment's files: tmp_path
    with contextlib.ExitStack() as cleanup:
        cleanup.callback(child.kill)  # whatever happens, the child does not outlive the test
        wait_for_a_socket(child)
        time.sleep(0.5)  # scanning, not only started
        child.send_signal(signal.SIGTERM)
        out, err = child.communicate(timeout=60)
    assert child.returncode == 143, err
    assert "(partial)" in out
    assert "Traceback" not in err
    with History(tmp_path / "history.sqlite3") as history:
        (record,) = history.scans()
    assert record.partial
    assert record.settings["watch"] == "wide"
    assert 0 < record.done < 65535
