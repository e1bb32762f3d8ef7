"""Report files and clipboard text from the window's results."""

import csv
import errno
import io
import os

import pytest

from portwindow.engine import reports
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.present.export import (
    ExportError,
    export_results,
    format_for_path,
    results_to_clipboard_text,
)
from portwindow.engine.reports.readers import load_report
from portwindow.engine.reports.rows import ReportFormat

RESULTS = [
    PortResult(
        "localhost", "127.0.0.1", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK,
        0.0012, 1_700_000_000.123, "SSH-2.0\tx\r\n=cmd",
    ),
    PortResult(
        "localhost", "::1", Protocol.TCP, 80, PortState.CLOSED, Reason.CONN_REFUSED,
        0.0001, 1_700_000_001.0,
    ),
    PortResult(
        "-sneaky", "192.0.2.1", Protocol.TCP, 443, PortState.FILTERED, Reason.NO_RESPONSE,
        None, 1_700_000_002.0,
    ),
]  # fmt: skip


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_round_trip(tmp_path, fmt):
    path = tmp_path / f"report.{fmt.value}"
    assert export_results(RESULTS, path, fmt) == 3
    report = load_report(path)
    assert report.format is fmt
    assert list(report.results) == RESULTS


def test_csv_is_the_default_and_takes_a_bom(tmp_path):
    path = tmp_path / "report.csv"
    export_results(RESULTS, path, bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfhost,address,")
    assert list(load_report(path).results) == RESULTS


def test_format_for_path():
    assert format_for_path("a.csv") is ReportFormat.CSV
    assert format_for_path("a.JSONL") is ReportFormat.JSONL
    assert format_for_path("a.json") is ReportFormat.JSONL
    assert format_for_path("report") is ReportFormat.CSV


def test_missing_folder(tmp_path):
    path = tmp_path / "no-such-folder" / "report.csv"
    with pytest.raises(ExportError) as caught:
        export_results(RESULTS, path)
    message = caught.value.message
    assert str(path) in message
    assert "folder" in message
    assert "does not exist" in message
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_os_errors_become_messages(tmp_path, monkeypatch, code, reason):
    path = tmp_path / "report.csv"
    path.write_text("old report\n")

    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ExportError) as caught:
        export_results(RESULTS, path)
    assert str(path) in caught.value.message
    assert reason in caught.value.message
    assert isinstance(caught.value.__cause__, OSError)
    # atomic: the old file is untouched and no temporary file is left behind
    assert path.read_text() == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def test_a_folder_in_the_way(tmp_path):
    path = tmp_path / "report.csv"
    path.mkdir()
    with pytest.raises(ExportError, match="folder"):
        export_results(RESULTS, path)


def test_clipboard_text_has_header_and_rows():
    text = results_to_clipboard_text(RESULTS)
    lines = text.splitlines()
    assert text.endswith("\n")
    assert "\r" not in text
    assert len(lines) == 4
    assert lines[0].split("\t") == list(reports.COLUMNS)
    rows = [line.split("\t") for line in lines[1:]]
    assert all(len(row) == len(reports.COLUMNS) for row in rows)
    first = dict(zip(reports.COLUMNS, rows[0], strict=True))
    assert first["port"] == "22"
    assert first["service"] == "ssh"
    assert first["rtt_ms"] == "1.200"
    assert first["banner"] == "SSH-2.0\\tx\\r\\n=cmd"  # escaped: no tab, no line break
    third = dict(zip(reports.COLUMNS, rows[2], strict=True))
    assert third["host"] == "'-sneaky"  # a spreadsheet would run it as a formula
    assert third["rtt_ms"] == ""


def test_clipboard_cells_match_the_csv_report():
    buffer = io.StringIO()
    reports.write_csv(RESULTS, buffer)
    expected = list(csv.reader(io.StringIO(buffer.getvalue())))
    pasted = [line.split("\t") for line in results_to_clipboard_text(RESULTS).splitlines()]
    assert pasted == expected


def test_clipboard_text_of_nothing_is_the_header():
    assert results_to_clipboard_text([]) == "\t".join(reports.COLUMNS) + "\n"
