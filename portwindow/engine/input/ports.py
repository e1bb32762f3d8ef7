"""The port-spec parser: what the user types in the Ports field or after ``--ports``.

:func:`parse_ports` turns text such as ``"22,80,443"``, ``"1-1024"``, ``"ssh,http"`` or
``"T:22,80,U:53,161"`` into a :class:`PortSet`, the ports to probe for each protocol. Bad
text raises :class:`~portwindow.engine.core.errors.InputError` pointing at the bad item.

Syntax, close to nmap's ``-p`` (items are separated by commas and/or whitespace; words are
case-insensitive):

- a port ``22``; a range ``1-1024``; open ranges ``-1024`` (from 1) and ``60000-`` (to
  65535); ``all`` or ``-`` for 1-65535;
- IANA's classes ``well-known`` (1-1023), ``registered`` (1024-49151) and ``dynamic``
  (49152-65535);
- ``top100`` and ``top1000``, lists curated by the portwindow project (not measured
  frequency, see :mod:`portwindow.engine.input.toplists`); after ``U:``, ``top100`` is
  the project's UDP list (:mod:`portwindow.engine.input.udp_toplist`) and ``top1000``
  an error (there is no UDP list that long);
- a service name from IANA's registry, such as ``ssh`` or ``www`` (all its ports);
- a protocol prefix ``T:`` or ``U:`` in front of an item switches that item and the ones
  after it, up to the next prefix, to TCP or UDP; items before any prefix are TCP. A prefix
  may also stand alone (``U: 53 161``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import Protocol
from portwindow.engine.core.text import excerpt
from portwindow.engine.input.services import ServiceRegistry, default_registry
from portwindow.engine.input.toplists import TOP100, TOP1000
from portwindow.engine.input.udp_toplist import UDP_TOP100

DEFAULT_PORTS = "top1000"
"""The spec to use when the user gives none."""

MIN_PORT = 1
MAX_PORT = 65535

_PREFIXES = {"T": Protocol.TCP, "U": Protocol.UDP}
_ALL = ("all", "-")
_CLASSES = {
    "well-known": range(1, 1024),
    "registered": range(1024, 49152),
    "dynamic": range(49152, 65536),
}
_TOP_LISTS = {"top100": TOP100, "top1000": TOP1000}
_KEYWORDS = ("all", *_CLASSES, *_TOP_LISTS)
_COMMON = frozenset(TOP100)
# Everyday names for services IANA registered under other names; used only as hints.
_NICKNAMES = {
    "afp": "afpovertcp",
    "cifs": "microsoft-ds",
    "dns": "domain",
    "jetdirect": "pdl-datastream",
    "lpd": "printer",
    "mongo": "mongodb",
    "msrpc": "epmap",
    "mssql": "ms-sql-s",
    "netbios": "netbios-ssn",
    "postgres": "postgresql",
    "rdp": "ms-wbt-server",
    "rpcbind": "sunrpc",
    "smb": "microsoft-ds",
    "smtps": "submissions",
    "vnc": "rfb",
}

_ITEM = re.compile(r"[^,\s]+")
_NUMBER = re.compile(r"[0-9]+")
_RANGE = re.compile(r"([0-9]*)-([0-9]*)")
_NUMERIC = re.compile(r"[0-9-]+")
_NAME_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+*/_-]*")


@dataclass(frozen=True, slots=True)
class PortSet:
    """The ports to probe, per protocol: each a sorted tuple of unique ports.

    ``len()`` is the number of probes (TCP and UDP ports together); iterating yields
    ``(protocol, port)`` pairs, TCP first. ``str()`` gives a spec that
    :func:`parse_ports` turns back into an equal set.
    """

    tcp: tuple[int, ...] = ()
    udp: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        # The fields are named after the Protocol values.
        for protocol in Protocol:
            ports = tuple(sorted(set(getattr(self, protocol.value))))
            if ports and (ports[0] < MIN_PORT or ports[-1] > MAX_PORT):
                raise ValueError(f"{protocol.name} ports must be in {MIN_PORT}-{MAX_PORT}")
            object.__setattr__(self, protocol.value, ports)

    def ports(self, protocol: Protocol) -> tuple[int, ...]:
        return self.tcp if protocol is Protocol.TCP else self.udp

    def __len__(self) -> int:
        return len(self.tcp) + len(self.udp)

    def __bool__(self) -> bool:
        return bool(self.tcp or self.udp)

    def __iter__(self) -> Iterator[tuple[Protocol, int]]:
        for protocol in Protocol:
            for port in self.ports(protocol):
                yield protocol, port

    def __str__(self) -> str:
        if not self.udp:
            return _compact(self.tcp)
        if not self.tcp:
            return f"U:{_compact(self.udp)}"
        return f"T:{_compact(self.tcp)},U:{_compact(self.udp)}"

    def describe(self) -> str:
        """A short summary for people, e.g. ``"3 TCP ports (22,80,443)"``."""
        parts = []
        for protocol in Protocol:
            ports = self.ports(protocol)
            if ports:
                count = len(ports)
                text = f"{count:,} {protocol.name} port{'' if count == 1 else 's'}"
                compact = _compact(ports)
                if len(compact) <= 40:
                    text += f" ({compact})"
                parts.append(text)
        return " and ".join(parts) or "no ports"


def parse_ports(text: str, *, registry: ServiceRegistry | None = None) -> PortSet:
    """Parse a port spec (syntax in the module docstring).

    ``registry`` resolves service names; the package's registry is loaded when a name is
    first needed and none was given. Raises InputError for any text that is not a valid
    spec, including blank text: callers fall back to :data:`DEFAULT_PORTS` themselves.
    """
    spans = parse_port_spans(text, registry=registry)
    return PortSet(tcp=_expanded(spans[Protocol.TCP]), udp=_expanded(spans[Protocol.UDP]))


def parse_port_spans(
    text: str, *, registry: ServiceRegistry | None = None
) -> dict[Protocol, list[tuple[int, int]]]:
    """Like :func:`parse_ports`, but the ports as inclusive ``(low, high)`` spans per
    protocol, unsorted and possibly overlapping: for callers that keep intervals."""
    if not text.strip():
        raise InputError("no ports given", token=text, span=(0, len(text)))

    def get_registry() -> ServiceRegistry:
        return registry if registry is not None else default_registry()

    # Spans, merged once at the end: "1-65535," a thousand times costs a thousand pairs,
    # not a thousand sets of 65,535 ports. An item seen before adds nothing.
    spans: dict[Protocol, list[tuple[int, int]]] = {p: [] for p in Protocol}
    seen: set[tuple[Protocol, str]] = set()
    protocol = Protocol.TCP
    bare_prefix: tuple[str, int] | None = None  # a lone "U:" still waiting for its items
    for item, start in _items(text):
        body, body_start = item, start
        colon = item.find(":")
        if colon >= 0:
            if bare_prefix is not None:
                _raise_unfollowed(*bare_prefix)
            protocol = _prefix(item[:colon], start)
            body, body_start = item[colon + 1 :], start + colon + 1
            if not body:
                bare_prefix = (item, start)
                continue
            if ":" in body:
                raise InputError(
                    f"{excerpt(item)}: only one protocol prefix is allowed per item",
                    token=item,
                    span=(start, start + len(item)),
                )
        bare_prefix = None
        key = (protocol, body.lower())
        if key in seen:
            continue
        seen.add(key)
        ports = _resolve(body, body_start, protocol, get_registry)
        if isinstance(ports, range):
            spans[protocol].append((ports.start, ports.stop - 1))
        else:
            spans[protocol].extend((port, port) for port in ports)
    if bare_prefix is not None:
        _raise_unfollowed(*bare_prefix)
    return spans


def _expanded(spans: list[tuple[int, int]]) -> tuple[int, ...]:
    """The ports of ``spans`` (which may overlap), ascending, each once."""
    ports: list[int] = []
    end = 0  # every port below this one is in ``ports`` already
    for low, high in sorted(spans):
        if high >= end:
            ports.extend(range(max(low, end), high + 1))
            end = high + 1
    return tuple(ports)


def _items(text: str) -> Iterator[tuple[str, int]]:
    """The items of ``text`` with their offsets; rejects empty items between commas."""
    end = 0
    for match in _ITEM.finditer(text):
        _check_gap(text, end, match.start(), leading=end == 0)
        end = match.end()
        yield match.group(), match.start()
    _check_gap(text, end, len(text), trailing=True)


def _check_gap(
    text: str, start: int, end: int, *, leading: bool = False, trailing: bool = False
) -> None:
    commas = [i for i in range(start, end) if text[i] == ","]
    if leading and commas:
        first = commas[0]
        raise InputError(
            f"empty item: nothing before the comma at position {first + 1}",
            token=",",
            span=(first, first + 1),
        )
    if trailing and commas:
        last = commas[-1]
        raise InputError(
            f"empty item: nothing after the comma at position {last + 1}",
            token=",",
            span=(last, last + 1),
        )
    if len(commas) > 1:
        first, second = commas[0], commas[1]
        raise InputError(
            f"empty item: nothing between the commas at positions {first + 1} and {second + 1}",
            token=text[first : second + 1],
            span=(first, second + 1),
        )


def _prefix(prefix: str, start: int) -> Protocol:
    protocol = _PREFIXES.get(prefix.upper())
    if protocol is None:
        token = f"{prefix}:"
        raise InputError(
            f'"{excerpt(token)}" is not a protocol prefix; use T: for TCP or U: for UDP',
            token=token,
            span=(start, start + len(token)),
        )
    return protocol


def _raise_unfollowed(prefix: str, start: int) -> None:
    raise InputError(
        f"{excerpt(prefix)} is not followed by any port",
        token=prefix,
        span=(start, start + len(prefix)),
    )


def _resolve(
    body: str, start: int, protocol: Protocol, get_registry: Callable[[], ServiceRegistry]
) -> Iterable[int]:
    """The ports one item (without its prefix) stands for."""
    span = (start, start + len(body))
    word = body.lower()
    if word in _ALL:
        return range(MIN_PORT, MAX_PORT + 1)
    if word in _CLASSES:
        return _CLASSES[word]
    if word in _TOP_LISTS:
        if protocol is Protocol.TCP:
            return _TOP_LISTS[word]
        if word == "top100":
            return UDP_TOP100
        raise InputError(
            f"{excerpt(body)}: there is no UDP top1000 list; use top100 (the UDP list) or "
            "name the ports",
            token=body,
            span=span,
        )
    if _NUMBER.fullmatch(body):
        return (_port(body, start),)
    if match := _RANGE.fullmatch(body):
        low = _port(match[1], start) if match[1] else MIN_PORT
        high = _port(match[2], start + match.start(2)) if match[2] else MAX_PORT
        if low > high:
            raise InputError(
                f"{excerpt(body)}: range is reversed ({low} > {high})", token=body, span=span
            )
        return range(low, high + 1)
    if _NUMERIC.fullmatch(body):
        raise InputError(f"{excerpt(body)}: not a port or a range of ports", token=body, span=span)
    if not _NAME_LIKE.fullmatch(body):
        raise InputError(
            f"{excerpt(body)}: not a port, a range of ports or a service name",
            token=body,
            span=span,
        )
    return _service_ports(body, span, protocol, get_registry())


def _port(digits: str, start: int) -> int:
    span = (start, start + len(digits))
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(MAX_PORT)) or int(significant) > MAX_PORT:
        raise InputError(
            f"{excerpt(digits)}: port {excerpt(significant)} is out of range {MIN_PORT}-{MAX_PORT}",
            token=digits,
            span=span,
        )
    port = int(significant)
    if port < MIN_PORT:
        raise InputError(
            f"{excerpt(digits)}: port 0 is reserved and cannot be probed; "
            f"ports start at {MIN_PORT}",
            token=digits,
            span=span,
        )
    return port


def _service_ports(
    name: str, span: tuple[int, int], protocol: Protocol, registry: ServiceRegistry
) -> tuple[int, ...]:
    ports = registry.ports_for_name(name, protocol)
    if ports:
        return ports
    elsewhere = [
        f"{other.name} {_compact(other_ports)}"
        for other in Protocol
        if other is not protocol and (other_ports := registry.ports_for_name(name, other))
    ]
    if elsewhere or name.lower() in {known.lower() for known in registry.names()}:
        hint = f" (it has {'; '.join(elsewhere)})" if elsewhere else ""
        raise InputError(
            f"{excerpt(name)}: no {protocol.name} port is registered for this service{hint}",
            token=name,
            span=span,
        )
    if name.lower() in _NICKNAMES:
        suggestions = [_NICKNAMES[name.lower()]]
    else:
        suggestions = difflib.get_close_matches(name.lower(), _KEYWORDS, n=1, cutoff=0.75)
        suggestions += _suggest_services(name, registry)
    hint = f"; did you mean {', '.join(suggestions[:3])}?" if suggestions else ""
    raise InputError(f"{excerpt(name)}: unknown service name{hint}", token=name, span=span)


def _suggest_services(name: str, registry: ServiceRegistry) -> list[str]:
    """Close names; only those on a TOP100 port when there are any ("htp": http, ftp)."""
    close = registry.suggest(name, n=10)
    common = [
        candidate
        for candidate in close
        if any(_COMMON.intersection(registry.ports_for_name(candidate, p)) for p in Protocol)
    ]
    return (common or close)[:3]


def _compact(ports: tuple[int, ...]) -> str:
    """Sorted unique ports as a spec with runs collapsed, e.g. ``"22,80-82,443"``."""
    parts: list[str] = []
    i = 0
    while i < len(ports):
        j = i
        while j + 1 < len(ports) and ports[j + 1] == ports[j] + 1:
            j += 1
        if j == i:
            parts.append(str(ports[i]))
        elif j == i + 1:
            parts += (str(ports[i]), str(ports[j]))
        else:
            parts.append(f"{ports[i]}-{ports[j]}")
        i = j + 1
    return ",".join(parts)
