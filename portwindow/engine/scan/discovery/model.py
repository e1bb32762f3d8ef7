"""What host discovery learns about one address: up, down or unknown, and why.

The reasons are nmap's names where nmap has one (``syn-ack``, ``reset``,
``echo-reply``, ``arp-response``, ``port-unreach``, ``user-set``...), so a reader of
both tools reads the same words.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace


class HostState(enum.Enum):
    UP = "up"
    DOWN = "down"
    UNKNOWN = "unknown"  # something on the way answered for it (a firewall's prohibition)


class HostReason(enum.Enum):
    SYN_ACK = "syn-ack"  # a TCP connect was accepted
    RESET = "reset"  # a TCP connect was refused by the host itself
    ECHO_REPLY = "echo-reply"
    UDP_RESPONSE = "udp-response"
    PORT_UNREACH = "port-unreach"  # the host's own ICMP port unreachable
    ADMIN_PROHIBITED = "admin-prohibited"
    ARP_RESPONSE = "arp-response"  # only the local link's neighbour discovery answered
    HOST_UNREACH = "host-unreach"
    NET_UNREACH = "net-unreach"
    NO_RESPONSE = "no-response"
    USER_SET = "user-set"  # not probed: the person said to scan it (--no-discovery)
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class HostStatus:
    """One address as discovery left it. ``rtt`` is in seconds (None: no answer timed);
    ``name`` the reverse DNS name, ``mac`` and ``vendor`` known on the local link only;
    ``label`` is the target as typed (a host name, or the address)."""

    address: str
    state: HostState
    reason: HostReason
    rtt: float | None = None
    label: str = ""
    name: str | None = None
    mac: str | None = None
    vendor: str | None = None

    @property
    def is_up(self) -> bool:
        return self.state is HostState.UP

    def with_identity(
        self, *, name: str | None = None, mac: str | None = None, vendor: str | None = None
    ) -> HostStatus:
        """The same status with what was learnt of its identity filled in."""
        return replace(
            self,
            name=name if name is not None else self.name,
            mac=mac if mac is not None else self.mac,
            vendor=vendor if vendor is not None else self.vendor,
        )
