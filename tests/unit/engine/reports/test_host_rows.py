"""Host reports: the columns, and names a resolver or a vendor table chose made safe."""

import csv
import io
import json

from portwindow.engine.reports.host_rows import HOST_COLUMNS, host_report, write_host_report
from portwindow.engine.scan.discovery.model import HostReason, HostState, HostStatus

UP = HostStatus(
    "198.51.100.7",
    HostState.UP,
    HostReason.SYN_ACK,
    0.0012345,
    label="web.example",
    name="=cmd|' /C calc'!A0\x1b]0;title\x07",
    mac="00:11:22:33:44:55",
    vendor="Vendor\nNewline",
)
DOWN = HostStatus("198.51.100.8", HostState.DOWN, HostReason.NO_RESPONSE)


def test_csv():
    rows = list(csv.reader(io.StringIO(host_report([UP, DOWN], "csv"))))
    assert tuple(rows[0]) == HOST_COLUMNS
    first = dict(zip(HOST_COLUMNS, rows[1], strict=True))
    assert first["host"] == "web.example"
    assert first["rtt_ms"] == "1.234"
    assert first["name"].startswith("'=")  # a formula a spreadsheet would run, neutralised
    assert "\x1b" not in first["name"]
    assert "\\x1b" in first["name"]
    assert first["vendor"] == "Vendor\\nNewline"
    second = dict(zip(HOST_COLUMNS, rows[2], strict=True))
    assert (second["host"], second["state"], second["rtt_ms"], second["mac"]) == (
        "198.51.100.8",
        "down",
        "",
        "",
    )


def test_json_lines(tmp_path):
    path = tmp_path / "hosts.jsonl"
    write_host_report(path, [UP, DOWN], "jsonl")
    first, second = map(json.loads, path.read_text(encoding="utf-8").splitlines())
    assert list(first) == list(HOST_COLUMNS)
    assert first["rtt_ms"] == 1.234
    assert "\x1b" not in first["name"]
    assert second["rtt_ms"] is None
    assert second["state"] == "down"
