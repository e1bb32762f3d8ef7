"""The ICMP errors a socket received, read from its error queue (Linux's ``IP_RECVERR``).

A probe's socket learns of an ICMP destination unreachable only as an errno, and the
errno cannot tell every case apart: on a TCP socket ``ECONNREFUSED`` is a reset and a
port unreachable alike, on a UDP socket host and network unreachable are dropped as
"soft" errors. With ``IP_RECVERR`` (``IPV6_RECVERR``) set, the kernel queues each ICMP
error with its type, its code and who sent it (the target itself, or a router or
firewall on the way), and :func:`read_icmp_error` reads it.

The probes (``udp.py``, ``tcp_connect.py``) and host discovery (``scan/discovery``)
turn what it says into their own verdicts: :func:`icmp_reason` is nmap's reading of the
type and code.
"""

from __future__ import annotations

import socket
import struct
import sys
from dataclasses import dataclass

from portwindow.engine.core.model import Reason

LINUX = sys.platform.startswith("linux")
# Linux's values; Python 3.11's socket module does not export them.
IP_RECVERR = getattr(socket, "IP_RECVERR", 11)
IPV6_RECVERR = getattr(socket, "IPV6_RECVERR", 25)
MSG_ERRQUEUE = getattr(socket, "MSG_ERRQUEUE", 0x2000)
SOL_IPV6 = getattr(socket, "SOL_IPV6", socket.IPPROTO_IPV6)
_EXTENDED_ERR = struct.Struct("=IBBBBII")  # struct sock_extended_err
_SOCKADDR_IN_ADDRESS = slice(4, 8)  # after family (2 bytes) and port (2 bytes)
_SOCKADDR_IN6_ADDRESS = slice(8, 24)  # after family, port and flow info (4 bytes)
ORIGIN_ICMP = 2
ORIGIN_ICMP6 = 3
_ICMP_DEST_UNREACH = 3
_ICMP6_DEST_UNREACH = 1

# ICMP destination unreachable codes (RFC 792, RFC 1812 5.2.7.1) and ICMPv6's (RFC 4443).
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


@dataclass(frozen=True, slots=True)
class IcmpError:
    """One queued error: where it came from (``ORIGIN_ICMP``/``ORIGIN_ICMP6``, or the
    local stack), the ICMP type and code, and the address of the sender (None when the
    kernel did not say)."""

    origin: int
    type: int
    code: int
    offender: str | None = None


def enable_recverr(sock: socket.socket, family: int) -> None:
    """Ask the kernel to queue ICMP errors on ``sock`` (Linux; elsewhere nothing)."""
    if not LINUX:
        return
    if family == socket.AF_INET6:
        sock.setsockopt(SOL_IPV6, IPV6_RECVERR, 1)
    else:
        sock.setsockopt(socket.IPPROTO_IP, IP_RECVERR, 1)


def read_icmp_error(sock: socket.socket) -> IcmpError | None:
    """The first error queued on ``sock`` (taken off the queue), or None."""
    if not LINUX:
        return None
    try:
        _data, ancillary, _flags, _addr = sock.recvmsg(512, 512, MSG_ERRQUEUE)
    except OSError:
        return None
    for level, kind, data in ancillary:
        if (level, kind) not in ((socket.IPPROTO_IP, IP_RECVERR), (SOL_IPV6, IPV6_RECVERR)):
            continue
        if len(data) < _EXTENDED_ERR.size:
            continue
        _errno, origin, icmp_type, code, _pad, _info, _data = _EXTENDED_ERR.unpack_from(data)
        return IcmpError(origin, icmp_type, code, _offender(data[_EXTENDED_ERR.size :]))
    return None


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


def icmp_reason(origin: int, icmp_type: int, code: int) -> Reason | None:
    """What a destination unreachable says, as nmap names it; None when the error is
    not one (time exceeded, a local error)."""
    if origin == ORIGIN_ICMP and icmp_type == _ICMP_DEST_UNREACH:
        return _ICMP_CODES.get(code, Reason.HOST_UNREACH)
    if origin == ORIGIN_ICMP6 and icmp_type == _ICMP6_DEST_UNREACH:
        return _ICMP6_CODES.get(code, Reason.HOST_UNREACH)
    return None
