"""Issue 10 on the command line: what comes from outside is escaped on its way to the
terminal, bad input is one line (never a traceback), out of memory too. Each test is named
after a defect; nothing here scans beyond the test's own namespace."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from portwindow.cli import commands
from portwindow.cli import targets as cli_targets
from portwindow.cli.commands import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[3]
HEADER = "host,address,protocol,port,state,reason,rtt_ms,banner,scanned_at"
# C0 and C1 controls, DEL, and the bidi controls: none may reach a terminal raw.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert not RAW_CONTROL.search(out.replace("\r\n", "\n")), out  # CSV lines end in CRLF
    assert not RAW_CONTROL.search(err), err
    assert "Traceback" not in err
    return code, out, err


def report(path: Path, *rows: str) -> Path:
    path.write_text("".join(f"{line}\r\n" for line in (HEADER, *rows)), encoding="utf-8")
    return path


def test_diff_of_reports_prints_no_escape_sequence(capsys, tmp_path):
    """A hostile report's host name set the terminal's title (ESC]0;...BEL) and reversed
    the text after it (U+202E)."""
    before = report(
        tmp_path / "a.csv",
        "\x1b]0;pwned\x07evil\u202e,127.0.0.1,tcp,22,open,syn-ack,,,2026-01-01T00:00:00Z",
    )
    after = report(tmp_path / "b.csv")
    code, out, err = run(capsys, "diff", str(before), str(after))
    assert code == EXIT_OK, err
    assert "\\x1b]0;pwned\\x07evil\\u202e (127.0.0.1)  22/tcp  open -> -" in out


def test_report_names_with_escape_sequences_are_escaped(capsys, tmp_path):
    name = tmp_path / "\x1b[2J\x9b31m.csv"
    report(name)
    code, out, err = run(capsys, "diff", str(name), str(name))
    assert code == EXIT_OK, err
    assert "\\x1b[2J\\x9b31m.csv" in out


def test_diff_csv_to_stdout_keeps_the_report_cells_escaped(capsys, tmp_path):
    before = report(
        tmp_path / "a.csv", "\x1b[31mred,127.0.0.1,tcp,22,open,syn-ack,,,2026-01-01T00:00:00Z"
    )
    code, out, err = run(capsys, "diff", str(before), str(report(tmp_path / "b.csv")), "--csv", "-")
    assert code == EXIT_OK, err
    assert out.splitlines()[1].startswith("closed,\\x1b[31mred,127.0.0.1")


def test_arguments_echoed_in_error_lines_are_escaped(capsys):
    code, _, err = run(capsys, "scan", "\x1b]0;x\x07\u202eevil", "-p", "22")
    assert code == EXIT_USAGE
    assert err == (
        "portwindow: \\x1b]0;x\\x07\\u202eevil: not an address, network, range or host name\n"
    )
    code, _, err = run(capsys, "scan", "127.0.0.1", "-p", "\x1b[2J")
    assert code == EXIT_USAGE
    assert "\\x1b[2J" in err
    code, _, err = run(capsys, "scan", "127.0.0.1", "--timeout", "\x1b[2J")
    assert code == EXIT_USAGE
    assert '"\\x1b[2J" is not a number' in err


def test_target_file_lines_are_escaped_and_named_by_line(capsys, tmp_path):
    targets = tmp_path / "hosts.txt"
    targets.write_text("# lab\n127.0.0.1\n127.0.0.2 \x1b]0;owned\x07\n", encoding="utf-8")
    code, _, err = run(capsys, "scan", "-iL", str(targets), "-p", "22")
    assert code == EXIT_USAGE
    assert err == (
        f"portwindow: targets file {targets} line 3: \\x1b]0;owned\\x07: not an address, "
        "network, range or host name\n"
    )


def test_a_long_hostile_argument_is_one_short_line(capsys):
    code, _, err = run(capsys, "scan", "\x1b" * 100_000, "-p", "22")
    assert code == EXIT_USAGE
    assert len(err.splitlines()) == 1
    assert len(err) < 400


def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_traceback(tmp_path):
    child = subprocess.run(
        [sys.executable, "-m", "portwindow", "scan", "bücher²", "-p", "22"],
        capture_output=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="ascii", HOME=str(tmp_path)),
        timeout=60,
    )
    assert child.returncode == EXIT_USAGE
    assert child.stderr.decode("ascii").count("\n") == 1
    assert "Traceback" not in child.stderr.decode("ascii")


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("²", "² : no such file"),  # str.isdigit() took it for an id, int() did not
        ("9" * 5000, "there is no scan 99999"),
        ("99999999999999999999", "there is no scan 99999999999999999999 in the history"),
        ("0", "there is no scan 0"),
    ],
)
def test_diff_of_odd_ids_is_one_line(capsys, tmp_path, spec, says):
    other = report(tmp_path / "b.csv")
    code, out, err = run(capsys, "diff", spec, str(other))
    assert code == EXIT_USAGE
    assert out == ""
    assert len(err.splitlines()) == 1
    assert says.replace(" :", ":") in err
    assert len(err) < 200


@pytest.mark.parametrize(
    ("dest", "says"),
    [
        ("missing/changes.csv", "missing does not exist"),
        (".", "is a folder"),
        ("n" * 5000, "longer than 255 bytes"),
    ],
)
def test_diff_csv_into_a_missing_folder_or_a_directory_is_one_line(
    capsys, tmp_path, monkeypatch, dest, says
):
    monkeypatch.chdir(tmp_path)
    a = report(tmp_path / "a.csv")
    code, _, err = run(capsys, "diff", str(a), str(a), "--csv", dest)
    assert code == EXIT_USAGE
    assert len(err.splitlines()) == 1
    assert says in err
    assert "cannot write the changes" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]


def test_diff_csv_that_fails_while_writing_is_one_line(capsys, tmp_path, monkeypatch):
    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commands, "write_diff_csv", full)
    a = report(tmp_path / "a.csv")
    code, _, err = run(capsys, "diff", str(a), str(a), "--csv", str(tmp_path / "c.csv"))
    assert code == EXIT_FAILURE
    assert err == f"portwindow: cannot write {tmp_path / 'c.csv'}: No space left on device\n"


def test_scan_report_into_a_folder_is_refused_before_the_scan(capsys, tmp_path):
    code, _, err = run(capsys, "scan", "127.0.0.1", "-p", "1", "--json", str(tmp_path))
    assert code == EXIT_USAGE
    assert err == (
        f"portwindow: cannot write the report: {tmp_path} is a folder: a report cannot be "
        "written there\n"
    )


def test_memory_error_is_one_line_at_the_top_level(capsys, monkeypatch):
    def exhausted(*_args, **_kwargs):
        raise MemoryError

    monkeypatch.setattr(cli_targets, "parse_targets", exhausted)
    code, _, err = run(capsys, "scan", "127.0.0.1", "-p", "1")
    assert code == EXIT_FAILURE
    assert err == "portwindow: out of memory\n"


def test_ulimit_v_is_one_line_or_a_clean_run(tmp_path):
    """Under ``ulimit -v`` the imports themselves can fail (MemoryError, or a shared
    library that cannot be mapped): one line, never a traceback. Several limits, so that
    one of them falls inside the start-up on any machine."""
    seen_failure = False
    for kib in (20_000, 30_000, 40_000, 60_000, 90_000):
        child = subprocess.run(
            [
                "sh",
                "-c",
                f'ulimit -v {kib} && exec "$0" -m portwindow scan 127.0.0.1 -p 1 --no-history',
                sys.executable,
            ],
            capture_output=True,
            text=True,
            errors="replace",
            cwd=tmp_path,
            env=dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(tmp_path)),
            timeout=60,
        )
        assert "Traceback" not in child.stderr, (kib, child.stderr)
        if child.returncode != EXIT_OK:
            seen_failure = True
            assert child.returncode == EXIT_FAILURE, (kib, child.returncode, child.stderr)
            assert len(child.stderr.splitlines()) == 1, (kib, child.stderr)
    assert seen_failure
