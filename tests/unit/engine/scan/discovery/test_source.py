"""Discovery as a scan's source of hosts: a lone target is not discovered, too many
targets are scanned without discovery, and a stop ends the discovery."""

import asyncio

from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.discovery import source
from portwindow.engine.scan.discovery.source import DiscoveringHosts
from portwindow.engine.scan.discovery.sweep import DiscoverySettings

SETTINGS = DiscoverySettings(icmp=False)


def test_hosts_found_are_handed_on_with_every_status_reported():
    seen = []
    found = DiscoveringHosts(SETTINGS, seen.append, names=False)
    plan = asyncio.run(found(parse_targets("127.0.0.1-4")))
    assert plan.count == 4
    assert [str(host.address) for host in plan.hosts()] == [f"127.0.0.{n}" for n in range(1, 5)]
    (statuses,) = seen
    assert [s.address for s in statuses] == [f"127.0.0.{n}" for n in range(1, 5)]


def test_a_lone_target_is_not_discovered():
    seen = []
    plan = asyncio.run(DiscoveringHosts(SETTINGS, seen.append)(parse_targets("127.0.0.9")))
    assert plan.count == 1
    assert seen == []


def test_too_many_targets_are_scanned_without_discovery(monkeypatch):
    monkeypatch.setattr(source, "DISCOVERY_LIMIT", 3)
    seen = []
    found = DiscoveringHosts(SETTINGS, seen.append)
    plan = asyncio.run(found(parse_targets("127.0.0.1-5")))
    assert plan.count == 5
    assert found.skipped
    assert seen == []


def test_cancel_ends_discovery():
    async def main():
        seen = []
        found = DiscoveringHosts(SETTINGS, seen.append, names=False)
        task = asyncio.ensure_future(found(parse_targets("127.0.0.0/18")))
        await asyncio.sleep(0.05)
        found.cancel()
        plan = await asyncio.wait_for(task, 10)
        return plan, seen

    plan, (statuses,) = asyncio.run(main())
    assert len(statuses) < 16384
    assert plan.count == len(statuses)
