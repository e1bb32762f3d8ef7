"""Real UDP services on loopback for tests and benchmarks: some answer every datagram (an
echo server on a thread), some never answer; and the kernel's own list of bound UDP
ports, the ground truth a UDP scan must match."""

from __future__ import annotations

import selectors
import socket
import threading
from contextlib import contextmanager, suppress

from tests.support.listeners import LOOPBACK_LISTEN_ADDRESSES

_STOP_POLL = 0.05


class EchoServer:
    """Answers every datagram on its sockets with the same bytes (``b"?"`` for an empty
    one), from one thread; remembers what each port received."""

    def __init__(self, socks: list[socket.socket]) -> None:
        self.received: dict[int, list[bytes]] = {s.getsockname()[1]: [] for s in socks}
        self._stop = threading.Event()
        # Made here, not in the thread, so a test counting descriptors sees it from the start.
        self._selector = selectors.DefaultSelector()
        for s in socks:
            s.setblocking(False)
            self._selector.register(s, selectors.EVENT_READ)
        self._thread = threading.Thread(target=self._serve, name="udp-echo", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._selector.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(_STOP_POLL):
                sock = key.fileobj
                for _ in range(64):
                    try:
                        data, peer = sock.recvfrom(65535)
                    except (BlockingIOError, ConnectionRefusedError):
                        break
                    except OSError:
                        return
                    self.received[sock.getsockname()[1]].append(data)
                    with suppress(OSError):
                        sock.sendto(data or b"?", peer)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    try:
        s.bind((host, port))
    except OSError:
        s.close()
        raise
    return s


@contextmanager
def udp_services(
    answering: int | list[int] = 1, silent: int | list[int] = 1, host: str = "127.0.0.1"
):
    """Bind UDP sockets on ``host``: answering ones (echo) and silent ones (bound, never
    read). Counts take free ports; lists name them. Yields ``(answering, silent, server)``
    with the port numbers and the echo server."""
    socks: list[socket.socket] = []
    server = None
    try:
        wanted = {
            "answering": answering if isinstance(answering, list) else [0] * answering,
            "silent": silent if isinstance(silent, list) else [0] * silent,
        }
        bound: dict[str, list[socket.socket]] = {"answering": [], "silent": []}
        for kind, ports in wanted.items():
            for port in ports:
                s = _bind(host, port)
                socks.append(s)
                bound[kind].append(s)
        server = EchoServer(bound["answering"])
        server.start()
        yield (
            [s.getsockname()[1] for s in bound["answering"]],
            [s.getsockname()[1] for s in bound["silent"]],
            server,
        )
    finally:
        if server is not None:
            server.stop()
        for s in socks:
            s.close()


def free_udp_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """UDP ports nothing is bound to right now (bound then released)."""
    socks = [_bind(host, 0) for _ in range(count)]
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def _bound(path: str, addresses: set[str]) -> set[int]:
    """Ports of unconnected UDP sockets bound to one of ``addresses`` (a connected socket
    takes datagrams from its peer only, so it is no service)."""
    ports = set()
    try:
        with open(path) as f:
            next(f)
            for line in f:
                fields = line.split()
                address, port = fields[1].split(":")
                remote_port = int(fields[2].split(":")[1], 16)
                if address in addresses and remote_port == 0:
                    ports.add(int(port, 16))
    except FileNotFoundError:
        pass
    return ports


def bound_udp_ports_ipv4_loopback() -> set[int]:
    """UDP ports that take datagrams sent to 127.0.0.1, from /proc/net/udp (and udp6 for
    dual-stack sockets on ::)."""
    ports = _bound("/proc/net/udp", LOOPBACK_LISTEN_ADDRESSES)
    try:
        with open("/proc/sys/net/ipv6/bindv6only") as f:
            dual_stack = f.read().strip() == "0"
    except OSError:
        dual_stack = False
    if dual_stack:
        ports |= _bound("/proc/net/udp6", {"0" * 32})
    return ports
