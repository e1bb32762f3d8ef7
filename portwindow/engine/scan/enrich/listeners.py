"""Who is behind a door of this machine: the process listening on it, what runs it, and
which networks can reach it.

When a scan's target is this machine (loopback, or one of its own addresses), each open
door can be matched to the socket listening on it (psutil's view of the kernel's
tables): the process's name, pid, user and command line, its systemd unit or container
(from its cgroup), and the address it listens on, which says who can knock: every
network this machine is on (``0.0.0.0``, ``::``), this machine only (loopback), or the
networks that reach one address. A socket whose owner this user may not see (another
user's, without root) says so; nothing is guessed.
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass

from portwindow.engine.core.model import Protocol
from portwindow.engine.core.text import printable

try:
    import psutil
except ImportError:  # psutil is a dependency; a trimmed install still scans
    psutil = None  # type: ignore[assignment]

NOT_VISIBLE = "not visible to this user (another user's process: run as root to see it)"
_WILDCARDS = frozenset({"0.0.0.0", "::"})
_UNIT = re.compile(r"([^/]+\.(?:service|scope))$")
_CONTAINER = re.compile(r"(?:docker|libpod|cri-containerd|crio)[-/]([0-9a-f]{12,64})")
_MAX_COMMAND = 300


@dataclass(frozen=True, slots=True)
class Listener:
    """One listening socket and its owner (``pid`` None: not visible to this user)."""

    protocol: Protocol
    port: int
    listen_address: str
    pid: int | None = None
    process: str | None = None
    user: str | None = None
    command: str | None = None
    unit: str | None = None
    container: str | None = None

    @property
    def reach(self) -> str:
        """Who can reach this door, in plain words."""
        if self.listen_address in _WILDCARDS:
            return (
                f"listens on {self.listen_address}: reachable from every network this machine is on"
            )
        with contextlib.suppress(ValueError):
            if ipaddress.ip_address(self.listen_address).is_loopback:
                return f"listens on {self.listen_address} only: reachable from this machine only"
        return (
            f"listens on {self.listen_address} only: reachable from the networks "
            "that reach that address"
        )

    @property
    def owner(self) -> str:
        """The process in one line: "sshd (pid 812, root)", or why it is not known."""
        if self.pid is None:
            return NOT_VISIBLE
        who = f"pid {self.pid}" + (f", {self.user}" if self.user else "")
        where = f" in {self.unit}" if self.unit else ""
        where += f" (container {self.container[:12]})" if self.container else ""
        return f"{self.process or '?'} ({who}){where}"

    def lines(self) -> list[str]:
        """Who, run how, reachable from where: what the window says of this socket
        (control characters shown as escapes: a process names itself)."""
        lines = [printable(self.owner)]
        if self.command and self.pid is not None:
            lines.append(printable(self.command))
        lines.append(self.reach[:1].upper() + self.reach[1:] + ".")
        return lines


def this_machines_addresses() -> frozenset[str]:
    """Every address of this machine's interfaces (loopback included)."""
    found = {"127.0.0.1", "::1"}
    if psutil is not None:
        with contextlib.suppress(OSError, RuntimeError):
            for addresses in psutil.net_if_addrs().values():
                for entry in addresses:
                    found.add(entry.address.split("%", 1)[0])
    return frozenset(found)


def is_this_machine(address: str, own: Iterable[str] | None = None) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.is_loopback or str(ip) in (own if own is not None else this_machines_addresses())


def _cgroup_of(pid: int) -> tuple[str | None, str | None]:
    """The systemd unit and container id of ``pid``, read from /proc/PID/cgroup."""
    try:
        with open(f"/proc/{pid}/cgroup", encoding="utf-8", errors="replace") as f:
            return unit_and_container(f.read(64 * 1024).splitlines())
    except OSError:
        return None, None


def unit_and_container(lines: Iterable[str]) -> tuple[str | None, str | None]:
    """The systemd unit and container id in the lines of a /proc/PID/cgroup file."""
    unit = container = None
    for line in lines:
        path = line.split(":", 2)[-1]
        found = _CONTAINER.search(path)
        if found:
            container = found.group(1)
        for part in reversed(path.split("/")):
            named = _UNIT.search(part)
            if named and not _CONTAINER.search(part):
                unit = unit or named.group(1)
                break
    return unit, container


def _describe(protocol: Protocol, port: int, address: str, pid: int | None) -> Listener:
    if pid is None or psutil is None:
        return Listener(protocol, port, address)
    process = user = command = None
    try:
        proc = psutil.Process(pid)
        with proc.oneshot():
            process = proc.name()
            with contextlib.suppress(psutil.Error):
                user = proc.username()
            with contextlib.suppress(psutil.Error):
                command = " ".join(proc.cmdline())[:_MAX_COMMAND] or None
    except psutil.Error:
        return Listener(protocol, port, address, pid)
    unit, container = _cgroup_of(pid)
    return Listener(protocol, port, address, pid, process, user, command, unit, container)


class ListenerTable:
    """A snapshot of this machine's listening sockets, by (protocol, port)."""

    def __init__(self, listeners: Iterable[Listener]) -> None:
        self._by_door: dict[tuple[Protocol, int], list[Listener]] = {}
        for listener in listeners:
            self._by_door.setdefault((listener.protocol, listener.port), []).append(listener)

    @classmethod
    def snapshot(cls) -> ListenerTable:
        """Read the kernel's tables now (empty where psutil cannot)."""
        if psutil is None:
            return cls(())
        try:
            sockets = psutil.net_connections(kind="inet")
        except (psutil.Error, OSError, RuntimeError):
            return cls(())
        found = []
        for conn in sockets:
            if not conn.laddr:
                continue
            if conn.type == 1 and conn.status == psutil.CONN_LISTEN:  # SOCK_STREAM
                protocol = Protocol.TCP
            elif conn.type == 2 and not conn.raddr:  # SOCK_DGRAM, bound, not connected
                protocol = Protocol.UDP
            else:
                continue
            address = conn.laddr.ip.split("%", 1)[0]
            found.append(_describe(protocol, conn.laddr.port, address, conn.pid))
        return cls(found)

    def behind(self, address: str, protocol: Protocol, port: int) -> Listener | None:
        """The socket a knock on ``address``, ``port`` reaches: one bound to that very
        address first, then a wildcard of its family (``::`` takes IPv4 too)."""
        candidates = self._by_door.get((protocol, port), ())
        exact = [c for c in candidates if c.listen_address == address]
        if exact:
            return exact[0]
        version = 6 if ":" in address else 4
        for wildcard in ("::", "0.0.0.0") if version == 6 else ("0.0.0.0", "::"):
            for candidate in candidates:
                if candidate.listen_address == wildcard:
                    return candidate
        return None
