"""The UDP prober against real UDP sockets on 127.0.0.1 and ::1: an echo server, a
silent one, closed ports; the ICMP and errno readings; no socket left behind."""

import asyncio
import errno
import os
import resource
import socket
import time

import pytest

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes.base import PENDING, RETRY_LATER
from portwindow.engine.scan.probes.base import is_self_connect as _is_self_connect
from portwindow.engine.scan.probes.udp import UdpProber, classify_icmp, udp_errno_outcome
from portwindow.engine.scan.probes.udp_payloads import payload_for
from tests.support.listeners import ipv6_loopback_available
from tests.support.probing import RecordingEvents, Target
from tests.support.udp_listeners import free_udp_ports, udp_services

OPEN = (PortState.OPEN, Reason.UDP_RESPONSE)
CLOSED = (PortState.CLOSED, Reason.PORT_UNREACH)


async def probe_all(targets, timeout=0.3, host="127.0.0.1"):
    """Probe each port once; return {port: outcome or "timeout"} and {port: rtt}."""
    loop = asyncio.get_running_loop()
    events = RecordingEvents()
    outcomes, rtts = events.outcomes, events.rtts
    driver = UdpProber(loop, events)
    try:
        for port in targets:
            outcome, rtt = driver.start(Target(host), port, 0, timeout)
            if outcome is not PENDING:
                outcomes[port], rtts[port] = outcome, rtt
        give_up = time.perf_counter() + timeout + 2
        while driver.pending_count and time.perf_counter() < give_up:
            await asyncio.sleep(0.005)
            driver.expire(time.perf_counter())
        assert driver.pending_count == 0
    finally:
        driver.close()
    return outcomes, rtts


def test_answer_silence_and_port_unreachable(run_loop):
    closed = free_udp_ports(3)
    with udp_services(answering=2, silent=1) as (answering, silent, server):
        t0 = time.perf_counter()
        outcomes, rtts = run_loop(probe_all(answering + silent + closed, timeout=0.3))
        elapsed = time.perf_counter() - t0
    for port in answering:
        assert outcomes[port] == OPEN
        assert 0 < rtts[port] < 0.3
        assert server.received[port] == [b""]  # one empty datagram, sent once
    assert outcomes[silent[0]] == "timeout"
    for port in closed:
        assert outcomes[port] == CLOSED
        assert rtts[port] < 0.05  # read at send time on loopback
    assert elapsed >= 0.3  # the silent port was given its whole timeout


def test_known_service_ports_get_their_payload(run_loop):
    """What the server receives on a payload port is that port's request, byte for byte."""
    ports = [123, 5353, 11211, 1900, 161]
    try:
        cm = udp_services(answering=ports, silent=0)
        answering, _, server = cm.__enter__()
    except OSError as exc:
        pytest.skip(f"cannot bind the service ports here: {exc}")
    try:
        outcomes, _ = run_loop(probe_all(answering))
    finally:
        cm.__exit__(None, None, None)
    for port in ports:
        assert outcomes[port] == OPEN
        assert server.received[port] == [payload_for(port)]


def test_closed_ports_answer_at_once_without_waiting(run_loop):
    """On loopback the ICMP port unreachable is in before send() returns: every closed
    port's verdict comes back from start() itself, nothing is left pending."""
    closed = free_udp_ports(50)

    async def main():
        driver = UdpProber(asyncio.get_running_loop(), RecordingEvents())
        try:
            return [driver.start(Target(), p, 0, 5)[0] for p in closed], driver.pending_count
        finally:
            driver.close()

    outcomes, pending = run_loop(main())
    assert outcomes == [CLOSED] * 50
    assert pending == 0


@pytest.mark.skipif(not ipv6_loopback_available(), reason="this machine has no ::1")
def test_ipv6_loopback(run_loop):
    closed = free_udp_ports(2, host="::1")
    with udp_services(answering=1, silent=1, host="::1") as (answering, silent, _server):
        outcomes, _ = run_loop(probe_all(answering + silent + closed, host="::1"))
    assert outcomes[answering[0]] == OPEN
    assert outcomes[silent[0]] == "timeout"
    assert all(outcomes[p] == CLOSED for p in closed)


def test_close_with_probes_pending_releases_every_socket(run_loop):
    with udp_services(answering=0, silent=1) as (_, (silent,), _server):
        fds_before = len(os.listdir("/proc/self/fd"))

        async def main():
            driver = UdpProber(asyncio.get_running_loop(), RecordingEvents())
            for _ in range(100):
                outcome, _ = driver.start(Target(), silent, 0, 30)
                assert outcome is PENDING
            assert driver.pending_count == 100
            assert len(os.listdir("/proc/self/fd")) >= fds_before + 100
            driver.close()
            assert driver.pending_count == 0
            assert driver.next_deadline() is None

        run_loop(main())
        assert len(os.listdir("/proc/self/fd")) <= fds_before


def test_no_descriptors_means_retry_later(run_loop):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    (closed,) = free_udp_ports(1)
    hogs = []

    async def main():
        driver = UdpProber(asyncio.get_running_loop(), RecordingEvents())
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        try:
            while True:
                try:
                    hogs.append(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
                except OSError:
                    break
            outcome, _ = driver.start(Target(), closed, 0, 1)
            assert outcome is RETRY_LATER
            hogs.pop().close()
            outcome, _ = driver.start(Target(), closed, 0, 1)
            assert outcome == CLOSED
        finally:
            for h in hogs:
                h.close()
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
            driver.close()

    run_loop(main())


def test_a_socket_connected_to_itself_reads_its_own_datagram():
    """The hazard the prober avoids: a UDP socket whose local port is the target port
    hears its own probe, a phantom answer. _is_self_connect recognises it."""
    (port,) = free_udp_ports(1)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", port))
        s.connect(("127.0.0.1", port))
        s.send(b"me")
        assert s.recv(16) == b"me"
        assert _is_self_connect(s, ("127.0.0.1", port))
    with (
        udp_services(answering=0, silent=1) as (_, (other,), _server),
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as c,
    ):
        c.connect(("127.0.0.1", other))
        assert not _is_self_connect(c, ("127.0.0.1", other))


@pytest.mark.parametrize(
    ("origin", "icmp_type", "code", "expected"),
    [
        (2, 3, 3, CLOSED),
        (2, 3, 0, (PortState.FILTERED, Reason.NET_UNREACH)),
        (2, 3, 1, (PortState.FILTERED, Reason.HOST_UNREACH)),
        (2, 3, 2, (PortState.FILTERED, Reason.PROTO_UNREACH)),
        (2, 3, 9, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (2, 3, 10, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (2, 3, 13, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (3, 1, 4, CLOSED),
        (3, 1, 0, (PortState.FILTERED, Reason.NET_UNREACH)),
        (3, 1, 1, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (3, 1, 3, (PortState.FILTERED, Reason.HOST_UNREACH)),
        (2, 11, 0, None),  # time exceeded: not a verdict on the port
        (1, 0, 0, None),  # a local error, not an ICMP message
    ],
)
def test_icmp_type_and_code_map_to_nmaps_states(origin, icmp_type, code, expected):
    assert classify_icmp(origin, icmp_type, code) == expected


def test_errno_outcomes():
    assert udp_errno_outcome(errno.ECONNREFUSED) == CLOSED
    assert udp_errno_outcome(errno.EHOSTUNREACH) == (PortState.FILTERED, Reason.HOST_UNREACH)
    assert udp_errno_outcome(errno.ENETUNREACH) == (PortState.FILTERED, Reason.NET_UNREACH)
    assert udp_errno_outcome(errno.EPERM) == (PortState.FILTERED, Reason.ADMIN_PROHIBITED)
    assert udp_errno_outcome(errno.EMFILE) is RETRY_LATER
    assert udp_errno_outcome(errno.ENOBUFS) is RETRY_LATER
    assert udp_errno_outcome(errno.EIO) == (PortState.FILTERED, Reason.ERROR)
