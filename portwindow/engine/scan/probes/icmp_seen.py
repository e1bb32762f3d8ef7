"""Whether any ICMP message reached this network namespace between two looks: the
kernel's own counters (``/proc/self/net/snmp``'s ``Icmp: InMsgs``, ``snmp6``'s
``Icmp6InMsgs``: one family's each), read by the TCP connect prober on Linux (``tcp_epoll.py``).

A refused connect is a reset or an ICMP port unreachable, and only the socket's error
queue tells them apart (``icmp.py``), at a system call per closed port. The kernel
counts every ICMP message it receives before it hands the error to a socket, so when
the counters did not move between a probe's start and the look after its verdict, no
ICMP can have refused it: a reset. :class:`IcmpSeen` numbers its looks; a probe keeps
the number of the last look before it started (:attr:`IcmpSeen.looks`), and
:meth:`IcmpSeen.may_have` says whether an ICMP message came in since. Where the
counter cannot be read, every probe may have been refused by one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket

# Where each family's count is: its file, and the key its line starts with (snmp's
# first "Icmp:" line names the fields, the second holds them, InMsgs first). An ICMPv6
# message cannot refuse an IPv4 connect, nor ICMP an IPv6 one.
_COUNTERS = {
    socket.AF_INET: ("/proc/self/net/snmp", b"\nIcmp: ", 2),
    socket.AF_INET6: ("/proc/self/net/snmp6", b"\nIcmp6InMsgs", 1),
}


class IcmpSeen:
    """Looks at one family's ICMP counter and remembers the last look at which it moved."""

    __slots__ = ("_fd", "_key", "_last", "_nth", "_path", "looks", "moved_before")

    def __init__(self, family: int) -> None:
        self._path, self._key, self._nth = _COUNTERS[family]
        self._fd = -1
        self._last: int | None = None
        #: How many looks so far (a probe keeps this when it starts).
        self.looks = 0
        #: A probe started after look ``moved_before`` saw no ICMP come in since.
        self.moved_before = -1
        self.look()

    def _read(self) -> int | None:
        if self._fd < 0:
            if self._path is None:
                return None  # not Linux, or closed: no proof either way
            try:
                self._fd = os.open(self._path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError as exc:
                if exc.errno not in (errno.EMFILE, errno.ENFILE):
                    self._path = None  # no such counter here; out of descriptors: later
                return None
        try:
            data = os.pread(self._fd, 65536, 0)
        except OSError:
            return None
        at = -1
        for _ in range(self._nth):
            at = data.find(self._key, at + 1)
        if at < 0:
            return None
        try:
            return int(data[at + 1 : data.find(b"\n", at + 1)].split()[1])
        except (ValueError, IndexError):
            return None

    def look(self) -> None:
        """Read the counter now (after reading a batch's verdicts, before judging them)."""
        now = self._read()
        self.looks += 1
        if now is None or now != self._last:
            # Something came in since the look before: it may be any earlier probe's.
            self.moved_before = self.looks - 1
        self._last = now

    def may_have(self, started_after: int) -> bool:
        """Whether an ICMP message came in since look ``started_after`` (a probe's)."""
        return started_after <= self.moved_before

    def close(self) -> None:
        self._path = None
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1
