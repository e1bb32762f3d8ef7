"""The probes that ask a host "are you there?": a TCP connect, a UDP datagram to a port
nobody uses, an ICMP echo. Each reads what came back the way nmap's host discovery
does, and says it through one callback; none keeps a task or a timer (the sweep keeps
the time, ``sweep.py``).

- TCP connect accepted: up (``syn-ack``); refused by a reset: up (``reset``).
- An ICMP error sent by the host itself (port unreachable, a REJECT's prohibition):
  up, it is there to say no. Sent by someone else: a router's host or network
  unreachable (or this machine's own, when nothing answered ARP) means down; a
  firewall's prohibition leaves the host unknown.
- A UDP datagram back: up (``udp-response``).
- An ICMP echo reply: up (``echo-reply``). Echo needs an ICMP socket: unprivileged
  (``SOCK_DGRAM``, where ``net.ipv4.ping_group_range`` admits the user) or raw (root,
  or ``CAP_NET_RAW``); without either it is left out.

Errors that mean "this machine is out of something" (``EMFILE``, ``ENOBUFS``) give no
verdict: the sweep tries again.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import socket
import struct
from collections.abc import Callable

from portwindow.engine.core.model import Reason
from portwindow.engine.scan.discovery.model import HostReason, HostState
from portwindow.engine.scan.probes import icmp
from portwindow.engine.scan.probes.tcp_connect import RETRY_LATER_ERRNOS

Verdict = tuple[HostState, HostReason]
#: Called once per probe with its verdict, or None when the probe ended without one.
Answer = Callable[[Verdict | None], None]

_UP_RESET = (HostState.UP, HostReason.RESET)
_UP_ACCEPTED = (HostState.UP, HostReason.SYN_ACK)
# An ICMP unreachable's reason, as a host's (the two enums share these names); a
# protocol unreachable is the host's own "no", as a port unreachable is.
_HOST_REASONS = {
    reason: HostReason(reason.value)
    for reason in (
        Reason.PORT_UNREACH,
        Reason.ADMIN_PROHIBITED,
        Reason.HOST_UNREACH,
        Reason.NET_UNREACH,
    )
} | {Reason.PROTO_UNREACH: HostReason.PORT_UNREACH}
_ERRNO_VERDICTS = {
    errno.ENETUNREACH: (HostState.DOWN, HostReason.NET_UNREACH),
    errno.EHOSTUNREACH: (HostState.DOWN, HostReason.HOST_UNREACH),
    errno.EACCES: (HostState.UNKNOWN, HostReason.ADMIN_PROHIBITED),
    errno.EPERM: (HostState.UNKNOWN, HostReason.ADMIN_PROHIBITED),
}


def icmp_verdict(sock: socket.socket, address: str) -> Verdict | None:
    """What the ICMP error queued on ``sock`` says of the host at ``address``."""
    error = icmp.read_error_from(sock) if icmp.LINUX else None
    if error is None:
        return None
    origin, icmp_type, code, offender = error
    found = icmp.unreachable(origin, icmp_type, code)
    if found is None:
        return None
    reason, _port_unreach = found
    host_reason = _HOST_REASONS.get(reason, HostReason.HOST_UNREACH)
    if offender == address:
        return (HostState.UP, host_reason)
    if reason is Reason.ADMIN_PROHIBITED:
        return (HostState.UNKNOWN, host_reason)
    return (HostState.DOWN, host_reason)


def _errno_verdict(sock: socket.socket, address: str, err: int, *, tcp: bool) -> Verdict | None:
    if err in RETRY_LATER_ERRNOS:
        return None
    verdict = icmp_verdict(sock, address)
    if verdict is not None:
        return verdict
    if err == errno.ECONNREFUSED:
        # TCP: a reset (an ICMP error would have been queued). UDP: the host's port
        # unreachable, read as an errno where the queue is not there.
        return _UP_RESET if tcp else (HostState.UP, HostReason.PORT_UNREACH)
    return _ERRNO_VERDICTS.get(err, (HostState.UNKNOWN, HostReason.ERROR))


class Probe:
    """One probe's socket, watched by the loop until it answers or is closed."""

    __slots__ = ("_answer", "_loop", "address", "sock")

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket, address: str, answer):
        self._loop = loop
        self.sock = sock
        self.address = address
        self._answer = answer

    def close(self) -> None:
        if self.sock is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._loop.remove_writer(self.sock)
            self._loop.remove_reader(self.sock)
        self.sock.close()
        self.sock = None

    def _finish(self, verdict: Verdict | None) -> None:
        self.close()
        self._answer(verdict)


def _open(
    loop: asyncio.AbstractEventLoop, family: int, kind: int, address: str, answer: Answer
) -> Probe | None:
    """A probe on a new non-blocking socket that queues ICMP errors; None (and no
    verdict) when this machine has no socket to spare."""
    try:
        sock = socket.socket(family, kind | socket.SOCK_NONBLOCK)
        if icmp.LINUX:
            icmp.set_recverr(sock, family)
    except OSError:
        answer(None)
        return None
    return Probe(loop, sock, address, answer)


def tcp_ping(
    loop: asyncio.AbstractEventLoop, address: str, family: int, port: int, answer: Answer
) -> Probe | None:
    """Start a TCP connect to ``port``; None when it ended at once (``answer`` called)."""
    probe = _open(loop, family, socket.SOCK_STREAM, address, answer)
    if probe is None:
        return None
    try:
        err = probe.sock.connect_ex((address, port))
    except OSError as exc:
        err = exc.errno or errno.EIO
    if err == 0:
        probe._finish(_UP_ACCEPTED)
        return None
    if err not in (errno.EINPROGRESS, errno.EWOULDBLOCK):
        probe._finish(_errno_verdict(probe.sock, address, err, tcp=True))
        return None
    loop.add_writer(probe.sock, _tcp_writable, probe)
    return probe


def _tcp_writable(probe: Probe) -> None:
    if probe.sock is None:
        return
    err = probe.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    if err == 0:
        probe._finish(_UP_ACCEPTED)
    else:
        probe._finish(_errno_verdict(probe.sock, probe.address, err, tcp=True))


def udp_ping(
    loop: asyncio.AbstractEventLoop, address: str, family: int, port: int, answer: Answer
) -> Probe | None:
    """Send an empty datagram to ``port`` (one nobody should use); None when it ended
    at once."""
    probe = _open(loop, family, socket.SOCK_DGRAM, address, answer)
    if probe is None:
        return None
    try:
        probe.sock.connect((address, port))
        probe.sock.send(b"")
    except OSError as exc:
        probe._finish(_errno_verdict(probe.sock, address, exc.errno or errno.EIO, tcp=False))
        return None
    loop.add_reader(probe.sock, _udp_readable, probe)
    return probe


def _udp_readable(probe: Probe) -> None:
    sock = probe.sock
    if sock is None:
        return
    try:
        sock.recv(1)
    except BlockingIOError:
        return
    except OSError as exc:
        probe._finish(_errno_verdict(sock, probe.address, exc.errno or errno.EIO, tcp=False))
        return
    probe._finish((HostState.UP, HostReason.UDP_RESPONSE))


_ICMP_ECHO = 8
_ICMP_ECHO_REPLY = 0
_ICMP6_ECHO = 128
_ICMP6_ECHO_REPLY = 129
_ECHO_HEADER = struct.Struct("!BBHHH")  # type, code, checksum, identifier, sequence
_PAYLOAD = b"portwindow host discovery"


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


class EchoPinger:
    """ICMP echo for one address family over one socket: ``send(address, answer)``;
    ``answer`` is called with the verdict when the echo reply comes. ``available`` is
    False when this process may open no ICMP socket."""

    def __init__(self, loop: asyncio.AbstractEventLoop, family: int) -> None:
        self._loop = loop
        self.family = family
        self._waiting: dict[str, Answer] = {}
        self._ident = os.getpid() & 0xFFFF
        self._sequence = 0
        self.sock, self.raw = self._open(family)
        self.available = self.sock is not None
        if self.sock is not None:
            loop.add_reader(self.sock, self._readable)

    @staticmethod
    def _open(family: int) -> tuple[socket.socket | None, bool]:
        proto = socket.IPPROTO_ICMPV6 if family == socket.AF_INET6 else socket.IPPROTO_ICMP
        for kind, raw in ((socket.SOCK_DGRAM, False), (socket.SOCK_RAW, True)):
            try:
                sock = socket.socket(family, kind | socket.SOCK_NONBLOCK, proto)
            except OSError:
                continue
            return sock, raw
        return None, False

    def send(self, address: str, answer: Answer) -> bool:
        """Send one echo request; False when it could not go out."""
        if self.sock is None:
            return False
        self._sequence = (self._sequence + 1) & 0xFFFF
        kind = _ICMP6_ECHO if self.family == socket.AF_INET6 else _ICMP_ECHO
        header = _ECHO_HEADER.pack(kind, 0, 0, self._ident, self._sequence)
        checksum = 0 if self.family == socket.AF_INET6 else _checksum(header + _PAYLOAD)
        packet = _ECHO_HEADER.pack(kind, 0, checksum, self._ident, self._sequence) + _PAYLOAD
        try:
            self.sock.sendto(packet, (address, 0))
        except OSError:
            return False
        self._waiting[address] = answer
        return True

    def forget(self, address: str) -> None:
        self._waiting.pop(address, None)

    def _readable(self) -> None:
        for _ in range(64):
            try:
                data, peer = self.sock.recvfrom(2048)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            if self._is_our_reply(data):
                answer = self._waiting.pop(_normalise(peer[0]), None)
                if answer is not None:
                    answer((HostState.UP, HostReason.ECHO_REPLY))

    def _is_our_reply(self, data: bytes) -> bool:
        if self.raw and self.family == socket.AF_INET and data:
            data = data[(data[0] & 0x0F) * 4 :]  # a raw IPv4 socket gives the IP header too
        if len(data) < _ECHO_HEADER.size:
            return False
        kind, _code, _sum, ident, _seq = _ECHO_HEADER.unpack_from(data)
        reply = _ICMP6_ECHO_REPLY if self.family == socket.AF_INET6 else _ICMP_ECHO_REPLY
        # An unprivileged socket's identifier is the kernel's choice, and it only
        # ever delivers the replies to this socket's own requests.
        return kind == reply and (not self.raw or ident == self._ident)

    def close(self) -> None:
        if self.sock is not None:
            with contextlib.suppress(OSError, ValueError):
                self._loop.remove_reader(self.sock)
            self.sock.close()
            self.sock = None
        self._waiting.clear()


def _normalise(address: str) -> str:
    return address.split("%", 1)[0]
