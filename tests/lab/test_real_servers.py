"""Banners from real servers on 127.0.0.1: Debian's OpenSSH server, nginx over HTTP and
HTTPS (a certificate made by openssl), and Python TLS servers; alone, and through a whole
scan with banners on. Each test skips, saying why, where a program is not installed."""

import contextlib
import re
import socket
import ssl
import subprocess
from datetime import datetime

import pytest

from portwindow.engine.core.model import PortState, Protocol
from portwindow.engine.input import services
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.enrich.banners import grab_banner, parse_certificate
from portwindow.engine.scan.enrich.identify import Identification, disagrees, identify
from portwindow.engine.scan.scheduler import Scan
from tests.support import servers
from tests.support.listeners import free_ports

SUBJECT = "CN=portwindow-test, O=Portwindow Lab"


@contextlib.contextmanager
def available(server):
    """Enter a server's context, or skip the test saying what is missing."""
    try:
        value = server.__enter__()
    except servers.ServerUnavailable as missing:
        pytest.skip(str(missing))
    try:
        yield value
    finally:
        server.__exit__(None, None, None)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("servers")


@pytest.fixture(scope="module")
def certificate(workdir):
    try:
        return servers.make_certificate(workdir)
    except servers.ServerUnavailable as missing:
        pytest.skip(str(missing))


@pytest.fixture(scope="module")
def sshd(workdir):
    with available(servers.sshd(workdir)) as port:
        yield port


@pytest.fixture(scope="module")
def nginx(workdir, certificate):
    with available(servers.nginx(workdir, *certificate)) as ports:
        yield ports


def program_output(*argv: str) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=True)
    return done.stdout + done.stderr


def nginx_version() -> str:
    return re.search(r"nginx/(\S+)", program_output("nginx", "-v")).group(1)


def expiry(cert) -> str:
    """The certificate's notAfter date as openssl reads it (YYYY-MM-DD)."""
    line = program_output("openssl", "x509", "-noout", "-enddate", "-in", str(cert))
    moment = datetime.strptime(line.strip().removeprefix("notAfter="), "%b %d %H:%M:%S %Y %Z")
    return f"{moment:%Y-%m-%d}"


def grab(port: int, timeout: float = 0.25) -> str:
    return loops.run(grab_banner("127.0.0.1", port, timeout=timeout))


def test_sshd_says_what_it_is(sshd):
    banner = grab(sshd)
    assert banner == servers.first_line(sshd).decode()
    found = identify(banner)
    version = re.match(r"SSH-2\.0-OpenSSH_(\S+)", banner).group(1)
    assert found == Identification("ssh", "OpenSSH", version, False)
    assert re.fullmatch(r"\d+\.\d+p\d+", version)
    assert found.label() == f"ssh (OpenSSH {version})"


def test_nginx_over_http(nginx):
    http, _ = nginx
    version = nginx_version()
    banner = grab(http)
    assert banner == f"HTTP/1.1 200 OK; Server: nginx/{version}"
    assert identify(banner) == Identification("http", "nginx", version, False)


def test_nginx_over_https_shows_its_certificate(nginx, certificate):
    _, https = nginx
    version = nginx_version()
    banner = grab(https)
    expected = (
        rf"TLS: subject {SUBJECT}; issuer {SUBJECT}; expires {expiry(certificate[0])}; "
        rf"TLSv1\.[0-3] \| HTTP/1\.1 200 OK; Server: nginx/{re.escape(version)}"
    )
    assert re.fullmatch(expected, banner), banner
    found = identify(banner)
    assert found == Identification("https", "nginx", version, True)
    assert found.label() == f"https (nginx {version})"


def test_tls_server_that_says_nothing_is_tls(certificate):
    with servers.scripted_server(servers.tls_script(*certificate)) as port:
        banner = grab(port)
    date = expiry(certificate[0])
    assert banner == f"TLS: subject {SUBJECT}; issuer {SUBJECT}; expires {date}; TLSv1.3"
    assert identify(banner).label() == "tls"


def test_imap_greeting_over_tls_is_imaps(certificate):
    hello = b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot (Debian) ready.\r\n"
    with servers.scripted_server(servers.tls_script(*certificate, servers.greeting(hello))) as port:
        banner = grab(port)
    assert banner.endswith(
        "; TLSv1.3 | * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot (Debian) ready."
    )
    assert identify(banner) == Identification("imaps", "Dovecot", "", True)
    assert not disagrees(identify(banner), "imaps")


def test_certificate_reader_agrees_with_openssl(workdir, certificate):
    subject = "/CN=dööр.example/O=Ünïcode Lab"
    cert, _ = servers.make_certificate(workdir, subject, days=40_000, name="long")
    der = ssl.PEM_cert_to_DER_cert(cert.read_text())
    found = parse_certificate(der)
    assert (found.subject_cn, found.subject_o) == ("dööр.example", "Ünïcode Lab")
    assert (found.issuer_cn, found.issuer_o) == ("dööр.example", "Ünïcode Lab")
    assert f"{found.not_after:%Y-%m-%d}" == expiry(cert)  # past 2049: a GeneralizedTime
    assert found.not_after.year > 2100


def scan(ports: list[int], **kw):
    async def run():
        batches = []
        config = ScanConfig(
            parse_targets("127.0.0.1"),
            parse_ports(",".join(map(str, ports))),
            grab_banners=True,
            **kw,
        )
        summary = await Scan(config).run(batches.append)
        return batches, summary

    return loops.run(run())


def test_scan_with_banners_reads_real_servers(sshd, nginx, certificate):
    http, https = nginx
    (closed,) = free_ports(1)
    batches, summary = scan([sshd, http, https, closed])
    results = [r for b in batches for r in b.results]
    first = {r.port: r for r in reversed(results)}
    latest = {r.port: r for r in results}
    for port in (sshd, http, https):
        assert first[port].state is PortState.OPEN
        assert first[port].banner == ""  # found open first, banner in a later batch
    assert identify(latest[sshd].banner).label().startswith("ssh (OpenSSH ")
    assert identify(latest[http].banner).service == "http"
    assert identify(latest[https].banner).service == "https"
    assert latest[closed].state is PortState.CLOSED
    assert summary.progress.done == 4
    assert not summary.partial


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_sshd_on_8080_disagrees_with_the_registry(workdir):
    if not port_is_free(8080):
        pytest.skip("port 8080 is taken on 127.0.0.1")
    with available(servers.sshd(workdir, port=8080)) as port:
        batches, _ = scan([port])
    latest = {r.port: r for b in batches for r in b.results}
    assert latest[8080].state is PortState.OPEN
    found = identify(latest[8080].banner)
    registered = services.default_registry().lookup(8080, Protocol.TCP).name
    assert registered == "http-alt"
    assert found.service == "ssh"
    assert disagrees(found, registered)


def test_grabbing_runs_on_both_loops(sshd):
    for prefer_uvloop in (False, True):
        banner = loops.run(grab_banner("127.0.0.1", sshd), prefer_uvloop=prefer_uvloop)
        assert banner.startswith("SSH-2.0-OpenSSH_")
