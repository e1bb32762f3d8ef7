"""Reading reports back, bounded (reports/readers.py): huge, endless and hostile files are
one line naming the file and the limit; a million-row report is within the limits."""

import io
import os
from pathlib import Path

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.reports import readers
from portwindow.engine.reports.readers import LINE_LIMIT, REPORT_LIMIT, load_report
from portwindow.engine.reports.writers import write_csv, write_jsonl
from portwindow.engine.scan.enrich.banners import MAX_BANNER


def test_diff_of_dev_zero_is_refused_at_the_first_line_not_loaded_whole():
    with pytest.raises(InputError) as caught:
        load_report("/dev/zero")
    assert str(caught.value) == "/dev/zero line 1: longer than the limit of 1 MiB"


def test_a_report_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(readers, "REPORT_LIMIT", 4096)
    path = tmp_path / "big.jsonl"
    path.write_text("\n" * 5000)
    with pytest.raises(InputError, match=r"big\.jsonl: larger than the limit of 4 KiB$"):
        load_report(path)


def test_a_fifo_nobody_writes_to_is_an_empty_report(tmp_path: Path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert load_report(fifo).results == ()


def _worst_row() -> PortResult:
    """A row as long as a scan makes one: the longest banner, every character escaped."""
    return PortResult(
        host="h" * 253,
        address="2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
        protocol=Protocol.TCP,
        port=65535,
        state=PortState.OPEN,
        reason=Reason.SYN_ACK,
        rtt=59.999,
        scanned_at=1.8e9,
        banner="\U0010fffe" * MAX_BANNER,
    )


def test_a_million_row_report_is_within_the_limits():
    """The limits hold a million typical rows with room to spare, and the longest row a
    scan writes fits a line (checked on the writers' own output)."""
    typical = PortResult(
        "192.0.2.10",
        "192.0.2.10",
        Protocol.TCP,
        22,
        PortState.OPEN,
        Reason.SYN_ACK,
        0.001,
        1.8e9,
        "SSH-2.0-OpenSSH_9.6 Debian",
    )
    for write in (write_csv, write_jsonl):
        out = io.StringIO()
        write([typical], out)
        row = len(out.getvalue().encode().splitlines()[-1]) + 2
        assert 1_000_000 * row * 4 < REPORT_LIMIT
        worst = io.StringIO()
        write([_worst_row()], worst)
        assert max(map(len, worst.getvalue().encode().splitlines())) < LINE_LIMIT


def test_hostile_values_are_quoted_short_and_raw_in_messages(tmp_path: Path):
    header = "host,address,protocol,port,state,reason,rtt_ms,banner,scanned_at"
    path = tmp_path / "r.csv"
    path.write_text(
        f"{header}\r\nh,127.0.0.1,tcp,22,\x1b]0;x\x07{'y' * 5000},syn-ack,,,"
        "2026-01-01T00:00:00Z\r\n"
    )
    with pytest.raises(InputError) as caught:
        load_report(path)
    message = str(caught.value)
    assert "state '\x1b]0;x\x07yyy" in message  # raw: the face escapes it, once
    assert len(message) < len(str(path)) + 200
