"""A sweep over this namespace's loopback addresses (all there, answering with resets),
the order of its answer, cancelling, and the settings' checks. The sweep against hosts
that are missing, silent or rejecting is in tests/lab/test_discovery.py."""

import asyncio

import pytest

from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.discovery.model import HostState
from portwindow.engine.scan.discovery.sweep import DiscoverySettings, Sweep, network_of


def test_every_loopback_address_is_up_in_target_order():
    hosts = parse_targets("127.0.0.1-20").iter_hosts()
    statuses = asyncio.run(Sweep(hosts, DiscoverySettings(icmp=False)).run())
    assert [s.address for s in statuses] == [f"127.0.0.{n}" for n in range(1, 21)]
    assert all(s.state is HostState.UP for s in statuses)
    assert all(s.rtt is not None and s.rtt >= 0 for s in statuses)


def test_few_hosts_in_flight_still_decides_them_all():
    hosts = parse_targets("127.0.0.1-40").iter_hosts()
    settings = DiscoverySettings(icmp=False, parallel_hosts=3, tcp_ports=(9,))
    statuses = asyncio.run(Sweep(hosts, settings).run())
    assert len(statuses) == 40
    assert {s.state for s in statuses} == {HostState.UP}


def test_cancel_returns_what_was_decided():
    async def main():
        sweep = Sweep(parse_targets("127.0.0.0/20").iter_hosts(), DiscoverySettings(icmp=False))
        task = asyncio.ensure_future(sweep.run())
        await asyncio.sleep(0)
        sweep.cancel()
        return await asyncio.wait_for(task, 10)

    statuses = asyncio.run(main())
    assert len(statuses) < 4096


def test_empty_targets():
    assert asyncio.run(Sweep(iter(()), DiscoverySettings()).run()) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"retries": -1},
        {"retries": 11},
        {"min_wait": 0},
        {"min_wait": 2.0, "max_wait": 1.0},
        {"max_wait": 61},
        {"parallel_hosts": 0},
        {"tcp_ports": (), "udp_port": None, "icmp": False},
    ],
)
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError, match="discovery"):
        DiscoverySettings(**kwargs)


def test_networks():
    assert network_of("198.51.100.77") == "198.51.100.0/24"
    assert network_of("2001:db8:1:2:3::4") == "2001:db8:1:2::/64"
