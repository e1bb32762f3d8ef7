"""The TCP connect probers (``tcp_connect.py``, and ``tcp_epoll.py`` where there is an
epoll) against real sockets on 127.0.0.1 (and ::1) in the test's own namespace: open and
closed at once, refused sockets reused, a pending connect answered or timed out,
self-connects, resource errors, and no descriptor left behind."""

import asyncio
import contextlib
import errno
import os
import resource
import shutil
import socket
import subprocess
import time

import pytest

from portwindow.engine.core.model import PortState, Reason
from portwindow.engine.scan.probes import icmp, tcp_connect, tcp_epoll
from portwindow.engine.scan.probes.base import PENDING, RETRY_LATER, SELF_CONNECT
from portwindow.engine.scan.probes.tcp_connect import TcpConnectProber, classify_errno
from tests.support.listeners import (
    free_ports,
    full_listener,
    ipv6_loopback_available,
    listeners,
    unanswering_port,
)
from tests.support.probing import RecordingEvents, Target

OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


PROBERS = [TcpConnectProber] + ([tcp_epoll.EpollTcpProber] if tcp_epoll.AVAILABLE else [])
SLOT = {TcpConnectProber: 0.0, tcp_epoll.EpollTcpProber: 1 / tcp_epoll.SLOTS}
"""How late each prober may call a deadline (the epoll prober's wheel slot)."""


@pytest.fixture(params=PROBERS, ids=lambda cls: cls.__name__)
def prober_class(request):
    return request.param


async def with_prober(body, prober_class, longest=1.0):
    events = RecordingEvents(timeout=longest)
    prober = prober_class(asyncio.get_running_loop(), events)
    try:
        return await body(prober, events)
    finally:
        prober.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_open_and_closed_ports_answer_inside_start(run_loop, prober_class, host):
    if host == "::1" and not ipv6_loopback_available():
        pytest.skip("this machine has no ::1")
    closed = free_ports(3, host=host)

    async def body(prober, events):
        return [prober.start(Target(host), p, 0, 1.0) for p in open_ports + closed], prober

    with listeners(3, host=host) as open_ports:
        answers, prober = run_loop(with_prober(body, prober_class))
    assert [a for a, _ in answers] == [OPEN] * 3 + [CLOSED] * 3
    assert all(0 <= rtt < 0.5 for _, rtt in answers)
    assert prober.pending_count == 0
    assert prober.next_deadline() is None


def test_a_refused_socket_is_reused_for_the_next_port(run_loop, prober_class):
    """A refused connect leaves its socket unconnected: the next probe takes it again,
    so 300 closed ports cost one socket, not 300."""
    closed = free_ports(300)

    async def body(prober, events):
        before = fd_count()
        outcomes = [prober.start(Target(), p, 0, 1.0)[0] for p in closed]
        pool = prober._pools[socket.AF_INET]
        return outcomes, fd_count() - before, len(pool)

    fds_before = fd_count()
    outcomes, grew, pooled = run_loop(with_prober(body, prober_class))
    assert outcomes == [CLOSED] * 300
    assert grew <= 1
    assert pooled == 1
    assert fd_count() <= fds_before  # close() released the pooled socket


def test_an_open_port_takes_the_pooled_socket_and_leaves_no_time_wait(run_loop, prober_class):
    (closed,) = free_ports(1)

    async def body(prober, events):
        prober.start(Target(), closed, 0, 1.0)
        assert len(prober._pools[socket.AF_INET]) == 1
        outcome, _ = prober.start(Target(), port, 0, 1.0)
        return outcome, len(prober._pools[socket.AF_INET])

    with listeners(1) as (port,):
        outcome, pooled = run_loop(with_prober(body, prober_class))
    assert outcome == OPEN
    assert pooled == 0  # an answered connect is aborted, never pooled


def test_a_connect_the_kernel_does_not_answer_yet_is_watched_until_it_is(run_loop, prober_class):
    """A listener whose accept queue is full drops SYNs; once it accepts, the kernel's
    retransmitted SYN (after about a second) is answered and the probe reads open,
    through the writer callback, with the lane's attempt and tag handed back."""

    async def body(prober, events):
        outcome, _ = prober.start(Target(), port, 2, 10.0, tag="mine")
        assert outcome is PENDING
        assert prober.pending_count == 1
        assert prober.pending_attempts()[0][1] == 2
        listener.setblocking(False)
        accepted = []
        give_up = time.perf_counter() + 5
        while port not in events.outcomes and time.perf_counter() < give_up:
            with contextlib.suppress(BlockingIOError):
                while True:
                    accepted.append(listener.accept()[0])
            await asyncio.sleep(0.02)
        for a in accepted:
            a.close()
        return events, prober.pending_count

    with full_listener() as listener:
        port = listener.getsockname()[1]
        events, pending = run_loop(with_prober(body, prober_class))
    assert events.calls == [("answered", port, 2, OPEN, "mine")]
    assert 0.2 < events.rtts[port] < 5
    assert pending == 0


def test_a_connect_never_answered_times_out_at_its_deadline(run_loop, prober_class):
    async def body(prober, events):
        fds_before = fd_count()
        t0 = time.perf_counter()
        assert prober.start(Target(), port, 1, 0.2, tag=7)[0] is PENDING
        deadline = prober.next_deadline()
        assert t0 + 0.2 <= deadline <= time.perf_counter() + 0.2 + SLOT[prober_class]
        prober.expire(deadline - 0.01)
        assert prober.pending_count == 1
        prober.expire(deadline)
        return events, prober.pending_count, fd_count() - fds_before

    with unanswering_port() as port:
        events, pending, fds_grew = run_loop(with_prober(body, prober_class))
    ((kind, got_port, attempt, sent_at, tag),) = events.calls
    assert (kind, got_port, attempt, tag) == ("timed out", port, 1, 7)
    assert sent_at > 0
    assert pending == 0
    assert fds_grew <= 0  # the timed-out probe's socket is closed


def test_a_deadline_passed_while_the_host_answers_nothing_sent_later_waits_on(
    run_loop, prober_class
):
    """A host that answered most probes, none sent after this one: a stall on the way
    (CI's loaded lab held resets back past 100 ms), not a silence. The probe waits on,
    twice as long each time, until a later probe's answer proves it silent."""

    async def body(prober, events):
        target = Target(next_index=10, answers=9, heard=time.perf_counter())
        assert prober.start(target, port, 0, 0.1)[0] is PENDING
        first = prober.next_deadline()
        prober.expire(first)
        waited = prober.next_deadline()
        calls_while_held = list(events.calls)
        target.heard = time.perf_counter()  # a probe sent after it was answered
        prober.expire(waited)
        return first, waited, calls_while_held, events.calls, prober.pending_count

    with unanswering_port() as port:
        first, waited, held, calls, pending = run_loop(with_prober(body, prober_class))
    assert held == []
    assert [c[:2] for c in calls] == [("timed out", port)]
    assert waited >= first + 0.1  # twice the time it had waited
    assert pending == 0


def test_a_stalled_probe_waits_no_longer_than_the_scans_timeout(run_loop, prober_class):
    async def body(prober, events):
        target = Target(next_index=4, answers=4, heard=time.perf_counter())
        sent = time.perf_counter()
        assert prober.start(target, port, 0, 0.1)[0] is PENDING
        deadlines = []
        while prober.pending_count and len(deadlines) < 10:
            deadlines.append(prober.next_deadline())
            prober.expire(deadlines[-1])
        return sent, deadlines, events.calls

    with unanswering_port() as port:
        sent, deadlines, calls = run_loop(with_prober(body, prober_class, longest=0.5))
    assert [c[:2] for c in calls] == [("timed out", port)]
    # after 0.1 s (its own timeout), 0.2, 0.4, then the scan's 0.5 s
    assert len(deadlines) == 4
    assert deadlines[-1] == pytest.approx(sent + 0.5, abs=0.01)


def test_a_host_that_answers_few_probes_gets_no_wait(run_loop, prober_class):
    """A DROP firewall answers a port in ten: its silences time out at the deadline."""

    async def body(prober, events):
        target = Target(next_index=10, answers=1, heard=time.perf_counter())
        assert prober.start(target, port, 0, 0.1)[0] is PENDING
        prober.expire(prober.next_deadline())
        return events.calls, prober.pending_count

    with unanswering_port() as port:
        calls, pending = run_loop(with_prober(body, prober_class))
    assert [c[:2] for c in calls] == [("timed out", port)]
    assert pending == 0


def test_answers_tell_the_host_when_its_latest_answered_probe_went_out(run_loop, prober_class):
    (closed,) = free_ports(1)

    async def body(prober, events):
        target = Target()
        before = time.perf_counter()
        prober.start(target, closed, 0, 1.0)
        return before, target

    before, target = run_loop(with_prober(body, prober_class))
    assert target.answers == 1
    assert before <= target.heard <= time.perf_counter()


def test_close_aborts_pending_connects_and_releases_every_socket(run_loop, prober_class):
    closed = free_ports(5)

    async def body():
        events = RecordingEvents()
        prober = prober_class(asyncio.get_running_loop(), events)
        for p in closed:
            prober.start(Target(), p, 0, 5.0)
        for _ in range(20):
            assert prober.start(Target(), port, 0, 30.0)[0] is PENDING
        grew = fd_count() - fds_before
        prober.close()
        return grew, prober.pending_count, prober.next_deadline(), events.calls

    with unanswering_port() as port:
        fds_before = fd_count()
        grew, pending, deadline, calls = run_loop(body())
        fds_after = fd_count()
    assert grew >= 20
    assert (pending, deadline, calls) == (0, None, [])
    assert fds_after <= fds_before


def test_a_socket_that_connects_to_itself_reads_self_connect_not_open(
    run_loop, prober_class, monkeypatch
):
    """When the kernel picks the target port as the local one, the connect succeeds
    against itself (TCP simultaneous open): SELF_CONNECT, never a phantom open port."""
    (port,) = free_ports(1)
    real_socket = socket.socket

    def bound_to_target(family, kind, *args):
        sock = real_socket(family, kind, *args)
        sock.bind(("127.0.0.1", port))
        return sock

    async def body(prober, events):
        monkeypatch.setattr(tcp_connect.socket, "socket", bound_to_target)
        try:
            return prober.start(Target(), port, 0, 1.0)[0]
        finally:
            monkeypatch.undo()

    outcome = run_loop(with_prober(body, prober_class))
    if outcome == CLOSED:
        pytest.skip("this kernel refuses self-connects")
    assert outcome is SELF_CONNECT


def test_no_descriptor_means_retry_later_never_a_state(run_loop, prober_class):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    (closed,) = free_ports(1)
    hogs = []

    async def body(prober, events):
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
        try:
            while True:
                try:
                    hogs.append(socket.socket())
                except OSError:
                    break
            first = prober.start(Target(), closed, 0, 1.0)
            hogs.pop().close()
            second = prober.start(Target(), closed, 0, 1.0)
            return first, second
        finally:
            for h in hogs:
                h.close()
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    first, second = run_loop(with_prober(body, prober_class))
    assert first == (RETRY_LATER, 0.0)
    assert second[0] == CLOSED


@pytest.mark.parametrize(
    ("err", "expected"),
    [
        (0, OPEN),
        (errno.EISCONN, OPEN),
        (errno.ECONNREFUSED, CLOSED),
        (errno.EHOSTUNREACH, (PortState.FILTERED, Reason.HOST_UNREACH)),
        (errno.ENETUNREACH, (PortState.FILTERED, Reason.NET_UNREACH)),
        (errno.ETIMEDOUT, (PortState.FILTERED, Reason.NO_RESPONSE)),
        (errno.EACCES, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (errno.EPERM, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (errno.EPROTO, (PortState.FILTERED, Reason.PROTO_UNREACH)),
        (errno.EIO, (PortState.FILTERED, Reason.ERROR)),
        *[
            (e, RETRY_LATER)
            for e in (
                errno.EMFILE,
                errno.ENFILE,
                errno.ENOBUFS,
                errno.EADDRNOTAVAIL,
                errno.EAGAIN,
                errno.ENOMEM,
            )
        ],
    ],
)
def test_connect_errnos_read_as_nmap_reads_them(err, expected):
    assert classify_errno(err) == expected


@contextlib.contextmanager
def rejected(port: int, answer: str, family: int = socket.AF_INET):
    """An iptables REJECT of ``port`` with ``answer`` in the test's own namespace (the
    suite runs in one, tools/in-netns.sh), removed afterwards."""
    tool = "ip6tables" if family == socket.AF_INET6 else "iptables"
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    rule = ["INPUT", "-p", "tcp", "--dport", str(port), "-j", "REJECT", "--reject-with", answer]
    added = subprocess.run([tool, "-I", *rule], capture_output=True, text=True, timeout=30)
    if added.returncode != 0:
        pytest.skip(f"{tool} is not permitted here: {added.stderr.strip()[:200]}")
    try:
        yield
    finally:
        subprocess.run([tool, "-D", *rule], capture_output=True, timeout=30, check=True)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("tcp-reset", CLOSED),
        ("icmp-port-unreachable", (PortState.FILTERED, Reason.PORT_UNREACH)),
        ("icmp-admin-prohibited", (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        ("icmp-host-prohibited", (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        ("icmp-net-prohibited", (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        ("icmp-host-unreachable", (PortState.FILTERED, Reason.HOST_UNREACH)),
        ("icmp-net-unreachable", (PortState.FILTERED, Reason.NET_UNREACH)),
        ("icmp-proto-unreachable", (PortState.FILTERED, Reason.PROTO_UNREACH)),
    ],
)
def test_a_firewalls_reject_reads_as_nmap_syn_scan_reads_it(
    run_loop, prober_class, answer, expected
):
    """A reset is closed; every ICMP unreachable is filtered with its code's reason, port
    unreachable too, though connect() sees ECONNREFUSED for it as for a reset."""
    (port,) = free_ports(1)

    async def body(prober, events):
        outcomes = []
        for _ in range(3):  # the second and third on a pooled socket, if any
            outcome, _rtt = prober.start(Target(), port, 0, 1.0)
            if outcome is PENDING:
                prober.expire(prober.next_deadline())  # the last look reads the soft error
                outcome = events.outcomes[port]
            outcomes.append(outcome)
        return outcomes

    with rejected(port, answer):
        outcomes = run_loop(with_prober(body, prober_class))
    assert outcomes == [expected] * 3


def test_a_reset_after_an_icmp_error_on_a_pooled_socket_reads_closed(run_loop, prober_class):
    """The error queue is emptied as it is read: a socket pooled after an ICMP port
    unreachable reads the next port's reset as closed."""
    first, second = free_ports(2)

    async def body(prober, events):
        got = []
        for port in (first, second, first):
            outcome, _rtt = prober.start(Target(), port, 0, 1.0)
            if outcome is PENDING:
                prober.expire(prober.next_deadline())
                outcome = events.outcomes[port]
            got.append(outcome)
        return got

    with rejected(first, "icmp-port-unreachable"):
        got = run_loop(with_prober(body, prober_class))
    assert got == [(PortState.FILTERED, Reason.PORT_UNREACH), CLOSED, got[0]]


@pytest.mark.parametrize(
    ("origin", "icmp_type", "code", "expected"),
    [
        (icmp.ORIGIN_ICMP, 3, 3, (PortState.FILTERED, Reason.PORT_UNREACH)),
        (icmp.ORIGIN_ICMP, 3, 13, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (icmp.ORIGIN_ICMP, 3, 1, (PortState.FILTERED, Reason.HOST_UNREACH)),
        (icmp.ORIGIN_ICMP, 3, 99, (PortState.FILTERED, Reason.HOST_UNREACH)),
        (icmp.ORIGIN_ICMP6, 1, 4, (PortState.FILTERED, Reason.PORT_UNREACH)),
        (icmp.ORIGIN_ICMP6, 1, 1, (PortState.FILTERED, Reason.ADMIN_PROHIBITED)),
        (icmp.ORIGIN_ICMP, 11, 0, None),  # time exceeded: not an unreachable
        (icmp.ORIGIN_ICMP6, 3, 0, None),
    ],
)
def test_icmp_unreachables_make_a_tcp_port_filtered(origin, icmp_type, code, expected):
    assert icmp.tcp_verdict(origin, icmp_type, code) == expected
