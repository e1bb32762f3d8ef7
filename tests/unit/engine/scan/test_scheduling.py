"""The scheduler on a fake network in virtual time (tests/support/fake_prober.py): what it
sends, when, and how many at once, exactly and the same on every run. Retries, the
window, per-host caps, host groups, the rate limit, pause, cancel, self-connects,
resource errors and the state machine, with no socket."""

import asyncio
import itertools
from collections import Counter

import pytest

from portwindow.engine.core.model import HostError, PortState, Protocol, Reason
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.config import HOST_GROUP, ScanConfig
from portwindow.engine.scan.hosts import HostPlan
from portwindow.engine.scan.lanes.base import RETRY_BACKOFF
from portwindow.engine.scan.lanes.tcp import SELF_CONNECT_RETRIES
from portwindow.engine.scan.probes.base import RETRY_LATER, SELF_CONNECT
from portwindow.engine.scan.scheduler import Scan
from portwindow.engine.scan.state import ScanState
from portwindow.engine.scan.timing import HostTiming, host_timing
from tests.support.fake_prober import (
    CLOSED_NOW,
    OPEN_NOW,
    SILENT,
    FakeNetwork,
    Reply,
    by_port,
)
from tests.support.virtual_time import VirtualClock, run_virtual

OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)
FILTERED = (PortState.FILTERED, Reason.NO_RESPONSE)


def config(targets="127.0.0.1", ports="1-10", **kw) -> ScanConfig:
    kw.setdefault("concurrency", 100)
    return ScanConfig(parse_targets(targets), parse_ports(ports), **kw)


def network(rule=None, **kw) -> FakeNetwork:
    return FakeNetwork(VirtualClock(), rule or by_port({}, default=CLOSED_NOW), **kw)


def run(net: FakeNetwork, cfg: ScanConfig, at=(), **scan_kw):
    """Scan on ``net``; ``at`` holds (virtual seconds after the start, call(scan)) pairs."""
    scan = Scan(cfg, probers=net.probers(), clock=net.clock, **scan_kw)
    batches = []

    async def main():
        loop = asyncio.get_running_loop()
        for delay, action in at:
            loop.call_later(delay, action, scan)
        return await scan.run(batches.append)

    summary = run_virtual(main(), net.clock)
    results = [r for b in batches for r in b.results]
    return results, batches, summary, scan


def states(results):
    return {(r.address, r.port): (r.state, r.reason) for r in results}


def test_answers_now_later_and_never_give_their_states():
    rule = by_port(
        {1: OPEN_NOW, 2: CLOSED_NOW, 3: Reply(OPEN, after=0.05), 4: SILENT}, default=CLOSED_NOW
    )
    net = network(rule)
    cfg = config(ports="1-4", timeout=0.2, retries=2)
    results, _, summary, _ = run(net, cfg, timing=host_timing(0.2))
    got = {r.port: r for r in results}
    assert {p: (r.state, r.reason) for p, r in got.items()} == {
        1: OPEN,
        2: CLOSED,
        3: OPEN,
        4: FILTERED,
    }
    assert got[3].rtt == pytest.approx(0.05, abs=1e-3)
    assert got[4].rtt is None
    # The silent port: a first try and two retries, each waiting out its timeout (the
    # estimator's 0.1 s floor once the other ports answered), one after the other.
    tries = net.sent(port=4)
    assert [p.attempt for p in tries] == [0, 1, 2]
    assert [b.at - a.at for a, b in itertools.pairwise(tries)] == pytest.approx(
        [0.1, 0.1], abs=1e-3
    )
    assert summary.progress.elapsed == pytest.approx(0.3, abs=2e-3)
    assert (summary.progress.done, summary.progress.total) == (4, 4)
    assert not summary.partial
    assert all(p.closed for p in net.made)


@pytest.mark.parametrize("retries", [0, 1, 5])
def test_a_silent_port_gets_exactly_the_retries_configured(retries):
    net = network(by_port({}, default=SILENT))
    cfg = config(ports="7", timeout=0.5, retries=retries)
    results, _, _, _ = run(net, cfg, timing=host_timing(0.5))
    assert [p.attempt for p in net.sent()] == list(range(retries + 1))
    assert states(results) == {("127.0.0.1", 7): FILTERED}


def test_a_port_that_answers_a_retry_gets_that_answer():
    net = network(by_port({5: [SILENT, SILENT, OPEN_NOW]}, default=CLOSED_NOW))
    cfg = config(ports="5", timeout=0.2, retries=2)
    results, _, summary, _ = run(net, cfg, timing=host_timing(0.2))
    assert states(results) == {("127.0.0.1", 5): OPEN}
    assert len(net.sent(port=5)) == 3
    assert summary.progress.open == 1


def test_the_window_caps_probes_in_flight_and_is_filled():
    net = network(by_port({}, default=SILENT))
    _, _, summary, scan = run(net, config(ports="1-1000", timeout=0.1, retries=0, concurrency=50))
    assert scan.window == 50
    assert net.max_inflight[Protocol.TCP] == 50
    # 1000 probes, 50 at a time, each waiting 0.1 s.
    assert summary.progress.elapsed == pytest.approx(2.0, abs=0.01)
    assert summary.progress.filtered == 1000


def test_per_host_cap_and_every_host_scanned():
    net = network(by_port({}, default=Reply(CLOSED, after=0.01)))
    results, _, summary, _ = run(net, config(targets="127.0.0.1-10", ports="1-20", per_host=2))
    assert summary.progress.done == summary.progress.total == 200
    assert len(states(results)) == 200
    assert max(net.max_host_inflight.values()) == 2


def test_hosts_are_taken_in_groups_with_their_ports_interleaved():
    """70 hosts of 100 ports: the first 64 take turns, 32 ports at a time; the 65th
    starts only once one of them has started its last port."""
    net = network()
    run(net, config(targets="127.0.0.1-70", ports="1-100", concurrency=5000))
    starts = [(p.address, p.port) for p in net.starts]
    assert len(starts) == 7000
    first_round = starts[: HOST_GROUP * 32]
    assert [a for a, _ in first_round[::32]] == [f"127.0.0.{i}" for i in range(1, HOST_GROUP + 1)]
    assert all(port == i % 32 + 1 for i, (_, port) in enumerate(first_round))
    seen, finished, in_group = set(), set(), 0
    started = Counter()
    for address, _port in starts:
        if address not in seen:
            seen.add(address)
            in_group += 1
        started[address] += 1
        assert in_group - len(finished) <= HOST_GROUP
        if started[address] == 100:
            finished.add(address)


@pytest.mark.parametrize("ports", ["T:1-1000", "T:1-500,U:1-500"])
def test_the_rate_limit_holds_every_probe_of_every_lane(ports):
    net = network(lambda probe: CLOSED_NOW)
    _, _, summary, _ = run(net, config(ports=ports, rate=500))
    t0 = net.clock.start
    for i, probe in enumerate(net.starts):
        # the i-th probe (from 0) goes out only once the rate allows i + 1 of them
        assert i < 500 * (probe.at - t0) + 1
    assert summary.progress.done == 1000
    assert summary.progress.elapsed == pytest.approx(1000 / 500, abs=0.01)


def test_pause_sends_nothing_and_its_time_is_left_out():
    marks = {}

    def pause(scan):
        scan.pause()
        marks["paused"] = (scan.progress().done, net.clock.now, len(net.starts))

    def resume(scan):
        marks["while_paused"] = scan.progress().done
        marks["resumed"] = net.clock.now
        scan.resume()

    net = network()
    results, _, summary, scan = run(
        net, config(ports="1-3000", rate=3000), at=[(0.2, pause), (0.6, resume)]
    )
    done, paused_at, sent = marks["paused"]
    assert marks["while_paused"] == done < 3000
    assert all(not paused_at < p.at < marks["resumed"] for p in net.starts)
    assert net.starts[sent].at >= marks["resumed"]
    assert len(results) == 3000
    assert not summary.partial
    # 3000 probes at 3000/s: one second of scanning; the 0.4 s paused are not counted.
    assert summary.progress.elapsed == pytest.approx(1.0, abs=0.01)
    assert net.clock.now - net.clock.start == pytest.approx(1.4, abs=0.01)
    assert not scan.paused


def test_cancel_stops_at_once_keeps_what_was_found_and_closes_the_prober():
    moves = []
    marks = {}

    def cancel(scan):
        marks["at"], marks["sent"] = net.clock.now, len(net.starts)
        scan.cancel()

    net = network()
    scan = Scan(config(ports="1-5000", rate=5000), probers=net.probers(), clock=net.clock)
    scan.observe_state(lambda old, new: moves.append((old, new)))
    batches = []

    async def main():
        asyncio.get_running_loop().call_later(0.3, cancel, scan)
        return await scan.run(batches.append)

    summary = run_virtual(main(), net.clock)
    assert len(net.starts) == marks["sent"]
    assert net.clock.now - marks["at"] < 1e-3
    results = [r for b in batches for r in b.results]
    assert summary.partial
    assert 0 < len(results) == summary.progress.done < 5000
    assert scan.state is ScanState.FINISHED
    assert moves == [
        (ScanState.IDLE, ScanState.STARTING),
        (ScanState.STARTING, ScanState.SCANNING),
        (ScanState.SCANNING, ScanState.STOPPING),
        (ScanState.STOPPING, ScanState.FINISHED),
    ]
    (prober,) = net.made
    assert prober.closed


def test_cancel_with_probes_in_flight_drops_them():
    net = network(by_port({}, default=SILENT))
    results, _, summary, _ = run(
        net, config(targets="127.0.0.1-40", ports="9", timeout=5), at=[(0.2, Scan.cancel)]
    )
    (prober,) = net.made
    assert prober.closed
    assert prober.pending_at_close == 40
    assert results == []
    assert summary.partial
    assert net.clock.now - net.clock.start == pytest.approx(0.2, abs=1e-3)


def test_a_scan_that_ends_moves_through_the_states_in_order():
    moves = []
    net = network()
    scan = Scan(config(), probers=net.probers(), clock=net.clock)
    scan.observe_state(lambda old, new: moves.append(new))
    assert scan.state is ScanState.IDLE
    run_virtual(scan.run(), net.clock)
    assert moves == [ScanState.STARTING, ScanState.SCANNING, ScanState.FINISHED]


def test_self_connects_are_retried_with_new_sockets_then_read_closed():
    """A connect that lands on itself is no answer: the port tries again, without using
    up a retry; a port that does it every time has nothing listening (the kernel only
    picks a port nothing listens on)."""
    rule = by_port(
        {7: [Reply(SELF_CONNECT)], 8: [Reply(SELF_CONNECT, after=0.01)]}, default=CLOSED_NOW
    )
    answers = iter([Reply(SELF_CONNECT)] * 3 + [OPEN_NOW])
    net = network(lambda p: next(answers) if p.port == 9 else rule(p))
    results, _, _, _ = run(net, config(ports="7-9", retries=2))
    assert states(results) == {
        ("127.0.0.1", 7): CLOSED,
        ("127.0.0.1", 8): CLOSED,
        ("127.0.0.1", 9): OPEN,
    }
    for port in (7, 8):
        tries = net.sent(port=port)
        assert len(tries) == SELF_CONNECT_RETRIES + 1
        assert {p.attempt for p in tries} == {0}
    assert [p.attempt for p in net.sent(port=9)] == [0, 0, 0, 0]


def test_resource_errors_shrink_the_window_and_never_become_a_state():
    """This machine has descriptors for 30 probes at a time (RETRY_LATER beyond): the scan
    keeps no more in flight than it has, asks again only once one is freed, and every
    port still gets its true state."""
    net = network()
    refused = set()

    def reply(probe):
        if net.inflight(probe.protocol) >= 30:
            refused.add(id(probe))
            return Reply(RETRY_LATER)
        return Reply(CLOSED, after=0.05)

    net.reply = reply
    results, _, summary, _ = run(net, config(ports="1-200", concurrency=100))
    assert states(results) == {("127.0.0.1", p): CLOSED for p in range(1, 201)}
    assert summary.progress.done == 200
    assert net.max_inflight[Protocol.TCP] == 30
    assert refused
    freed = [p.at + 0.05 for p in net.starts if id(p) not in refused]
    for i, probe in enumerate(net.starts):
        if id(probe) in refused and i + 1 < len(net.starts):
            # nothing starts again before a probe in flight has finished
            assert net.starts[i + 1].at >= min(t for t in freed if t > probe.at) - 1e-9


def test_with_no_descriptors_at_all_retries_wait_out_the_backoff():
    """No descriptor for the first 0.1 s: the refused probe tries again every
    RETRY_BACKOFF, not at once, and never counts as a try; then the scan finishes."""
    net = network()
    t0 = net.clock.start
    net.reply = lambda probe: Reply(RETRY_LATER) if probe.at < t0 + 0.1 else CLOSED_NOW
    results, _, _, _ = run(net, config(ports="1-50"))
    assert states(results) == {("127.0.0.1", p): CLOSED for p in range(1, 51)}
    early = [p for p in net.starts if p.at < t0 + 0.1]
    assert 5 <= len(early) <= 0.1 / RETRY_BACKOFF + 1
    assert all(b.at - a.at >= RETRY_BACKOFF - 1e-9 for a, b in itertools.pairwise(early))
    assert {p.attempt for p in net.starts} == {0}


def test_every_batch_is_on_time_and_progress_only_grows():
    net = network()
    _, batches, summary, _ = run(net, config(ports="1-2000", rate=4000, batch_interval=0.05))
    dones = [b.progress.done for b in batches]
    assert dones == sorted(dones)
    assert sum(len(b.results) for b in batches) == 2000
    times = [b.progress.elapsed for b in batches[:-1]]
    assert [b - a for a, b in itertools.pairwise(times)] == pytest.approx(
        [0.05] * (len(times) - 1), abs=3e-3
    )
    assert batches[-1].progress.done == batches[-1].progress.total == 2000
    assert summary.progress.eta == 0


def test_the_eta_of_a_tcp_scan_is_what_is_left_at_the_rate_so_far():
    net = network()
    _, batches, _, _ = run(net, config(ports="1-2000", rate=1000))
    middle = [b.progress for b in batches if 0.2 < b.progress.fraction < 0.8]
    assert len(middle) >= 10
    for p in middle:
        assert p.eta == pytest.approx((p.total - p.done) / p.rate)
        assert p.eta == pytest.approx(2.0 - p.elapsed, abs=0.01)


def test_hosts_come_from_the_source_the_scan_is_given():
    """Where hosts come from is a parameter (discovery will stand there): a source that
    says two of four hosts are up gets only those two scanned, and its errors reported."""

    async def only_some(targets):
        up = [h for h in targets.iter_hosts() if h.address.packed[-1] % 2]
        return HostPlan(
            count=len(up), errors=(HostError("down.example", "no answer"),), hosts=lambda: iter(up)
        )

    net = network()
    results, _, summary, _ = run(net, config(targets="127.0.0.1-4", ports="1-3"), hosts=only_some)
    assert {r.address for r in results} == {"127.0.0.1", "127.0.0.3"}
    assert summary.progress.total == 6
    assert [e.host for e in summary.host_errors] == ["down.example"]


def test_retries_go_when_the_hosts_timing_says():
    """The timing seam (timing.py): a host whose timing puts each retry 1 s after the
    silent try, not at once, gets its retries then, and the rest of the scan goes on."""

    class Patient(HostTiming):
        __slots__ = ()

        def retry_at(self, sent_at, now):
            return sent_at + 1.0

    net = network(by_port({3: SILENT}, default=CLOSED_NOW))
    results, _, _, _ = run(
        net, config(ports="1-5", timeout=0.2, retries=2), timing=lambda _a, _p: Patient(0.2)
    )
    tries = net.sent(port=3)
    assert [b.at - a.at for a, b in itertools.pairwise(tries)] == pytest.approx(
        [1.0, 1.0], abs=2e-3
    )
    assert states(results)[("127.0.0.1", 3)] == FILTERED
    assert len(results) == 5
