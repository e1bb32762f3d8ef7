"""Banner grabbing: rendering, the certificate reader, and real reads from scripted
servers on loopback (greeting, silent, hostile, slow), alone and inside a scan."""

import asyncio
import csv
import dataclasses
import gc
import io
import json
import logging
import ssl
import struct
import threading
import time
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason, ScanBatch
from portwindow.engine.core.text import printable
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.reports.readers import load_report
from portwindow.engine.reports.writers import write_csv, write_jsonl
from portwindow.engine.scan import limits, loops
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.enrich import banners
from portwindow.engine.scan.enrich.banners import (
    MAX_BANNER,
    BannerGrabber,
    Certificate,
    grab_banner,
    parse_certificate,
    render_greeting,
    render_reply,
    render_tls,
)
from portwindow.engine.scan.enrich.identify import identify
from portwindow.engine.scan.scheduler import Scan
from tests.support.listeners import free_ports, ipv6_loopback_available
from tests.support.servers import (
    HOLD,
    closing,
    greeting,
    http_responder,
    scripted_server,
    silent,
)
from tests.unit.engine.conftest import LOOP_KINDS

T = 0.1  # banner timeout for these tests: short, and far above loopback's latency
SSH = b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"
HOSTILE = (
    b"=cmd|' /C calc'!A0\x00\x1b[2J\x1b]0;owned\x07 \xff\xfe\xc3\x28 \xe2\x80\xae"
    b"\r\nSet-Cookie: injected=1\r\n\r\n\t@SUM(1+1)\r" + b"\x9b\xde\xad" * 34_000
)

# A self-signed EC certificate: UTF-8 names, notAfter 2136 (a GeneralizedTime).
# openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -utf8
#   -subj "/C=DE/O=Pörtwindow Läb/OU=Doors/CN=döör.example" -days 40000
CERT_PEM = """-----BEGIN CERTIFICATE-----
MIIB+DCCAZ+gAwIBAgIUEtWgjpLQoYYnI8KPdO97rhnLZZIwCgYIKoZIzj0EAwIw
UTELMAkGA1UEBhMCREUxGTAXBgNVBAoMEFDDtnJ0d2luZG93IEzDpGIxDjAMBgNV
BAsMBURvb3JzMRcwFQYDVQQDDA5kw7bDtnIuZXhhbXBsZTAgFw0yNjExMjUwODM0
NTBaGA8yMTM2MDYwMTA4MzQ1MFowUTELMAkGA1UEBhMCREUxGTAXBgNVBAoMEFDD
tnJ0d2luZG93IEzDpGIxDjAMBgNVBAsMBURvb3JzMRcwFQYDVQQDDA5kw7bDtnIu
ZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABNxehAnXgBdPyMu6CHdf
hCcZssYt8097lOaOKvS96OsDaLZtBhjUA40npBTwDhLgOAVfbRimdp8+uscUShPN
e+qjUzBRMB0GA1UdDgQWBBQoAnxiJRCng/OO5Hw+lqa0ZeliszAfBgNVHSMEGDAW
gBQoAnxiJRCng/OO5Hw+lqa0ZeliszAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
BAMCA0cAMEQCIFYaBV3sVThEGSmL0dYWcBVaLAGnn4kLceGWw5KFj3UmAiAf2hCr
haofkWI1v2mXV//NH2SVpHmeKjUXEdUQtQdJdQ==
-----END CERTIFICATE-----
"""
CERT_DER = ssl.PEM_cert_to_DER_cert(CERT_PEM)
NOW = datetime(2026, 11, 25, tzinfo=UTC)


def mysql_packet(payload: bytes, sequence: int = 0) -> bytes:
    return len(payload).to_bytes(3, "little") + bytes([sequence]) + payload


def mysql_handshake(version: bytes) -> bytes:
    """A protocol 10 handshake as MySQL 8 sends it (salt and flags from a real server)."""
    payload = b"\x0a" + version + b"\x00" + struct.pack("<I", 11)
    payload += b"\x1a\x3f\x05\x6c\x2e\x44\x01\x52\x00" + b"\xff\xff\xff\x02\x00\xff\xdf\x15"
    payload += b"\x00" * 10 + b"\x6f\x0c\x10\x3c\x48\x2a\x60\x27\x01\x12\x63\x57\x00"
    return mysql_packet(payload + b"caching_sha2_password\x00")


# --- Rendering -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "banner"),
    [
        (SSH, "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"),
        (
            b"220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n",
            "220 mail.example.org ESMTP Postfix (Debian/GNU)",
        ),
        (
            b"220-FileZilla Server 1.7.3\r\n220 Please visit\r\n",
            "220-FileZilla Server 1.7.3\n220 Please visit",
        ),
        (b"  +OK Dovecot ready.\r\n\r\n", "+OK Dovecot ready."),
        (b"220 caf\xe9 \xff ok\r\n", "220 caf\\xe9 \\xff ok"),  # not UTF-8: shown as \xNN
        (b"\xe2\x80\xae\x1b[31mred\x00", "\u202e\x1b[31mred\x00"),  # kept for printable()
        (mysql_handshake(b"8.0.35"), "MySQL 8.0.35"),
        (
            mysql_handshake(b"5.5.5-10.11.6-MariaDB-0+deb12u1"),
            "MySQL 5.5.5-10.11.6-MariaDB-0+deb12u1",
        ),
        (
            mysql_packet(
                b"\xff\x6a\x04Host '192.0.2.1' is not allowed to connect to this MySQL server"
            ),
            "MySQL error 1130: Host '192.0.2.1' is not allowed to connect to this MySQL server",
        ),
        (mysql_packet(b"\x0a8.0 35\x00abc"), "\x00\x00\x00\n8.0 35\x00abc"),  # not a version
    ],
)
def test_greetings_render_as_received(data, banner):
    assert render_greeting(data) == banner


def test_greetings_are_bounded():
    banner = render_greeting(b"A" * 4096)
    assert len(banner) == MAX_BANNER
    assert banner.endswith("…")
    assert len(render_greeting(b"\xff" * 4096)) == MAX_BANNER  # 4 characters per byte


@pytest.mark.parametrize(
    ("reply", "banner"),
    [
        (
            b"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 07:32 GMT\r\n\r\n",
            "HTTP/1.1 200 OK; Server: nginx/1.22.1",
        ),
        (
            b"HTTP/1.0 404 Not Found\r\nserver:   SimpleHTTP/0.6\r\n\r\n",
            "HTTP/1.0 404 Not Found; Server: SimpleHTTP/0.6",
        ),
        (
            b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\nServer: in the body",
            "HTTP/1.1 204 No Content",
        ),
        (b"HTTP/1.1 200 OK\nServer: bare-lf\n\n", "HTTP/1.1 200 OK; Server: bare-lf"),
        (
            b"HTTP/1.1 200 OK\r\nServer: " + b"x" * 500 + b"\r\n\r\n",
            "HTTP/1.1 200 OK; Server: " + "x" * 127 + "…",
        ),
        (b"-ERR unknown command 'HEAD'\r\n", "-ERR unknown command 'HEAD'"),
    ],
)
def test_replies_to_head_render_status_and_server(reply, banner):
    assert render_reply(reply) == banner


def test_greeting_completeness_waits_for_continued_lines():
    complete = banners._greeting_complete
    assert complete(SSH)
    assert not complete(b"SSH-2.0-OpenSSH_9.2p1")
    assert not complete(b"220-FileZilla Server 1.7.3\r\n")
    assert complete(b"220-FileZilla Server 1.7.3\r\n220 Please visit\r\n")
    assert complete(mysql_handshake(b"8.0.35"))
    assert not complete(mysql_handshake(b"8.0.35")[:-3])


# --- Certificates ----------------------------------------------------------------------------


def der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def name(*pairs: tuple[bytes, int, bytes]) -> bytes:
    return der(
        0x30,
        b"".join(
            der(0x31, der(0x30, der(0x06, oid) + der(tag, value))) for oid, tag, value in pairs
        ),
    )


CN, ORG, COUNTRY = b"\x55\x04\x03", b"\x55\x04\x0a", b"\x55\x04\x06"


def certificate(issuer: bytes, subject: bytes, not_after: bytes, *, version: bool = True) -> bytes:
    algorithm = der(0x30, der(0x06, b"\x2a\x86\x48\xce\x3d\x04\x03\x02"))
    validity = der(0x30, der(0x17, b"260101000000Z") + not_after)
    tbs = (der(0xA0, der(0x02, b"\x02")) if version else b"") + der(0x02, b"\x01") + algorithm
    tbs += issuer + validity + subject + der(0x30, b"")
    return der(0x30, der(0x30, tbs) + algorithm + der(0x03, b"\x00\x01"))


def test_real_certificate_is_read():
    assert parse_certificate(CERT_DER) == Certificate(
        "döör.example",
        "Pörtwindow Läb",
        "döör.example",
        "Pörtwindow Läb",
        datetime(2136, 6, 1, 8, 34, 50, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("not_after", "expected"),
    [
        (der(0x17, b"491231235959Z"), datetime(2049, 12, 31, 23, 59, 59, tzinfo=UTC)),
        (der(0x17, b"500101000000Z"), datetime(1950, 1, 1, tzinfo=UTC)),
        (der(0x18, b"99991231235959Z"), datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
        (der(0x17, b"271301000000Z"), None),  # month 13
        (der(0x18, b"2027010100Z"), None),
        (der(0x04, b"271301000000Z"), None),
    ],
)
def test_certificate_times(not_after, expected):
    cert = parse_certificate(certificate(name(), name(), not_after))
    assert cert is not None
    assert cert.not_after == expected


def test_certificate_names_in_every_string_kind_and_order():
    issuer = name((COUNTRY, 0x13, b"US"), (ORG, 0x13, b"Let's Encrypt"), (CN, 0x13, b"R11"))
    subject = name(
        (CN, 0x1E, "wö.example".encode("utf-16-be")), (ORG, 0x14, b"Caf\xe9"), (CN, 0x0C, b"second")
    )
    cert = parse_certificate(
        certificate(issuer, subject, der(0x17, b"270101000000Z"), version=False)
    )
    assert cert == Certificate(
        "wö.example", "Café", "R11", "Let's Encrypt", datetime(2027, 1, 1, tzinfo=UTC)
    )
    bad_utf8 = parse_certificate(
        certificate(name((CN, 0x0C, b"\xff\xfe")), name(), der(0x17, b"270101000000Z"))
    )
    assert bad_utf8.issuer_cn == "\\xff\\xfe"
    long = parse_certificate(
        certificate(name((CN, 0x0C, b"a" * 5000)), name(), der(0x17, b"270101000000Z"))
    )
    assert long.issuer_cn == "a" * 127 + "…"


def test_every_truncation_of_a_certificate_is_refused_cleanly():
    for end in range(len(CERT_DER)):
        assert parse_certificate(CERT_DER[:end]) is None


@settings(max_examples=300)
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=len(CERT_DER) - 1))
def test_certificate_reader_never_fails_on_hostile_bytes(junk, at):
    parse_certificate(junk)
    parse_certificate(CERT_DER[:at] + junk + CERT_DER[at + len(junk) :])


def test_tls_banner_text():
    info = "subject CN=döör.example, O=Pörtwindow Läb; issuer CN=döör.example, O=Pörtwindow Läb"
    http = b"HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n\r\n"
    assert (
        render_tls(CERT_DER, "TLSv1.3", b"", now=NOW) == f"TLS: {info}; expires 2136-06-01; TLSv1.3"
    )
    assert render_tls(CERT_DER, "TLSv1.2", http, now=NOW) == (
        f"TLS: {info}; expires 2136-06-01; TLSv1.2 | HTTP/1.1 200 OK; Server: nginx/1.22.1"
    )
    later = datetime(2200, 1, 1, tzinfo=UTC)
    assert render_tls(CERT_DER, None, b"", now=later) == f"TLS: {info}; expired 2136-06-01"
    assert render_tls(None, "TLSv1.3", b"", now=NOW) == "TLS: no certificate; TLSv1.3"
    assert (
        render_tls(b"\x30\x03junk", "TLSv1.3", b"", now=NOW)
        == "TLS: certificate not readable; TLSv1.3"
    )
    piped = certificate(
        name((CN, 0x0C, b"x | HTTP/1.1 200 OK")), name(), der(0x17, b"270101000000Z")
    )
    banner = render_tls(piped, "TLSv1.3", b"", now=NOW)
    assert banner.startswith(
        "TLS: subject (empty); issuer CN=x ¦ HTTP/1.1 200 OK; expires 2027-01-01"
    )
    assert identify(banner).service == "tls"  # a name cannot pass for what came over TLS


# --- Reading real servers on loopback ----------------------------------------------------------


async def timed_grab(port: int, address: str = "127.0.0.1", **kw) -> tuple[str, float]:
    started = time.perf_counter()
    banner = await grab_banner(address, port, timeout=T, **kw)
    return banner, time.perf_counter() - started


def test_greeting_is_read_at_once(run_loop):
    with scripted_server(greeting(SSH)) as port:
        banner, took = run_loop(timed_grab(port))
    assert banner == "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"
    assert took < T  # a whole line needs no waiting


@pytest.mark.skipif(not ipv6_loopback_available(), reason="this machine has no ::1")
def test_greeting_over_ipv6(run_loop):
    with scripted_server(greeting(SSH), host="::1") as port:
        banner, _ = run_loop(timed_grab(port, "::1"))
    assert banner.startswith("SSH-2.0-OpenSSH_9.2p1")


def test_greeting_in_pieces_is_read_whole(run_loop):
    def ftp(conn, stop):
        conn.sendall(b"220-FileZilla Server 1.7.3\r\n")
        time.sleep(0.03)
        conn.sendall(b"220 Please visit https://filezilla-project.org/\r\n")
        silent(conn, stop)

    with scripted_server(ftp) as port:
        banner, _ = run_loop(timed_grab(port))
    assert banner == "220-FileZilla Server 1.7.3\n220 Please visit https://filezilla-project.org/"


def test_mysql_greeting_reads_as_its_version(run_loop):
    with scripted_server(greeting(mysql_handshake(b"8.0.35"))) as port:
        banner, took = run_loop(timed_grab(port))
    assert banner == "MySQL 8.0.35"
    assert took < T


def test_silent_port_gets_both_probes_and_an_empty_banner(run_loop):
    with scripted_server(silent) as port:
        banner, took = run_loop(timed_grab(port))
    assert banner == ""
    assert 2 * T - 0.02 <= took < 3 * T + 0.3  # greeting wait, then both probes at once


def test_port_that_hangs_up_is_not_probed(run_loop):
    with scripted_server(closing) as port:
        banner, took = run_loop(timed_grab(port))
    assert banner == ""
    assert took < T


def test_only_addresses_are_connected_to(run_loop):
    with pytest.raises(ValueError, match="not an IP address"):
        run_loop(timed_grab(22, "localhost"))


def test_no_descriptor_left_means_no_banner_not_a_failure(run_loop, monkeypatch):
    def no_socket(*args, **kwargs):
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(banners, "_Channel", no_socket)
    banner, took = run_loop(timed_grab(22))
    assert banner == ""
    assert took < T


def test_closed_port_gives_nothing(run_loop):
    (port,) = free_ports(1)
    banner, took = run_loop(timed_grab(port))
    assert banner == ""
    assert took < T


def test_slow_server_does_not_hold_the_grab(run_loop):
    """A server that greets only once the grab has returned (or when it gives up on the
    client): the grab ends on its own timeouts, with no banner, while the server is still
    waiting to greet; it did not wait for the greeting nor for the server to hang up."""
    grabbed = threading.Event()
    waits: list[bool] = []  # per connection: whether the grab returned first

    def greets_late(conn, stop):
        waits.append(grabbed.wait(HOLD))
        if not stop.is_set():
            conn.sendall(SSH)  # too late

    with scripted_server(greets_late) as port:
        banner, _took = run_loop(timed_grab(port))
        grabbed.set()
    assert banner == ""
    assert waits  # it reached the server
    assert all(waits)  # and no connection was held until the server hung up


def test_http_probe_sends_head_and_reads_status_and_server(run_loop):
    requests: list[bytes] = []
    reply = b"HTTP/1.0 200 OK\r\nServer: Test/1.0\r\nContent-Length: 5\r\n\r\n"
    with scripted_server(http_responder(reply, requests)) as port:
        banner, _ = run_loop(timed_grab(port, host="localhost"))
        deadline = time.monotonic() + 2
        while len(requests) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert banner == "HTTP/1.0 200 OK; Server: Test/1.0"
    heads = [r for r in requests if r.startswith(b"HEAD ")]
    assert len(heads) == 1
    head = heads[0].decode()
    assert head.startswith("HEAD / HTTP/1.1\r\n")
    assert f"\r\nHost: localhost:{port}\r\n" in head
    assert "\r\nConnection: close\r\n" in head
    # The greeting connection said nothing; the other probe was a TLS ClientHello.
    others = sorted(r[:2] for r in requests if not r.startswith(b"HEAD "))
    assert others == [b"", b"\x16\x03"]


def test_host_header_never_carries_what_is_not_a_host_name(run_loop):
    requests: list[bytes] = []
    with scripted_server(http_responder(b"HTTP/1.0 200 OK\r\n\r\n", requests)) as port:
        run_loop(timed_grab(port, host="evil\r\nX-Injected: 1"))
        deadline = time.monotonic() + 2
        while not any(r.startswith(b"HEAD") for r in requests) and time.monotonic() < deadline:
            time.sleep(0.01)
    (head,) = [r for r in requests if r.startswith(b"HEAD")]
    assert f"\r\nHost: 127.0.0.1:{port}\r\n".encode() in head
    assert b"Injected" not in head


def hostile_result(banner: str) -> PortResult:
    return PortResult(
        "127.0.0.1",
        "127.0.0.1",
        Protocol.TCP,
        2323,
        PortState.OPEN,
        Reason.SYN_ACK,
        0.0001,
        time.time(),
        banner,
    )


def test_hostile_greeting_is_bounded_visible_and_reports_stay_valid(run_loop, tmp_path):
    with scripted_server(greeting(HOSTILE)) as port:
        banner, took = run_loop(timed_grab(port))
    assert took < 3 * T + 0.3
    assert len(banner) == MAX_BANNER
    assert banner.endswith("…")
    assert banner.startswith("=cmd|' /C calc'!A0\x00\x1b[2J")
    assert "\\xff\\xfe\\xc3(" in banner  # invalid UTF-8, visible
    assert "\nSet-Cookie: injected=1\n\n\t@SUM(1+1)\r\\x9b\u07ad" in banner
    shown = printable(banner)
    assert shown.isprintable()
    assert "\\x00\\x1b[2J\\x1b]0;owned\\x07" in shown
    assert "\\u202e" in shown

    result = hostile_result(banner)
    report = tmp_path / "hostile.csv"
    write_csv([result, dataclasses.replace(result, banner="@SUM(1+1)", port=2324)], report)
    raw = report.read_bytes()
    text = raw.decode("utf-8")
    assert all(char.isprintable() for char in text.replace("\r\n", ""))  # CRLF ends rows only
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert len(rows) == 3
    assert all(len(row) == len(rows[0]) for row in rows)  # the header's columns, no more
    port, banner_at = rows[0].index("port"), rows[0].index("banner")
    cells = {row[port]: row[banner_at] for row in rows[1:]}
    assert cells["2323"].startswith("'=cmd|")
    assert cells["2324"] == "'@SUM(1+1)"
    loaded = load_report(report).results
    assert loaded[0].banner == banner
    assert loaded[1].banner == "@SUM(1+1)"

    jsonl = tmp_path / "hostile.jsonl"
    write_jsonl([result], jsonl)
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 1
    assert json.loads(jsonl.read_text(encoding="utf-8"))["banner"] == printable(banner)
    assert load_report(jsonl).results[0].banner == banner


def test_no_more_than_max_read_bytes_are_kept():
    channel_data = []

    class Channel:
        async def recv(self, limit, until):
            channel_data.append(limit)
            return b"x" * limit

    async def collect():
        loop = asyncio.get_running_loop()
        return await banners._collect(Channel(), loop, T, banners._greeting_complete)

    data, ended = asyncio.run(collect())
    assert len(data) == banners.MAX_READ
    assert not ended
    assert channel_data == [banners.MAX_READ]


# --- The grabber, alone and in a scan ------------------------------------------------------------


def open_result(
    port: int, state: PortState = PortState.OPEN, protocol: Protocol = Protocol.TCP
) -> PortResult:
    return PortResult("127.0.0.1", "127.0.0.1", protocol, port, state, Reason.SYN_ACK, 0.0001, 1.0)


def settle_fds(baseline: int) -> int:
    """The descriptor count once servers have seen our sockets close (bounded wait)."""
    deadline = time.monotonic() + 3
    while limits.open_fd_count() > baseline and time.monotonic() < deadline:
        time.sleep(0.02)
    return limits.open_fd_count()


def test_grabber_publishes_banners_for_open_tcp_ports_only(run_loop):
    published: list[PortResult] = []

    async def grab(ports):
        grabber = BannerGrabber(asyncio.get_running_loop(), published.append, timeout=T)
        greeter, quiet = ports
        grabber.submit(open_result(greeter))
        grabber.submit(open_result(quiet))
        grabber.submit(open_result(greeter, state=PortState.CLOSED))
        grabber.submit(open_result(greeter, protocol=Protocol.UDP))
        await grabber.drain()
        grabber.close()

    with scripted_server(greeting(SSH)) as greeter, scripted_server(silent) as quiet:
        run_loop(grab((greeter, quiet)))
    assert published == [
        dataclasses.replace(open_result(greeter), banner="SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")
    ]


def test_grabber_reads_at_most_concurrency_ports_at_a_time(run_loop):
    async def drain_time(ports, concurrency):
        grabber = BannerGrabber(
            asyncio.get_running_loop(), lambda r: None, timeout=T, concurrency=concurrency
        )
        started = time.perf_counter()
        for port in ports:
            grabber.submit(open_result(port))
        await grabber.drain()
        grabber.close()
        return time.perf_counter() - started

    with scripted_server(silent) as a, scripted_server(silent) as b, scripted_server(silent) as c:
        one_at_a_time = run_loop(drain_time([a, b, c], 1))
        all_at_once = run_loop(drain_time([a, b, c], 3))
    assert one_at_a_time >= 3 * 2 * T - 0.03  # each silent port takes two waits
    assert all_at_once < one_at_a_time - 2 * T


def test_close_ends_reads_in_flight_at_once_and_leaves_nothing_open(run_loop, caplog):
    published: list[PortResult] = []

    async def start_then_close(ports):
        grabber = BannerGrabber(asyncio.get_running_loop(), published.append, timeout=1.0)
        for port in ports:
            grabber.submit(open_result(port))
        await asyncio.sleep(0.05)  # connected, waiting for greetings
        started = time.perf_counter()
        grabber.close()
        grabber.submit(open_result(ports[0]))  # ignored once closed
        return time.perf_counter() - started  # and the loop stops right after

    with scripted_server(silent) as a, scripted_server(greeting(SSH, delay=3.0)) as b:
        baseline = limits.open_fd_count()
        took = run_loop(start_then_close([a, b]))
        gc.collect()  # a leaked socket or pending task would complain now
        assert settle_fds(baseline) <= baseline
    assert took < 1.5  # not the 3 s the greeting would take
    assert published == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("kind", LOOP_KINDS)
def test_close_releases_every_socket_before_it_returns(kind, caplog):
    """Even when the loop never runs again before the sockets are counted."""
    loop = loops.new_event_loop(prefer_uvloop=kind == "uvloop")
    try:
        with scripted_server(silent) as a, scripted_server(silent) as b:
            grabber = BannerGrabber(loop, lambda r: None, timeout=1.0)
            grabber.submit(open_result(a))
            grabber.submit(open_result(b))
            loop.run_until_complete(asyncio.sleep(0.05))  # both connected, waiting
            before = limits.open_fd_count()
            grabber.close()  # the loop is not running
            # Our two sockets; the servers' ends close only once they see ours close.
            assert before - limits.open_fd_count() >= 2
            loop.run_until_complete(asyncio.sleep(0))  # let the cancelled reads end
    finally:
        loop.close()
    gc.collect()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_close_during_the_probes_leaves_nothing_open(run_loop, caplog):
    async def close_in_probes(port):
        grabber = BannerGrabber(asyncio.get_running_loop(), lambda r: None, timeout=0.3)
        grabber.submit(open_result(port))
        await asyncio.sleep(0.4)  # past the greeting wait: HTTP and TLS probes in flight
        grabber.close()

    with scripted_server(silent) as port:
        baseline = limits.open_fd_count()
        run_loop(close_in_probes(port))
        gc.collect()
        assert settle_fds(baseline) <= baseline
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_failing_publish_is_reported_not_lost(run_loop):
    reported = []

    async def grab(port):
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, context: reported.append(context))

        def publish(result):
            raise RuntimeError("the view went away")

        grabber = BannerGrabber(loop, publish, timeout=T)
        grabber.submit(open_result(port))
        await grabber.drain()
        await asyncio.sleep(0)
        grabber.close()

    with scripted_server(greeting(SSH)) as port:
        run_loop(grab(port))
    assert [c["message"] for c in reported] == ["banner grabbing failed"]
    assert isinstance(reported[0]["exception"], RuntimeError)


def scan_config(ports: list[int], **kw) -> ScanConfig:
    spec = ",".join(str(p) for p in ports)
    return ScanConfig(
        parse_targets("127.0.0.1"),
        parse_ports(spec),
        grab_banners=True,
        **{"banner_timeout": T, **kw},
    )


def test_scan_with_banners_updates_open_ports_in_later_batches(run_loop):
    (closed,) = free_ports(1)

    async def scan(ports):
        batches: list[ScanBatch] = []
        summary = await Scan(scan_config(ports)).run(batches.append)
        return batches, summary

    with (
        scripted_server(greeting(SSH)) as ssh,
        scripted_server(greeting(b"+OK Dovecot ready.\r\n")) as pop,
        scripted_server(silent) as quiet,
    ):
        batches, summary = run_loop(scan([ssh, pop, quiet, closed]))
    results = [r for b in batches for r in b.results]
    first = {r.port: r for r in reversed(results)}
    latest = {r.port: r for r in results}
    assert all(
        first[p].banner == "" and first[p].state is PortState.OPEN for p in (ssh, pop, quiet)
    )
    assert latest[ssh].banner == "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"
    assert latest[pop].banner == "+OK Dovecot ready."
    assert latest[quiet].banner == ""
    assert latest[closed].state is PortState.CLOSED
    assert len(results) == 4 + 2
    assert summary.progress.done == 4
    assert not summary.partial


def test_cancelled_scan_stops_its_banner_reads(run_loop, caplog):
    async def scan_then_cancel(ports):
        scan = Scan(scan_config(ports, banner_timeout=5.0))
        started = None

        def on_batch(batch):
            nonlocal started
            if started is None and any(r.state is PortState.OPEN for r in batch.results):
                started = time.perf_counter()
                asyncio.get_running_loop().call_later(0.05, scan.cancel)

        summary = await scan.run(on_batch)
        return summary, time.perf_counter() - started

    with scripted_server(silent) as a, scripted_server(silent) as b:
        baseline = limits.open_fd_count()
        _summary, took = run_loop(scan_then_cancel([a, b]))
        gc.collect()
        assert settle_fds(baseline) <= baseline
    assert took < 2.5  # not the 10 s the reads would take
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
