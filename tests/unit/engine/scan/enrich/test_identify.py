"""Service identification from banners, and the comparison with IANA's registry."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portwindow.engine.core.model import Protocol
from portwindow.engine.input import services
from portwindow.engine.scan.enrich.identify import LOOKED_AT, Identification, disagrees, identify

TLS = "TLS: subject CN=www.example.org; issuer CN=R11, O=Let's Encrypt; expires 2027-01-01; TLSv1.3"


@pytest.mark.parametrize(
    ("banner", "service", "product", "version"),
    [
        ("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3", "ssh", "OpenSSH", "9.2p1"),
        ("SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6", "ssh", "OpenSSH", "8.9p1"),
        ("SSH-2.0-OpenSSH_for_Windows_8.1", "ssh", "OpenSSH for Windows", "8.1"),
        ("SSH-2.0-dropbear_2022.83", "ssh", "dropbear", "2022.83"),
        ("SSH-1.99-Cisco-1.25", "ssh", "Cisco", "1.25"),
        ("SSH-2.0-libssh_0.10.5", "ssh", "libssh", "0.10.5"),
        ("SSH-2.0-Go", "ssh", "Go", ""),
        ("Welcome, stranger\nSSH-2.0-OpenSSH_9.6", "ssh", "OpenSSH", "9.6"),  # RFC 4253 4.2
        ("HTTP/1.1 200 OK; Server: nginx/1.22.1", "http", "nginx", "1.22.1"),
        (
            "HTTP/1.1 301 Moved Permanently; Server: Apache/2.4.57 (Debian)",
            "http",
            "Apache",
            "2.4.57",
        ),
        (
            "HTTP/1.0 404 File not found; Server: SimpleHTTP/0.6 Python/3.11.2",
            "http",
            "SimpleHTTP",
            "0.6",
        ),
        ("HTTP/1.1 200 OK; Server: Microsoft-IIS/10.0", "http", "Microsoft-IIS", "10.0"),
        ("HTTP/1.1 200 OK; Server: nginx", "http", "nginx", ""),
        ("HTTP/1.1 400 Bad Request", "http", "", ""),
        ("220 (vsFTPd 3.0.3)", "ftp", "vsFTPd", "3.0.3"),
        ("220 ProFTPD Server (Debian) [::ffff:192.0.2.1]", "ftp", "ProFTPD", ""),
        ("220 ProFTPD 1.3.5e Server (Debian)", "ftp", "ProFTPD", "1.3.5e"),
        (
            "220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\n"
            "220-You are user number 1 of 50 allowed.\n220 This is a private system",
            "ftp",
            "Pure-FTPd",
            "",
        ),
        (
            "220-FileZilla Server 1.7.3\n220 Please visit https://filezilla-project.org/",
            "ftp",
            "FileZilla Server",
            "1.7.3",
        ),
        ("220 Microsoft FTP Service", "ftp", "Microsoft FTP Service", ""),
        ("220 ftp.example.org FTP server ready", "ftp", "", ""),
        ("220 mail.example.org ESMTP Postfix (Debian/GNU)", "smtp", "Postfix", ""),
        (
            "220 mx.example.com ESMTP Exim 4.96 Tue, 25 Nov 2026 07:32:00 +0000",
            "smtp",
            "Exim",
            "4.96",
        ),
        (
            "220 mail.example.com ESMTP Sendmail 8.15.2/8.15.2; Tue, 25 Nov 2026",
            "smtp",
            "Sendmail",
            "8.15.2",
        ),
        ("220 mail.example.com ESMTP OpenSMTPD", "smtp", "OpenSMTPD", ""),
        (
            "220 EX01.corp.example Microsoft ESMTP MAIL Service ready at Tue",
            "smtp",
            "Microsoft ESMTP",
            "",
        ),
        ("220 ftp.example.org ESMTP", "smtp", "", ""),  # the host's name says ftp, the words smtp
        ("+OK Dovecot (Debian) ready.", "pop3", "Dovecot", ""),
        ("+OK mail.example.org Cyrus POP3 v3.6.1 server ready <1@mail>", "pop3", "Cyrus", "3.6.1"),
        ("+OK Hello there.", "pop3", "", ""),
        (
            "* OK [CAPABILITY IMAP4rev1 SASL-IR IDLE STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.",
            "imap",
            "Dovecot",
            "",
        ),
        (
            "* OK [CAPABILITY IMAP4rev1 UIDPLUS] Courier-IMAP ready. Copyright 1998-2018",
            "imap",
            "Courier-IMAP",
            "",
        ),
        ("* OK mail.example.org Cyrus IMAP 3.6.1 server ready", "imap", "Cyrus", "3.6.1"),
        ("MySQL 8.0.35", "mysql", "MySQL", "8.0.35"),
        ("MySQL 8.0.35-0ubuntu0.22.04.1", "mysql", "MySQL", "8.0.35"),
        ("MySQL 5.5.5-10.11.6-MariaDB-0+deb12u1", "mysql", "MariaDB", "10.11.6"),
        (
            "MySQL error 1130: Host '192.0.2.1' is not allowed to connect to this MySQL server",
            "mysql",
            "",
            "",
        ),
        ("RFB 003.008", "vnc", "", "3.8"),
    ],
)
def test_real_looking_banners_are_identified(banner, service, product, version):
    assert identify(banner) == Identification(service, product, version, False)


@pytest.mark.parametrize(
    ("inner", "expected"),
    [
        ("", Identification("tls", "", "", True)),
        (
            " | HTTP/1.1 200 OK; Server: nginx/1.22.1",
            Identification("https", "nginx", "1.22.1", True),
        ),
        (" | HTTP/1.1 200 OK", Identification("https", "", "", True)),
        (
            " | * OK [CAPABILITY IMAP4rev1] Dovecot ready.",
            Identification("imaps", "Dovecot", "", True),
        ),
        (" | +OK Dovecot ready.", Identification("pop3s", "Dovecot", "", True)),
        (" | 220 mail.example.org ESMTP Postfix", Identification("smtps", "Postfix", "", True)),
        (" | 220 (vsFTPd 3.0.3)", Identification("ftps", "vsFTPd", "3.0.3", True)),
        (" | SSH-2.0-OpenSSH_9.2p1", Identification("ssh", "OpenSSH", "9.2p1", True)),
        (" | something else", Identification("tls", "", "", True)),
    ],
)
def test_tls_banners_name_what_came_inside(inner, expected):
    assert identify(TLS + inner) == expected


@pytest.mark.parametrize(
    ("identification", "label"),
    [
        (Identification("ssh", "OpenSSH", "9.2p1", False), "ssh (OpenSSH 9.2p1)"),
        (Identification("http", "nginx", "1.22.1", False), "http (nginx 1.22.1)"),
        (Identification("https", "nginx", "", True), "https (nginx)"),
        (Identification("tls", "", "", True), "tls"),
        (Identification("pop3", "", "", False), "pop3"),
        (Identification("ssh", "OpenSSH", "9.2p1", True), "ssh over TLS (OpenSSH 9.2p1)"),
        (Identification("", "", "", True), "tls"),
        (Identification("", "", "", False), ""),
    ],
)
def test_labels(identification, label):
    assert identification.label() == label


@pytest.mark.parametrize(
    "banner",
    [
        "",
        "   \n ",
        "hello",
        "220 Welcome",  # FTP or SMTP? nothing says
        "421 Too many connections",
        "\x00\x01\x02 binary",
        "HTTP",
        "-ERR unknown command",
        "MySQL",
        "SSH-",
    ],
)
def test_banners_that_name_nothing_give_none(banner):
    assert identify(banner) is None


def test_identify_is_bounded_on_huge_hostile_banners():
    assert identify("SSH-2.0-" + "A" * 100_000) == Identification("ssh", "A" * 64, "", False)
    assert identify("x" * LOOKED_AT + "SSH-2.0-OpenSSH_9.2p1") is None
    server = identify("HTTP/1.1 200 OK; Server: " + "n" * 1000 + "/" + "1" * 1000)
    assert server == Identification("http", "n" * 64, "", False)


@given(st.text(max_size=3000))
def test_identify_never_fails_and_keeps_fields_short(banner):
    found = identify(banner)
    if found is not None:
        assert found.service
        assert len(found.product) <= 64
        assert len(found.version) <= 64


def registry_name(port: int) -> str:
    return services.default_registry().lookup(port, Protocol.TCP).name


@pytest.mark.parametrize(
    ("service", "port", "expected"),
    [
        ("ssh", 22, False),
        ("ssh", 8080, True),  # http-alt
        ("ssh", 2222, True),  # EtherNet-IP-1: mixed case in the registry
        ("http", 80, False),
        ("http", 8080, False),
        ("http", 8000, False),  # irdmi, the usual home of development web servers
        ("http", 8444, False),  # pcsync-http
        ("http", 443, True),  # plain HTTP where TLS is registered
        ("https", 443, False),
        ("https", 8443, False),  # pcsync-https
        ("https", 8080, True),
        ("smtp", 25, False),
        ("smtp", 587, False),  # submission
        ("smtps", 465, False),  # urd, also registered as submissions
        ("smtp", 465, True),
        ("imaps", 993, False),
        ("pop3s", 995, False),
        ("ftps", 990, False),
        ("mysql", 3306, False),
        ("mysql", 8080, True),
        ("vnc", 5900, False),  # rfb
        ("tls", 22, True),
        ("tls", 8080, True),
        ("tls", 4443, False),  # pharos: what is inside is not known
        ("tls", 443, False),
    ],
)
def test_disagrees_compares_with_the_registry(service, port, expected):
    identification = Identification(
        service, "", "", service in ("https", "smtps", "imaps", "pop3s", "ftps", "tls")
    )
    assert disagrees(identification, registry_name(port)) is expected


def test_nothing_to_compare_never_disagrees():
    ssh = Identification("ssh", "OpenSSH", "9.2p1", False)
    assert registry_name(81) == ""
    assert disagrees(ssh, "") is False  # an unassigned port
    assert disagrees(None, "http-alt") is False
    assert disagrees(Identification("", "nginx", "", False), "ssh") is False


def test_identified_sshd_banner_on_8080_disagrees():
    identification = identify("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3")
    assert registry_name(8080) == "http-alt"
    assert disagrees(identification, "http-alt")
    assert not disagrees(identification, registry_name(22))
