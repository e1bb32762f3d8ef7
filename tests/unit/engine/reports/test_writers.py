"""Tests for portwindow.engine.reports: CSV and JSON Lines reports, written and read back."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import json
import os
import re
import stat
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortClass, PortResult, PortState, Protocol, Reason
from portwindow.engine.core.text import printable, unescape_printable
from portwindow.engine.input.services import ServiceInfo
from portwindow.engine.reports.atomic import write_text_atomically
from portwindow.engine.reports.readers import LoadedReport, load_report
from portwindow.engine.reports.rows import COLUMNS, ReportFormat
from portwindow.engine.reports.writers import ReportWriter, write_csv, write_jsonl

HEADER = (
    "host,address,protocol,port,state,reason,service,description,port_class,rtt_ms,banner,"
    "detected_service,detected_product,scanned_at"
)
SCANNED_AT = datetime(2026, 11, 25, 7, 32, 0, 123000, tzinfo=UTC).timestamp()
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_BANNERS = (
    "line one\nline two\r\nline three\rend",
    'say "hi", then "bye",,',
    "\x00NUL\x00 in the middle",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "lone surrogates \ud800 and \udfff",
    "\u202eevil.exe\u202c \u2066isolate\u2069",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(A1)",
    "\t=tab first",
    "\r=cr first",
    "'already quoted",
    "''two quotes",
    "a literal backslash escape: \\x00 \\n \\\\",
    "separators \u2028 \u2029 \x85 \x1c\x1d\x1e",
    "\ufeffBOM inside",
    "\x7f\x80\x9f C1 controls",
    "zero\u200bwidth \U000e0041 tag",
    "x" * 100_000,
    "",
)


def fake_describe(port: int, protocol: Protocol) -> ServiceInfo:
    names = {22: ("ssh", "Secure Shell"), 80: ("http", "World Wide Web HTTP")}
    name, description = names.get(port, ("", ""))
    return ServiceInfo(name, description, PortClass.of(port))


def make_result(**changes: object) -> PortResult:
    result = PortResult(
        host="example.org",
        address="192.0.2.10",
        protocol=Protocol.TCP,
        port=22,
        state=PortState.OPEN,
        reason=Reason.SYN_ACK,
        rtt=0.0123456,
        scanned_at=SCANNED_AT,
        banner="SSH-2.0-OpenSSH_9.6",
    )
    return dataclasses.replace(result, **changes)


def as_written(result: PortResult) -> PortResult:
    """What loading a report gives back: rtt to the microsecond, time to the ms."""
    rtt = None if result.rtt is None else float(f"{result.rtt * 1000:.3f}") / 1000
    return dataclasses.replace(result, rtt=rtt, scanned_at=round(result.scanned_at * 1000) / 1000)


def csv_text(results: list[PortResult], *, bom: bool = False) -> str:
    out = io.StringIO()
    write_csv(results, out, bom=bom, describe=fake_describe)
    return out.getvalue()


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def interrupted(
    results: list[PortResult], after: int, error: BaseException
) -> Iterator[PortResult]:
    yield from results[:after]
    raise error


# --- Format ----------------------------------------------------------------------------


def test_columns_are_exactly_these_in_this_order() -> None:
    assert ",".join(COLUMNS) == HEADER
    assert csv_text([]) == HEADER + "\r\n"


def test_sample_row_exact_text() -> None:
    assert csv_text([make_result()]).split("\r\n")[1] == (
        "example.org,192.0.2.10,tcp,22,open,syn-ack,ssh,Secure Shell,well-known,12.346,"
        "SSH-2.0-OpenSSH_9.6,ssh,OpenSSH 9.6,2026-11-25T07:32:00.123Z"
    )


def test_sample_jsonl_exact_text() -> None:
    out = io.StringIO()
    write_jsonl([make_result(rtt=None, banner="é")], out, describe=fake_describe)
    assert out.getvalue() == (
        '{"host": "example.org", "address": "192.0.2.10", "protocol": "tcp", "port": 22, '
        '"state": "open", "reason": "syn-ack", "service": "ssh", "description": '
        '"Secure Shell", "port_class": "well-known", "rtt_ms": null, "banner": "é", '
        '"detected_service": "", "detected_product": "", '
        '"scanned_at": "2026-11-25T07:32:00.123Z"}\n'
    )


def test_jsonl_keys_and_types() -> None:
    out = io.StringIO()
    write_jsonl([make_result(), make_result(port=80, rtt=None)], out, describe=fake_describe)
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert tuple(first) == COLUMNS
    assert first["port"] == 22
    assert first["rtt_ms"] == 12.346
    assert second["rtt_ms"] is None
    assert all(isinstance(first[k], str) for k in COLUMNS if k not in {"port", "rtt_ms"})


@pytest.mark.parametrize(
    ("rtt", "text"),
    [
        (None, ""),
        (0.0, "0.000"),
        (0.0000004, "0.000"),
        (0.0000005001, "0.001"),
        (0.0123456, "12.346"),
        (1.5, "1500.000"),
        (float("nan"), ""),
    ],
)
def test_rtt_ms_has_three_decimals(rtt: float | None, text: str) -> None:
    assert csv_rows(csv_text([make_result(rtt=rtt)]))[1][COLUMNS.index("rtt_ms")] == text


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 11, 25, 7, 32, 0, 123000, tzinfo=UTC), "2026-11-25T07:32:00.123Z"),
        (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "2026-01-02T03:04:05.000Z"),
        (datetime(2026, 12, 31, 23, 59, 59, 999600, tzinfo=UTC), "2027-01-01T00:00:00.000Z"),
        (datetime(1970, 1, 1, tzinfo=UTC), "1970-01-01T00:00:00.000Z"),
    ],
)
def test_scanned_at_is_iso_utc_with_milliseconds(moment: datetime, text: str) -> None:
    result = make_result(scanned_at=moment.timestamp())
    assert csv_rows(csv_text([result]))[1][COLUMNS.index("scanned_at")] == text


def test_service_columns_come_from_the_lookup() -> None:
    row = csv_rows(csv_text([make_result(port=80, protocol=Protocol.UDP)]))[1]
    cells = dict(zip(COLUMNS, row, strict=True))
    assert cells["service"] == "http"
    assert cells["description"] == "World Wide Web HTTP"
    assert cells["port_class"] == "well-known"
    assert cells["protocol"] == "udp"


def test_real_registry_is_the_default_lookup() -> None:
    out = io.StringIO()
    write_csv([make_result(port=22)], out)
    cells = dict(zip(COLUMNS, csv_rows(out.getvalue())[1], strict=True))
    assert cells["service"] == "ssh"
    assert cells["port_class"] == "well-known"


# --- Printable text ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain text, with ünïcode 字", "plain text, with ünïcode 字"),
        ("\x00", "\\x00"),
        ("\x1b[0m", "\\x1b[0m"),
        ("a\tb\nc\rd", "a\\tb\\nc\\rd"),
        ("back\\slash", "back\\\\slash"),
        ("\u202e", "\\u202e"),
        ("\ud800", "\\ud800"),
        ("\U000e0041", "\\U000e0041"),
        ("\xa0", "\\xa0"),
    ],
)
def test_printable_escapes(text: str, escaped: str) -> None:
    assert printable(text) == escaped
    assert unescape_printable(escaped) == text


@given(st.text(st.characters(blacklist_categories=())))
def test_printable_is_printable_and_reversible(text: str) -> None:
    escaped = printable(text)
    assert escaped.isprintable()
    assert unescape_printable(escaped) == text


@pytest.mark.parametrize("text", ["\\q", "trailing \\", "\\U00110000", "\\x4"])
def test_unescape_keeps_unknown_escapes(text: str) -> None:
    assert unescape_printable(text) == text


# --- Formula neutralisation --------------------------------------------------------------


@pytest.mark.parametrize("trigger", [*TRIGGERS, "'"])
def test_formula_triggers_are_neutralised_and_round_trip(trigger: str, tmp_path: Path) -> None:
    text = trigger + "1+1"
    result = make_result(host=trigger + "host", banner=text)
    written = csv_text([result])
    cells = dict(zip(COLUMNS, csv_rows(written)[1], strict=True))
    for cell in cells.values():
        assert not cell.startswith(TRIGGERS)
    if trigger in "\t\r":
        assert cells["banner"] == printable(text)
    else:
        assert cells["banner"] == "'" + text
        assert cells["host"] == "'" + trigger + "host"
    path = tmp_path / "report.csv"
    path.write_text(written, encoding="utf-8", newline="")
    assert load_report(path).results == (as_written(result),)


def test_derived_cells_are_neutralised_too() -> None:
    def hostile(port: int, protocol: Protocol) -> ServiceInfo:
        return ServiceInfo("=cmd", "@desc\x00", PortClass.of(port))

    out = io.StringIO()
    write_csv([make_result()], out, describe=hostile)
    cells = dict(zip(COLUMNS, csv_rows(out.getvalue())[1], strict=True))
    assert cells["service"] == "'=cmd"
    assert cells["description"] == "'@desc\\x00"


def test_negative_rtt_cell_is_neutralised() -> None:
    row = csv_rows(csv_text([make_result(rtt=-0.001)]))[1]
    assert row[COLUMNS.index("rtt_ms")] == "'-1.000"


# --- Hostile banners ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_hostile_banners_stay_contained(fmt: str, tmp_path: Path) -> None:
    results = [make_result(port=i + 1, banner=b) for i, b in enumerate(HOSTILE_BANNERS)]
    path = tmp_path / f"report.{fmt}"
    with ReportWriter(path, fmt, describe=fake_describe) as writer:
        writer.write(results)
    text = path.read_bytes().decode("utf-8")
    assert all(char.isprintable() for char in text.replace("\r\n" if fmt == "csv" else "\n", ""))
    if fmt == "csv":
        rows = csv_rows(text)
        assert len(rows) == len(results) + 1
        for row in rows:
            assert len(row) == 14
            assert not any(cell.startswith(TRIGGERS) for cell in row)
    else:
        assert len(text.splitlines()) == len(results)
        assert all(len(json.loads(line)) == 14 for line in text.split("\n")[:-1])
    loaded = load_report(path)
    assert loaded.format == fmt
    assert [r.banner for r in loaded.results] == list(HOSTILE_BANNERS)
    assert loaded.results == tuple(as_written(r) for r in results)


def test_hostile_host_and_address_text_round_trips(tmp_path: Path) -> None:
    result = make_result(host="=evil\x00\u202e\nhost", address="fe80::1%eth0")
    path = tmp_path / "report.csv"
    write_csv([result], path, describe=fake_describe)
    assert load_report(path).results == (as_written(result),)


# --- BOM ---------------------------------------------------------------------------------


def test_bom_option(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv([make_result()], path, bom=True, describe=fake_describe)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + HEADER.encode())
    with path.open(encoding="utf-8-sig", newline="") as file:
        assert next(csv.DictReader(file))["host"] == "example.org"
    assert load_report(path) == LoadedReport((as_written(make_result()),), ReportFormat.CSV)
    assert csv_text([], bom=True) == "\ufeff" + HEADER + "\r\n"


def test_no_bom_by_default(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv([], path, describe=fake_describe)
    assert path.read_bytes() == HEADER.encode() + b"\r\n"


def test_bom_is_only_for_csv() -> None:
    with pytest.raises(ValueError, match="CSV"):
        ReportWriter(io.StringIO(), "jsonl", bom=True)


def test_loader_accepts_bom_before_jsonl(tmp_path: Path) -> None:
    out = io.StringIO()
    write_jsonl([make_result()], out, describe=fake_describe)
    path = tmp_path / "report.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode())
    assert load_report(path).format == ReportFormat.JSONL


# --- Atomic writes -----------------------------------------------------------------------


@pytest.mark.parametrize("error", [RuntimeError("scanner died"), KeyboardInterrupt()])
@pytest.mark.parametrize("writer", [write_csv, write_jsonl])
def test_crash_mid_write_leaves_no_file(error: BaseException, writer, tmp_path: Path) -> None:
    path = tmp_path / "report.out"
    results = [make_result(port=p) for p in range(1, 11)]
    with pytest.raises(type(error)):
        writer(interrupted(results, 5, error), path, describe=fake_describe)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writer", [write_csv, write_jsonl])
def test_crash_mid_write_keeps_previous_content(writer, tmp_path: Path) -> None:
    path = tmp_path / "report.out"
    path.write_text("previous report\n")
    seen_during_write: list[str] = []

    def results() -> Iterator[PortResult]:
        yield make_result()
        seen_during_write.extend(sorted(p.name for p in tmp_path.iterdir()))
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        writer(results(), path, describe=fake_describe)
    assert path.read_text() == "previous report\n"
    assert list(tmp_path.iterdir()) == [path]
    temp_files = [name for name in seen_during_write if name != path.name]
    assert len(temp_files) == 1
    assert temp_files[0].startswith(".report.out.")


def test_successful_write_replaces_previous_content(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text("previous report\n")
    assert write_csv([make_result()], str(path), describe=fake_describe) == 1
    assert path.read_text(encoding="utf-8").startswith(HEADER)
    assert list(tmp_path.iterdir()) == [path]


def test_failed_replace_removes_temp_file(tmp_path: Path, monkeypatch) -> None:
    def failing_replace(src: object, dst: object) -> None:
        raise PermissionError("locked")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(PermissionError):
        write_csv([make_result()], tmp_path / "report.csv", describe=fake_describe)
    assert list(tmp_path.iterdir()) == []


def test_temp_file_is_fsynced_before_replace(tmp_path: Path, monkeypatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_csv([make_result()], tmp_path / "report.csv", describe=fake_describe)
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o644, 0o600, 0o640])
def test_replaced_file_keeps_its_mode(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "report.csv"
    path.write_text("old")
    path.chmod(mode)
    write_csv([], path, describe=fake_describe)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    write_text_atomically(path, "new")
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_report_gets_the_mode_of_any_new_file(tmp_path: Path, umask: int) -> None:
    """Not the private 0600 of the temporary file it was written as."""
    previous = os.umask(umask)
    try:
        write_csv([make_result()], tmp_path / "report.csv", describe=fake_describe)
        write_text_atomically(tmp_path / "note.txt", "text")
        (tmp_path / "plain.txt").write_text("plain")
    finally:
        os.umask(previous)
    expected = 0o666 & ~umask
    for name in ("report.csv", "note.txt", "plain.txt"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == expected, name


def test_missing_directory_raises_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_csv([], tmp_path / "nowhere" / "report.csv", describe=fake_describe)


# --- ReportWriter --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_report_writer_commits_on_exit(fmt: ReportFormat, tmp_path: Path) -> None:
    path = tmp_path / "report"
    results = [make_result(port=p) for p in range(1, 6)]
    with ReportWriter(path, fmt, describe=fake_describe) as writer:
        assert writer.write(results[:2]) == 2
        assert not path.exists()
        assert writer.write(iter(results[2:])) == 3
        assert writer.rows == 5
    loaded = load_report(path)
    assert loaded.format == fmt
    assert loaded.results == tuple(as_written(r) for r in results)
    assert list(tmp_path.iterdir()) == [path]


def test_report_writer_discards_on_exception(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"

    def interrupted_block() -> None:
        with ReportWriter(path, "csv", describe=fake_describe) as writer:
            writer.write([make_result()])
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted_block()
    assert list(tmp_path.iterdir()) == []


def test_report_writer_partial_report_on_ctrl_c(tmp_path: Path) -> None:
    """The CLI's pattern: stop on the interrupt inside the block, keep what was found."""
    path = tmp_path / "report.jsonl"
    results = [make_result(port=p) for p in range(1, 11)]
    with ReportWriter(path, "jsonl", describe=fake_describe) as writer:
        with contextlib.suppress(KeyboardInterrupt):
            writer.write(interrupted(results, 3, KeyboardInterrupt()))
        assert writer.rows == 3
    assert load_report(path).results == tuple(as_written(r) for r in results[:3])


def test_report_writer_explicit_commit_and_discard(tmp_path: Path) -> None:
    kept, dropped = tmp_path / "kept.csv", tmp_path / "dropped.csv"
    with ReportWriter(kept, "csv", describe=fake_describe) as writer:
        writer.write([make_result()])
        writer.commit()
        assert kept.exists()
        with pytest.raises(RuntimeError):
            writer.write([make_result()])
    with ReportWriter(dropped, "csv", describe=fake_describe) as writer:
        writer.write([make_result()])
        writer.discard()
    assert sorted(tmp_path.iterdir()) == [kept]
    assert len(load_report(kept).results) == 1


def test_report_writer_needs_a_with_block() -> None:
    writer = ReportWriter(io.StringIO(), "csv", describe=fake_describe)
    with pytest.raises(RuntimeError):
        writer.write([make_result()])


# --- Streams -------------------------------------------------------------------------------


@pytest.mark.parametrize("writer", [write_csv, write_jsonl])
def test_streams_to_a_text_stream_row_by_row(writer) -> None:
    out = io.StringIO()
    header_lines = 1 if writer is write_csv else 0
    lines_seen: list[int] = []

    def results() -> Iterator[PortResult]:
        for port in range(1, 6):
            lines_seen.append(out.getvalue().count("\n") - header_lines)
            yield make_result(port=port)

    assert writer(results(), out, describe=fake_describe) == 5
    assert lines_seen == [0, 1, 2, 3, 4]
    assert not out.closed
    assert out.getvalue().count("\n") == 5 + header_lines


def test_stream_is_not_closed_or_rolled_back_on_error() -> None:
    out = io.StringIO()
    with pytest.raises(RuntimeError):
        write_csv(interrupted([make_result()], 1, RuntimeError()), out, describe=fake_describe)
    assert not out.closed
    assert len(csv_rows(out.getvalue())) == 2


# --- Round trips ---------------------------------------------------------------------------

any_text = st.text(st.characters(blacklist_categories=()), max_size=40)
port_results = st.builds(
    PortResult,
    host=any_text.filter(str.strip),
    address=st.ip_addresses().map(str),
    protocol=st.sampled_from(Protocol),
    port=st.integers(0, 65535),
    state=st.sampled_from(PortState),
    reason=st.sampled_from(Reason),
    rtt=st.none() | st.floats(0, 120, allow_nan=False),
    scanned_at=st.floats(0, 4_102_444_800),
    banner=any_text,
)


@settings(max_examples=50, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    results=st.lists(port_results, max_size=30),
    fmt=st.sampled_from(ReportFormat),
    bom=st.booleans(),
)
def test_round_trip_of_random_results(
    results: list[PortResult], fmt: ReportFormat, bom: bool, tmp_path: Path
) -> None:
    path = tmp_path / "report"
    with ReportWriter(path, fmt, bom=bom and fmt is ReportFormat.CSV, describe=fake_describe) as w:
        w.write(results)
    loaded = load_report(path)
    assert loaded.format is fmt
    assert loaded.results == tuple(as_written(r) for r in results)
    rewritten = tmp_path / "again"
    with ReportWriter(
        rewritten, fmt, bom=bom and fmt is ReportFormat.CSV, describe=fake_describe
    ) as w:
        w.write(loaded.results)
    assert rewritten.read_bytes() == path.read_bytes()


def test_loader_ignores_and_allows_missing_derived_columns(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text(
        "banner,scanned_at,rtt_ms,reason,state,port,protocol,address,host\r\n"
        "hi,2026-11-25T07:32:00.123Z,,no-response,filtered,443,tcp,::1,localhost\r\n",
        encoding="utf-8",
    )
    expected = make_result(
        host="localhost",
        address="::1",
        port=443,
        state=PortState.FILTERED,
        reason=Reason.NO_RESPONSE,
        rtt=None,
        banner="hi",
    )
    assert load_report(path).results == (expected,)


def test_loader_accepts_other_time_zones_and_blank_lines(tmp_path: Path) -> None:
    out = io.StringIO()
    write_jsonl([make_result()], out, describe=fake_describe)
    line = out.getvalue().replace("2026-11-25T07:32:00.123Z", "2026-11-25T08:32:00.123+01:00")
    path = tmp_path / "report.jsonl"
    path.write_text("\n\n" + line + "\r\n\n", encoding="utf-8")
    assert load_report(path).results == (make_result(rtt=0.012346),)


def test_blank_file_is_an_empty_jsonl_report(tmp_path: Path) -> None:
    path = tmp_path / "report.jsonl"
    write_jsonl([], path, describe=fake_describe)
    assert path.read_bytes() == b""
    assert load_report(path) == LoadedReport((), ReportFormat.JSONL)


# --- Loader errors -------------------------------------------------------------------------


def write_csv_lines(path: Path, *lines: str) -> None:
    path.write_text("".join(line + "\r\n" for line in lines), encoding="utf-8")


GOOD_ROW = (
    "example.org,192.0.2.10,tcp,22,open,syn-ack,ssh,Secure Shell,well-known,12.346,"
    "SSH-2.0-OpenSSH_9.6,ssh,OpenSSH 9.6,2026-11-25T07:32:00.123Z"
)

GOOD_JSON = (
    '{"host": "example.org", "address": "192.0.2.10", "protocol": "tcp", "port": 22, '
    '"state": "open", "reason": "syn-ack", "rtt_ms": 12.346, "banner": "", '
    '"scanned_at": "2026-11-25T07:32:00.123Z"}\n'
)


def test_loader_error_names_file_line_and_field(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    bad = GOOD_ROW.replace(",open,", ",opne,")
    write_csv_lines(tmp_path / "report.csv", HEADER, *[GOOD_ROW] * 5, bad)
    with pytest.raises(InputError) as caught:
        load_report("report.csv")
    assert str(caught.value) == (
        "report.csv line 7: state 'opne' is not one of open, closed, filtered, open|filtered"
    )
    assert caught.value.token == "opne"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",tcp,", ",sctp,", "protocol 'sctp' is not one of tcp, udp"),
        (",22,", ",65536,", "port '65536' is not a port number (0-65535)"),
        (",22,", ",twenty,", "port 'twenty' is not a port number (0-65535)"),
        (",22,", ",,", "port '' is not a port number (0-65535)"),
        (",syn-ack,", ",syn,", "reason 'syn' is not one of syn-ack, conn-refused"),
        (",12.346,", ",fast,", "rtt_ms 'fast' is not a round-trip time in milliseconds"),
        (",12.346,", ",nan,", "rtt_ms 'nan' is not a round-trip time"),
        (",12.346,", ",'-1,", "rtt_ms '-1' is not a round-trip time"),
        ("192.0.2.10", "192.0.2.300", "address '192.0.2.300' is not an IP address"),
        ("example.org", " ", "host ' ' is empty"),
        ("2026-11-25T07:32:00.123Z", "yesterday", "scanned_at 'yesterday' is not an ISO 8601"),
        (
            "2026-11-25T07:32:00.123Z",
            "2026-11-25T07:32:00",
            "scanned_at '2026-11-25T07:32:00' has no time zone",
        ),
        (
            "2026-11-25T07:32:00.123Z",
            "0001-01-01T00:00:00+01:00",
            "scanned_at '0001-01-01T00:00:00+01:00' is out of range",
        ),
    ],
)
def test_loader_field_errors(old: str, new: str, message: str, tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv_lines(path, HEADER, GOOD_ROW, GOOD_ROW.replace(old, new, 1))
    with pytest.raises(InputError, match="^" + re.escape(f"{path} line 3: {message}")):
        load_report(path)


def test_loader_header_errors_name_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv_lines(path, HEADER.replace("rtt_ms", "latency").replace(",banner", ""))
    with pytest.raises(InputError) as caught:
        load_report(path)
    assert str(caught.value) == (
        f"{path} line 1: not a portwindow report header: missing column(s) rtt_ms, banner; "
        "unknown column(s) 'latency'"
    )


def test_loader_rejects_repeated_columns(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv_lines(path, HEADER + ",port")
    with pytest.raises(InputError, match="repeated column\\(s\\) 'port'"):
        load_report(path)


def test_loader_rejects_wrong_field_count(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    write_csv_lines(path, HEADER, GOOD_ROW, "", GOOD_ROW + ",extra")
    with pytest.raises(InputError, match=r"line 4: expected 14 fields, found 15$"):
        load_report(path)


def test_loader_line_numbers_count_quoted_newlines(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    multi_line = GOOD_ROW.replace("SSH-2.0-OpenSSH_9.6", '"two\r\nlines"')
    write_csv_lines(path, HEADER, multi_line, GOOD_ROW.replace(",open,", ",shut,"))
    with pytest.raises(InputError, match="line 4: state 'shut'"):
        load_report(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER.encode() + b"\r\n\xff\xfe\r\n", "line 2: not UTF-8 text"),
        (HEADER.encode() + b"\r\nab\x00c\r\n", "line 2: "),
        (HEADER.encode() + b'\r\n"unterminated', "line 2: "),
        (b'""\r\n', "no header line"),
        (GOOD_JSON.encode() + b"\n[1, 2]\n", "line 3: expected a JSON object, found [1, 2]"),
        (b'\n{"host": 1}\n[1, 2]\n', "line 2: not a portwindow report row: missing column(s)"),
        (b'{"host": \n', "line 1: not valid JSON (Expecting value, column 10)"),
        (b'{"a": 1, "a": 2}\n', "line 1: not valid JSON (duplicate key 'a')"),
        (b'{"a": ' + b"[" * 100_000 + b"\n", "line 1: not valid JSON"),
        (b'{"port": ' + b"9" * 5000 + b"}", "line 1: not valid JSON"),
    ],
)
def test_loader_rejects_bad_content(content: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "report"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_report(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("port", "22", None),
        ("port", 22.0, "port 22.0 is not a port number"),
        ("port", True, "port True is not a port number"),
        ("rtt_ms", "12.5", None),
        ("rtt_ms", True, "rtt_ms True is not a round-trip time"),
        ("rtt_ms", 10**400, "rtt_ms"),
        ("rtt_ms", float("inf"), "rtt_ms inf is not a round-trip time"),
        ("banner", 7, "banner 7 is not a string"),
        ("state", None, "state None is not one of open, closed, filtered, open|filtered"),
        ("scanned_at", 1795591920.123, "scanned_at 1795591920.123 is not an ISO 8601 time"),
    ],
)
def test_jsonl_field_types(field: str, value: object, message: str | None, tmp_path: Path) -> None:
    out = io.StringIO()
    write_jsonl([make_result()], out, describe=fake_describe)
    row = json.loads(out.getvalue())
    row[field] = value
    path = tmp_path / "report.jsonl"
    path.write_text("\n" + json.dumps(row) + "\n", encoding="utf-8")
    if message is None:
        assert len(load_report(path).results) == 1
        return
    with pytest.raises(InputError) as caught:
        load_report(path)
    assert str(caught.value).startswith(f"{path} line 2: {message}")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.csv: no such file"):
        load_report(tmp_path / "nothing.csv")
    with pytest.raises(InputError, match="is a directory"):
        load_report(tmp_path)


# --- Fuzzing: any file content gives a LoadedReport or an InputError -----------------------


def load_or_input_error(path: Path) -> LoadedReport | None:
    try:
        return load_report(path)
    except InputError:
        return None


VALID_CSV = csv_text([make_result(port=p, banner=b) for p, b in enumerate(HOSTILE_BANNERS[:8], 1)])
VALID_JSONL = "".join(
    json.dumps({c: v for c, v in zip(COLUMNS, row, strict=True)}) + "\n"
    for row in csv_rows(VALID_CSV)[1:]
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=2000) | st.text(max_size=500).map(str.encode))
def test_any_bytes_load_or_raise_input_error(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "fuzz"
    path.write_bytes(content)
    load_or_input_error(path)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    report=st.sampled_from([VALID_CSV, VALID_JSONL]),
    edits=st.lists(
        st.tuples(
            st.integers(0, 5000),
            st.integers(0, 20),
            any_text
            | st.sampled_from(
                [",", '"', "\r\n", "\n", "'", "\\", "{", "}", ":", "null", "1e999", "\x00"]
            ),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_mutated_reports_load_or_raise_input_error(
    report: str, edits: list[tuple[int, int, str]], tmp_path: Path
) -> None:
    for position, length, insert in edits:
        at = position % (len(report) + 1)
        report = report[:at] + insert + report[at + length :]
    path = tmp_path / "fuzz"
    path.write_bytes(report.encode("utf-8", "surrogatepass"))
    load_or_input_error(path)


def _char_device(tmp_path: Path) -> Path:
    """A null device of our own, in the test's directory (never the system's /dev/null)."""
    node = tmp_path / "null"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return node


@pytest.mark.skipif(os.name != "posix", reason="device nodes")
@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_a_device_is_written_to_not_replaced(tmp_path: Path, fmt: ReportFormat) -> None:
    """`--csv /dev/null` must not turn /dev/null into a regular file."""
    node = _char_device(tmp_path)
    with ReportWriter(node, fmt, describe=fake_describe) as writer:
        writer.write([make_result()])
    write_text_atomically(node, "text")
    assert stat.S_ISCHR(node.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_gets_the_report_and_stays_a_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        write_csv([make_result()], fifo, describe=fake_describe)
    finally:
        reader.join(10)
    assert received
    assert received[0].decode().startswith(HEADER)
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="/dev/fd")
def test_a_report_to_dev_fd_writes_through_the_descriptor(tmp_path: Path) -> None:
    """As `--csv /dev/stdout >> log`: the log keeps its lines and gets the report."""
    log = tmp_path / "log"
    log.write_text("earlier line\n")
    with open(log, "a") as appended:
        write_csv([make_result()], f"/dev/fd/{appended.fileno()}", describe=fake_describe)
    text = log.read_text()
    assert text.startswith("earlier line\n")
    assert HEADER in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log"]
