"""A cluster scan's tasks share one scan's budget at a target, unless asked otherwise."""

from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.cluster.budget import (
    MIN_SHARD_DOORS,
    SHARDS_PER_SLOT,
    Budget,
    shard_count,
    task_config,
    udp_config,
)
from portwindow.engine.scan.config import DEFAULT_CONCURRENCY, ScanConfig

CONFIG = ScanConfig(
    parse_targets("127.0.0.0/24"),
    parse_ports("T:1-1000,U:53,161"),
    concurrency=1000,
    per_host=10,
    rate=3000.0,
)


def test_the_tasks_running_at_once_share_the_window_the_cap_and_the_rate():
    each = task_config(CONFIG, 4)
    assert (each.concurrency, each.per_host, each.rate) == (250, 3, 750.0)
    assert each.ports.tcp == CONFIG.ports.tcp
    assert not each.ports.udp
    assert each.workers == 1


def test_the_default_window_is_shared_too():
    plain = ScanConfig(CONFIG.targets, CONFIG.ports)
    each = task_config(plain, 2)
    assert each.concurrency == DEFAULT_CONCURRENCY // 2
    assert each.per_host is None
    assert each.rate is None


def test_asked_for_every_task_has_the_whole_budget():
    each = task_config(CONFIG, 4, Budget.EACH)
    assert (each.concurrency, each.per_host, each.rate) == (1000, 10, 3000.0)


def test_the_udp_ports_are_one_task_with_the_whole_udp_budget():
    udp = udp_config(CONFIG)
    assert udp.ports.udp == (53, 161)
    assert not udp.ports.tcp
    assert udp.udp_pace == CONFIG.udp_pace
    assert udp.rate == CONFIG.rate
    assert udp_config(ScanConfig(CONFIG.targets, parse_ports("1-10"))) is None


def test_shards_are_a_few_per_slot_and_never_tiny():
    assert shard_count(256_000, 2) == 2 * SHARDS_PER_SLOT
    assert shard_count(MIN_SHARD_DOORS * 3, 8) == 3
    assert shard_count(10, 8) == 1
