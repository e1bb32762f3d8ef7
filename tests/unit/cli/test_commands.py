"""`portwindow scan`: output, reports, exit codes, and Ctrl-C, against loopback listeners."""

import csv
import io
import json
import os
import signal
import stat
import time
from pathlib import Path

import pytest

from portwindow import __version__
from portwindow.cli import commands as cli_module
from portwindow.cli.commands import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    build_parser,
    config_from_args,
    main,
)
from portwindow.engine.reports.readers import load_report
from portwindow.engine.reports.rows import COLUMNS
from portwindow.engine.scan.config import (
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_UDP_PACE,
    TIMING_PRESETS,
    TimingPreset,
)
from tests.support.cli_process import portwindow_process
from tests.support.listeners import free_ports, listeners
from tests.support.udp_listeners import free_udp_ports, udp_services

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
    # An open door of this machine: who listens behind it is said too.
    assert tuple(rows[0]) == (*COLUMNS, "process", "pid", "listen_address")
    by_port = {int(r[3]): r for r in rows[1:]}
    assert by_port[port][4] == "open"
    assert by_port[port][5] == "syn-ack"
    assert by_port[port][-2:] == [str(os.getpid()), "127.0.0.1"]  # this test's own listener
    assert by_port[port + 1][4] in ("closed", "open")
    assert "ports probed" in err


def test_a_report_of_another_machine_keeps_the_usual_columns(capsys, tmp_path):
    closed = free_ports(1)[0]
    code, out, _err = run(capsys, "scan", "127.0.0.1", "-p", str(closed), "--csv", "-")
    assert code == EXIT_OK
    assert tuple(next(csv.reader(io.StringIO(out)))) == COLUMNS  # no open door of this machine


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


@pytest.mark.skipif(not hasattr(os, "mknod"), reason="device nodes")
def test_a_report_to_a_device_leaves_the_device_in_place(tmp_path, capsys):
    """`--json /dev/null`, tried on a null device of the test's own."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    (closed,) = free_ports(1)
    code, _, err = run(
        capsys, "scan", "127.0.0.1", "-p", str(closed), "--json", str(node), "--no-history"
    )
    assert code == EXIT_OK, err
    assert stat.S_ISCHR(node.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


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
        (["scan", "127.0.0.0/8", "-p", "80"], "--allow-large"),  # refused before any probe
        (["scan", "127.0.0.1", "-iL", "/nonexistent/targets.txt"], "/nonexistent/targets.txt"),
        (["scan", "127.0.0.1", "-p", "80", "--csv", "/nonexistent/dir/r.csv"], "/nonexistent/dir"),
        (["scan", "127.0.0.1", "--udp"], "--udp needs -p"),
        (["scan", "127.0.0.1", "--udp", "-p", "top1000"], "top1000"),
        (["scan", "127.0.0.1", "-p", "X:53"], "X:"),
        (["scan", "127.0.0.1", "-p", "U:53", "--udp-pace", "0"], "--udp-pace"),
        (["scan", "127.0.0.1", "--frobnicate"], "--frobnicate"),
        (["scan", "127.0.0.1", "--timing", "fast"], "'fast' is not one of paranoid"),
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
    child = portwindow_process(
        "scan",
        "127.0.0.1",
        "-p",
        "1-65535",
        "--rate",
        "3000",
        "--no-banners",  # connects only: other listeners on this machine get no probes
        "--csv",
        str(report),
    )
    try:
        wait_for_a_socket(child)  # the scan has begun (a loaded machine starts slower)
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
    finally:
        child.kill()
    assert child.returncode == EXIT_INTERRUPTED, err
    assert "partial" in out
    loaded = load_report(report).results
    assert 0 < len(loaded) < 65535
    assert "Traceback" not in err


def wait_for_a_socket(child, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            links = [
                os.readlink(f"/proc/{child.pid}/fd/{fd}")
                for fd in os.listdir(f"/proc/{child.pid}/fd")
            ]
        except OSError:  # a descriptor closed while read
            links = []
        if any(link.startswith("socket:") for link in links):
            return
        time.sleep(0.05)
    raise AssertionError(f"no socket in {limit} s")


def config_for(*argv):
    return config_from_args(build_parser().parse_args(["scan", "127.0.0.1", *argv]))


@pytest.mark.parametrize(
    ("argv", "tcp", "udp"),
    [
        (["-p", "T:22,80,U:53,123"], (22, 80), (53, 123)),
        (["-p", "U:53,123"], (), (53, 123)),
        (["--udp", "-p", "53,123"], (), (53, 123)),
        (["-u", "-p", "53"], (), (53,)),
        (["--udp", "-p", "53,T:22,80"], (22, 80), (53,)),  # a prefix wins over --udp
        (["--udp", "-p", "T:22,U:53"], (22,), (53,)),
        (["-p", "53,U:53"], (53,), (53,)),
        (["-p", "22"], (22,), ()),
    ],
)
def test_udp_ports_from_prefixes_and_the_udp_flag(argv, tcp, udp):
    ports = config_for(*argv).ports
    assert (ports.tcp, ports.udp) == (tcp, udp)


def test_banner_and_pace_options():
    assert config_for("-p", "22").grab_banners is cli_module.GRAB_BANNERS
    assert config_for("-p", "22", "--no-banners").grab_banners is False
    assert config_for("-p", "U:53").udp_pace == DEFAULT_UDP_PACE
    assert config_for("-p", "U:53", "--udp-pace", "500").udp_pace == 500


def test_timing_presets_and_the_options_that_override_them():
    normal = config_for("-p", "22")
    assert normal.timing is TimingPreset.NORMAL
    assert (normal.timeout, normal.retries, normal.concurrency, normal.rate) == (
        DEFAULT_TIMEOUT,
        DEFAULT_RETRIES,
        None,
        None,
    )
    polite = config_for("-p", "22", "--timing", "Polite")
    assert polite.timing is TimingPreset.POLITE
    values = TIMING_PRESETS[TimingPreset.POLITE]
    assert (polite.timeout, polite.retries, polite.concurrency, polite.rate) == (
        values.timeout,
        values.retries,
        values.concurrency,
        values.rate,
    )
    assert polite.udp_pace == values.udp_pace
    mixed = config_for("-p", "22", "--timing", "paranoid", "--timeout", "0.3", "--retries", "0")
    assert (mixed.timeout, mixed.retries, mixed.rate) == (0.3, 0, 1.0)


def test_udp_scan_table_states_and_summary(capsys):
    closed = free_udp_ports(2)
    with udp_services(answering=1, silent=1) as ((answering,), (silent,), _server):
        spec = "U:" + ",".join(map(str, [answering, silent, *closed]))
        code, out, err = run(capsys, "scan", "127.0.0.1", "-p", spec, "--timeout", "0.3")
    assert code == EXIT_OK, err
    lines = out.splitlines()
    assert lines[0].split() == ["HOST", "PORT", "STATE", "SERVICE", "DESCRIPTION"]
    behind = lines.index("Behind the open doors:")  # this machine: the listener is named
    rows = {line.split()[1]: line.split()[2] for line in lines[1:behind]}
    assert rows == {f"{answering}/udp": "open", f"{silent}/udp": "open|filtered"}
    assert f"pid {os.getpid()}" in out
    assert "4 of 4 ports probed" in lines[-1]
    assert lines[-1].endswith("1 open, 2 closed, 0 filtered, 1 open|filtered")


def test_tcp_and_udp_in_one_scan_with_a_csv_report(capsys):
    (closed_udp,) = free_udp_ports(1)
    with listeners(1) as (tcp_port,), udp_services(1, 0) as ((udp_port,), _, _server):
        code, out, err = run(
            capsys,
            "scan",
            "127.0.0.1",
            "-p",
            f"T:{tcp_port},U:{udp_port},{closed_udp}",
            "--csv",
            "-",
            "--no-banners",
        )
    assert code == EXIT_OK, err
    rows = list(csv.DictReader(io.StringIO(out)))
    found = {(r["protocol"], int(r["port"])): (r["state"], r["reason"]) for r in rows}
    assert found == {
        ("tcp", tcp_port): ("open", "syn-ack"),
        ("udp", udp_port): ("open", "udp-response"),
        ("udp", closed_udp): ("closed", "port-unreach"),
    }
    assert "3 of 3 ports probed" in err
    assert "0 open|filtered" in err


def test_open_flag_keeps_open_filtered_udp_ports(tmp_path, capsys):
    closed = free_udp_ports(1)
    with udp_services(answering=1, silent=1) as ((answering,), (silent,), _server):
        spec = ",".join(map(str, [answering, silent, *closed]))
        code, _, err = run(
            capsys,
            "scan",
            "127.0.0.1",
            "--udp",
            "-p",
            spec,
            "--timeout",
            "0.3",
            "--open",
            "--json",
            str(tmp_path / "r.jsonl"),
        )
    assert code == EXIT_OK, err
    lines = [json.loads(line) for line in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert {(r["port"], r["protocol"], r["state"]) for r in lines} == {
        (answering, "udp", "open"),
        (silent, "udp", "open|filtered"),
    }


def test_tcp_only_summary_has_no_open_filtered_count(capsys):
    (closed,) = free_ports(1)
    code, out, _ = run(capsys, "scan", "127.0.0.1", "-p", str(closed), "--no-banners")
    assert code == EXIT_OK
    assert out.splitlines()[-1].endswith("0 open, 1 closed, 0 filtered")
