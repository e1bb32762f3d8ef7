"""The TCP connect probe on Linux: non-blocking sockets on an epoll of the prober's
own, which the event loop watches as one descriptor.

It keeps ``tcp_connect.py``'s contract (``base.py``) and its verdicts, the same errno
and ICMP readings, and changes only what a probe costs, which across a LAN is the whole
scan (every connect is pending there, none answers inside ``connect()``):

- No event-loop callback per socket. A socket is registered once, when it is made,
  edge-triggered; a refused socket goes back to the pool still registered, and its next
  connect needs no ``epoll_ctl``. The loop's one reader callback takes every ready
  socket at once (``epoll_wait``, up to ``BATCH`` of them) and reads each verdict with
  one ``connect_ex``, which also returns a refused socket to the unconnected state.
  A readiness with no answer yet (an edge left over from a socket's earlier connect)
  reads ``EALREADY`` and changes nothing.
- No object per probe: what a pending probe is (host, port, try, tag, when it went
  out, its socket) sits in lists indexed by its descriptor, and its deadline in a
  wheel of 1/1024 s slots (a timeout comes at most one slot late, never early).
- A second ``connect_ex`` right after the first finds the answers the kernel gave
  inside ``connect()`` (loopback, veth: see ``tcp_connect.py``), and a pending
  connect's soft error (an ICMP error that came while ``connect()`` held the socket).
  Both cost a system call a probe where answers never come that fast: a host whose
  first ``QUICK`` probes got no answer inside the call gets them on one probe in
  ``SAMPLE`` only; one answer inside the call, then or later, and every probe of the
  host looks twice for the rest of the scan (so a loaded loopback, slow now and then,
  keeps its answers inside the calls). A soft error of a host that is not looked at
  twice waits for the deadline's last look, which reads it as ``tcp_connect.py``
  does: the same verdict, later.
- A stall is not a silence: a probe past its deadline while its host answers no probe
  sent after it waits on (``base.stall_wait``), as in ``tcp_connect.py``.
- A refused connect is a reset unless an ICMP port unreachable refused it: the error
  queue is read only when the namespace's ICMP counter moved since the probe started
  (``icmp_seen.py``, one look a batch), or for batches too small to pay for a look.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import heapq
import select
import socket
from time import perf_counter

from portwindow.engine.scan.probes import icmp
from portwindow.engine.scan.probes.base import (
    PENDING,
    RETRY_LATER,
    SELF_CONNECT,
    ProbeEvents,
    is_self_connect,
    open_socket,
    stall_wait,
)
from portwindow.engine.scan.probes.icmp_seen import IcmpSeen
from portwindow.engine.scan.probes.tcp_connect import (
    CLOSED,
    INSIDE_CONNECT,
    OPEN,
    RETRY_LATER_ERRNOS,
    abort,
    error_verdict,
    icmp_verdict,
    soft_error,
)

AVAILABLE = hasattr(select, "epoll") and icmp.LINUX
BATCH = 1024
"""Ready sockets taken from the epoll per wakeup of the event loop."""
QUICK = 64
"""A host's first probes, looked at twice; if none answered inside ``connect()``, the
second look stops."""
SAMPLE = 32
"""Then one probe in this many still looks twice (a host can become quick again)."""
SLOTS = 1024.0
"""Deadline slots a second."""
LOOK_WORTH = 6
"""Refused connects in a batch from which one look at the ICMP counter costs less
than reading each one's error queue."""

_EINPROGRESS = errno.EINPROGRESS
_EALREADY = errno.EALREADY
_ECONNREFUSED = errno.ECONNREFUSED
_EISCONN = errno.EISCONN
_PENDING = (PENDING, 0.0)
_ALWAYS = -1
_EDGE = select.EPOLLOUT | select.EPOLLET if AVAILABLE else 0
_SERIAL = 24  # a wheel token is serial << _SERIAL | descriptor
_FD_MASK = (1 << _SERIAL) - 1


class EpollTcpProber:
    """Starts connects, watches the pending ones, reports answers and timeouts."""

    def __init__(self, loop: asyncio.AbstractEventLoop, events: ProbeEvents) -> None:
        self._loop = loop
        self._answered = events.probe_answered
        self._longest = events.timeout
        self._timed_out = events.probe_timed_out
        self._epoll: select.epoll | None = None
        with contextlib.suppress(OSError):  # out of descriptors: with the first socket
            self._open_epoll()
        self._pools: dict[int, list[socket.socket]] = {socket.AF_INET: [], socket.AF_INET6: []}
        self._icmp = {family: IcmpSeen(family) for family in self._pools}
        # Per descriptor: every socket the prober holds, and a pending probe's parts
        # (its host is None when the descriptor has no probe pending).
        self._sock: list[socket.socket | None] = []
        self._host: list = []
        self._addr: list = []  # (address, port)
        self._port: list[int] = []
        self._attempt: list[int] = []
        self._tag: list = []
        self._started: list[float] = []
        self._deadline: list[float] = []
        self._serial: list[int] = []
        self._look: list[int] = []  # the ICMP look its probe started after
        self._pending = 0
        self._next_serial = 0
        self._wheel: dict[int, list[int]] = {}  # deadline slot -> tokens
        self._slots: list[int] = []  # heap of the wheel's slots
        self._quick: dict[str, int] = {}  # address -> probes left to look at twice
        self._count = 0
        self._closed = False

    # The contract.

    @property
    def pending_count(self) -> int:
        return self._pending

    def next_deadline(self) -> float | None:
        if not self._pending:
            return None
        return self._slots[0] / SLOTS if self._slots else None

    def pending_attempts(self) -> list[tuple[float, int]]:
        host, deadline, attempt = self._host, self._deadline, self._attempt
        return [(deadline[fd], attempt[fd]) for fd in range(len(host)) if host[fd] is not None]

    def start(self, host, port: int, attempt: int, timeout: float, tag=0):
        """Start one probe. Returns an outcome now, or PENDING when an answer will come."""
        family = host.family
        pool = self._pools[family]
        if pool:
            sock = pool.pop()
        else:
            sock = self._new_socket(family)
            if sock is None:
                return RETRY_LATER, 0.0
        address = host.address
        sockaddr = (address, port)
        quick = self._quick.get(address, QUICK)
        started = perf_counter()
        err = sock.connect_ex(sockaddr)
        if err == _EINPROGRESS:
            self._count += 1
            if quick or not self._count % SAMPLE:
                err = sock.connect_ex(sockaddr)
                if err != _EALREADY:
                    self._quick[address] = _ALWAYS  # it answers inside: look twice for good
                elif quick and quick != _ALWAYS:
                    self._quick[address] = quick - 1
        rtt = perf_counter() - started
        if err == _ECONNREFUSED:
            pool.append(sock)
            host.heard = started
            host.answers += 1
            if rtt < INSIDE_CONNECT:
                return CLOSED, rtt
            return icmp_verdict(sock) or CLOSED, rtt
        if err in (_EALREADY, _EINPROGRESS):
            if quick:
                soft = soft_error(sock)
                if soft:
                    outcome = error_verdict(sock, soft)
                    self._drop(sock)
                    host.heard = started
                    host.answers += 1
                    return outcome, rtt
            fd = sock.fileno()
            self._host[fd] = host
            self._addr[fd] = sockaddr
            self._port[fd] = port
            self._attempt[fd] = attempt
            self._tag[fd] = tag
            self._started[fd] = started
            self._look[fd] = self._icmp[family].looks
            serial = self._next_serial = self._next_serial + 1
            self._serial[fd] = serial
            self._due(fd, serial, started + timeout)
            self._pending += 1
            return _PENDING
        outcome = self._finish(sock, sockaddr, err)
        if type(outcome) is tuple:  # a verdict, not RETRY_LATER or SELF_CONNECT
            host.heard = started
            host.answers += 1
        return outcome, rtt

    def _due(self, fd: int, serial: int, deadline: float) -> None:
        """Put a pending probe's deadline on the wheel."""
        self._deadline[fd] = deadline
        slot = int(deadline * SLOTS) + 1
        tokens = self._wheel.get(slot)
        if tokens is None:
            self._wheel[slot] = [serial << _SERIAL | fd]
            heapq.heappush(self._slots, slot)
        else:
            tokens.append(serial << _SERIAL | fd)

    def expire(self, now: float) -> None:
        """Time out every pending probe whose deadline has passed (after a last look)."""
        slots, wheel = self._slots, self._wheel
        limit = now * SLOTS
        host_of, serial_of, started_of = self._host, self._serial, self._started
        longest = self._longest
        while slots and slots[0] <= limit:
            for token in wheel.pop(heapq.heappop(slots)):
                fd = token & _FD_MASK
                host = host_of[fd]
                if host is None or serial_of[fd] != token >> _SERIAL:
                    continue  # answered already
                sock = self._sock[fd]
                sent = started_of[fd]
                soft = soft_error(sock)
                outcome = error_verdict(sock, soft) if soft and soft != errno.ETIMEDOUT else None
                if outcome is None and (later := stall_wait(host, sent, now, longest)):
                    self._due(fd, token >> _SERIAL, later)
                    continue
                port, attempt, tag = self._port[fd], self._attempt[fd], self._tag[fd]
                self._forget(fd)
                self._drop(sock)
                if outcome is None:
                    self._timed_out(host, port, attempt, sent, tag)
                else:
                    self._answered(host, port, attempt, outcome, now - sent, tag)

    def close(self) -> None:
        """Abort every pending connect and close every socket (no callback)."""
        if self._closed:
            return
        self._closed = True
        for fd, sock in enumerate(self._sock):
            if sock is not None:
                abort(sock)
                self._sock[fd] = self._host[fd] = None
        for pool in self._pools.values():
            pool.clear()
        self._pending = 0
        self._wheel.clear()
        self._slots.clear()
        if self._epoll is not None:
            self._loop.remove_reader(self._epoll.fileno())
            self._epoll.close()
        for seen in self._icmp.values():
            seen.close()

    # Inside.

    def _new_socket(self, family: int) -> socket.socket | None:
        if self._epoll is None:
            try:
                self._open_epoll()
            except OSError as exc:
                if exc.errno in RETRY_LATER_ERRNOS:
                    return None
                raise
        sock = open_socket(family, socket.SOCK_STREAM)
        if sock is None:
            return None
        icmp.set_recverr(sock, family)
        fd = sock.fileno()
        try:
            self._epoll.register(fd, _EDGE)
        except OSError as exc:  # ENOMEM, ENOSPC (max_user_watches)
            sock.close()
            if exc.errno in (errno.ENOMEM, errno.ENOSPC):
                return None
            raise
        if fd >= len(self._sock):
            grow = fd + 1 - len(self._sock) + 256
            for column in (self._sock, self._host, self._addr, self._tag):
                column.extend([None] * grow)
            for column in (self._port, self._attempt, self._serial, self._look):
                column.extend([0] * grow)
            for column in (self._started, self._deadline):
                column.extend([0.0] * grow)
        self._sock[fd] = sock
        return sock

    def _open_epoll(self) -> None:
        self._epoll = select.epoll()
        self._loop.add_reader(self._epoll.fileno(), self._on_ready)

    def _forget(self, fd: int) -> None:
        self._host[fd] = self._addr[fd] = self._tag[fd] = None
        self._pending -= 1

    def _drop(self, sock: socket.socket) -> None:
        """Close a socket for good (the epoll forgets it with its descriptor)."""
        self._sock[sock.fileno()] = None
        abort(sock)

    def _finish(self, sock: socket.socket, sockaddr: tuple, err: int):
        """Decide a connect that has an answer other than a refusal, and dispose of its
        socket."""
        if err in (0, _EISCONN):
            outcome = SELF_CONNECT if is_self_connect(sock, sockaddr) else OPEN
            self._drop(sock)
            return outcome
        outcome = error_verdict(sock, err)
        self._drop(sock)
        return outcome

    def _on_ready(self) -> None:
        """The epoll has ready sockets: read each one's verdict, then report them."""
        try:
            ready = self._epoll.poll(0, BATCH)
        except OSError:
            return
        if not ready:
            return
        now = perf_counter()
        socks, addr_of = self._sock, self._addr
        refused: list[int] = []
        fds: list[int] = []
        outcomes: list = []
        for fd, _mask in ready:
            sockaddr = addr_of[fd]
            if sockaddr is None:
                continue  # a pooled socket's leftover edge, or a probe already decided
            sock = socks[fd]
            err = sock.connect_ex(sockaddr)
            if err == _ECONNREFUSED:
                refused.append(fd)
            elif err not in (_EALREADY, _EINPROGRESS):
                fds.append(fd)
                outcomes.append(self._finish(sock, sockaddr, err))
        if refused:
            self._judge_refused(refused, fds, outcomes)
        host_of, port_of, attempt_of, tag_of = self._host, self._port, self._attempt, self._tag
        started_of, answered = self._started, self._answered
        for fd, outcome in zip(fds, outcomes, strict=True):
            host, port, attempt, tag = host_of[fd], port_of[fd], attempt_of[fd], tag_of[fd]
            started = started_of[fd]
            if type(outcome) is tuple:
                if started > host.heard:  # noqa: PLR1730 - per answer: no call
                    host.heard = started
                host.answers += 1
            rtt = now - started
            self._forget(fd)
            answered(host, port, attempt, outcome, rtt, tag)

    def _judge_refused(self, refused: list[int], fds: list[int], outcomes: list) -> None:
        """Refused connects: resets, unless an ICMP message came in since one started
        (then its error queue says)."""
        socks, host_of, look_of, pools = self._sock, self._host, self._look, self._pools
        # The last look each family's counter moved at (a look after every verdict
        # read), or every probe suspect when the batch is too small to pay for a look.
        moved = dict.fromkeys(self._icmp, 1 << 62)
        if len(refused) >= LOOK_WORTH:
            for family in {host_of[fd].family for fd in refused}:
                seen = self._icmp[family]
                seen.look()
                moved[family] = seen.moved_before
        for fd in refused:
            sock = socks[fd]
            family = host_of[fd].family
            outcome = CLOSED
            if look_of[fd] <= moved[family]:
                outcome = icmp_verdict(sock) or CLOSED
            pools[family].append(sock)
            fds.append(fd)
            outcomes.append(outcome)
