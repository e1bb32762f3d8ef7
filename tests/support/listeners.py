"""Real TCP listeners on loopback for tests and benchmarks, and the kernel's own view of
which loopback ports are listening (the ground truth a scan must match)."""

from __future__ import annotations

import socket
import time
from contextlib import contextmanager

LOOPBACK_LISTEN_ADDRESSES = {"0100007F", "00000000"}  # 127.0.0.1 and 0.0.0.0 in /proc/net/tcp


@contextmanager
def listeners(count: int = 3, host: str = "127.0.0.1", ports: list[int] | None = None, backlog=128):
    """Open ``count`` listening sockets (on free ports unless ``ports`` is given)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    socks = []
    try:
        for port in ports or [0] * count:
            s = socket.socket(family, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, port))
            s.listen(backlog)
            socks.append(s)
        yield [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """Ports nothing listens on right now (bound then released)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    socks = []
    for _ in range(count):
        s = socket.socket(family, socket.SOCK_STREAM)
        s.bind((host, 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _listening(path: str, addresses: set[str]) -> set[int]:
    ports = set()
    try:
        with open(path) as f:
            next(f)
            for line in f:
                fields = line.split()
                address, port = fields[1].split(":")
                if fields[3] == "0A" and address in addresses:
                    ports.add(int(port, 16))
    except FileNotFoundError:
        pass
    return ports


def listening_ports_ipv4_loopback() -> set[int]:
    """TCP ports in LISTEN state reachable on 127.0.0.1, from /proc/net/tcp and tcp6.

    A listener on :: also takes IPv4 connections unless net.ipv6.bindv6only is set.
    """
    ports = _listening("/proc/net/tcp", LOOPBACK_LISTEN_ADDRESSES)
    try:
        with open("/proc/sys/net/ipv6/bindv6only") as f:
            dual_stack = f.read().strip() == "0"
    except OSError:
        dual_stack = False
    if dual_stack:
        ports |= _listening("/proc/net/tcp6", {"0" * 32})
    return ports


def ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


@contextmanager
def unanswering_port(host: str = "127.0.0.1"):
    """A port whose SYNs go unanswered, without a firewall: a listener with backlog 0 whose
    accept queue is filled by connects nobody accepts, so the kernel drops new SYNs."""
    with full_listener(host) as listener:
        yield listener.getsockname()[1]


@contextmanager
def full_listener(host: str = "127.0.0.1"):
    """The listening socket of :func:`unanswering_port`: accepting from it makes room, and
    the kernel answers the next SYN it retransmits."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    fillers = []
    try:
        listener.bind((host, 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        for _ in range(4):
            c = socket.socket(family, socket.SOCK_STREAM)
            c.setblocking(False)
            c.connect_ex((host, port))
            fillers.append(c)
        time.sleep(0.05)
        yield listener
    finally:
        for c in fillers:
            c.close()
        listener.close()


@contextmanager
def listening_on(address: str):
    """One TCP listener on ``address`` ("0.0.0.0", "127.0.0.1"), on a free port: its port."""
    with listeners(1, host=address) as (port,):
        yield port
