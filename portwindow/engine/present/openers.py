"""Openers: what a person can do with an open door besides look at it. Open it in the
browser, log in with ssh, connect with an RDP or VNC client, or copy ``host:port``, a URL
or a command line.

An opener is a template: a URL (``http://{host}:{port}/``) or a command line
(``ssh -p {port} {host}``, split like a shell would but never run by one), with three
placeholders, ``{host}``, ``{port}`` and ``{name}`` (the door's service). Each service
has sensible defaults (:data:`DEFAULT_OPENERS`); the window lets a person edit them.
Openers are offered for open doors only, and a host that could be read as a command-line
option (``-oProxyCommand=...``) is refused, since a scanned name came from outside.
"""

from __future__ import annotations

import enum
import ipaddress
import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = frozenset({"host", "port", "name"})
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")  # a host name as DNS spells it
_MAX_TEMPLATE = 1000


class OpenerKind(enum.Enum):
    URL = "url"  # opened with the desktop's handler (the browser for http)
    COMMAND = "command"  # started as a program, without a shell
    COPY = "copy"  # the expanded text goes to the clipboard


@dataclass(frozen=True, slots=True)
class Opener:
    label: str
    kind: OpenerKind
    template: str

    def __post_init__(self) -> None:
        check_template(self.template, self.kind)


@dataclass(frozen=True, slots=True)
class Action:
    """An opener applied to one door: what to open, start or copy."""

    label: str
    kind: OpenerKind
    text: str  # the URL, or the text to copy
    argv: tuple[str, ...] = ()  # the program and its arguments (COMMAND)


def check_template(template: str, kind: OpenerKind) -> None:
    """An :class:`InputError` naming the bad part when ``template`` cannot be an opener."""
    if not template.strip():
        raise InputError("an opener needs a template")
    if len(template) > _MAX_TEMPLATE:
        raise InputError(f"an opener's template is at most {_MAX_TEMPLATE} characters")
    for name in _PLACEHOLDER.findall(template):
        if name not in PLACEHOLDERS:
            raise InputError(
                f"unknown placeholder {{{name}}} in {template!r} (use {{host}}, {{port}}, {{name}})"
            )
    if kind is OpenerKind.COMMAND:
        try:
            argv = shlex.split(template)
        except ValueError as exc:
            raise InputError(f"cannot split the command {template!r}: {exc}") from None
        if not argv or "{" in argv[0]:
            raise InputError(f"the command {template!r} must start with a program's name")


def _http(scheme: str) -> Opener:
    return Opener(f"Open {scheme}://… in the browser", OpenerKind.URL, scheme + "://{host}:{port}/")


_COPY_ADDRESS = Opener("Copy host:port", OpenerKind.COPY, "{host}:{port}")

#: By service name (IANA's, or what the banner identified): the openers offered first.
DEFAULT_OPENERS: Mapping[str, tuple[Opener, ...]] = {
    "http": (_http("http"),),
    "http-alt": (_http("http"),),
    "www-http": (_http("http"),),
    "https": (_http("https"),),
    "https-alt": (_http("https"),),
    "ssh": (
        Opener(
            "Log in with ssh", OpenerKind.COMMAND, "x-terminal-emulator -e ssh -p {port} {host}"
        ),
        Opener("Copy the ssh command", OpenerKind.COPY, "ssh -p {port} {host}"),
    ),
    "telnet": (
        Opener(
            "Connect with telnet", OpenerKind.COMMAND, "x-terminal-emulator -e telnet {host} {port}"
        ),
    ),
    "ms-wbt-server": (Opener("Connect with RDP", OpenerKind.COMMAND, "xfreerdp /v:{host}:{port}"),),
    "rfb": (Opener("Connect with VNC", OpenerKind.COMMAND, "vncviewer {host}::{port}"),),
    "ftp": (Opener("Open ftp://… ", OpenerKind.URL, "ftp://{host}:{port}/"),),
}
#: Offered for every open TCP door.
ALWAYS: tuple[Opener, ...] = (
    _COPY_ADDRESS,
    Opener("Copy as a URL", OpenerKind.COPY, "http://{host}:{port}/"),
)


def _url_host(host: str) -> str:
    try:
        if ipaddress.ip_address(host).version == 6:
            return f"[{host}]"
    except ValueError:
        pass
    return host


def _checked_host(host: str) -> str:
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        if _SAFE_NAME.fullmatch(host) and len(host) <= 253:
            return host
    raise InputError(f"{host!r} is not an address or a host name: it is not opened")


def _fill(text: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def expand(opener: Opener, host: str, port: int, name: str = "") -> Action:
    """The opener made concrete for one door. Placeholders fill each argument on its own,
    after the command line was split, so a value can never become two arguments."""
    host = _checked_host(host)
    safe_name = name if _SAFE_NAME.fullmatch(name or "") else ""
    plain = {"host": host, "port": str(port), "name": safe_name}
    if opener.kind is OpenerKind.COMMAND:
        argv = tuple(_fill(part, plain) for part in shlex.split(opener.template))
        return Action(opener.label, opener.kind, shlex.join(argv), argv)
    values = plain if opener.kind is OpenerKind.COPY else {**plain, "host": _url_host(host)}
    return Action(opener.label, opener.kind, _fill(opener.template, values))


def openers_for(
    result: PortResult,
    service: str = "",
    custom: Mapping[str, Iterable[Opener]] | None = None,
) -> list[Opener]:
    """The openers a door offers (none unless it is open): the service's own (the
    person's if they set some, else the defaults), then the ones every TCP door has."""
    if result.state is not PortState.OPEN:
        return []
    table = custom if custom is not None else DEFAULT_OPENERS
    found = list(table.get(service, ()))
    if result.protocol is Protocol.TCP:
        found += [opener for opener in ALWAYS if opener not in found]
    return found
