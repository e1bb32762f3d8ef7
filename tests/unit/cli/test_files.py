"""`portwindow scan` and `diff` with the files they touch: the history is refused, kept or
saved to as it should be, report destinations are checked before anything is scanned, and
a damaged history is one line. Scans are of listeners the tests own on 127.0.0.1."""

import errno
import hashlib
import json
import sqlite3

import pytest

from portwindow.cli import commands as cli_module
from portwindow.cli.commands import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, main
from portwindow.engine.audit import history_file
from portwindow.engine.audit.history import History
from portwindow.engine.reports.readers import load_report
from tests.support.damaged import save_scans, tamper
from tests.support.listeners import listeners


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err):
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err.strip()


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_scan_without_p_is_saved_to_the_history(capsys, tmp_path):
    """`portwindow scan 127.0.0.1`, the README's first example, was never saved."""
    path = tmp_path / "h.sqlite3"
    with listeners(1) as _ports:
        code, _out, err = run(capsys, "scan", "127.0.0.1", "--history", str(path), "--no-banners")
    assert code == EXIT_OK, err
    assert "not saved" not in err
    with History(path) as history:
        (record,) = history.scans()
        assert (record.ports, record.total, record.done) == ("top1000", 1000, 1000)


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda p: p.write_text("my notes\n"), "not an SQLite database"),
        (lambda p: p.write_text(json.dumps({"scans": []})), "not an SQLite database"),
        (lambda p: p.mkdir(), "a folder"),
        (lambda p: p.symlink_to("/dev/null"), "a device"),
    ],
)
def test_a_history_that_is_not_a_history_is_refused_before_scanning(capsys, tmp_path, make, named):
    """`--history FILE` renamed whatever FILE was to FILE.damaged-... and started over."""
    path = tmp_path / "h"
    make(path)
    before = sorted(p.name for p in tmp_path.iterdir())
    report = tmp_path / "report.csv"
    code, out, err = run(
        capsys, "scan", "127.0.0.1", "-p", "1", "--history", str(path), "--csv", str(report)
    )
    assert code == EXIT_USAGE
    line = one_line(err)
    assert named in line
    assert str(path) in line
    assert out == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing scanned or written


def test_a_locked_history_is_one_warning_the_report_is_written_and_the_file_kept(
    capsys, tmp_path, monkeypatch
):
    """A lock held by another program moved a healthy history aside (its scans lost)."""
    path = tmp_path / "h.sqlite3"
    save_scans(path, 2)
    monkeypatch.setattr(history_file, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    report = tmp_path / "report.csv"
    try:
        before = digest(path)
        with listeners(1) as ports:
            argv = ["scan", "127.0.0.1", "-p", str(ports[0]), "-q", "--csv", str(report)]
            code, _out, err = run(capsys, *argv, "--history", str(path))
        assert digest(path) == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == EXIT_OK
    line = one_line(err)
    assert "not saved" in line
    assert "locked by another program" in line
    assert [r.port for r in load_report(report).results] == ports
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    with History(path) as history:
        assert len(history.scans()) == 2


@pytest.mark.parametrize(
    ("dest", "named"),
    [
        ("missing/folder/report.csv", "does not exist"),
        ("x" * 5000 + ".csv", "longer than"),
        ("a-folder", "is a folder"),
        ("a-link.csv", "symbolic link"),
    ],
)
@pytest.mark.parametrize("option", ["--csv", "--json"])
def test_a_report_destination_that_cannot_be_written_is_found_before_the_scan(
    capsys, tmp_path, monkeypatch, private_history, dest, named, option
):
    """Found only after the whole scan, which was then not saved either."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "a-link.csv").symlink_to(tmp_path / "elsewhere.csv")
    code, out, err = run(capsys, "scan", "127.0.0.1", "-p", "1", option, dest)
    assert code == EXIT_USAGE
    line = one_line(err)
    assert named in line
    assert len(line) < 400
    assert out == ""
    assert not private_history.exists()  # nothing was scanned, so nothing saved


def test_a_report_that_cannot_be_written_still_saves_the_scan(
    capsys, tmp_path, monkeypatch, private_history
):
    def full(*_args, **_kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cli_module, "_write_report", full)
    with listeners(1) as ports:
        argv = ["scan", "127.0.0.1", "-p", str(ports[0]), "--csv", str(tmp_path / "r.csv")]
        code, _out, err = run(capsys, *argv)
    assert code == EXIT_FAILURE
    assert "No space left on device" in err
    with History(private_history) as history:
        assert len(history.scans()) == 1


def test_diff_of_a_damaged_scan_is_one_line_naming_the_file_and_scan(capsys, tmp_path):
    """zlib.error and IndexError tracebacks from `portwindow diff`."""
    path = tmp_path / "h.sqlite3"
    first, bad, last = save_scans(path, 3)
    tamper(path, "UPDATE blocks SET codes = ? WHERE scan_id = ?", b"not zlib at all", bad)
    code, _out, err = run(capsys, "diff", str(first), str(bad), "--history", str(path))
    assert code == EXIT_USAGE
    line = one_line(err)
    assert f"scan {bad}" in line
    assert str(path) in line
    code, out, err = run(capsys, "diff", str(first), str(last), "--history", str(path))
    assert code == EXIT_OK, err
    assert "no changes" in out.lower() or "0 " in out


def test_diff_with_a_json_history_is_refused_and_left_alone(capsys, tmp_path):
    path = tmp_path / "history.json"
    path.write_text('{"scans": [1, 2]}')
    before = digest(path)
    code, _out, err = run(capsys, "diff", "1", "2", "--history", str(path))
    assert code == EXIT_USAGE
    assert "not an SQLite database" in one_line(err)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json"]


@pytest.mark.parametrize(
    ("dest", "named"), [("missing/changes.csv", "does not exist"), (".", "is a folder")]
)
def test_diff_csv_into_a_missing_folder_or_a_folder_is_one_line(capsys, tmp_path, dest, named):
    path = tmp_path / "h.sqlite3"
    first, second = save_scans(path, 2)
    argv = ["diff", str(first), str(second), "--history", str(path)]
    code, out, err = run(capsys, *argv, "--csv", str(tmp_path / dest))
    assert code == EXIT_USAGE
    assert named in one_line(err)
    assert out == ""
