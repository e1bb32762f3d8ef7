"""What the epoll prober does that ``tcp_connect.py`` does not (its shared contract is
tested in ``test_tcp_connect.py``): on a host that never answers inside ``connect()``,
every verdict comes through its epoll, refused sockets are reused still registered,
and an ICMP port unreachable still reads filtered, from the deadline's last look; on
loopback, where it answers inside, the second look finds the answers at once."""

import asyncio
import socket
import time

import pytest

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes import tcp_epoll
from portwindow.engine.scan.probes.base import PENDING
from tests.support.listeners import listeners
from tests.support.probing import RecordingEvents, Target
from tests.unit.engine.scan.probes.test_tcp_connect import fd_count, rejected

pytestmark = pytest.mark.skipif(not tcp_epoll.AVAILABLE, reason="no epoll here")

OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)
PORT_UNREACH = (PortState.FILTERED, Reason.PORT_UNREACH)
ADMIN = (PortState.FILTERED, Reason.ADMIN_PROHIBITED)


def closed_below_ephemeral(count: int) -> list[int]:
    """Ports under the ephemeral range this test bound and closed: with hundreds of
    connects pending at once, a closed port in that range may be another probe's own
    local port (two probes connected to each other read open)."""
    found = []
    for port in range(20000, 32768):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        found.append(port)
        if len(found) == count:
            return found
    raise RuntimeError("no free ports under the ephemeral range")


async def probe_rounds(rounds, timeout=0.3):
    """Start every port of each round, then let the loop answer and expire them (at most
    ``timeout`` + 3 s a round); {port: outcome or "timeout"} of every round, in order."""
    events = RecordingEvents()
    prober = tcp_epoll.EpollTcpProber(asyncio.get_running_loop(), events)
    got, sockets = [], []
    try:
        for ports in rounds:
            events.outcomes.clear()
            pending = []
            for port in ports:
                outcome, _rtt = prober.start(Target(), port, 0, timeout)
                if outcome is PENDING:
                    pending.append(port)
                else:
                    events.outcomes[port] = outcome
            sockets.append(len([s for s in prober._sock if s is not None]))
            give_up = time.perf_counter() + timeout + 3
            while prober.pending_count and time.perf_counter() < give_up:
                await asyncio.sleep(0.002)
                prober.expire(time.perf_counter())
            assert prober.pending_count == 0
            got.append((dict(events.outcomes), pending))
    finally:
        prober.close()
    return got, sockets


def test_a_host_slow_to_answer_gets_every_verdict_through_the_epoll(run_loop, monkeypatch):
    """No second look (as for a host across a LAN): every connect is pending, its reset
    or accept read when the epoll says; the second round's 300 refused ports reuse the
    first round's sockets, registered once."""
    monkeypatch.setattr(tcp_epoll, "QUICK", 0)
    monkeypatch.setattr(tcp_epoll, "SAMPLE", 1 << 30)
    closed = closed_below_ephemeral(600)
    before = fd_count()
    with listeners(3) as opened:
        rounds = [[*opened, *closed[:300]], closed[300:]]
        (first, pending1), (second, pending2) = run_loop(probe_rounds(rounds))[0]
    assert pending1 == rounds[0]  # nothing answered inside start
    assert pending2 == rounds[1]
    assert first == {**dict.fromkeys(opened, OPEN), **dict.fromkeys(closed[:300], CLOSED)}
    assert second == dict.fromkeys(closed[300:], CLOSED)
    assert fd_count() <= before


def test_pooled_sockets_are_reused_across_rounds(run_loop, monkeypatch):
    monkeypatch.setattr(tcp_epoll, "QUICK", 0)
    monkeypatch.setattr(tcp_epoll, "SAMPLE", 1 << 30)
    closed = closed_below_ephemeral(200)
    _got, sockets = run_loop(probe_rounds([closed[:100], closed[100:]]))
    assert sockets == [100, 100]  # the second round made no socket


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("icmp-port-unreachable", PORT_UNREACH), ("icmp-admin-prohibited", ADMIN)],
)
def test_an_icmp_refusal_reads_filtered_without_the_second_look(
    run_loop, monkeypatch, answer, expected
):
    """On loopback an ICMP error comes while connect() holds the socket (a soft error):
    without the second look it waits for the deadline, whose last look reads it. Among
    many resets in the same batches, which the ICMP counter proves resets."""
    monkeypatch.setattr(tcp_epoll, "QUICK", 0)
    monkeypatch.setattr(tcp_epoll, "SAMPLE", 1 << 30)
    rejected_port, *closed = closed_below_ephemeral(41)
    with rejected(rejected_port, answer):
        ((got, _pending),), _ = run_loop(
            probe_rounds([[*closed[:20], rejected_port, *closed[20:]]])
        )
    assert got == {**dict.fromkeys(closed, CLOSED), rejected_port: expected}


def test_loopback_answers_inside_start_after_the_second_look(run_loop):
    closed = closed_below_ephemeral(50)
    with listeners(2) as opened:
        ((got, pending),), _ = run_loop(probe_rounds([[*opened, *closed]]))
    assert got == {**dict.fromkeys(opened, OPEN), **dict.fromkeys(closed, CLOSED)}
    assert (
        len(pending) < 10
    )  # nearly every answer came inside start (a loaded machine may delay a few)


def held(prober) -> int:
    """How many things the prober's lists and dicts hold."""
    return sum(len(v) for v in vars(prober).values() if isinstance(v, (dict, list)))


def test_the_prober_keeps_nothing_per_host_it_has_done_with(run_loop):
    """A wide scan meets millions of hosts, one after the other: what the prober learns of
    a host (whether to look twice) goes with the host, so the prober holds as much after
    3,000 hosts as after 300 (it held a dict entry an address, 150 B each, before)."""
    (port,) = closed_below_ephemeral(1)

    async def probe_hosts(count, prober, events):
        for n in range(count):
            target = Target(f"127.1.{n // 250}.{n % 250 + 1}")
            outcome, _rtt = prober.start(target, port, 0, 1.0)
            give_up = time.perf_counter() + 3
            while outcome is PENDING and prober.pending_count and time.perf_counter() < give_up:
                await asyncio.sleep(0.001)
                prober.expire(time.perf_counter())
            assert prober.pending_count == 0

    async def body():
        events = RecordingEvents()
        prober = tcp_epoll.EpollTcpProber(asyncio.get_running_loop(), events)
        try:
            await probe_hosts(300, prober, events)
            after_300 = held(prober)
            await probe_hosts(3000, prober, events)
            return after_300, held(prober)
        finally:
            prober.close()

    after_300, after_3300 = run_loop(body())
    assert after_3300 == after_300
