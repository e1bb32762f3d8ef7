"""The TCP connect probe: non-blocking sockets driven by event-loop callbacks.

This module knows sockets and errno values; it knows nothing of hosts lists, batches or
progress (``scan.py`` schedules the work). It is the hot path of every scan, so it avoids a
task, future or timer per probe:

- ``start`` opens (or reuses) a socket and calls ``connect_ex``. On loopback the kernel has
  already processed the answer when ``connect`` returns, so a second ``connect_ex`` reads
  the verdict at once (``EISCONN`` open, ``ECONNREFUSED`` closed). The second call also
  returns a refused socket to the unconnected state, so it can be reused for the next
  port: closed ports cost two syscalls, not four.
- A connect still in progress (``EALREADY``) is watched with ``loop.add_writer``; one heap
  of deadlines serves every pending probe's timeout.
- Resource errors (``EMFILE``, ``ENFILE``, ``ENOBUFS``, ``EADDRNOTAVAIL``, ``EAGAIN``)
  mean "retry later", never a port state.
- An ICMP error that the kernel kept as a "soft" error (see ``_soft_error``) is read when
  a connect stays pending and again before it is called unanswered, so ICMP port and host
  unreachable read as nmap reads them (closed, and filtered host-unreach).
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
from collections.abc import Callable
from time import perf_counter

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes.deadlines import DeadlineHeap

_LINGER_ZERO = struct.pack("ii", 1, 0)

RETRY_LATER_ERRNOS = frozenset(
    {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.EADDRNOTAVAIL, errno.EAGAIN, errno.ENOMEM}
)

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

# Outcome codes returned by ProbeDriver.start; anything else is a (state, reason) pair.
PENDING = 1
RETRY_LATER = 2
SELF_CONNECT = 3

_EINPROGRESS = errno.EINPROGRESS
_EALREADY = errno.EALREADY
_EISCONN = errno.EISCONN
_ECONNREFUSED = errno.ECONNREFUSED
_OPEN = (PortState.OPEN, Reason.SYN_ACK)
_CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)


def classify_errno(err: int) -> tuple[PortState, Reason] | int:
    """Map a connect errno to a port state, or to RETRY_LATER for resource errors."""
    if err in (0, _EISCONN):
        return _OPEN
    if err == _ECONNREFUSED:
        return _CLOSED
    if err in RETRY_LATER_ERRNOS:
        return RETRY_LATER
    return (PortState.FILTERED, _FILTERED_REASONS.get(err, Reason.ERROR))


class PendingProbe:
    """A connect the kernel has not answered yet."""

    __slots__ = ("attempt", "deadline", "done", "fd", "host", "port", "sock", "sockaddr", "started")

    def __init__(self, host, port, attempt, sock, sockaddr, started, deadline) -> None:
        self.host = host
        self.port = port
        self.attempt = attempt
        self.sock = sock
        self.fd = sock.fileno()
        self.sockaddr = sockaddr
        self.started = started
        self.deadline = deadline
        self.done = False


# on_answer(host, port, attempt, outcome, rtt); outcome is (state, reason), RETRY_LATER or
# SELF_CONNECT. on_timeout(host, port, attempt).
AnswerCallback = Callable[[object, int, int, object, float], None]
TimeoutCallback = Callable[[object, int, int], None]


class ProbeDriver:
    """Starts connects, watches the pending ones, and reports answers and timeouts."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        on_answer: AnswerCallback,
        on_timeout: TimeoutCallback,
    ) -> None:
        self._loop = loop
        self._on_answer = on_answer
        self._on_timeout = on_timeout
        self._pools: dict[int, list[socket.socket]] = {socket.AF_INET: [], socket.AF_INET6: []}
        self._pending: dict[int, PendingProbe] = {}
        self._deadlines = DeadlineHeap()

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def next_deadline(self) -> float | None:
        return self._deadlines.next_deadline()

    def start(self, host, family: int, sockaddr: tuple, port: int, attempt: int, timeout: float):
        """Start one probe. Returns an outcome now, or PENDING when an answer will come."""
        pool = self._pools[family]
        if pool:
            sock = pool.pop()
        else:
            try:
                sock = socket.socket(family, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
            except OSError as exc:
                if exc.errno in RETRY_LATER_ERRNOS:
                    return RETRY_LATER, 0.0
                raise
        started = perf_counter()
        err = sock.connect_ex(sockaddr)
        if err == _EINPROGRESS:
            err = sock.connect_ex(sockaddr)
        rtt = perf_counter() - started
        if err == _ECONNREFUSED:
            pool.append(sock)
            return _CLOSED, rtt
        if err in (_EALREADY, _EINPROGRESS):
            soft = _soft_error(sock)
            if soft:
                _abort(sock)
                return classify_errno(soft), rtt
            probe = PendingProbe(host, port, attempt, sock, sockaddr, started, started + timeout)
            self._pending[probe.fd] = probe
            self._deadlines.push(probe.deadline, probe)
            self._loop.add_writer(probe.fd, self._on_writable, probe)
            return PENDING, 0.0
        return self._finish(sock, sockaddr, err), rtt

    def _finish(self, sock: socket.socket, sockaddr: tuple, err: int):
        """Decide a connect that has an answer, and dispose of its socket."""
        if err in (0, _EISCONN):
            if _is_self_connect(sock, sockaddr):
                _abort(sock)
                return SELF_CONNECT
            _abort(sock)
            return _OPEN
        if err == _ECONNREFUSED:
            self._pools[sock.family].append(sock)
            return _CLOSED
        sock.close()
        return classify_errno(err)

    def _on_writable(self, probe: PendingProbe) -> None:
        if probe.done:
            return
        err = probe.sock.connect_ex(probe.sockaddr)
        if err in (_EALREADY, _EINPROGRESS):
            return
        rtt = perf_counter() - probe.started
        self._forget(probe)
        outcome = self._finish(probe.sock, probe.sockaddr, err)
        self._on_answer(probe.host, probe.port, probe.attempt, outcome, rtt)

    def _forget(self, probe: PendingProbe) -> None:
        probe.done = True
        del self._pending[probe.fd]
        self._loop.remove_writer(probe.fd)

    def expire(self, now: float) -> None:
        """Time out every pending probe whose deadline has passed."""
        for probe in self._deadlines.pop_due(now):
            self._forget(probe)
            soft = _soft_error(probe.sock)
            _abort(probe.sock)
            if soft and soft != errno.ETIMEDOUT:
                outcome = classify_errno(soft)
                self._on_answer(probe.host, probe.port, probe.attempt, outcome, now - probe.started)
            else:
                self._on_timeout(probe.host, probe.port, probe.attempt)

    def close(self) -> None:
        """Abort every pending connect and close every pooled socket."""
        for probe in list(self._pending.values()):
            self._forget(probe)
            _abort(probe.sock)
        self._deadlines.clear()
        for pool in self._pools.values():
            for sock in pool:
                sock.close()
            pool.clear()


def _soft_error(sock: socket.socket) -> int:
    """An ICMP error the kernel kept as a soft error while the connect goes on.

    On loopback the ICMP answer arrives while ``connect()`` still holds the socket lock,
    so Linux records it in ``sk_err_soft`` and leaves the socket in SYN_SENT; SO_ERROR
    returns (and clears) that soft error when there is no hard one.
    """
    try:
        return sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
    except OSError:
        return 0


def _is_self_connect(sock: socket.socket, sockaddr: tuple) -> bool:
    try:
        local = sock.getsockname()
    except OSError:
        return False
    return local[1] == sockaddr[1] and local[0] == sockaddr[0]


def _abort(sock: socket.socket) -> None:
    """Close with an RST (SO_LINGER 0) so no TIME_WAIT is left behind."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_ZERO)
    sock.close()
