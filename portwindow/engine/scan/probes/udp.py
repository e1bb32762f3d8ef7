"""The UDP probe: one connected datagram socket per probe, driven by event-loop callbacks.

Like ``tcp_connect.py`` it knows sockets and errno values and nothing of hosts lists,
batches, pacing or progress (the UDP lane, ``scan/lanes/udp.py``, schedules and paces
through ``udp_pace.py``), and it keeps no task, future or timer per probe: pending probes
share one deadline heap and a reader callback each (``base.py``).

A probe opens a socket, connects it to the port (no packet: a UDP connect only fixes the
peer) and sends the port's payload (``udp_payloads.py``). Then:

- a datagram back from the port: ``open`` (``udp-response``);
- ICMP port unreachable: the kernel sets the socket's error to ``ECONNREFUSED``:
  ``closed`` (``port-unreach``). On loopback the ICMP answer is processed before
  ``send()`` returns, so ``SO_ERROR`` has it at once, with no wait and no callback;
- another ICMP destination unreachable: ``filtered``, with the reason from its code,
  read from the socket's error queue (``IP_RECVERR``). Without ``IP_RECVERR`` Linux
  drops host and network unreachable on UDP sockets as "soft" errors;
- nothing before the deadline: the scan retries, then calls it ``open|filtered``.

A socket whose kernel-chosen local port is the target port would send to itself and read
its own payload as an answer; that is detected before sending and a new socket taken.
Resource errors (``EMFILE``, ``ENOBUFS``, ``EAGAIN``...) mean "retry later".
"""

from __future__ import annotations

import asyncio
import errno
import socket
from time import perf_counter

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes import base, icmp
from portwindow.engine.scan.probes.base import (
    PENDING,
    RETRY_LATER,
    Answer,
    PendingProbe,
    ProbeEvents,
    SocketProber,
)
from portwindow.engine.scan.probes.tcp_connect import RETRY_LATER_ERRNOS
from portwindow.engine.scan.probes.udp_payloads import payload_for

_OPEN = (PortState.OPEN, Reason.UDP_RESPONSE)
_CLOSED = (PortState.CLOSED, Reason.PORT_UNREACH)

_ERRNO_REASONS = {
    errno.ENETUNREACH: Reason.NET_UNREACH,
    errno.EHOSTUNREACH: Reason.HOST_UNREACH,
    errno.ENOPROTOOPT: Reason.PROTO_UNREACH,
    errno.EPROTO: Reason.PROTO_UNREACH,
    errno.EACCES: Reason.ADMIN_PROHIBITED,
    errno.EPERM: Reason.ADMIN_PROHIBITED,
}
for _name in ("EHOSTDOWN", "ENONET"):
    if hasattr(errno, _name):
        _ERRNO_REASONS[getattr(errno, _name)] = Reason.HOST_UNREACH
# Windows reports ICMP port unreachable on a UDP socket as WSAECONNRESET.
_PORT_UNREACH_ERRNOS = frozenset({errno.ECONNREFUSED, errno.ECONNRESET})


def classify_icmp(origin: int, icmp_type: int, code: int) -> base.Verdict | None:
    """The state an ICMP error gives a UDP port, as nmap reads it; None if not ICMP's."""
    return icmp.udp_verdict(origin, icmp_type, code)


def udp_errno_outcome(err: int) -> Answer:
    """The state a socket error gives a UDP port, or RETRY_LATER for resource errors."""
    if err in _PORT_UNREACH_ERRNOS:
        return _CLOSED
    if err in RETRY_LATER_ERRNOS:
        return RETRY_LATER
    return (PortState.FILTERED, _ERRNO_REASONS.get(err, Reason.ERROR))


def _icmp_detail(sock: socket.socket) -> base.Verdict | None:
    """Read the ICMP error the kernel queued for ``sock`` (IP_RECVERR) and classify it."""
    found = icmp.read_error(sock)
    return None if found is None else icmp.udp_verdict(*found)


def _error_outcome(sock: socket.socket, err: int):
    if err in _PORT_UNREACH_ERRNOS:
        return _CLOSED
    return (icmp.LINUX and _icmp_detail(sock)) or udp_errno_outcome(err)


def _local_port_range() -> range:
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(part) for part in f.read().split())
        return range(low, high + 1)
    except (OSError, ValueError):
        return range(1024, 65536)


class UdpProber(SocketProber):
    """Sends probes, watches the pending ones, and reports answers and timeouts."""

    def __init__(self, loop: asyncio.AbstractEventLoop, events: ProbeEvents) -> None:
        super().__init__(loop, events, watch="read")
        self._ephemeral = _local_port_range()
        self.sent = 0

    def start(self, host, port: int, attempt: int, timeout: float, tag=0.0):
        """Send one probe (the port's payload, ``udp_payloads.py``). Returns an outcome
        now, or PENDING when one may come later."""
        sockaddr = (host.address, port)
        sock = self._connected_socket(host.family, sockaddr)
        if not isinstance(sock, socket.socket):
            return sock, 0.0
        started = perf_counter()
        try:
            sock.send(payload_for(port))
        except OSError as exc:
            outcome = _error_outcome(sock, exc.errno)
            sock.close()
            return outcome, perf_counter() - started
        self.sent += 1
        err = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if err:
            rtt = perf_counter() - started
            outcome = _error_outcome(sock, err)
            sock.close()
            return outcome, rtt
        probe = PendingProbe(host, port, attempt, tag, sock, sockaddr, started, started + timeout)
        self._wait(probe, self._on_readable)
        return PENDING, 0.0

    def _connected_socket(self, family: int, sockaddr: tuple):
        """A new socket connected to ``sockaddr``, or an outcome when there is none."""
        spares: list[socket.socket] = []
        try:
            for _ in range(8):
                try:
                    sock = socket.socket(family, socket.SOCK_DGRAM | socket.SOCK_NONBLOCK)
                except OSError as exc:
                    if exc.errno in RETRY_LATER_ERRNOS:
                        return RETRY_LATER
                    raise
                try:
                    if icmp.LINUX:
                        icmp.set_recverr(sock, family)
                    sock.connect(sockaddr)
                except OSError as exc:
                    sock.close()
                    return udp_errno_outcome(exc.errno)
                if sockaddr[1] in self._ephemeral and base.is_self_connect(sock, sockaddr):
                    # Keep it open while taking the next one, so that one gets another port.
                    spares.append(sock)
                    continue
                return sock
            return RETRY_LATER
        finally:
            for spare in spares:
                spare.close()

    def _on_readable(self, probe: PendingProbe) -> None:
        if probe.done:
            return
        outcome = _read(probe.sock)
        if outcome is None:
            return
        rtt = perf_counter() - probe.started
        self._forget(probe)
        probe.sock.close()
        self._answered(probe.host, probe.port, probe.attempt, outcome, rtt, probe.tag)

    def _last_look(self, probe: PendingProbe) -> Answer | None:
        outcome = _read(probe.sock)
        probe.sock.close()
        return outcome


def _read(sock: socket.socket):
    """The answer waiting on ``sock``: an outcome, or None when there is none yet."""
    try:
        sock.recv(1)
    except BlockingIOError:
        return None
    except OSError as exc:
        return _error_outcome(sock, exc.errno)
    return _OPEN
