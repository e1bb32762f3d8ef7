"""ICMP errors as the socket probers (``tcp_connect.py``, ``udp.py``) read them: Linux's
``IP_RECVERR``/``IPV6_RECVERR`` error queue, and what each ICMP destination unreachable
makes of a port, in nmap's words.

With ``IP_RECVERR`` set, every ICMP error the kernel matches to a socket is queued on
it as a ``struct sock_extended_err`` (``recvmsg(MSG_ERRQUEUE)``): its origin (ICMP or
ICMPv6), type and code. A TCP connect cannot tell otherwise: the kernel reports ICMP
port unreachable as ``ECONNREFUSED``, exactly as it does a reset, and administratively
prohibited as ``EHOSTUNREACH``. A reset leaves the queue empty.

- UDP (``nmap -sU``): port unreachable is ``closed``, every other unreachable
  ``filtered`` with its reason.
- TCP (``nmap -sS``): every unreachable is ``filtered`` (a firewall's REJECT), port
  unreachable with the reason ``port-unreach``.
"""

from __future__ import annotations

import socket
import struct
import sys

from portwindow.engine.core.model import PortState, Reason

LINUX = sys.platform.startswith("linux")
# Linux's values; Python 3.11's socket module does not export them.
IP_RECVERR = getattr(socket, "IP_RECVERR", 11)
IPV6_RECVERR = getattr(socket, "IPV6_RECVERR", 25)
MSG_ERRQUEUE = getattr(socket, "MSG_ERRQUEUE", 0x2000)
SOL_IPV6 = getattr(socket, "SOL_IPV6", socket.IPPROTO_IPV6)
_EXTENDED_ERR = struct.Struct("=IBBBBII")  # struct sock_extended_err
_RECVERR = ((socket.IPPROTO_IP, IP_RECVERR), (SOL_IPV6, IPV6_RECVERR))
ORIGIN_ICMP = 2
ORIGIN_ICMP6 = 3
_ICMP_DEST_UNREACH = 3
_ICMP6_DEST_UNREACH = 1
_ICMP_PORT_UNREACH = 3
_ICMP6_PORT_UNREACH = 4

# ICMP destination unreachable codes (RFC 792, RFC 1812 5.2.7.1) and ICMPv6's (RFC 4443);
# nmap's host-prohibited and net-prohibited read admin-prohibited.
_ICMP_CODES = {
    0: Reason.NET_UNREACH,
    1: Reason.HOST_UNREACH,
    2: Reason.PROTO_UNREACH,
    3: Reason.PORT_UNREACH,
    6: Reason.NET_UNREACH,
    7: Reason.HOST_UNREACH,
    8: Reason.HOST_UNREACH,
    9: Reason.ADMIN_PROHIBITED,
    10: Reason.ADMIN_PROHIBITED,
    11: Reason.NET_UNREACH,
    12: Reason.HOST_UNREACH,
    13: Reason.ADMIN_PROHIBITED,
}
_ICMP6_CODES = {
    0: Reason.NET_UNREACH,
    1: Reason.ADMIN_PROHIBITED,
    2: Reason.HOST_UNREACH,
    3: Reason.HOST_UNREACH,
    4: Reason.PORT_UNREACH,
    5: Reason.ADMIN_PROHIBITED,
    6: Reason.ADMIN_PROHIBITED,
}

Unreachable = tuple[Reason, bool]
"""An ICMP destination unreachable: its reason, and whether it is port unreachable."""


def unreachable(origin: int, icmp_type: int, code: int) -> Unreachable | None:
    """The reason of an ICMP(v6) destination unreachable; None for anything else."""
    if origin == ORIGIN_ICMP and icmp_type == _ICMP_DEST_UNREACH:
        return _ICMP_CODES.get(code, Reason.HOST_UNREACH), code == _ICMP_PORT_UNREACH
    if origin == ORIGIN_ICMP6 and icmp_type == _ICMP6_DEST_UNREACH:
        return _ICMP6_CODES.get(code, Reason.HOST_UNREACH), code == _ICMP6_PORT_UNREACH
    return None


def udp_verdict(origin: int, icmp_type: int, code: int) -> tuple[PortState, Reason] | None:
    """What an ICMP error makes of a UDP port (nmap -sU); None if not an unreachable."""
    found = unreachable(origin, icmp_type, code)
    if found is None:
        return None
    reason, port_unreach = found
    return (PortState.CLOSED if port_unreach else PortState.FILTERED), reason


def tcp_verdict(origin: int, icmp_type: int, code: int) -> tuple[PortState, Reason] | None:
    """What an ICMP error makes of a TCP port (nmap -sS): filtered, whatever the code."""
    found = unreachable(origin, icmp_type, code)
    return None if found is None else (PortState.FILTERED, found[0])


def set_recverr(sock: socket.socket, family: int) -> None:
    """Queue the ICMP errors of ``sock`` for :func:`read_error` (Linux only)."""
    if family == socket.AF_INET6:
        sock.setsockopt(SOL_IPV6, IPV6_RECVERR, 1)
    else:
        sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)


def read_error(sock: socket.socket) -> tuple[int, int, int] | None:
    """The oldest ICMP error queued on ``sock`` as (origin, type, code), taken off the
    queue; None when the queue holds none (a reset, say)."""
    found = read_error_from(sock)
    return None if found is None else found[:3]


def read_error_from(sock: socket.socket) -> tuple[int, int, int, str | None] | None:
    """As :func:`read_error`, with the address of who sent the error (the target
    itself, a router or firewall on the way, or this machine when nothing answered
    its ARP), or None where the kernel did not say."""
    try:
        _data, ancillary, _flags, _addr = sock.recvmsg(512, 512, MSG_ERRQUEUE)
    except OSError:
        return None
    for level, kind, data in ancillary:
        if (level, kind) in _RECVERR and len(data) >= _EXTENDED_ERR.size:
            _errno, origin, icmp_type, code, _pad, _info, _data2 = _EXTENDED_ERR.unpack_from(data)
            if origin in (ORIGIN_ICMP, ORIGIN_ICMP6):
                return origin, icmp_type, code, _offender(data[_EXTENDED_ERR.size :])
    return None


_SOCKADDR_IN_ADDRESS = slice(4, 8)  # after family (2 bytes) and port (2 bytes)
_SOCKADDR_IN6_ADDRESS = slice(8, 24)  # after family, port and flow info (4 bytes)


def _offender(sockaddr: bytes) -> str | None:
    """The address in the ``sockaddr`` the kernel appends (SO_EE_OFFENDER)."""
    if len(sockaddr) < 2:
        return None
    family = int.from_bytes(sockaddr[:2], sys.byteorder)
    try:
        if family == socket.AF_INET and len(sockaddr) >= 8:
            return socket.inet_ntop(socket.AF_INET, sockaddr[_SOCKADDR_IN_ADDRESS])
        if family == socket.AF_INET6 and len(sockaddr) >= 24:
            return socket.inet_ntop(socket.AF_INET6, sockaddr[_SOCKADDR_IN6_ADDRESS])
    except (OSError, ValueError):
        return None
    return None
