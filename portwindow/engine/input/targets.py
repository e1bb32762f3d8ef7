"""Targets: what the user typed as hosts to scan, parsed once and enumerated lazily.

This is the scan's feeder (Angry IP Scanner's term). :func:`parse_targets` turns the
target field, or the text of a targets file (:func:`targets_from_file`), into a
:class:`TargetSet`. IP items (addresses, networks, ranges, nmap-style octet ranges) are
held as merged integer intervals per address family with the exclusions already
subtracted, so counting is arithmetic and iteration never builds a list. Host names are
only checked for shape here; :meth:`TargetSet.resolve` looks them up once at scan time,
and the scanner walks :meth:`TargetSet.iter_hosts`. Bad input of any kind raises
:class:`~portwindow.engine.core.errors.InputError`.
"""

from __future__ import annotations

import asyncio
import enum
import itertools
import math
import os
import re
import socket
import string
from collections.abc import Iterator
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address, ip_address

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import HostError
from portwindow.engine.core.text import excerpt
from portwindow.engine.input.files import MiB, read_text
from portwindow.engine.input.intervals import Intervals

IPAddress = IPv4Address | IPv6Address

LARGE_TARGET_LIMIT = 65_536
"""Target sets with more addresses than this need ``--allow-large`` (or a confirmation)."""

MAX_PATTERN_BLOCKS = 65_536
"""Most separate blocks one octet-range item (like ``10.*.*.1``) may expand to."""

MAX_BLOCKS = 2_097_152
"""Most separate blocks (single addresses, ranges, networks, octet-range blocks) one text
may give before they are merged: a targets file of two million addresses, and no more
memory than that whatever the text."""

TARGETS_FILE_LIMIT = 16 * MiB
"""The largest targets file (``-iL``): about two million addresses, one a line."""

_GARBAGE = "not an address, network, range or host name"


class _Family(enum.Enum):
    V4 = 4
    V6 = 6

    @property
    def bits(self) -> int:
        return 32 if self is _Family.V4 else 128


@dataclass(frozen=True, slots=True)
class ScanHost:
    """One address to probe. ``label`` is the host name the user gave, or the address."""

    label: str
    address: IPAddress


@dataclass(frozen=True, slots=True)
class ResolvedName:
    """A host name and its addresses, deduplicated, in the resolver's order."""

    name: str
    addresses: tuple[IPAddress, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of :meth:`TargetSet.resolve`: the names that resolved, and those that did not."""

    names: tuple[ResolvedName, ...] = ()
    errors: tuple[HostError, ...] = ()


@dataclass(frozen=True, slots=True)
class TargetSet:
    """Parsed targets. Build one with :func:`parse_targets`.

    Iterating yields the IP addresses (IPv4 first, each family in ascending order), never
    the host names, which are only known after :meth:`resolve`. There is no ``len()``:
    an IPv6 set can hold more addresses than ``len()`` can return; use
    :attr:`address_count`.
    """

    _ipv4: Intervals
    _ipv6: Intervals
    hostnames: tuple[str, ...]
    _excluded_ipv4: Intervals
    _excluded_ipv6: Intervals

    @property
    def address_count(self) -> int:
        """How many IP addresses the set holds, exactly. Host names are not counted."""
        return self._ipv4.size + self._ipv6.size

    @property
    def is_large(self) -> bool:
        return self.address_count > LARGE_TARGET_LIMIT

    def check_size(self, allow_large: bool) -> None:
        """Raise :class:`InputError` if the set is over the limit and that is not allowed."""
        if self.is_large and not allow_large:
            raise InputError(
                f"target set has {self.address_count:,} addresses, over the limit of "
                f"{LARGE_TARGET_LIMIT:,}; pass --allow-large to scan it anyway"
            )

    def describe(self) -> str:
        """A short summary such as ``"3 addresses, 1 host name"``."""
        parts = []
        if self.address_count or not self.hostnames:
            parts.append(_plural(self.address_count, "address", "addresses"))
        if self.hostnames:
            parts.append(_plural(len(self.hostnames), "host name", "host names"))
        return ", ".join(parts)

    def __iter__(self) -> Iterator[IPAddress]:
        yield from map(IPv4Address, self._ipv4)
        yield from map(IPv6Address, self._ipv6)

    def __contains__(self, address: object) -> bool:
        """Whether an IP address is one of the IP items (host names are not consulted)."""
        if isinstance(address, IPv4Address):
            return int(address) in self._ipv4
        if isinstance(address, IPv6Address):
            return int(address) in self._ipv6
        return False

    async def resolve(self, loop: asyncio.AbstractEventLoop | None = None) -> Resolution:
        """Look up every host name once (A and AAAA), concurrently, with ``loop.getaddrinfo``.

        A name that does not resolve becomes a :class:`HostError`, never an exception.
        """
        loop = loop or asyncio.get_running_loop()
        outcomes = await asyncio.gather(*(_resolve_name(loop, name) for name in self.hostnames))
        return Resolution(
            names=tuple(o for o in outcomes if isinstance(o, ResolvedName)),
            errors=tuple(o for o in outcomes if isinstance(o, HostError)),
        )

    def iter_hosts(self, resolution: Resolution | None = None) -> Iterator[ScanHost]:
        """Everything to scan, lazily: the IP items, then the resolved names' addresses.

        A resolved address is skipped when it is excluded, is already one of the IP
        items, or was already given by an earlier name. ``resolution`` may be left out
        only when there are no host names.
        """
        if self.hostnames and resolution is None:
            raise ValueError("the target set has host names: resolve() them first")
        return self._iter_hosts(resolution)

    def host_count(self, resolution: Resolution | None = None) -> int:
        """Exactly how many :class:`ScanHost` objects :meth:`iter_hosts` yields."""
        if resolution is None:
            return self.address_count
        return self.address_count + sum(1 for _ in self._resolved_hosts(resolution))

    def _iter_hosts(self, resolution: Resolution | None) -> Iterator[ScanHost]:
        for address in self:
            yield ScanHost(str(address), address)
        if resolution is not None:
            yield from self._resolved_hosts(resolution)

    def _resolved_hosts(self, resolution: Resolution) -> Iterator[ScanHost]:
        seen: set[IPAddress] = set()
        for resolved in resolution.names:
            for address in resolved.addresses:
                if address in seen or address in self or self._is_excluded(address):
                    continue
                seen.add(address)
                yield ScanHost(resolved.name, address)

    def _is_excluded(self, address: IPAddress) -> bool:
        excluded = self._excluded_ipv4 if address.version == 4 else self._excluded_ipv6
        return int(address) in excluded


def parse_targets(text: str, *, exclude: str = "") -> TargetSet:
    """Parse targets separated by commas, spaces, tabs or newlines, minus ``exclude``.

    Accepted items: ``127.0.0.1``, ``::1``, ``[::1]``, ``127.0.0.0/29`` (host bits may be
    set, meaning the whole network), ``::1/128``, ``127.0.0.1-20`` (last octet),
    ``127.0.0.1-127.0.0.9``, ``::1-::5``, nmap-style octet ranges in any octet
    (``127.0-1.0.1-3``, ``127.0.0.*``, ``127.0.0.-9``) and host names (RFC 1123; not
    resolved here). ``exclude`` takes the same syntax; a host name there drops that name
    from the targets without resolving anything.

    An :class:`InputError` about ``exclude`` has a message starting with "exclusion" and
    a span into ``exclude``; any other has a span into ``text``.
    """
    included = _Items.parse(text, context="")
    if not included.tokens:
        raise InputError("no targets given", token=text, span=(0, len(text)))
    excluded = _Items.parse(exclude, context="exclusion ")
    excluded_v4 = Intervals.merged(excluded.ipv4)
    excluded_v6 = Intervals.merged(excluded.ipv6)
    dropped = {_name_key(name) for name in excluded.hostnames}
    names: dict[str, str] = {}
    for name in included.hostnames:
        names.setdefault(_name_key(name), name)
    targets = TargetSet(
        _ipv4=Intervals.merged(included.ipv4).minus(excluded_v4),
        _ipv6=Intervals.merged(included.ipv6).minus(excluded_v6),
        hostnames=tuple(name for key, name in names.items() if key not in dropped),
        _excluded_ipv4=excluded_v4,
        _excluded_ipv6=excluded_v6,
    )
    if not targets.address_count and not targets.hostnames:
        raise InputError("exclusions remove every target", token=exclude, span=(0, len(exclude)))
    return targets


def targets_from_file(path: str | os.PathLike[str]) -> str:
    """Read a targets file (nmap ``-iL`` style) and return text for :func:`parse_targets`.

    Any number of targets per line; ``#`` starts a comment to the end of the line. Comments
    are blanked with spaces rather than removed, so offsets in an :class:`InputError`
    from parsing the result are offsets into the file's text too.
    """
    text = read_text(path, what="targets file", limit=TARGETS_FILE_LIMIT)
    return _COMMENT.sub(lambda match: " " * len(match[0]), text)


_TOKEN = re.compile(r"[^,\s]+")
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PLAIN_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")
_COMMENT = re.compile(r"#[^\r\n]*")
_IPV4_CHARS = frozenset("0123456789.-*")
_IPV6_CHARS = frozenset(string.hexdigits + ":.[]/-")
_HOST_CHARS = frozenset(string.ascii_letters + string.digits + "-.")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
_OCTET_RANGE = re.compile(r"([0-9]*)-([0-9]*)")
_ZONE = re.compile(r"%[^\]/-]*")

_Spans = list[tuple[int, int]]


class _ItemError(Exception):
    """Why one item is bad; ``part`` is the piece of the item at fault, when narrower."""

    def __init__(self, reason: str, part: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.part = part

    def message(self, token: str) -> str:
        if self.part is None or self.part == token:
            return f"{excerpt(token)}: {self.reason}"
        return f"{excerpt(token)}: {excerpt(self.part)} is {self.reason}"


@dataclass(slots=True)
class _Items:
    """The items of one field, sorted by kind, before merging."""

    tokens: int
    ipv4: _Spans
    ipv6: _Spans
    hostnames: list[str]

    @staticmethod
    def parse(text: str, *, context: str) -> _Items:
        items = _Items(0, [], [], [])
        for match in _TOKEN.finditer(text):
            token = match[0]
            room = MAX_BLOCKS - len(items.ipv4) - len(items.ipv6) - len(items.hostnames)
            try:
                parsed = _parse_item(token, room)
            except _ItemError as exc:
                raise InputError(
                    context + exc.message(token), token=token, span=match.span()
                ) from None
            except _TooManyBlocks:
                raise InputError(
                    f"{context}targets make more than {MAX_BLOCKS:,} separate blocks, over "
                    "the limit (merge them into ranges or networks)",
                    token=token,
                    span=match.span(),
                ) from None
            items.tokens += 1
            if isinstance(parsed, str):
                items.hostnames.append(parsed)
            elif parsed[0] is _Family.V4:
                items.ipv4.extend(parsed[1])
            else:
                items.ipv6.extend(parsed[1])
        return items


class _TooManyBlocks(Exception):
    """The text's items make more than :data:`MAX_BLOCKS` blocks."""


def _parse_item(token: str, room: int = MAX_BLOCKS) -> str | tuple[_Family, _Spans]:
    """One item; ``room`` is how many blocks the text may still give."""
    if room < 1:
        raise _TooManyBlocks
    if _PLAIN_IPV4.fullmatch(token):  # the common case, fast: a file of a million addresses
        value = int.from_bytes(socket.inet_aton(token), "big")
        return _Family.V4, [(value, value)]
    if token.startswith("[") or ":" in token:
        if not set(_ZONE.sub("", token)) <= _IPV6_CHARS:
            raise _ItemError(_GARBAGE)
        return _parse_ipv6_item(token)
    base = token.partition("/")[0]
    if set(base) <= _IPV4_CHARS and (base != token or any(c in token for c in ".*")):
        return _parse_ipv4_item(token, room)
    return _parse_hostname(token)


def _parse_ipv4_item(token: str, room: int) -> tuple[_Family, _Spans]:
    if "/" in token:
        return _parse_network(token)
    if token.count("-") == 1:
        left, right = token.split("-")
        if left.count(".") == 3 and "." in right:
            return _parse_range(left, right)
    return _Family.V4, _pattern_spans(_ipv4_octets(token, ranges=True), room)


def _parse_ipv6_item(token: str) -> tuple[_Family, _Spans]:
    zone = _ZONE.search(token)
    if zone:
        raise _ItemError(f"zone ids such as {zone[0]} are not supported")
    if "/" in token:
        return _parse_network(token)
    if "-" in token:
        left, _, right = token.partition("-")
        return _parse_range(left, right)
    family, value = _parse_address(token)
    return family, [(value, value)]


def _parse_network(token: str) -> tuple[_Family, _Spans]:
    base, _, prefix_text = token.rpartition("/")
    if not base:
        raise _ItemError("a network needs an address before the /")
    if "/" in base:
        raise _ItemError("a network has exactly one /")
    if "-" in base or "*" in base:
        raise _ItemError("a network needs a single address before the /, not a range")
    family, value = _parse_address(base)
    if not prefix_text:
        raise _ItemError("the prefix length after the / is missing")
    if not (prefix_text.isascii() and prefix_text.isdigit()):
        raise _ItemError(f"prefix length {prefix_text} is not a number")
    if len(prefix_text) > 3 or int(prefix_text) > family.bits:
        raise _ItemError(f"prefix length {prefix_text} is out of range 0-{family.bits}")
    host_bits = family.bits - int(prefix_text)
    first = value >> host_bits << host_bits
    return family, [(first, first | ((1 << host_bits) - 1))]


def _parse_range(left: str, right: str) -> tuple[_Family, _Spans]:
    if not left or not right:
        raise _ItemError("a range needs an address on each side of the -")
    if "-" in right:
        raise _ItemError("a range has exactly one -")
    left_family, first = _parse_address(left)
    right_family, last = _parse_address(right)
    if left_family is not right_family:
        raise _ItemError("range mixes IPv4 and IPv6 addresses")
    if first > last:
        raise _ItemError(f"range is reversed ({left} comes after {right})")
    return left_family, [(first, last)]


def _parse_address(text: str) -> tuple[_Family, int]:
    """One IPv4 or IPv6 address, IPv6 optionally in brackets."""
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
        if ":" not in text:
            raise _ItemError("brackets are only for IPv6 addresses")
    elif "[" in text or "]" in text:
        raise _ItemError("brackets do not match")
    if ":" in text:
        try:
            return _Family.V6, int(IPv6Address(text))
        except ValueError:
            raise _ItemError("not a valid IPv6 address", part=text) from None
    value = 0
    for octet, _ in _ipv4_octets(text, ranges=False):
        value = value << 8 | octet
    return _Family.V4, value


def _ipv4_octets(text: str, *, ranges: bool) -> list[tuple[int, int]]:
    """The four octets of a dotted quad as (low, high) pairs; single values when not ``ranges``."""
    parts = text.split(".")
    if len(parts) != 4:
        raise _ItemError(
            f"not an IPv4 address ({_plural(len(parts), 'octet', 'octets')}, not 4)",
            part=text,
        )
    octets = []
    for part in parts:
        if ranges and part == "*":
            octets.append((0, 255))
        elif ranges and "-" in part:
            match = _OCTET_RANGE.fullmatch(part)
            if not match:
                raise _ItemError(f"octet range {part} is not valid")
            low = _octet(match[1]) if match[1] else 0
            high = _octet(match[2]) if match[2] else 255
            if low > high:
                raise _ItemError(f"octet range {part} is reversed")
            octets.append((low, high))
        else:
            value = _octet(part)
            octets.append((value, value))
    return octets


def _octet(text: str) -> int:
    if not text:
        raise _ItemError("an octet is empty")
    if not (text.isascii() and text.isdigit()):
        raise _ItemError(f"octet {text} is not a number")
    if len(text) > 1 and text[0] == "0":
        raise _ItemError(f"octet {text} has a leading zero, which some tools read as octal")
    if len(text) > 3 or int(text) > 255:
        raise _ItemError(f"octet {text} is out of range 0-255")
    return int(text)


def _pattern_spans(octets: list[tuple[int, int]], room: int = MAX_BLOCKS) -> _Spans:
    """The sorted intervals an octet pattern covers.

    Octets after the last partial one are full (0-255), so each combination of the octets
    before it gives one contiguous block.
    """
    k = 3
    while k > 0 and octets[k] == (0, 255):
        k -= 1
    head = octets[:k]
    blocks = math.prod(high - low + 1 for low, high in head)
    if blocks > MAX_PATTERN_BLOCKS:
        raise _ItemError(
            f"octet ranges make {blocks:,} separate blocks, over the limit of "
            f"{MAX_PATTERN_BLOCKS:,}"
        )
    if blocks > room:
        raise _TooManyBlocks
    tail_bits = 8 * (3 - k)
    low_k, high_k = octets[k]
    spans = []
    for combo in itertools.product(*(range(low, high + 1) for low, high in head)):
        base = 0
        for value in combo:
            base = base << 8 | value
        first = (base << 8 | low_k) << tail_bits
        last = (base << 8 | high_k) << tail_bits | ((1 << tail_bits) - 1)
        spans.append((first, last))
    return spans


def _parse_hostname(token: str) -> str:
    if not set(token) <= _HOST_CHARS:
        base, slash, _ = token.partition("/")
        if slash and base and set(base) <= _HOST_CHARS:
            raise _ItemError("a prefix length needs an address, not a host name")
        raise _ItemError(_GARBAGE)
    name = token.removesuffix(".")
    if len(name) > 253:
        raise _ItemError("a host name is at most 253 characters long")
    labels = name.split(".")
    for label in labels:
        if not label:
            raise _ItemError("a host name cannot have an empty label (two dots in a row?)")
        if len(label) > 63:
            raise _ItemError(f"host name label {label[:20]}... is longer than 63 characters")
        if not _LABEL.fullmatch(label):
            raise _ItemError(f"host name label {label} starts or ends with a hyphen")
    # getaddrinfo would read such names as numbers (inet_aton: "127.1", "0x7f000001").
    if all(_NUMERIC_LABEL.fullmatch(label) for label in labels) or labels[-1].isdigit():
        raise _ItemError(_GARBAGE)
    return token


def _name_key(name: str) -> str:
    return name.lower().removesuffix(".")


async def _resolve_name(loop: asyncio.AbstractEventLoop, name: str) -> ResolvedName | HostError:
    try:
        infos = await loop.getaddrinfo(name, None, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return HostError(name, f"could not resolve: {exc.strerror or exc}")
    except (OSError, UnicodeError) as exc:
        return HostError(name, f"could not resolve: {exc}")
    addresses = dict.fromkeys(
        ip_address(info[4][0]) for info in infos if info[0] in (socket.AF_INET, socket.AF_INET6)
    )
    if not addresses:
        return HostError(name, "resolved to no IPv4 or IPv6 address")
    return ResolvedName(name, tuple(addresses))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"
