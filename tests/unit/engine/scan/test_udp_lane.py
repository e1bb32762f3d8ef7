"""The UDP lane on a fake network in virtual time: its pace, its ETA against the end it
foretells, and what a target that rations its ICMP answers (or a firewall that drops
most ports) does to it; the same on every run, however loaded the machine."""

import asyncio

import pytest

from portwindow.engine.core.model import PortState, Protocol, Reason
from portwindow.engine.scan.lanes.udp import CANARY
from portwindow.engine.scan.probes.udp_pace import burst_for, fallback_pace
from portwindow.engine.scan.scheduler import Scan
from tests.support.fake_prober import (
    SILENT,
    UDP_CLOSED_NOW,
    FakeNetwork,
    Ration,
    Reply,
    by_port,
)
from tests.support.virtual_time import VirtualClock, run_virtual
from tests.unit.engine.scan.test_scheduling import config, run

CLOSED = (PortState.CLOSED, Reason.PORT_UNREACH)
OPEN_FILTERED = (PortState.OPEN_FILTERED, Reason.NO_RESPONSE)
MACHINE_SPEED = 66_000  # probes a second this machine kind sends at most (config.py)


def udp_network(rule, cost=0.0) -> FakeNetwork:
    return FakeNetwork(VirtualClock(), rule, cost=cost)


def test_every_probe_waits_for_the_pace():
    net = udp_network(by_port({}, default=UDP_CLOSED_NOW))
    _, _, summary, scan = run(net, config(ports="U:1-2000", udp_pace=1000))
    t0 = net.clock.start
    for i, probe in enumerate(net.starts):
        # a token bucket that starts with one token and fills at the pace
        assert i + 1 <= 1 + 1000 * (probe.at - t0) + 1e-6
    assert summary.progress.closed == 2000
    assert summary.progress.elapsed == pytest.approx(2.0, abs=0.01)
    assert scan.udp_pace == 1000


@pytest.mark.parametrize("pace", [20_000, 1e6])
def test_eta_foretells_the_end(pace):
    """Midway, the ETA is close to the time the scan really still takes, for a pace the
    prober keeps and for one far above what any machine sends (then the ETA counts on
    what this machine sends). The slack is one silent port's timeouts, which no
    estimate can see coming. (Deterministic: the machine's speed is the fake's, one
    probe per 1/66,000 s of virtual time, so another process taking the CPU cannot
    make the scan slow down midway.)"""
    silent = 40_000
    net = udp_network(by_port({silent: SILENT}, default=UDP_CLOSED_NOW), cost=1 / MACHINE_SPEED)
    _, batches, summary, _ = run(net, config(ports="U:20001-60000", udp_pace=pace))
    end = summary.progress.elapsed
    assert end == pytest.approx(40_000 / min(pace, MACHINE_SPEED), rel=0.05)
    middle = [b.progress for b in batches if 0.2 < b.progress.fraction < 0.8]
    assert len(middle) >= 3
    for p in middle:
        assert p.eta == pytest.approx(end - p.elapsed, rel=0.2, abs=0.35)
    assert summary.progress.open_filtered == 1


def test_a_firewall_that_drops_most_ports_does_not_slow_the_pace():
    """90 of 100 ports dropped, 10 refused: the silences pile up as they do under a
    ration, so the lane probes a refused port again (the canary); it answers, so the
    silences are real and the pace stays."""
    net = udp_network(lambda p: UDP_CLOSED_NOW if p.port > 90 else SILENT)
    results, _, _, scan = run(net, config(ports="U:1-100", timeout=0.2))
    lane = scan.lane(Protocol.UDP)
    got = {r.port: (r.state, r.reason) for r in results}
    assert got == {p: CLOSED if p > 90 else OPEN_FILTERED for p in range(1, 101)}
    canaries = [p for p in net.starts if p.attempt == CANARY]
    # Asked twice in a row (a ration may refill one answer), and again after 4, 8, 16
    # and 32 times the first 3 silences: 270 silent tries (90 ports, 3 each) ask 5 times.
    assert len(canaries) == 10
    assert all(c.port > 90 for c in canaries)
    assert lane.pacer.refuted
    assert lane.pacer.slowdowns == 0
    assert scan.udp_pace == scan.config.udp_pace


def test_a_target_that_rations_its_answers_slows_the_pace_until_every_port_is_exact():
    """A kernel's ICMP ration (a bucket of 50, refilled at this kernel's own rate):
    probes sent faster than it lose their answers; the lane slows down below the
    ration and every closed port still reads closed."""
    ration = fallback_pace() / 0.8  # the kernel's icmp_msgs_per_sec
    bucket = {"tokens": 50.0, "at": None}

    def rationed(probe):
        last = bucket["at"] if bucket["at"] is not None else probe.at
        bucket["tokens"] = min(50.0, bucket["tokens"] + (probe.at - last) * ration)
        bucket["at"] = probe.at
        if bucket["tokens"] >= 1:
            bucket["tokens"] -= 1
            return UDP_CLOSED_NOW
        return SILENT

    net = udp_network(rationed)
    results, _, summary, scan = run(net, config(ports="U:1-2000", timeout=0.2))
    lane = scan.lane(Protocol.UDP)
    assert {r.port: (r.state, r.reason) for r in results} == {p: CLOSED for p in range(1, 2001)}
    assert summary.progress.done == 2000
    assert lane.pacer.slowdowns >= 1
    assert lane.pacer.confirmed
    assert scan.udp_pace < ration
    assert not lane.parked


def test_udp_answers_later_and_silent_ports_after_every_retry():
    rule = by_port(
        {5: Reply((PortState.OPEN, Reason.UDP_RESPONSE), after=0.03), 6: SILENT}, UDP_CLOSED_NOW
    )
    net = udp_network(rule)
    results, _, summary, _ = run(net, config(ports="U:4-6", timeout=0.5, retries=2))
    got = {r.port: r for r in results}
    assert (got[5].state, got[5].rtt) == (PortState.OPEN, pytest.approx(0.03, abs=1e-3))
    assert (got[6].state, got[6].reason, got[6].rtt) == (*OPEN_FILTERED, None)
    assert [p.attempt for p in net.sent(port=6)] == [0, 1, 2]
    assert summary.progress.done == 3


def test_the_pacer_burst_is_all_that_goes_out_at_once_after_a_pause():
    net = udp_network(by_port({}, default=UDP_CLOSED_NOW))
    marks = {}

    def resume(scan):
        marks["at"] = net.clock.now
        scan.resume()

    scan = Scan(config(ports="U:1-500", udp_pace=2000), probers=net.probers(), clock=net.clock)

    async def main():
        loop = asyncio.get_running_loop()
        loop.call_later(0.05, scan.pause)
        loop.call_later(0.5, resume, scan)
        return await scan.run()

    run_virtual(main(), net.clock)
    first = min(p.at for p in net.starts if p.at >= marks["at"])
    assert first - marks["at"] < 1e-3
    at_once = [p for p in net.starts if p.at == first]
    assert len(at_once) == burst_for(2000) == 8


def test_a_retry_answered_after_a_loss_slows_the_pace_at_once():
    """64 ports go out at once (a full bucket after a pause); each first answer is lost,
    each retry's comes back. The first such retry shows an answer was rationed away:
    the pace drops below this kernel's ration at once, and the other 63 retries, due in
    the same turn, go out at the new pace, not the old."""
    slower = fallback_pace()
    net = udp_network(by_port({}, default=[SILENT, UDP_CLOSED_NOW]))
    scan = Scan(config(ports="U:1-64", udp_pace=20_000), probers=net.probers(), clock=net.clock)
    scan.pause()

    async def main():
        asyncio.get_running_loop().call_later(0.01, scan.resume)
        return await scan.run()

    summary = run_virtual(main(), net.clock)
    assert summary.progress.closed == 64
    assert len({p.at for p in net.starts if p.attempt == 0}) == 1
    assert scan.lane(Protocol.UDP).pacer.slowdowns == 1
    assert scan.udp_pace == slower
    retries = [p for p in net.starts if p.attempt == 1]
    assert len(retries) == 64
    first = retries[0].at
    burst = burst_for(slower)
    for k, probe in enumerate(retries):
        assert k + 1 <= 1 + burst + slower * (probe.at - first) + 1e-6


def test_after_a_slowdown_the_lane_goes_on_at_the_new_pace_without_a_stall():
    """A machine slower than the pace sends full buckets; port 100's retry, answered after
    its first answer was lost, slows the pace in the middle of a turn: that turn ends,
    and the next probe goes as soon as the new pace allows, not at the next batch."""
    slower = fallback_pace()
    net = udp_network(by_port({100: [SILENT, UDP_CLOSED_NOW]}, default=UDP_CLOSED_NOW), cost=1e-4)
    results, _, _, scan = run(net, config(ports="U:1-5000", udp_pace=20_000))
    assert {r.port for r in results if r.state is PortState.CLOSED} == set(range(1, 5001))
    assert scan.udp_pace == slower
    i = next(i for i, p in enumerate(net.starts) if p.port == 100 and p.attempt == 1)
    retry, after = net.starts[i], net.starts[i + 1]
    assert after.at - retry.at < 2e-3


@pytest.mark.parametrize("cost", [0.0, 0.05, 0.1, 0.2])
def test_a_linux_ration_reads_exact_however_slow_the_machine(cost):
    """Another host's Linux: 6 ICMP errors at once, then one a second (the lab's U). A
    machine slow enough that the ration refills between two of its probes (``cost``
    seconds each) once made the last tries go out too fast to prove anything: the
    parked ports get one more try, slow, once all else is done."""
    clock = VirtualClock()
    rule = by_port({}, default=Reply(CLOSED, after=0.0005))
    net = FakeNetwork(clock, Ration(clock, rule, 1.0, 6), cost=cost)
    results, _, _, _ = run(net, config(ports="U:1-24", timeout=1.0))
    assert {r.port: (r.state, r.reason) for r in results} == dict.fromkeys(range(1, 25), CLOSED)


def test_one_canary_answer_is_not_enough_to_call_the_silences_real():
    """The canary's port answers its first re-probe only (a ration that had refilled
    one token): the lane asks again at once; the second is silent, so the target
    rations, and every port is read closed in the end."""
    canary_tries = []

    def rule(probe):
        if probe.attempt == CANARY:
            canary_tries.append(probe.at)
            return Reply(CLOSED, after=0.0005) if len(canary_tries) == 1 else SILENT
        return ration(probe)

    clock = VirtualClock()
    ration = Ration(clock, by_port({}, default=Reply(CLOSED, after=0.0005)), 1.0, 6)
    net = FakeNetwork(clock, rule)
    results, _, _, scan = run(net, config(ports="U:1-20", timeout=1.0))
    assert len(canary_tries) >= 2
    assert canary_tries[1] - canary_tries[0] < 0.01  # asked again at once
    assert scan.lane(Protocol.UDP).pacer.confirmed
    assert {r.port: (r.state, r.reason) for r in results} == dict.fromkeys(range(1, 21), CLOSED)


def test_a_port_silent_after_every_try_waits_for_the_canarys_verdict():
    """Silences pile up, the canary goes out; a port whose last try is silent then is
    not called open|filtered before the canary says whether the target rations. It
    does (the canary is silent), so that port tries again and reads closed."""
    clock = VirtualClock()
    # Ports 1-6 answer at once (the ration's burst); 7-12 are closed but rationed.
    ration = Ration(clock, by_port({}, default=Reply(CLOSED, after=0.0005)), 0.5, 6)
    net = FakeNetwork(clock, ration)
    results, _, _, scan = run(net, config(ports="U:1-12", timeout=0.5, retries=0))
    assert {r.port: (r.state, r.reason) for r in results} == dict.fromkeys(range(1, 13), CLOSED)
    lane = scan.lane(Protocol.UDP)
    assert lane.pacer.confirmed
    assert not lane.awaiting
