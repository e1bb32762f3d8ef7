"""`portwindow hosts` against this namespace's loopback, and discovery in front of
`portwindow scan`: its table, reports, summary and bad input. Hosts that are missing,
silent or rejecting are in tests/lab/test_discovery.py."""

import csv
import json

import pytest

from portwindow.cli.commands import EXIT_OK, EXIT_USAGE, main
from portwindow.engine.reports.host_rows import HOST_COLUMNS
from tests.support.listeners import listeners


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_and_summary(capsys):
    code, out, err = run(capsys, "hosts", "127.0.0.1-3", "--no-names")
    assert code == EXIT_OK, err
    lines = out.splitlines()
    assert lines[0].split() == ["HOST", "STATE", "REASON", "RTT", "NAME", "MAC", "VENDOR"]
    assert [line.split()[:2] for line in lines[1:4]] == [[f"127.0.0.{n}", "up"] for n in (1, 2, 3)]
    assert lines[-1].startswith("3 addresses: 3 up, 0 down in ")
    assert lines[-1].endswith("(done)")


def test_reports(capsys, tmp_path):
    report = tmp_path / "hosts.csv"
    code, _out, err = run(
        capsys, "hosts", "127.0.0.1", "127.0.0.2", "--no-names", "--csv", str(report)
    )
    assert code == EXIT_OK, err
    with report.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == HOST_COLUMNS
    assert [(r["address"], r["state"]) for r in rows] == [("127.0.0.1", "up"), ("127.0.0.2", "up")]
    assert all(r["reason"] in {"reset", "syn-ack", "echo-reply", "port-unreach"} for r in rows)
    code, out, err = run(capsys, "hosts", "127.0.0.1", "--no-names", "--json", "-")
    assert code == EXIT_OK
    (row,) = map(json.loads, out.splitlines())
    assert row["address"] == "127.0.0.1"
    assert row["state"] == "up"
    assert isinstance(row["rtt_ms"], float)
    assert "1 address: 1 up, 0 down" in err  # the table goes to stderr when stdout is a report


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["hosts"], "no targets given"),
        (["hosts", "127.0.0.1", "--wait", "0"], "0 is out of range"),
        (["hosts", "127.0.0.1", "--retries", "11"], "out of range"),
        (["hosts", "127.0.0.1", "--csv", "/nonexistent-folder/x.csv"], "does not exist"),
        (["hosts", "300.1.2.3"], "300.1.2.3"),
    ],
)
def test_bad_input_is_one_line(capsys, argv, message):
    code, _out, err = run(capsys, *argv)
    assert code == EXIT_USAGE
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_scan_discovers_first_and_scans_the_hosts_that_are_there(capsys):
    with listeners(1) as (port,):
        code, out, err = run(
            capsys, "scan", "127.0.0.1-2", "-p", str(port), "--no-history", "--csv", "-"
        )
    assert code == EXIT_OK, err
    rows = list(csv.DictReader(out.splitlines()))
    # Every loopback address is there: both scanned (the listener is on 127.0.0.1 only).
    assert [(r["address"], r["state"]) for r in rows] == [
        ("127.0.0.1", "open"),
        ("127.0.0.2", "closed"),
    ]
    assert "did not answer discovery" not in err
