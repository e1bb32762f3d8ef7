"""`portwindow scan`: output, reports, exit codes, and Ctrl-C, against loopback listeners."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from portwindow import __version__
from portwindow.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, main
from portwindow.engine.reports import COLUMNS, load_report
from tests.support.listeners import free_ports, listeners

ROOT = Path(__file__).resolve().parents[2]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"portwindow {__version__}"


def test_table_of_open_ports_and_summary(capsys):
    closed = free_ports(2)
    with listeners(2) as open_ports:
        spec = ",".join(map(str, open_ports + closed))
        code, out, err = run(capsys, "scan", "127.0.0.1", "-p", spec)
    assert code == EXIT_OK, err
    lines = out.splitlines()
    assert lines[0].split() == ["HOST", "PORT", "SERVICE", "DESCRIPTION"]
    for port in open_ports:
        assert any(line.split()[:2] == ["127.0.0.1", f"{port}/tcp"] for line in lines)
    for port in closed:
        assert f"{port}/tcp" not in out
    assert "4 of 4 ports probed" in lines[-1]
    assert "2 open, 2 closed, 0 filtered" in lines[-1]


def test_csv_to_stdout_lists_every_port_and_table_moves_to_stderr(capsys):
    with listeners(1) as (port,):
        code, out, err = run(capsys, "scan", "127.0.0.1", "-p", f"{port},{port + 1}", "--csv", "-")
    assert code == EXIT_OK
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    by_port = {int(r[3]): r for r in rows[1:]}
    assert by_port[port][4] == "open"
    assert by_port[port][5] == "syn-ack"
    assert by_port[port + 1][4] in ("closed", "open")
    assert "ports probed" in err


def test_json_and_csv_files_with_open_only(tmp_path, capsys):
    closed = free_ports(3)
    with listeners(2) as open_ports:
        spec = ",".join(map(str, open_ports + closed))
        code, _, err = run(
            capsys,
            "scan",
            "127.0.0.1",
            "-p",
            spec,
            "--open",
            "--csv",
            str(tmp_path / "r.csv"),
            "--json",
            str(tmp_path / "r.jsonl"),
        )
    assert code == EXIT_OK, err
    from_csv = load_report(tmp_path / "r.csv").results
    lines = (tmp_path / "r.jsonl").read_text().splitlines()
    assert sorted(r.port for r in from_csv) == sorted(open_ports)
    assert sorted(json.loads(line)["port"] for line in lines) == sorted(open_ports)
    assert all(json.loads(line)["state"] == "open" for line in lines)


def test_targets_from_a_file_and_exclusions(tmp_path, capsys):
    (tmp_path / "hosts.txt").write_text("# lab\n127.0.0.1-3\n127.0.0.9\n")
    with listeners(1) as (port,):
        code, out, _ = run(
            capsys,
            "scan",
            "-iL",
            str(tmp_path / "hosts.txt"),
            "--exclude",
            "127.0.0.2",
            "-p",
            str(port),
            "--csv",
            "-",
        )
    assert code == EXIT_OK
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["address"] for r in rows) == ["127.0.0.1", "127.0.0.3", "127.0.0.9"]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["scan", "127.0.0.300", "-p", "80"], "127.0.0.300"),
        (["scan", "127.0.0.1", "-p", "70000"], "70000"),
        (["scan", "127.0.0.1", "-p", "htp"], "htp"),
        (["scan", "127.0.0.1", "--timeout", "abc"], "abc"),
        (["scan", "127.0.0.1", "--retries", "99"], "99"),
        (["scan"], "no targets"),
        (["scan", "10.0.0.0/8", "-p", "80"], "--allow-large"),
        (["scan", "127.0.0.1", "-iL", "/nonexistent/targets.txt"], "/nonexistent/targets.txt"),
        (["scan", "127.0.0.1", "-p", "80", "--csv", "/nonexistent/dir/r.csv"], "/nonexistent/dir"),
        (["scan", "127.0.0.1", "-p", "U:53"], "UDP"),
        (["scan", "127.0.0.1", "--frobnicate"], "--frobnicate"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(capsys, argv, named):
    code, out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert named in err
    assert "Traceback" not in err


def test_ctrl_c_exits_130_with_a_valid_partial_report(tmp_path):
    report = tmp_path / "partial.csv"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "portwindow",
            "scan",
            "127.0.0.1",
            "-p",
            "1-65535",
            "--rate",
            "3000",
            "--csv",
            str(report),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    try:
        time.sleep(1.5)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
    finally:
        child.kill()
    assert child.returncode == EXIT_INTERRUPTED, err
    assert "partial" in out
    loaded = load_report(report).results
    assert 0 < len(loaded) < 65535
    assert "Traceback" not in err
