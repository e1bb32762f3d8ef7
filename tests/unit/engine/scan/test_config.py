"""ScanConfig (``scan/config.py``): a share of the budget for scans that run at once."""

from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.config import DEFAULT_CONCURRENCY, RATE_RANGE, ScanConfig

TARGETS = parse_targets("192.0.2.0/28")
PORTS = parse_ports("1-1000")


def test_a_share_has_its_part_of_the_window_the_per_host_cap_and_the_rate():
    config = ScanConfig(TARGETS, PORTS, concurrency=1000, per_host=30, rate=900.0)
    share = config.share(4)
    assert (share.concurrency, share.per_host, share.rate) == (250, 8, 225.0)
    assert (share.targets, share.ports, share.timeout) == (TARGETS, PORTS, config.timeout)


def test_the_default_window_is_shared_and_no_limit_stays_no_limit():
    share = ScanConfig(TARGETS, PORTS).share(3)
    assert share.concurrency == -(-DEFAULT_CONCURRENCY // 3)
    assert share.per_host is None
    assert share.rate is None


def test_one_part_is_the_config_itself_and_a_share_never_falls_below_the_ranges():
    config = ScanConfig(TARGETS, PORTS, concurrency=1, per_host=1, rate=RATE_RANGE[0])
    assert config.share(1) is config
    share = config.share(8)
    assert (share.concurrency, share.per_host, share.rate) == (1, 1, RATE_RANGE[0])
