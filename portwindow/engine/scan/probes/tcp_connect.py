"""The TCP connect probe: non-blocking sockets driven by event-loop callbacks.

This module knows sockets and errno values; it knows nothing of hosts lists, batches or
progress (the TCP lane, ``scan/lanes/tcp.py``, schedules the work; ``base.py`` holds the
contract between them). It is the hot path of every scan, so it avoids a task, future or
timer per probe:

- ``start`` opens (or reuses) a socket and calls ``connect_ex``. On loopback the kernel has
  already processed the answer when ``connect`` returns, so a second ``connect_ex`` reads
  the verdict at once (``EISCONN`` open, ``ECONNREFUSED`` closed). The second call also
  returns a refused socket to the unconnected state, so it can be reused for the next
  port: closed ports cost two syscalls, not four.
- A connect still in progress (``EALREADY``) is watched with ``loop.add_writer``; one heap
  of deadlines serves every pending probe's timeout.
- Resource errors (``EMFILE``, ``ENFILE``, ``ENOBUFS``, ``EADDRNOTAVAIL``, ``EAGAIN``)
  mean "retry later", never a port state.
- ICMP destination unreachable (a firewall's REJECT) is ``filtered``, with the reason of
  its code, as ``nmap -sS`` reads it: each socket has ``IP_RECVERR`` set, and the error
  queue (``icmp.py``) tells an ICMP port unreachable from a reset, which ``connect()``
  reports alike as ``ECONNREFUSED``. An answer that arrives while ``connect()`` still
  holds the socket lock (loopback, veth) is kept as a "soft" error and the connect stays
  pending (see ``soft_error``): a reset then is never soft, so a refusal inside
  ``start`` needs no look at the queue unless the two calls were far apart. A soft
  error is read when a connect stays pending and again before it is called unanswered.
- A stall is not a silence (``base.stall_wait``): a connect past its deadline while its
  host, which answers most probes, has answered none sent after it waits on, up to the
  scan's ``--timeout``, for its answer or a later probe's. An answer that a busy machine
  on the way held back past the timeout is not a filtered port.
- A connect whose chosen local port equals the target port connects the socket to itself
  (TCP simultaneous open) and would read as a phantom open port; it is detected and
  retried with a new socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import socket
import struct
from time import perf_counter

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes import icmp
from portwindow.engine.scan.probes.base import (
    PENDING,
    RETRY_LATER,
    RETRY_LATER_ERRNOS,
    SELF_CONNECT,
    Answer,
    PendingProbe,
    ProbeEvents,
    SocketProber,
    Verdict,
    heard_from,
    is_self_connect,
    open_socket,
    stall_wait,
)

_LINGER_ZERO = struct.pack("ii", 1, 0)


_FILTERED_REASONS = {
    errno.EHOSTUNREACH: Reason.HOST_UNREACH,
    errno.ENETUNREACH: Reason.NET_UNREACH,
    errno.ETIMEDOUT: Reason.NO_RESPONSE,
    errno.EACCES: Reason.ADMIN_PROHIBITED,
    errno.EPERM: Reason.ADMIN_PROHIBITED,
    errno.ENOPROTOOPT: Reason.PROTO_UNREACH,
    errno.EPROTO: Reason.PROTO_UNREACH,
}
_HOST_DOWN = getattr(errno, "EHOSTDOWN", None)
if _HOST_DOWN is not None:
    _FILTERED_REASONS[_HOST_DOWN] = Reason.HOST_UNREACH

_EINPROGRESS = errno.EINPROGRESS
_EALREADY = errno.EALREADY
_EISCONN = errno.EISCONN
_ECONNREFUSED = errno.ECONNREFUSED
OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)
_RECVERR = icmp.LINUX
# A refusal read inside ``start`` sooner than this after the first connect call came
# inside it (a reset; an ICMP error there is soft): no look at the error queue.
INSIDE_CONNECT = 50e-6


def classify_errno(err: int) -> Verdict | Answer:
    """Map a connect errno to a port state, or to RETRY_LATER for resource errors."""
    if err in (0, _EISCONN):
        return OPEN
    if err == _ECONNREFUSED:
        return CLOSED
    if err in RETRY_LATER_ERRNOS:
        return RETRY_LATER
    return (PortState.FILTERED, _FILTERED_REASONS.get(err, Reason.ERROR))


def icmp_verdict(sock: socket.socket) -> Verdict | None:
    """The ICMP unreachable queued on ``sock`` (``IP_RECVERR``) as a port's state."""
    if not _RECVERR:
        return None
    found = icmp.read_error(sock)
    return None if found is None else icmp.tcp_verdict(*found)


def error_verdict(sock: socket.socket, err: int) -> Answer:
    """A connect's error: an ICMP unreachable if one is queued, else the errno's word."""
    if err in RETRY_LATER_ERRNOS:
        return RETRY_LATER
    return icmp_verdict(sock) or classify_errno(err)


class TcpConnectProber(SocketProber):
    """Starts connects, watches the pending ones, and reports answers and timeouts."""

    def __init__(self, loop: asyncio.AbstractEventLoop, events: ProbeEvents) -> None:
        super().__init__(loop, events, watch="write")
        self._longest = events.timeout
        self._pools: dict[int, list[socket.socket]] = {socket.AF_INET: [], socket.AF_INET6: []}

    def start(self, host, port: int, attempt: int, timeout: float, tag=0):
        """Start one probe. Returns an outcome now, or PENDING when an answer will come."""
        family = host.family
        pool = self._pools[family]
        if pool:
            sock = pool.pop()
        else:
            sock = open_socket(family, socket.SOCK_STREAM)
            if sock is None:
                return RETRY_LATER, 0.0
            if _RECVERR:
                icmp.set_recverr(sock, family)
        sockaddr = (host.address, port)
        started = perf_counter()
        err = sock.connect_ex(sockaddr)
        if err == _EINPROGRESS:
            err = sock.connect_ex(sockaddr)
        rtt = perf_counter() - started
        if err == _ECONNREFUSED:
            pool.append(sock)
            heard_from(host, started)
            if rtt < INSIDE_CONNECT:
                return CLOSED, rtt
            return icmp_verdict(sock) or CLOSED, rtt
        if err in (_EALREADY, _EINPROGRESS):
            soft = soft_error(sock)
            if soft:
                outcome = error_verdict(sock, soft)
                abort(sock)
                heard_from(host, started)
                return outcome, rtt
            deadline = started + timeout
            probe = PendingProbe(host, port, attempt, tag, sock, sockaddr, started, deadline)
            self._wait(probe, self._on_writable)
            return PENDING, 0.0
        outcome = self._finish(sock, sockaddr, err)
        if type(outcome) is tuple:  # a verdict, not RETRY_LATER or SELF_CONNECT
            heard_from(host, started)
        return outcome, rtt

    def _finish(self, sock: socket.socket, sockaddr: tuple, err: int) -> Answer:
        """Decide a connect that has an answer, and dispose of its socket."""
        if err in (0, _EISCONN):
            if is_self_connect(sock, sockaddr):
                abort(sock)
                return SELF_CONNECT
            abort(sock)
            return OPEN
        if err == _ECONNREFUSED:
            self._pools[sock.family].append(sock)
            return icmp_verdict(sock) or CLOSED
        outcome = error_verdict(sock, err)
        sock.close()
        return outcome

    def _on_writable(self, probe: PendingProbe) -> None:
        if probe.done:
            return
        err = probe.sock.connect_ex(probe.sockaddr)
        if err in (_EALREADY, _EINPROGRESS):
            return
        rtt = perf_counter() - probe.started
        self._forget(probe)
        outcome = self._finish(probe.sock, probe.sockaddr, err)
        if type(outcome) is tuple:
            heard_from(probe.host, probe.started)
        self._answered(probe.host, probe.port, probe.attempt, outcome, rtt, probe.tag)

    def _look_again_at(self, probe: PendingProbe, now: float) -> float | None:
        """A stall is not a silence (``base.stall_wait``)."""
        later = stall_wait(probe.host, probe.started, now, self._longest)
        if later is None or soft_error(probe.sock):
            return None
        return later

    def _last_look(self, probe: PendingProbe) -> Answer | None:
        sock = probe.sock
        soft = soft_error(sock)
        outcome = error_verdict(sock, soft) if soft and soft != errno.ETIMEDOUT else None
        abort(sock)
        return outcome

    def _release(self, sock: socket.socket) -> None:
        abort(sock)

    def close(self) -> None:
        """Abort every pending connect and close every pooled socket."""
        super().close()
        for pool in self._pools.values():
            for sock in pool:
                sock.close()
            pool.clear()


def soft_error(sock: socket.socket) -> int:
    """An ICMP error the kernel kept as a soft error while the connect goes on.

    On loopback the ICMP answer arrives while ``connect()`` still holds the socket lock,
    so Linux records it in ``sk_err_soft`` and leaves the socket in SYN_SENT; SO_ERROR
    returns (and clears) that soft error when there is no hard one.
    """
    try:
        return sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    except OSError:
        return 0


def abort(sock: socket.socket) -> None:
    """Close with an RST (SO_LINGER 0) so no TIME_WAIT is left behind."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_ZERO)
    sock.close()
