"""The shard split: complete, disjoint, even, and the same wherever it is computed."""

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portwindow.engine.core.errors import InputError
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.shards import Shard, ShardPlan, parse_shard, shard_work


def hosts(text="192.0.2.0/28"):
    return list(parse_targets(text).iter_hosts())


def doors(shard, host_list, ports):
    return [(h.address, p) for h, mine in shard_work(host_list, ports, shard) for p in mine]


@settings(max_examples=60, deadline=None)
@given(
    n_hosts=st.integers(1, 20),
    n_ports=st.integers(1, 50),
    count=st.integers(1, 12),
    seed=st.one_of(st.none(), st.integers(0, 2**32)),
)
def test_the_shards_together_are_the_whole_scan_each_door_once(n_hosts, n_ports, count, seed):
    host_list = hosts("192.0.2.0/24")[:n_hosts]
    ports = list(range(1000, 1000 + n_ports))
    every = [d for i in range(count) for d in doors(Shard(i, count, seed), host_list, ports)]
    assert len(every) == len(set(every)) == n_hosts * n_ports
    assert set(every) == {(h.address, p) for h in host_list for p in ports}
    sizes = [len(doors(Shard(i, count, seed), host_list, ports)) for i in range(count)]
    assert max(sizes) - min(sizes) <= 1


def test_one_host_splits_evenly_over_every_shard():
    plan = ShardPlan(range(1, 65536), 4, seed=7)
    sizes = [len(plan.ports_for(0, i)) for i in range(4)]
    assert sizes == [16384, 16384, 16384, 16383]


def test_many_hosts_of_one_port_go_to_shards_in_turn():
    host_list = hosts()  # 16 addresses
    owners = Counter(i for i in range(4) for _h, _mine in shard_work(host_list, [443], Shard(i, 4)))
    assert owners == {0: 4, 1: 4, 2: 4, 3: 4}


def test_the_split_depends_on_count_and_seed_only():
    a = ShardPlan(range(1, 1001), 3, seed=42)
    b = ShardPlan(range(1, 1001), 3, seed=42)
    assert [a.ports_for(5, i) for i in range(3)] == [b.ports_for(5, i) for i in range(3)]
    other = ShardPlan(range(1, 1001), 3, seed=43)
    assert a.ports_for(0, 0) != other.ports_for(0, 0)
    unseeded = ShardPlan([10, 20, 30, 40, 50], 2)
    assert unseeded.ports_for(0, 0) == (10, 30, 50)
    assert unseeded.ports_for(1, 0) == (20, 40)  # host 1 starts where host 0 left off


def test_one_shard_is_everything_in_order():
    host_list = hosts()
    assert doors(Shard(), host_list, [1, 2]) == [(h.address, p) for h in host_list for p in (1, 2)]


@pytest.mark.parametrize(
    ("text", "expected"), [("1/1", Shard(0, 1)), ("2/4", Shard(1, 4)), (" 4/4 ", Shard(3, 4))]
)
def test_shards_are_written_from_one(text, expected):
    assert parse_shard(text) == expected


@pytest.mark.parametrize(
    ("text", "words"),
    [("0/4", "between"), ("5/4", "between"), ("2", "I/N"), ("a/b", "I/N"), ("1/0", "between")],
)
def test_a_bad_shard_says_what_is_wrong(text, words):
    with pytest.raises(InputError, match=words):
        parse_shard(text)


def test_a_shard_outside_its_count_is_refused():
    with pytest.raises(InputError, match="shard 5 of 4"):
        Shard(4, 4)
    with pytest.raises(InputError, match="count 0"):
        Shard(0, 0)


@settings(max_examples=60, deadline=None)
@given(
    n_hosts=st.integers(0, 40),
    n_ports=st.integers(0, 30),
    count=st.integers(1, 12),
    seed=st.one_of(st.none(), st.integers(0, 2**32)),
)
def test_a_shards_total_counts_its_doors(n_hosts, n_ports, count, seed):
    plan = ShardPlan(range(1, n_ports + 1), count, seed)
    for index in range(count):
        counted = sum(len(plan.ports_for(h, index)) for h in range(n_hosts))
        assert plan.total(n_hosts, index) == counted


def test_a_scan_of_every_shard_is_the_whole_scan_each_door_once():
    from portwindow.engine.input.ports import parse_ports
    from portwindow.engine.scan import loops
    from portwindow.engine.scan.config import ScanConfig
    from portwindow.engine.scan.scheduler import Scan
    from tests.support.listeners import listeners

    async def run(shard):
        results = []
        config = ScanConfig(
            parse_targets("127.0.0.1-3"), parse_ports(ports), retries=0, shard=shard
        )
        summary = await Scan(config).run(lambda batch: results.extend(batch.results))
        return results, summary

    with listeners(3) as open_ports:
        ports = ",".join(str(p) for p in [*range(1, 40), *open_ports])
        whole, _ = loops.run(run(None))
        parts = [loops.run(run(Shard(i, 4, seed=9))) for i in range(4)]
    key = lambda r: (r.address, r.protocol, r.port)  # noqa: E731
    merged = [key(r) for results, _ in parts for r in results]
    assert len(merged) == len(set(merged))  # no door in two shards
    assert {key(r): r.state for results, _ in parts for r in results} == {
        key(r): r.state for r in whole
    }
    for results, summary in parts:
        assert summary.progress.total == summary.progress.done == len(results)
        assert not summary.partial
