"""Discovery in front of a port scan: the scan's source of hosts (``scan/hosts.py``'s
:class:`HostSource`) becomes "the targets that are there".

A lone target (one address, or one name) is always scanned, as the person named it;
otherwise every address is discovered first and only the hosts found up or unknown are
handed to the port scan. Every host's status, down ones included, goes to
``on_hosts`` before the port scan starts. Discovery keeps one status per address, so
above :data:`DISCOVERY_LIMIT` addresses it is skipped (every address is scanned, and
``on_hosts`` is not called): ``portwindow hosts`` finds who is there in such a range.
"""

from __future__ import annotations

from collections.abc import Callable

from portwindow.engine.input.targets import TargetSet
from portwindow.engine.scan.discovery.identify import identify_hosts
from portwindow.engine.scan.discovery.model import HostState, HostStatus
from portwindow.engine.scan.discovery.sweep import DiscoverySettings, Sweep
from portwindow.engine.scan.hosts import HostPlan, HostSource, resolve_hosts

#: The most addresses discovered before a scan (the limit of a target set that needs no
#: ``--allow-large``).
DISCOVERY_LIMIT = 65_536


class DiscoveringHosts(HostSource):
    """A host source that discovers before it hands hosts on; ``cancel()`` ends the
    discovery at once (the scan that awaits it is being stopped)."""

    def __init__(
        self,
        settings: DiscoverySettings,
        on_hosts: Callable[[list[HostStatus]], None],
        *,
        names: bool = True,
    ) -> None:
        self.settings = settings
        self._on_hosts = on_hosts
        self._names = names
        self._sweep: Sweep | None = None
        self._cancelled = False
        self.skipped = False  # True when the targets were too many to discover

    async def __call__(self, targets: TargetSet) -> HostPlan:
        plan = await resolve_hosts(targets)
        if plan.count <= 1 or plan.count > DISCOVERY_LIMIT or self._cancelled:
            self.skipped = plan.count > DISCOVERY_LIMIT
            return plan
        self._sweep = Sweep(plan.hosts(), self.settings)
        found = await self._sweep.run()
        statuses = found if self._cancelled else await identify_hosts(found, names=self._names)
        self._on_hosts(statuses)
        there = {status.address for status in statuses if status.state is not HostState.DOWN}
        kept = [host for host in plan.hosts() if str(host.address) in there]
        return HostPlan(count=len(kept), errors=plan.errors, hosts=lambda: iter(kept))

    def cancel(self) -> None:
        self._cancelled = True
        if self._sweep is not None:
            self._sweep.cancel()
