"""Which service and program a banner names, and whether that is what IANA registers.

``banners.py`` reads banners (its module doc describes their text); :func:`identify`
recognises the common ones (SSH, HTTP and HTTPS, TLS, FTP, SMTP, POP3, IMAP, MySQL,
VNC) and :func:`disagrees` compares the answer with the registry's name for the port
(``services.py``), so the GUI can say "answers as ssh (OpenSSH 9.2p1)" and warn about ssh
behind a port registered for http-alt. Banners are remote input: only the first
:data:`LOOKED_AT` characters are looked at, with patterns that run in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LOOKED_AT", "Identification", "disagrees", "identify"]

LOOKED_AT = 1024
_FIELD = 64  # characters of a product or version kept

# The same protocols inside TLS, by their IANA names.
_OVER_TLS = {"http": "https", "imap": "imaps", "pop3": "pop3s", "smtp": "smtps", "ftp": "ftps"}
_TLS_NAMES = frozenset(_OVER_TLS.values()) | {"tls"}


@dataclass(frozen=True, slots=True)
class Identification:
    """What a banner says the port runs; "" for what it does not tell."""

    service: str  # "ssh", "ftp", "smtp", "pop3", "imap", "mysql", "http", "https", "tls" ...
    product: str  # "OpenSSH", "nginx", "Postfix" ...
    version: str  # "9.2p1", "1.22.1" ...
    tls: bool

    def label(self) -> str:
        """``ssh (OpenSSH 9.2p1)``, ``http (nginx 1.22.1)``, ``https (nginx)``, ``tls``."""
        name = self.service or ("tls" if self.tls else "")
        if self.tls and name not in _TLS_NAMES:
            name += " over TLS"
        detail = " ".join(part for part in (self.product, self.version) if part)
        if name and detail:
            return f"{name} ({detail})"
        return name or detail


_SSH = re.compile(r"^SSH-\d+\.\d+-(?P<software>\S{1,128})", re.MULTILINE)
_SSH_SOFTWARE = re.compile(r"(?P<product>[^\s_-][^\s]*?)[_-](?P<version>\d[^\s_]*)")
_HTTP = re.compile(r"HTTP/\d(?:\.\d)? \d{3}\b")
_SERVER = re.compile(r"; Server: (?P<product>[^/\s;]{1,64})(?:/(?P<version>[^\s/;()]{1,64}))?")
_MYSQL = re.compile(r"MySQL (?:5\.5\.5-)?(?P<version>\d[\w.]*)(?P<rest>\S*)")
_MYSQL_ERROR = re.compile(r"MySQL error \d{4}: ")
_VNC = re.compile(r"RFB (?P<major>\d{3})\.(?P<minor>\d{3})\b")
_CODE_220 = re.compile(r"220[ -]")
_POP3 = re.compile(r"\+OK\b")
_IMAP = re.compile(r"\* (?:OK|PREAUTH|BYE)\b", re.IGNORECASE)
_SMTP_WORD = re.compile(r"\bE?SMTP\b|\bPostfix\b|\bExim\b|\bSendmail\b", re.IGNORECASE)
_FTP_WORD = re.compile(r"ftp|FileZilla", re.IGNORECASE)

# Which products a greeting names, a service per line; VERSION stands for the version.
_PRODUCT_TABLE = r"""
ftp   (?P<product>vsFTPd) VERSION
ftp   (?P<product>ProFTPD)(?: VERSION)?
ftp   (?P<product>Pure-FTPd)
ftp   (?P<product>FileZilla Server)(?: VERSION)?
ftp   (?P<product>Microsoft FTP Service)
smtp  (?P<product>Postfix)
smtp  (?P<product>Exim) VERSION
smtp  (?P<product>Sendmail) VERSION
smtp  (?P<product>OpenSMTPD)
smtp  (?P<product>Microsoft ESMTP) MAIL Service
pop3  (?P<product>Dovecot)
pop3  (?P<product>Cyrus) POP3 v?VERSION
pop3  (?P<product>Courier)
imap  (?P<product>Dovecot)
imap  (?P<product>Cyrus) IMAP v?VERSION
imap  (?P<product>Courier-IMAP)
"""


def _products(table: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    found: dict[str, list[re.Pattern[str]]] = {}
    for line in table.strip().splitlines():
        service, pattern = line.split(None, 1)
        pattern = pattern.replace("VERSION", r"(?P<version>\d[\w.]*)")
        found.setdefault(service, []).append(re.compile(pattern))
    return {service: tuple(patterns) for service, patterns in found.items()}


_PRODUCTS = _products(_PRODUCT_TABLE)


def identify(banner: str) -> Identification | None:
    """What ``banner`` (``PortResult.banner``) names; None when nothing is recognised."""
    text = banner[:LOOKED_AT].strip()
    if not text.startswith("TLS: "):
        return _plain(text)
    _, separator, inner = text.partition(" | ")
    inside = _plain(inner) if separator else None
    if inside is None:
        return Identification("tls", "", "", True)
    service = _OVER_TLS.get(inside.service, inside.service)
    return Identification(service, inside.product, inside.version, True)


def _plain(text: str) -> Identification | None:
    """A banner that did not come over TLS (or what came inside it)."""
    if (ssh := _SSH.search(text)) is not None:
        product, version = _split_software(ssh.group("software"))
        return Identification("ssh", product, version, False)
    if _HTTP.match(text):
        server = _SERVER.search(text.split("\n", 1)[0])
        if server is None:
            return Identification("http", "", "", False)
        return Identification("http", server.group("product"), server.group("version") or "", False)
    if (mysql := _MYSQL.match(text)) is not None:
        product = "MariaDB" if "mariadb" in mysql.group("rest").lower() else "MySQL"
        return Identification("mysql", product, mysql.group("version")[:_FIELD], False)
    if _MYSQL_ERROR.match(text):
        return Identification("mysql", "", "", False)
    if (vnc := _VNC.match(text)) is not None:
        version = f"{int(vnc.group('major'))}.{int(vnc.group('minor'))}"
        return Identification("vnc", "", version, False)
    if _CODE_220.match(text):
        # 220 greets in FTP and in SMTP alike: the words after it tell which.
        if _SMTP_WORD.search(text):
            return _with_product("smtp", text)
        if _FTP_WORD.search(text):
            return _with_product("ftp", text)
        return None
    if _POP3.match(text):
        return _with_product("pop3", text)
    if _IMAP.match(text):
        return _with_product("imap", text)
    return None


def _split_software(software: str) -> tuple[str, str]:
    """``OpenSSH_9.2p1`` -> (OpenSSH, 9.2p1); ``OpenSSH_for_Windows_8.1`` keeps its words."""
    match = _SSH_SOFTWARE.fullmatch(software)
    if match is None:
        return software[:_FIELD], ""
    return match.group("product").replace("_", " ")[:_FIELD], match.group("version")[:_FIELD]


def _with_product(service: str, text: str) -> Identification:
    for pattern in _PRODUCTS.get(service, ()):
        if (match := pattern.search(text)) is not None:
            version = match.groupdict().get("version") or ""
            return Identification(service, match.group("product"), version[:_FIELD], False)
    return Identification(service, "", "", False)


# Registry names (besides the service's own, and names with it as a "-" word, such as
# http-alt or pcsync-https) that agree with an identified service.
_AGREES: dict[str, frozenset[str]] = {
    "http": frozenset({"www", "www-http", "irdmi", "webcache"}),
    "smtp": frozenset({"submission"}),
    "smtps": frozenset({"submissions", "urd"}),
    "imap": frozenset({"imap3", "imap4"}),
    "imaps": frozenset({"imap4-ssl"}),
    "pop3s": frozenset({"spop3"}),
    "vnc": frozenset({"rfb"}),
}
# Ports whose registered service speaks in clear first: TLS there is a surprise.
_CLEAR_TEXT = frozenset(
    {"ssh", "telnet", "ftp", "smtp", "submission", "pop3", "imap", "http", "www", "http-alt"}
    | {"mysql", "rfb"}
)


def disagrees(identification: Identification | None, registry_name: str) -> bool:
    """Whether the identified service is not the one IANA registers for the port.

    False when there is nothing to compare: no identification, no service identified,
    or a port IANA has not assigned (``registry_name`` ""). A TLS service whose protocol
    inside is unknown disagrees only with ports registered for a clear-text service.
    """
    if identification is None or not identification.service or not registry_name:
        return False
    registered = registry_name.lower()
    service = identification.service
    if service == "tls":
        return registered in _CLEAR_TEXT
    if service == registered or service in registered.split("-"):
        return False
    return registered not in _AGREES.get(service, frozenset())
