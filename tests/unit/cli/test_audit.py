"""`portwindow scan --expect`, the history the CLI saves into, and `portwindow diff`."""

import csv
import io

import pytest

from portwindow.cli.commands import EXIT_AUDIT_FAILED, EXIT_OK, EXIT_USAGE, main
from portwindow.engine.audit.history import History
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.reports.writers import write_csv
from tests.support.listeners import free_ports, listeners


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_expected_doors_pass_and_fail_with_exit_code_3(capsys):
    (closed,) = free_ports(1)
    with listeners(2) as (expected, surprise):
        ports = f"{expected},{surprise},{closed}"
        code, out, _ = run(
            capsys,
            "scan",
            "127.0.0.1",
            "-p",
            ports,
            "--no-banners",
            "--expect",
            f"{expected}/tcp,{surprise}/tcp",
        )
        assert code == EXIT_OK
        assert "0 unexpected, 0 missing" in out
        code, out, _ = run(
            capsys,
            "scan",
            "127.0.0.1",
            "-p",
            ports,
            "--no-banners",
            "--expect",
            f"{expected}/tcp,{closed}/tcp",
        )
    assert code == EXIT_AUDIT_FAILED
    assert f"Unexpected open doors:\n  127.0.0.1  {surprise}/tcp  open" in out
    assert f"Missing doors (expected open):\n  127.0.0.1  {closed}/tcp  closed" in out
    assert "1 unexpected, 1 missing" in out


def test_expect_file_rules_per_target(capsys, tmp_path):
    with listeners(1) as (port,):
        rules = tmp_path / "doors.toml"
        rules.write_text(f'[expected]\n"127.0.0.1" = ["{port}/tcp"]\n"127.0.0.2" = []\n')
        code, out, _ = run(
            capsys,
            "scan",
            "127.0.0.1-2",
            "-p",
            str(port),
            "--no-banners",
            "--expect-file",
            str(rules),
        )
    assert code == EXIT_OK, out
    assert "expected doors on 2 host(s)" in out.lower()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--expect", "99999/tcp"], "99999"),
        (["--expect-file", "/nonexistent/doors.toml"], "/nonexistent/doors.toml"),
    ],
)
def test_bad_expectations_are_usage_errors(capsys, argv, named):
    code, out, err = run(capsys, "scan", "127.0.0.1", "-p", "1", *argv)
    assert out == ""
    assert code == EXIT_USAGE
    assert named in err
    assert len(err.strip().splitlines()) == 1


def test_scans_are_saved_and_diffed_by_history_id(capsys, private_history):
    (port,) = free_ports(1)
    code, _, err = run(capsys, "scan", "127.0.0.1", "-p", str(port), "--no-banners")
    assert code == EXIT_OK
    assert "saved to the history as scan 1" in err
    with listeners(ports=[port]):
        run(capsys, "scan", "127.0.0.1", "-p", str(port), "--no-banners")
    with History(private_history) as history:
        first, second = sorted(s.id for s in history.scans())
        assert [r.state for r in history.results(second)] == [PortState.OPEN]
    code, out, _ = run(capsys, "diff", str(first), str(second))
    assert code == EXIT_OK
    assert f"opened    127.0.0.1  {port}/tcp  closed -> open" in out
    assert "1 opened" in out
    code, out, err = run(capsys, "diff", str(first), str(second), "--csv", "-")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[1][:5] == ["opened", "127.0.0.1", "127.0.0.1", "tcp", str(port)]


def test_no_history_saves_nothing(capsys, private_history):
    run(capsys, "scan", "127.0.0.1", "-p", "1", "--no-history")
    assert not private_history.exists()


def test_diff_of_two_report_files(capsys, tmp_path):
    def result(state):
        reason = Reason.SYN_ACK if state is PortState.OPEN else Reason.CONN_REFUSED
        return PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, 22, state, reason, None, 1.8e9)

    write_csv([result(PortState.OPEN)], tmp_path / "a.csv")
    write_csv([result(PortState.CLOSED)], tmp_path / "b.csv")
    code, out, _ = run(capsys, "diff", str(tmp_path / "a.csv"), str(tmp_path / "b.csv"))
    assert code == EXIT_OK
    assert "closed    127.0.0.1  22/tcp  open -> closed" in out
    code, _, err = run(capsys, "diff", "77", str(tmp_path / "b.csv"))
    assert code == EXIT_USAGE
    assert "no scan 77" in err
