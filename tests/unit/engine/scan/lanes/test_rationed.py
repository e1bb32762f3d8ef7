"""The TCP lane against a host that rations its answers (tests/support/fake_prober.py's
``Ration``, on a virtual clock): exact, at about the ration's pace; and the paced
queue itself (``lanes/rationed.py``): its pace, random order, canaries and parking."""

from collections import Counter

import pytest

from portwindow.engine.core.model import PortState, Protocol, Reason
from portwindow.engine.scan.lanes.rationed import BATCH, CANARY, Batch, PacedRetries
from portwindow.engine.scan.timing import AdaptiveTiming
from tests.support.fake_prober import (
    OPEN_NOW,
    SILENT,
    FakeNetwork,
    Ration,
    Reply,
    by_port,
)
from tests.support.virtual_time import VirtualClock
from tests.unit.engine.scan.test_scheduling import config, run, states

OPEN = (PortState.OPEN, Reason.SYN_ACK)
CLOSED = (PortState.CLOSED, Reason.CONN_REFUSED)
FILTERED = (PortState.FILTERED, Reason.NO_RESPONSE)
REJECTED = (PortState.FILTERED, Reason.PORT_UNREACH)
LAN = 0.0005  # seconds: a LAN's round trip


def rationing_host(rate=200.0, burst=50.0):
    """Ports 1-2000: 5 open, 300 dropped (601-900), 200 rejected with ICMP (901-1100),
    the rest closed; every reset and ICMP error through one ration."""
    clock = VirtualClock()
    replies = {p: Reply(OPEN, after=LAN) for p in (7, 80, 1500, 1999, 2000)}
    replies |= dict.fromkeys(range(601, 901), SILENT)
    replies |= {p: Reply(REJECTED, after=LAN) for p in range(901, 1101)}
    ration = Ration(clock, by_port(replies, default=Reply(CLOSED, after=LAN)), rate, burst)
    truth = {p: CLOSED for p in range(1, 2001)}
    truth |= {p: OPEN for p in (7, 80, 1500, 1999, 2000)}
    truth |= dict.fromkeys(range(601, 901), FILTERED)
    truth |= dict.fromkeys(range(901, 1101), REJECTED)
    return FakeNetwork(clock, ration), ration, truth


def test_a_host_rationing_its_answers_reads_exact_at_about_its_pace():
    net, ration, truth = rationing_host()
    results, _, summary, scan = run(net, config(ports="1-2000", concurrency=512, seed=3))
    assert {port: verdict for (_a, port), verdict in states(results).items()} == truth
    assert len(results) == 2000
    lane = scan.lane(Protocol.TCP)
    (paced,) = lane.paced.values()
    assert paced.timing.rationed
    # 1,695 answers had to pass 200 a second (after a burst of 50): the ration sets the
    # time, and the scan took not much more (virtual time: the same on every run).
    floor = (ration.answered - 50) / 200
    assert ration.answered >= 1695
    assert floor <= summary.progress.elapsed <= 1.4 * floor
    # Every dropped port's last try went out at the pace, after the first tries.
    last_try = {}
    for probe in net.sent():
        last_try[probe.port] = probe.at
    assert all(last_try[p] >= paced.swept_at for p in range(601, 901))


def test_the_same_host_without_a_ration_gets_no_pace():
    net, ration, truth = rationing_host(rate=1e9, burst=1e9)
    results, _, summary, scan = run(net, config(ports="1-2000", concurrency=512))
    assert {port: verdict for (_a, port), verdict in states(results).items()} == truth
    assert not scan.lane(Protocol.TCP).paced
    assert ration.withheld == 0
    # The dropped ports' two tries, one timeout (the 0.1 s floor) each.
    assert summary.progress.elapsed == pytest.approx(0.2, abs=0.01)


def test_a_drop_firewall_costs_two_tries_a_port_until_a_port_answers_a_retry():
    """nmap's rule: no port answered a retry, so no answer is being lost, and a silent
    port's second try is its last; the retries configured are for paths that lose."""
    net = FakeNetwork(VirtualClock(), by_port({22: OPEN_NOW}, default=SILENT))
    results, _, _, _ = run(net, config(ports="1-100", timeout=0.2, retries=4))
    tries = Counter(p.port for p in net.sent())
    assert set(tries.values()) == {1, 2}
    assert tries[22] == 1
    assert states(results)[("127.0.0.1", 50)] == FILTERED


def test_once_a_port_answers_a_retry_every_silent_port_gets_every_retry():
    # Port 1 answers its second try: a lost answer. Ports 2-30 are silent; the lane's
    # window of 1 sends them one at a time, after port 1's answer.
    rule = by_port({1: [SILENT, Reply(OPEN, after=0.01)]}, default=SILENT)
    net = FakeNetwork(VirtualClock(), rule)
    results, _, _, _ = run(net, config(ports="1-30", timeout=0.2, retries=3, concurrency=1))
    tries = Counter(p.port for p in net.sent())
    assert tries[1] == 2
    assert all(tries[p] == 4 for p in range(2, 31))
    assert states(results)[("127.0.0.1", 1)] == OPEN


class _Host:
    def __init__(self, timing, next_index=0):
        self.timing = timing
        self.next_index = next_index
        self.address = "198.51.100.7"


def paced_queue(pace=100.0, ports=range(1, 101)):
    timing = AdaptiveTiming(1.0, 64)
    timing.rationed, timing.pace, timing.regime_at = True, pace, 0.0
    timing.first_loss_at = 0.0
    host = _Host(timing, next_index=len(ports))
    queue = PacedRetries(host, len(ports), now=0.0, seed=5)
    queue.knows(4000, icmp=False)
    queue.knows(4001, icmp=True)
    for port in ports:
        queue.add((host, port, 1, 0.5))
    return queue, timing


def drain(queue, start=1.0, seconds=3.0):
    """Release everything, millisecond by millisecond: the probes, and when each went."""
    out, times = [], []
    for step in range(int(seconds * 1000)):
        now = start + step / 1000
        before = len(out)
        queue.release(now, 1000, out)
        times += [now] * (len(out) - before)
        if not queue.queue:
            break
    return out, times


def test_the_queue_waits_for_the_first_tries_then_goes_at_the_pace_in_batches():
    queue, timing = paced_queue()
    queue.host.next_index = 10  # first tries still going
    assert queue.next_at(0.0) is None
    assert queue.release(0.0, 100, []) == 0
    queue.host.next_index = 100
    timing.answers = 90  # 90 answers in the second since the first loss: 81 a second
    queue.sweep(1.0, done=False)
    assert queue.swept_at == 1.0
    assert timing.pace == pytest.approx(81)
    out, times = drain(queue)
    tries = [item for item in out if item[2] != CANARY]
    assert sorted(item[1] for item in tries) == list(range(1, 101))
    assert [item[1] for item in tries] != list(range(1, 101))  # shuffled
    # Batches of BATCH tries, each closed by two canaries of each kind, in one turn,
    # the first once the host's ration had the batch's time to recover.
    first = out[: BATCH + 4]
    assert [item[2] for item in first] == [1] * BATCH + [CANARY] * 4
    assert sorted(item[1] for item in first[-4:]) == [4000, 4000, 4001, 4001]
    assert len({id(item[3]) for item in first}) == 1
    assert isinstance(first[0][3], Batch)
    assert len(set(times[: BATCH + 4])) == 1
    assert times[0] == pytest.approx(1.0 + (BATCH + 4) / 81, abs=0.002)
    # 100 tries and 20 canaries at 81 a second, growing by 5% a second.
    assert 120 / 81 / 1.1 < times[-1] - 1.0 < 120 / 81 + 0.01


def test_a_batch_whose_canaries_answer_proves_its_silent_ports_silent():
    queue, _timing = paced_queue(pace=1e6)
    queue.sweep(0.0, done=True)
    out, _ = drain(queue, start=0.0)
    batch = out[0][3]
    members = [item for item in out if item[3] is batch and item[2] != CANARY]
    canaries = [item for item in out if item[3] is batch and item[2] == CANARY]
    silent = [(item[0], item[1], item[2], 0.7) for item in members[:3]]
    results = [queue.member_done(batch, item, 0.8) for item in silent]
    results += [queue.member_done(batch, None, 0.8) for _ in members[3:]]
    results += [queue.canary_done(batch, True, 0.8) for _ in canaries[1:]]
    assert results == [None] * len(results)
    assert queue.canary_done(batch, True, 0.9) == silent
    assert len(canaries) == 4


def test_a_batch_with_a_silent_canary_sends_its_silent_ports_again():
    queue, timing = paced_queue(pace=1e6, ports=range(1, 17))
    queue.sweep(0.0, done=True)
    out, _ = drain(queue, start=0.0)
    assert not queue.queue
    batch = out[0][3]
    members = [item for item in out if item[2] != CANARY]
    for item in members:
        assert queue.member_done(batch, (item[0], item[1], item[2], 0.1), 0.2) is None
    assert queue.canary_done(batch, False, 0.2) is None
    assert queue.canary_done(batch, True, 0.2) is None
    assert queue.canary_done(batch, True, 0.2) is None
    assert queue.canary_done(batch, True, 0.2) == []  # nothing proven
    assert sorted(item[1] for item in queue.queue) == list(range(1, 17))
    assert all(item[2] == 2 for item in queue.queue)  # one more try each
    assert timing.canary_losses == 1


def test_losses_at_a_pace_slow_it_below_the_slowest_of_the_last_seconds():
    timing = AdaptiveTiming(0.1, 64)
    timing.rationed, timing.pace, timing.measured = True, 100.0, True
    timing._new_regime(0.0)
    for second in range(1, 4):  # three clean seconds: 5% faster each
        assert timing.probe_faster(float(second))
    assert timing.pace == pytest.approx(100 * 1.05**3)
    assert not timing.canary(False, sent_at=3.5, now=3.6)  # one loss: not yet
    assert timing.canary(False, sent_at=3.6, now=3.7)  # the second: slow down
    # Below the slowest pace of the last two seconds (105 at 1.7 s... 110.25 at 2 s).
    assert timing.pace == pytest.approx(0.85 * 105.0)
    assert timing.slowdowns == 1
    assert not timing.probe_faster(10.0)  # the ceiling is found: no more growth
    assert not timing.canary(False, sent_at=3.0, now=3.8)  # sent before: proves nothing


def freebsd_like_host(clock, last=3000):
    """Scenario D of the lab (tests/lab/wan_scenarios.py) on the fake network: a tenth
    of 1-``last`` rejected with ICMP and a fifth dropped, 10 open, the rest closed;
    resets and ICMP errors rationed apart, 200 a second each after a burst of 200."""
    tenth = last // 10
    truth = dict.fromkeys(range(1, last + 1), CLOSED)
    replies = {}
    for port in range(3 * tenth + 1, 5 * tenth + 1):
        truth[port], replies[port] = REJECTED, Reply(REJECTED, after=LAN)
    for port in range(5 * tenth + 1, 7 * tenth + 1):
        truth[port], replies[port] = FILTERED, SILENT
    for port in (*range(10, 60, 10), *range(last - 40, last + 1, 10)):
        truth[port], replies[port] = OPEN, Reply(OPEN, after=LAN)
    inner = by_port(replies, default=Reply(CLOSED, after=LAN))
    resets = Ration(clock, inner, 200, 200, states=frozenset({PortState.CLOSED}))
    icmp = Ration(clock, resets, 200, 200, states=frozenset({PortState.FILTERED}))
    return icmp, resets, truth


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_rations_apart_read_exact_in_any_order(seed):
    """Each batch's canaries prove its silences, for both rations at once, whatever
    order the seed gives the queue; a start costs 20 microseconds, so a batch takes
    long enough for a ration to refill a token while it goes out (two canaries each)."""
    clock = VirtualClock()
    rule, resets, truth = freebsd_like_host(clock)
    net = FakeNetwork(clock, rule, cost=2e-5)
    results, _, summary, _ = run(net, config(ports="1-3000", concurrency=4096, seed=seed))
    assert {port: verdict for (_a, port), verdict in states(results).items()} == truth
    floor = (resets.answered - 200) / 200  # the resets' ration sets the time
    assert floor <= summary.progress.elapsed <= 1.25 * floor
