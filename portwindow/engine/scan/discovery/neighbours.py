"""The kernel's neighbour table (ARP for IPv4, NDP for IPv6): which addresses on the
local link answered a neighbour query, and their link-layer (MAC) address.

A host that drops every packet still answers ARP, so a complete, recently confirmed
entry (``REACHABLE``) after a probe is proof it is there. Older entries (``STALE``)
are kept for the MAC only: a machine that left the link an hour ago still has one.
Read through a netlink dump (``RTM_GETNEIGH``, no root needed), or ``/proc/net/arp``
where netlink is not there; elsewhere the table is empty.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import struct
from dataclasses import dataclass

_NLMSG = struct.Struct("=IHHII")  # struct nlmsghdr
_NDMSG = struct.Struct("=BBHiHBB")  # struct ndmsg
_RTATTR = struct.Struct("=HH")
_RTM_NEWNEIGH = 28
_RTM_GETNEIGH = 30
_NLMSG_ERROR = 2
_NLMSG_DONE = 3
_NLM_F_REQUEST = 0x1
_NLM_F_DUMP = 0x300
_NDA_DST = 1
_NDA_LLADDR = 2
_NUD_REACHABLE = 0x02
_NUD_FAILED = 0x20
_NUD_INCOMPLETE = 0x01
_NUD_NOARP = 0x40
_MAX_DUMP_BYTES = 16 << 20  # a neighbour table is small; a bound all the same
_PROC_ARP = "/proc/net/arp"
_ATF_COMPLETE = 0x2


@dataclass(frozen=True, slots=True)
class Neighbour:
    address: str
    mac: str
    confirmed: bool  # REACHABLE: the neighbour answered within the last ~30 s


def neighbours() -> dict[str, Neighbour]:
    """Every entry with a link-layer address, by IP address (text, as ipaddress writes it)."""
    try:
        return _netlink_neighbours()
    except OSError:
        return _proc_arp_neighbours()


def _netlink_neighbours() -> dict[str, Neighbour]:
    if not hasattr(socket, "AF_NETLINK"):
        raise OSError("no netlink here")
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE) as sock:
        sock.settimeout(2.0)
        request = _NDMSG.pack(socket.AF_UNSPEC, 0, 0, 0, 0, 0, 0)
        header = _NLMSG.pack(
            _NLMSG.size + len(request), _RTM_GETNEIGH, _NLM_F_REQUEST | _NLM_F_DUMP, 1, 0
        )
        sock.send(header + request)
        found: dict[str, Neighbour] = {}
        received = 0
        while received < _MAX_DUMP_BYTES:
            data = sock.recv(65536)
            if not data:
                break
            received += len(data)
            if _parse_dump(data, found):
                break
        return found


def _parse_dump(data: bytes, found: dict[str, Neighbour]) -> bool:
    """Add the entries of one netlink read to ``found``; True at the dump's end."""
    offset = 0
    while offset + _NLMSG.size <= len(data):
        length, kind, _flags, _seq, _pid = _NLMSG.unpack_from(data, offset)
        if length < _NLMSG.size or offset + length > len(data):
            return True
        if kind == _NLMSG_DONE:
            return True
        if kind == _NLMSG_ERROR:
            raise OSError("netlink refused the neighbour dump")
        if kind == _RTM_NEWNEIGH:
            entry = _parse_neighbour(data[offset + _NLMSG.size : offset + length])
            if entry is not None:
                found[entry.address] = entry
        offset += (length + 3) & ~3
    return False


def _parse_neighbour(body: bytes) -> Neighbour | None:
    if len(body) < _NDMSG.size:
        return None
    family, _p1, _p2, _ifindex, state, _flags, _type = _NDMSG.unpack_from(body)
    if state & (_NUD_FAILED | _NUD_INCOMPLETE | _NUD_NOARP):
        return None
    attrs: dict[int, bytes] = {}
    offset = _NDMSG.size
    while offset + _RTATTR.size <= len(body):
        length, kind = _RTATTR.unpack_from(body, offset)
        if length < _RTATTR.size:
            break
        attrs[kind] = body[offset + _RTATTR.size : offset + length]
        offset += (length + 3) & ~3
    dst, lladdr = attrs.get(_NDA_DST), attrs.get(_NDA_LLADDR)
    if dst is None or not lladdr or family not in (socket.AF_INET, socket.AF_INET6):
        return None
    with contextlib.suppress(ValueError):
        address = str(ipaddress.ip_address(dst))
        return Neighbour(address, format_mac(lladdr), bool(state & _NUD_REACHABLE))
    return None


def _proc_arp_neighbours() -> dict[str, Neighbour]:
    """IPv4 only, and without the entry's age: a complete entry counts as confirmed."""
    found: dict[str, Neighbour] = {}
    try:
        with open(_PROC_ARP, encoding="ascii", errors="replace") as f:
            lines = f.read(_MAX_DUMP_BYTES).splitlines()[1:]
    except OSError:
        return found
    for line in lines:
        fields = line.split()
        if len(fields) < 4:
            continue
        with contextlib.suppress(ValueError):
            flags = int(fields[2], 16)
            address = str(ipaddress.IPv4Address(fields[0]))
            mac = fields[3].lower()
            if flags & _ATF_COMPLETE and mac != "00:00:00:00:00:00":
                found[address] = Neighbour(address, mac, True)
    return found


def format_mac(raw: bytes) -> str:
    return ":".join(f"{byte:02x}" for byte in raw)
