"""Tests for tools/build_services.py, which turns IANA's CSV into the package's table."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from portwindow.engine.core.model import Protocol
from portwindow.engine.input.services import ServiceRegistry

REPO_ROOT = Path(__file__).resolve().parents[3]
TOOL = REPO_ROOT / "tools" / "build_services.py"
PACKAGE_DATA = REPO_ROOT / "portwindow" / "engine" / "input" / "data" / "services.tsv.gz"


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_services", TOOL)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


build_services = _load_tool()

HEADER = [
    "Service Name", "Port Number", "Transport Protocol", "Description", "Assignee", "Contact",
    "Registration Date", "Modification Date", "Reference", "Service Code",
    "Unauthorized Use Reported", "Assignment Notes",
]  # fmt: skip


def _row(name, port, protocol, description, notes=""):
    return [name, port, protocol, description, "", "", "", "", "", "", "", notes]


ROWS = [
    _row("", "0", "tcp", "Reserved"),
    _row("echo", "7", "tcp", "Echo"),
    _row("www", "80", "tcp", "World Wide Web HTTP",
         'This is a duplicate of the "http" service and should not be used for discovery.'),
    _row("http", "80", "tcp", "World Wide Web HTTP", "Defined TXT keys: u=<username>"),
    _row("whoispp", "63", "tcp", 'whois++\nIANA assigned this well-formed service name as a\n'
         'replacement for "whois++".'),
    _row("whois++", "63", "tcp", "whois++", 'This entry is an alias to "whoispp".\nhistoric'),
    _row("ident", "113", "tcp", ""),
    _row("auth", "113", "tcp", "Authentication Service"),
    _row("shilp", "2049", "udp", "shilp", "<== NOTE Conflict on 2049 !"),
    _row("nfs", "2049", "udp", "Network File System", "Defined TXT keys: path=<path>"),
    _row("vision-mon", "4413", "tcp", "FORTÉ Vision Monitoring platform"),
    _row("active-net", "3322-3323", "", "Active Networks"),
    _row("x11", "6000-6002", "tcp", "X Window System"),
    _row("", "6003-6010", "", "Unassigned"),
    _row("nameonly", "", "", "No port, name only"),
    _row("dns-sd", "", "tcp", "DNS Service Discovery"),
    _row("shared", "9", "", "Every protocol", ""),
    _row("cgi", "10", "tcp", "Keys", "Defined TXT keys: ip, port, cgi-alias, custom"),
    _row("z-first", "10", "tcp", "Also on 10"),
]  # fmt: skip

EXPECTED_LINES = [
    "7\ttcp\techo\tEcho",
    "9\ttcp\tshared\tEvery protocol",
    "9\tudp\tshared\tEvery protocol",
    "9\tsctp\tshared\tEvery protocol",
    "9\tdccp\tshared\tEvery protocol",
    "10\ttcp\tcgi\tKeys",
    "10\ttcp\tz-first\tAlso on 10",
    "63\ttcp\twhoispp\twhois++",
    "63\ttcp\twhois++\twhois++",
    "80\ttcp\thttp\tWorld Wide Web HTTP",
    "80\ttcp\twww\tWorld Wide Web HTTP",
    "113\ttcp\tident\tident",
    "113\ttcp\tauth\tAuthentication Service",
    "2049\tudp\tnfs\tNetwork File System",
    "2049\tudp\tshilp\tshilp",
    "3322\ttcp\tactive-net\tActive Networks",
    "3322\tudp\tactive-net\tActive Networks",
    "3322\tsctp\tactive-net\tActive Networks",
    "3322\tdccp\tactive-net\tActive Networks",
    "3323\ttcp\tactive-net\tActive Networks",
    "3323\tudp\tactive-net\tActive Networks",
    "3323\tsctp\tactive-net\tActive Networks",
    "3323\tdccp\tactive-net\tActive Networks",
    "4413\ttcp\tvision-mon\tFORTÉ Vision Monitoring platform",
    "6000\ttcp\tx11\tX Window System",
    "6001\ttcp\tx11\tX Window System",
    "6002\ttcp\tx11\tX Window System",
]


@pytest.fixture
def sample_csv(tmp_path: Path) -> Path:
    path = tmp_path / "sample.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    return path


def _payload_lines(data: bytes) -> list[str]:
    text = gzip.decompress(data).decode("utf-8")
    return [line for line in text.splitlines() if not line.startswith("#")]


def test_sample_csv_has_multiline_fields(sample_csv):
    # The fixture must exercise the quirk: records that span several physical lines.
    assert len(sample_csv.read_text(encoding="utf-8").splitlines()) > len(ROWS) + 1


def test_build_keeps_named_ports_and_orders_primary_first(sample_csv):
    assert _payload_lines(build_services.build(sample_csv)) == EXPECTED_LINES


def test_a_byte_order_mark_is_tolerated(sample_csv, tmp_path):
    with_bom = tmp_path / "bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + sample_csv.read_bytes())
    assert _payload_lines(build_services.build(with_bom)) == EXPECTED_LINES


def test_built_table_loads_into_a_registry(sample_csv):
    text = gzip.decompress(build_services.build(sample_csv)).decode("utf-8")
    registry = ServiceRegistry(text)
    assert registry.lookup(80, Protocol.TCP).name == "http"
    assert registry.ports_for_name("www", Protocol.TCP) == (80,)
    assert registry.lookup(3323, Protocol.UDP).name == "active-net"
    assert registry.lookup(6003, Protocol.TCP).name == ""
    assert "nameonly" not in registry.names()


def test_header_records_the_source_hash(sample_csv):
    text = gzip.decompress(build_services.build(sample_csv)).decode("utf-8")
    digest = hashlib.sha256(sample_csv.read_bytes()).hexdigest()
    assert f"# source sha256: {digest}" in text.splitlines()


def test_output_is_reproducible(sample_csv):
    first = build_services.build(sample_csv)
    assert build_services.build(sample_csv) == first
    assert first[:2] == b"\x1f\x8b"
    assert first[3] == 0  # no flags: no file name stored
    assert first[4:8] == b"\0\0\0\0"  # mtime 0


@pytest.mark.parametrize(
    ("notes", "rank"),
    [
        ("", 0),
        ("Defined TXT keys: ip, port, name, instance, cgi-alias, major-version", 0),
        ('This entry is an alias to "whoispp".', 2),
        ('This is a duplicate of the "http" service and should not be used.', 2),
        ("<== NOTE Conflict on 2049 !", 1),
        ("This entry records an unassigned but widespread use", 1),
    ],
)
def test_rank_of_notes(notes, rank):
    assert build_services.rank_of(notes) == rank


def test_rejects_a_csv_without_iana_columns(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,port\nssh,22\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing columns"):
        build_services.build(path)


def test_rejects_a_bad_port_number(tmp_path):
    path = tmp_path / "bad.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([HEADER, _row("odd", "80a", "tcp", "Odd")])
    with pytest.raises(ValueError, match="80a"):
        build_services.build(path)


def test_main_writes_the_output(sample_csv, tmp_path, capsys):
    output = tmp_path / "out" / "services.tsv.gz"
    assert build_services.main([str(sample_csv), "--output", str(output)]) == 0
    assert output.read_bytes() == build_services.build(sample_csv)
    assert str(output) in capsys.readouterr().out


@pytest.mark.skipif(
    not build_services.DEFAULT_CSV.exists(),
    reason=f"IANA CSV not present at {build_services.DEFAULT_CSV}",
)
def test_package_data_is_fresh(tmp_path):
    output = tmp_path / "services.tsv.gz"
    build_services.main([str(build_services.DEFAULT_CSV), "--output", str(output)])
    rebuilt, shipped = output.read_bytes(), PACKAGE_DATA.read_bytes()
    assert gzip.decompress(rebuilt) == gzip.decompress(shipped), (
        "services.tsv.gz is stale: run python tools/build_services.py"
    )
    assert rebuilt == shipped


def test_notice_credits_iana_and_says_how_to_regenerate():
    notice = " ".join((REPO_ROOT / "NOTICE").read_text(encoding="utf-8").split())
    assert "Service Name and Transport Protocol Port Number Registry" in notice
    assert "CC0 1.0" in notice
    assert "10 November 2021" in notice
    assert "portwindow/engine/input/data/services.tsv.gz" in notice
    assert "python tools/build_services.py" in notice
