"""The lab's small programs that run inside its namespaces (tests/lab/wan.py starts them
with nsenter): the target's servers, and probes for testing the wire itself.

    python -m tests.lab.wan_agents serve                     # spec as JSON on stdin
    python -m tests.lab.wan_agents connect-rtt ADDR PORT N
    python -m tests.lab.wan_agents echo-count ADDR PORT N RATE
    python -m tests.lab.wan_agents blast ADDR PORT SECONDS
    python -m tests.lab.wan_agents udp-sender ADDR FIRST LAST RATE SECONDS

Each prints one JSON line (``serve`` prints "ready" and serves until its stdin ends);
every loop is bounded in count and time.
"""

from __future__ import annotations

import contextlib
import errno
import json
import selectors
import socket
import statistics
import sys
import time

from tests.support.udp_listeners import udp_services

LIFETIME = 3600.0  # the longest the servers live, even if nobody ends them
HOLD = 10.0  # the longest a server keeps a connection nobody closes


def serve() -> None:
    """TCP servers that accept, read and never answer, on each host's open ports, and
    its UDP services (echo and silent); until stdin ends."""
    spec = json.loads(sys.stdin.readline())
    selector = selectors.DefaultSelector()
    sockets: list[socket.socket] = []
    conns: dict[socket.socket, float] = {}
    with contextlib.ExitStack() as stack:
        for host in spec:
            for port in host["tcp"]:
                s = socket.socket()
                sockets.append(s)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind((host["address"], port))
                s.listen(4096)
                s.setblocking(False)
                selector.register(s, selectors.EVENT_READ, "listener")
            if host["udp_answering"] or host["udp_silent"]:
                stack.enter_context(
                    udp_services(host["udp_answering"], host["udp_silent"], host["address"])
                )
        selector.register(sys.stdin, selectors.EVENT_READ, "stdin")
        print("ready", flush=True)
        end = time.monotonic() + LIFETIME
        try:
            while time.monotonic() < end:
                for key, _ in selector.select(1.0):
                    if key.data == "stdin":
                        if not sys.stdin.readline():
                            return
                    elif key.data == "listener":
                        for _ in range(256):
                            try:
                                conn, _peer = key.fileobj.accept()
                            except OSError:
                                break
                            conn.setblocking(False)
                            conns[conn] = time.monotonic()
                            selector.register(conn, selectors.EVENT_READ, "conn")
                    else:
                        try:
                            data = key.fileobj.recv(4096)
                        except OSError:
                            data = b""
                        if not data:
                            selector.unregister(key.fileobj)
                            del conns[key.fileobj]
                            key.fileobj.close()
                now = time.monotonic()
                for conn in [c for c, since in conns.items() if now - since > HOLD]:
                    selector.unregister(conn)
                    del conns[conn]
                    conn.close()
        finally:
            for conn in conns:
                conn.close()
            for s in sockets:
                s.close()
            selector.close()


def connect_rtt(address: str, port: int, count: int) -> dict:
    """Time ``count`` TCP connects to a closed port (SYN out, RST back), one at a time."""
    times = []
    for _ in range(count):
        with socket.socket() as s:
            s.settimeout(5)
            t0 = time.perf_counter()
            code = s.connect_ex((address, port))
            times.append((time.perf_counter() - t0) * 1000)
            if code != errno.ECONNREFUSED:
                return {"error": errno.errorcode.get(code, str(code))}
    return {"ms": times, "min": min(times), "median": statistics.median(times)}


def echo_count(address: str, port: int, count: int, rate: float) -> dict:
    """Send ``count`` numbered datagrams to an echo service at ``rate`` a second and
    count the distinct answers (waiting 2 s after the last)."""
    answered: set[int] = set()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        s.connect((address, port))
        s.setblocking(False)
        start = time.monotonic()
        sent = 0
        last = None
        while time.monotonic() < start + count / rate + 30:
            now = time.monotonic()
            while sent < count and sent <= (now - start) * rate:
                s.send(sent.to_bytes(4, "big"))
                sent += 1
            if sent == count and last is None:
                last = now
            with contextlib.suppress(BlockingIOError, ConnectionRefusedError):
                for _ in range(1000):
                    answered.add(int.from_bytes(s.recv(64)[:4], "big"))
            if last is not None and now - last > 2.0:
                break
            time.sleep(0.001)
    return {"sent": sent, "received": len(answered)}


def blast(address: str, port: int, seconds: float) -> dict:
    """Send small datagrams as fast as this process can for ``seconds``."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect((address, port))
        payload = b"x" * 18
        sent = 0
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for _ in range(1000):
                with contextlib.suppress(OSError):
                    s.send(payload)
                    sent += 1
    return {"sent": sent, "seconds": seconds}


def udp_sender(address: str, first: int, last: int, rate: float, seconds: float) -> dict:
    """Another program on the scanner's host: one empty datagram every 1/``rate`` s to
    the target's ports ``first``..``last`` in turn, for at most ``seconds``."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        start = time.monotonic()
        sent = 0
        while time.monotonic() < start + seconds:
            port = first + sent % (last - first + 1)
            with contextlib.suppress(OSError):
                s.sendto(b"", (address, port))
            sent += 1
            time.sleep(max(0.0, start + sent / rate - time.monotonic()))
    return {"sent": sent}


def main() -> None:
    command, args = sys.argv[1], sys.argv[2:]
    if command == "serve":
        serve()
        return
    if command == "connect-rtt":
        result = connect_rtt(args[0], int(args[1]), int(args[2]))
    elif command == "echo-count":
        result = echo_count(args[0], int(args[1]), int(args[2]), float(args[3]))
    elif command == "blast":
        result = blast(args[0], int(args[1]), float(args[2]))
    elif command == "udp-sender":
        result = udp_sender(args[0], int(args[1]), int(args[2]), float(args[3]), float(args[4]))
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
