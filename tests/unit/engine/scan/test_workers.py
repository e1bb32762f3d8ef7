"""A scan on several processes (``workers.py``): the shards together are the whole scan,
each door once, merged into one stream; cancel; and a lane's shard on the fake network."""

import asyncio
import os

import pytest

from portwindow.engine.core.model import PortResult, PortState, Progress, Protocol, Reason
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import PortOrder, ScanConfig
from portwindow.engine.scan.scheduler import Scan
from portwindow.engine.scan.shards import Shard, shard_size
from portwindow.engine.scan.workers import (
    MIN_DOORS,
    ParallelScan,
    merge_progress,
    pack,
    unpack,
    worker_scan,
    workers_for,
)
from tests.support.fake_prober import CLOSED_NOW, OPEN_NOW, FakeNetwork, by_port
from tests.support.listeners import free_ports, listeners
from tests.support.virtual_time import VirtualClock, run_virtual


def scan_with(config, kind=ParallelScan):
    batches = []

    async def main():
        return await kind(config).run(batches.append)

    summary = loops.run(main())
    return [r for b in batches for r in b.results], batches, summary


@pytest.mark.parametrize("workers", [2, 3])
def test_the_workers_scan_every_door_once_with_the_states_of_one_scan(workers):
    closed = free_ports(2)
    with listeners(3) as opened:
        ports = ",".join(map(str, [*opened, *closed, "1-500"]))
        config = ScanConfig(parse_targets("127.0.0.1"), parse_ports(ports), workers=workers)
        results, batches, summary = scan_with(config)
        alone, _, _ = scan_with(ScanConfig(config.targets, config.ports), Scan)
    doors = [(r.address, r.protocol, r.port) for r in results]
    assert len(doors) == len(set(doors)) == len(config.ports.tcp)
    assert {d: (r.state, r.reason) for d, r in zip(doors, results, strict=True)} == {
        (r.address, r.protocol, r.port): (r.state, r.reason) for r in alone
    }
    assert {r.port for r in results if r.state is PortState.OPEN} == set(opened)
    assert not summary.partial
    assert summary.progress.done == summary.progress.total == len(config.ports.tcp)
    assert summary.progress.open == 3
    assert batches[-1].progress.done == len(config.ports.tcp)


def test_shuffled_ports_without_a_seed_are_still_each_door_once():
    config = ScanConfig(
        parse_targets("127.0.0.1"),
        parse_ports("1-2000"),
        workers=2,
        order=PortOrder.SHUFFLED,
    )
    results, _, summary = scan_with(config)
    assert sorted(r.port for r in results) == list(range(1, 2001))
    assert not summary.partial


def test_udp_ports_all_go_to_the_first_worker():
    config = ScanConfig(
        parse_targets("127.0.0.1"), parse_ports("T:1-300,U:1-40"), workers=2, timeout=0.2
    )
    results, _, summary = scan_with(config)
    udp = [r for r in results if r.protocol is Protocol.UDP]
    assert sorted(r.port for r in udp) == list(range(1, 41))
    assert len(results) == 340
    assert not summary.partial


def test_cancel_stops_every_worker_with_what_they_found():
    config = ScanConfig(parse_targets("127.0.0.1"), parse_ports("1-65535"), workers=2, rate=2000.0)

    async def main():
        scan = ParallelScan(config)
        asyncio.get_running_loop().call_later(0.5, scan.cancel)
        summary = await scan.run()
        return scan, summary

    scan, summary = loops.run(main())
    assert summary.partial
    assert 0 < summary.progress.done < 65535
    assert all(not p.is_alive() for p in scan._processes)
    assert all(p.exitcode == 0 for p in scan._processes)


def test_results_cross_the_pipe_as_they_were():
    results = [
        PortResult(
            "h", "127.0.0.1", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 0.001, 5.0, "SSH"
        ),
        PortResult(
            "h", "::1", Protocol.UDP, 53, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, None, 6.0
        ),
    ]
    assert unpack(pack(results)) == tuple(results)


def test_progress_of_the_workers_adds_up():
    a = Progress(done=10, total=20, elapsed=1.0, rate=10.0, eta=1.0, open=1, closed=9)
    b = Progress(done=5, total=20, elapsed=2.0, rate=2.5, eta=6.0, filtered=5)
    merged = merge_progress([a, b])
    assert (merged.done, merged.total, merged.elapsed, merged.eta) == (15, 40, 2.0, 6.0)
    assert (merged.open, merged.closed, merged.filtered, merged.rate) == (1, 9, 5, 7.5)
    assert merge_progress([a, None]).eta is None  # a worker not heard from yet


def test_one_worker_a_core_only_for_scans_big_enough():
    assert workers_for(100, 0) == 1
    assert workers_for(MIN_DOORS * 64, 0) == min(64, len(os.sched_getaffinity(0)))
    assert workers_for(100, 3) == 3
    assert workers_for(MIN_DOORS * 64, 1) == 1


def test_a_lanes_shard_on_the_fake_network_is_its_share_of_every_host():
    """Shard i of 3 over 3 hosts of 7 ports (21 doors): 7 doors each, together all."""
    config = ScanConfig(parse_targets("127.0.0.1-3"), parse_ports("1-7"), concurrency=50)
    seen = []
    for index in range(3):
        net = FakeNetwork(VirtualClock(), by_port({4: OPEN_NOW}, default=CLOSED_NOW))
        scan = Scan(config, probers=net.probers(), clock=net.clock, shard=Shard(index, 3))
        summary = run_virtual(scan.run(), net.clock)
        doors = [(p.address, p.port) for p in net.sent()]
        assert len(doors) == summary.progress.total == shard_size(3, 7, Shard(index, 3)) == 7
        seen += doors
    assert sorted(seen) == sorted((f"127.0.0.{h}", p) for h in (1, 2, 3) for p in range(1, 8))


def test_each_worker_has_its_share_of_the_budget_and_only_worker_0_the_udp_ports():
    config = ScanConfig(
        parse_targets("192.0.2.1"),
        parse_ports("1-100,U:53"),
        concurrency=600,
        per_host=60,
        rate=300.0,
        workers=3,
    )
    for index in range(3):
        scan = worker_scan(config, index, 3)
        assert (scan.config.concurrency, scan.config.per_host, scan.config.rate) == (
            200,
            20,
            100.0,
        )
        assert scan._udp is (index == 0)
        assert scan._shard == Shard(index, 3, None)
