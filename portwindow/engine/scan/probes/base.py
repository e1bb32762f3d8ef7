"""What every prober is to the scheduler, and what the socket probers share.

A prober knocks on one door at a time for a lane (``scan/lanes/``): the lane calls
``start`` and gets a verdict at once (on loopback the kernel has usually answered inside
the system call) or :attr:`Outcome.PENDING`, and the prober later calls the lane back
through :class:`ProbeEvents`, a named callback interface in the style of CPython's
``asyncio/protocols.py``. As in ``asyncio/selector_events.py``, a pending probe is a
readiness callback on its socket and an entry in one :class:`DeadlineHeap`: no task,
future or timer per probe. The lane decides when to call ``expire``.

The contract, in the order things happen:

- ``start(host, port, attempt, timeout, tag)``: one probe of ``port`` on ``host`` (any
  object with ``address`` and ``family``, see :class:`Target`). Returns ``(outcome, rtt)``:
  a :data:`Verdict` (a ``(PortState, Reason)`` pair) with the seconds it took, or an
  :class:`Outcome`. ``attempt`` and ``tag`` are the lane's (the try number, a value the
  lane wants back with the answer) and are handed back as they were given.
- while pending: ``probe_answered(host, port, attempt, outcome, rtt, tag)`` when an
  answer arrives (``outcome`` is a verdict, ``RETRY_LATER`` or ``SELF_CONNECT``);
- ``expire(now)``: every pending probe whose deadline has passed gets a last look, then
  ``probe_timed_out(host, port, attempt, sent_at, tag)`` (or ``probe_answered`` when the
  last look found an answer);
- ``close()``: pending probes are dropped without a callback, every socket is released.
"""

from __future__ import annotations

import asyncio
import enum
import errno
import socket
import typing
from collections.abc import Callable

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes.deadlines import DeadlineHeap

#: What ``socket()`` and ``connect()`` say when the system is out of something for now
#: (descriptors, buffers, local ports): the probe goes out again later, not an answer.
RETRY_LATER_ERRNOS = frozenset(
    {errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.EADDRNOTAVAIL, errno.EAGAIN, errno.ENOMEM}
)


def open_socket(family: int, kind: int) -> socket.socket | None:
    """A new non-blocking socket; None when the system has none to give now."""
    try:
        return socket.socket(family, kind | socket.SOCK_NONBLOCK)
    except OSError as exc:
        if exc.errno in RETRY_LATER_ERRNOS:
            return None
        raise


class Outcome(enum.Enum):
    """What a probe came to when it is not (yet) a port's state."""

    PENDING = "pending"
    """Sent; the answer (or the timeout) comes through :class:`ProbeEvents`."""
    RETRY_LATER = "retry-later"
    """This machine ran out of something (descriptors, buffers, local ports): try again
    later. Never a port's state."""
    SELF_CONNECT = "self-connect"
    """The kernel picked the target port as the local one and the socket connected to
    itself (TCP simultaneous open): a phantom answer. Try again with another socket."""


# Bound once, so the hot paths compare against a module global, never an enum lookup.
PENDING = Outcome.PENDING
RETRY_LATER = Outcome.RETRY_LATER
SELF_CONNECT = Outcome.SELF_CONNECT

Verdict = tuple[PortState, Reason]
"""A port's state and why, as ``start`` returns it and results carry it."""
Answer = Verdict | Outcome


class Target(typing.Protocol):
    """What a prober reads of the host it probes."""

    address: str
    family: int  # socket.AF_INET or socket.AF_INET6
    next_index: int  # first tries sent to it so far
    # Kept by the TCP prober: the answers it gave, and when the latest answered probe went
    # out (on the prober's clock).
    answers: int
    heard: float


class ProbeEvents(typing.Protocol):
    """What a prober calls back about its pending probes (a lane implements it)."""

    timeout: float
    """The longest any probe waits for its answer (the scan's ``--timeout``): a probe's
    own timeout is shorter once its host has answered quickly."""

    def probe_answered(
        self,
        host: typing.Any,
        port: int,
        attempt: int,
        outcome: Answer,
        rtt: float,
        tag: typing.Any,
    ) -> None:
        """An answer came: a verdict, or RETRY_LATER / SELF_CONNECT."""

    def probe_timed_out(
        self, host: typing.Any, port: int, attempt: int, sent_at: float, tag: typing.Any
    ) -> None:
        """No answer by the deadline; the probe went out at ``sent_at``."""


class Prober(typing.Protocol):
    """What a lane needs from a prober (see the module docstring for the contract)."""

    def start(
        self, host: typing.Any, port: int, attempt: int, timeout: float, tag: typing.Any
    ) -> tuple[Answer, float]: ...

    @property
    def pending_count(self) -> int: ...

    def next_deadline(self) -> float | None: ...

    def pending_attempts(self) -> list[tuple[float, int]]:
        """(deadline, attempt) of every pending probe, for estimates of what is left."""
        ...

    def expire(self, now: float) -> None: ...

    def close(self) -> None: ...


ProberFactory = Callable[[asyncio.AbstractEventLoop, ProbeEvents], Prober]
"""Builds a lane's prober when the scan starts: ``factory(loop, events)``."""


class PendingProbe:
    """A probe sent that has had no answer yet."""

    __slots__ = (
        "attempt",
        "deadline",
        "done",
        "fd",
        "host",
        "port",
        "sock",
        "sockaddr",
        "started",
        "tag",
    )

    def __init__(self, host, port, attempt, tag, sock, sockaddr, started, deadline) -> None:
        self.host = host
        self.port = port
        self.attempt = attempt
        self.tag = tag
        self.sock = sock
        self.fd = sock.fileno()
        self.sockaddr = sockaddr
        self.started = started
        self.deadline = deadline
        self.done = False


def stall_wait(host: Target, sent: float, now: float, longest: float) -> float | None:
    """A TCP probe sent at ``sent`` is past its deadline with no answer: when to look
    again, if it may be held up rather than silent, or None (it is silent).

    It may be held up while its host, which answers most probes, has answered none sent
    after it: something holds every answer (a busy machine on the way, a queue). Then it
    waits on, twice as long each time, up to ``longest`` (the scan's ``--timeout``), for
    its own answer or a later probe's (which proves it silent). A host that answers few
    probes (a DROP firewall) gets no such wait: silence is its rule.
    """
    if host.answers and host.heard < sent and 2 * host.answers >= host.next_index:
        last = sent + longest
        if now < last:
            return min(last, now + (now - sent))
    return None


def heard_from(host: Target, started: float) -> None:
    """A probe of ``host`` sent at ``started`` was answered (for :func:`stall_wait`)."""
    host.heard = max(host.heard, started)
    host.answers += 1


class SocketProber:
    """What the socket probers share: pending probes by descriptor, one deadline heap, a
    readiness callback each (``watch`` is ``"read"`` or ``"write"``), and the expiry
    that gives each one a last look before calling it unanswered."""

    def __init__(self, loop: asyncio.AbstractEventLoop, events: ProbeEvents, watch: str) -> None:
        self._loop = loop
        self._answered = events.probe_answered
        self._timed_out = events.probe_timed_out
        self._pending: dict[int, PendingProbe] = {}
        self._deadlines = DeadlineHeap()
        if watch == "write":
            self._watch, self._unwatch = loop.add_writer, loop.remove_writer
        else:
            self._watch, self._unwatch = loop.add_reader, loop.remove_reader

    @property
    def pending_count(self) -> int:
        return len(self._pending)

    def next_deadline(self) -> float | None:
        return self._deadlines.next_deadline()

    def pending_attempts(self) -> list[tuple[float, int]]:
        return [(p.deadline, p.attempt) for p in self._pending.values()]

    def _wait(self, probe: PendingProbe, on_ready: Callable[[PendingProbe], None]) -> None:
        self._pending[probe.fd] = probe
        self._deadlines.push(probe.deadline, probe)
        self._watch(probe.fd, on_ready, probe)

    def _forget(self, probe: PendingProbe) -> None:
        probe.done = True
        del self._pending[probe.fd]
        self._unwatch(probe.fd)

    def _last_look(self, probe: PendingProbe) -> Answer | None:
        """At the deadline: an answer the socket holds after all, or None. Releases the
        socket."""
        raise NotImplementedError

    def _look_again_at(self, probe: PendingProbe, now: float) -> float | None:
        """At the deadline: when to look again instead of calling it unanswered now
        (None: now)."""
        return None

    def _release(self, sock: socket.socket) -> None:
        sock.close()

    def expire(self, now: float) -> None:
        """Time out every pending probe whose deadline has passed (after a last look)."""
        for probe in self._deadlines.pop_due(now):
            later = self._look_again_at(probe, now)
            if later is not None:
                probe.deadline = later
                self._deadlines.push(later, probe)
                continue
            self._forget(probe)
            outcome = self._last_look(probe)
            if outcome is None:
                self._timed_out(probe.host, probe.port, probe.attempt, probe.started, probe.tag)
            else:
                rtt = now - probe.started
                self._answered(probe.host, probe.port, probe.attempt, outcome, rtt, probe.tag)

    def close(self) -> None:
        """Drop every pending probe (no callback) and release its socket."""
        for probe in list(self._pending.values()):
            self._forget(probe)
            self._release(probe.sock)
        self._deadlines.clear()


def is_self_connect(sock: socket.socket, sockaddr: tuple) -> bool:
    """Whether ``sock``'s own address is ``sockaddr``: connected to itself, so whatever it
    hears is its own probe."""
    try:
        local = sock.getsockname()
    except OSError:
        return False
    return local[1] == sockaddr[1] and local[0] == sockaddr[0]
