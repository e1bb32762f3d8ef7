"""Result types shared by every part of the engine and both faces of portwindow.

A scan produces one :class:`PortResult` per (address, protocol, port); results travel in
:class:`ScanBatch` objects together with a :class:`Progress` snapshot, and a finished (or
stopped) scan ends with a :class:`ScanSummary`. Everything here is immutable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class IdentityHashEnum(enum.Enum):
    """An Enum hashed by identity, at C speed. Enum's own ``__hash__`` is Python code;
    these members key the dicts that every result passes through (hundreds of thousands
    of lookups in a full scan). Members are singletons compared by identity, so
    identity's hash agrees with equality."""

    __hash__ = object.__hash__


class Protocol(IdentityHashEnum):
    TCP = "tcp"
    UDP = "udp"


class PortState(IdentityHashEnum):
    OPEN = "open"
    CLOSED = "closed"
    FILTERED = "filtered"
    # UDP only: no answer after every retry, so either nothing came back from a service
    # that keeps quiet, or a firewall dropped the probe (nmap's "open|filtered").
    OPEN_FILTERED = "open|filtered"


class Reason(IdentityHashEnum):
    """Why a port got its state, in nmap's vocabulary."""

    SYN_ACK = "syn-ack"
    CONN_REFUSED = "conn-refused"
    UDP_RESPONSE = "udp-response"
    PORT_UNREACH = "port-unreach"
    NO_RESPONSE = "no-response"
    HOST_UNREACH = "host-unreach"
    NET_UNREACH = "net-unreach"
    ADMIN_PROHIBITED = "admin-prohibited"
    PROTO_UNREACH = "proto-unreach"
    ERROR = "error"
    # Read from other scanners' reports (reports/peers/): nmap -sS's and masscan's closed
    # port, and a reason portwindow has no word for (the scan's source names it).
    RESET = "reset"
    OTHER = "other"


class PortClass(IdentityHashEnum):
    """IANA's three port ranges (RFC 6335, section 6)."""

    WELL_KNOWN = "well-known"
    REGISTERED = "registered"
    DYNAMIC = "dynamic"

    @staticmethod
    def of(port: int) -> PortClass:
        if port < 1024:
            return PortClass.WELL_KNOWN
        if port < 49152:
            return PortClass.REGISTERED
        return PortClass.DYNAMIC


@dataclass(frozen=True, slots=True)
class PortResult:
    """What one probe learnt about one door.

    ``host`` is the name the user gave (a hostname, or the address itself); ``address``
    the IP address that was probed. ``rtt`` is in seconds, None when nothing answered.
    ``scanned_at`` is a Unix timestamp (seconds).
    """

    host: str
    address: str
    protocol: Protocol
    port: int
    state: PortState
    reason: Reason
    rtt: float | None
    scanned_at: float
    banner: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of a scan's progress; ``eta`` is None until a rate is known."""

    done: int
    total: int
    elapsed: float
    rate: float
    eta: float | None
    open: int = 0
    closed: int = 0
    filtered: int = 0
    open_filtered: int = 0

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True, slots=True)
class ScanBatch:
    """Results found since the previous batch, and where the scan stands now.

    A later batch may carry a result again for the same (address, protocol, port), with
    more learnt (a banner read after the port was found open): it replaces the earlier
    one. ``Progress.done`` counts each port once.
    """

    results: tuple[PortResult, ...]
    progress: Progress


@dataclass(frozen=True, slots=True)
class HostError:
    """A target that could not be scanned at all (for example a name that did not resolve)."""

    host: str
    message: str


@dataclass(frozen=True, slots=True)
class ScanSummary:
    """How a scan ended. ``partial`` is True when it was stopped before probing everything."""

    progress: Progress
    partial: bool
    started_at: float
    finished_at: float
    host_errors: tuple[HostError, ...] = field(default=())
