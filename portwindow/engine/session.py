"""What both faces do around a scan, once: plan it, run it, collect its results into one
:class:`~portwindow.engine.core.results.ResultSet`, save it to the history, audit it
against the expected doors, and say how it ended.

The command line runs a session's scan on its own loop (:meth:`ScanSession.run`); the
window runs the scan on the engine's worker thread, which hands each batch to
:meth:`ScanSession.collect` as it is made (the Qt thread reads the result set meanwhile:
every write is one Python operation, and the views read only the hosts announced to
them), then saves and audits in a worker thread.
Either way the same code decides what a scan's history entry holds (:func:`settings_of`
is the one shape of its settings) and what its summary says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from portwindow.engine.audit.expected import Audit, Expectations, audit_results
from portwindow.engine.audit.history import History, NewScan
from portwindow.engine.core.model import Protocol, ScanBatch, ScanSummary
from portwindow.engine.core.results import Delta, ResultSet
from portwindow.engine.input.ports import DEFAULT_PORTS
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan.cluster.client import ClusterSettings
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.discovery.model import HostState, HostStatus
from portwindow.engine.scan.discovery.source import DiscoveringHosts
from portwindow.engine.scan.discovery.sweep import DiscoverySettings
from portwindow.engine.scan.hosts import HostPlan, HostSource
from portwindow.engine.scan.scheduler import Scan

__all__ = ["ScanRequest", "ScanSession", "settings_of"]


@dataclass(frozen=True, slots=True)
class ScanRequest:
    """A scan as the person asked for it: the config to run, and the targets and ports as
    they typed them (what the history and the window show)."""

    config: ScanConfig
    targets: str
    ports: str = DEFAULT_PORTS
    source: str = "cli"  # which face started it: "cli" or "window"
    #: Discover hosts first and scan only those there (None: scan every target).
    discovery: DiscoverySettings | None = None
    names: bool = True  # look up the reverse DNS names of the hosts discovery finds
    #: Run the scan on a Dask cluster (``scan/cluster/``; None: on this machine).
    cluster: ClusterSettings | None = None


def settings_of(request: ScanRequest) -> dict:
    """What the history keeps of how a scan was run: the same keys from every face."""
    config = request.config
    return {
        "source": request.source,
        "timeout": config.timeout,
        "retries": config.retries,
        "concurrency": config.concurrency,
        "rate": config.rate,
        "per_host": config.per_host,
        "order": config.order.value,
        "banners": config.grab_banners,
        "udp_pace": config.udp_pace if config.ports.udp else None,
        "discovery": request.discovery is not None,
        **_cluster_settings(request.cluster),
    }


def _cluster_settings(cluster: ClusterSettings | None) -> dict:
    """What the history keeps of a cluster scan (nothing for a scan on this machine)."""
    if cluster is None:
        return {}
    return {
        "cluster": cluster.address,
        "vantages": list(cluster.vantages),
        "budget": cluster.budget.value,
    }


def _planned(plan: HostPlan) -> HostSource:
    """A host source that hands on a plan already made."""

    async def source(_targets) -> HostPlan:
        return plan

    return source


class ScanSession:
    """One scan from request to history. ``results`` is the one store of its results."""

    def __init__(self, request: ScanRequest, *, keep_order: bool = False) -> None:
        self.request = request
        ports = request.config.ports
        self.results = ResultSet(
            {Protocol.TCP: ports.tcp, Protocol.UDP: ports.udp}, keep_order=keep_order
        )
        self.summary: ScanSummary | None = None
        self.scan: Scan | None = None
        #: What discovery found of every target host (empty without discovery).
        self.hosts: list[HostStatus] = []
        self._discovery: DiscoveringHosts | None = None
        self._cancelled = False

    # Running.

    def collect(self, batch: ScanBatch) -> Delta:
        """Keep a batch's results (a later result for a door replaces the earlier one)."""
        return self.results.add(batch.results)

    async def run(self, on_batch: Callable[[ScanBatch, Delta], None] | None = None) -> ScanSummary:
        """Run the scan on the running loop, collecting every batch; ``on_batch`` sees
        each batch after it was collected."""
        config = self.request.config
        source = self.host_source()
        if config.workers > 1 and source is not None:
            # Discovery once, here: the workers then share the hosts found there.
            plan = await source(config.targets)
            source = _planned(plan)
            if plan.count and not self._cancelled:
                there = " ".join(str(host.address) for host in plan.hosts())
                config = dataclasses.replace(config, targets=parse_targets(there))
                source = None
        cluster = self.cluster_scan()
        if cluster is not None:
            scan = cluster
        elif config.workers > 1 and source is None:
            from portwindow.engine.scan.workers import ParallelScan  # noqa: PLC0415 - rarely

            scan = self.scan = ParallelScan(config)
        else:
            scan = self.scan = Scan(dataclasses.replace(config, workers=1), hosts=source)
        if self._cancelled:
            scan.cancel()  # stopped before it started: it ends at once, partial

        def collect(batch: ScanBatch) -> None:
            delta = self.collect(batch)
            if on_batch is not None:
                on_batch(batch, delta)

        self.summary = await scan.run(collect)
        return self.summary

    def cluster_scan(self):
        """The scan on a cluster a request asks for (``scan/cluster/``), kept as this
        session's scan; None for a scan on this machine."""
        if self.request.cluster is None:
            return None
        from portwindow.engine.scan.cluster.client import ClusterScan  # noqa: PLC0415

        self.scan = ClusterScan(self.request.config, self.request.cluster)
        return self.scan

    def host_source(self):
        """Where the scan's hosts come from: discovery, when the request asks for it."""
        if self.request.discovery is None:
            return None

        def found(statuses: list[HostStatus]) -> None:
            self.hosts = statuses

        self._discovery = DiscoveringHosts(self.request.discovery, found, names=self.request.names)
        return self._discovery

    @property
    def exposure(self):
        """Each vantage point's view of a cluster scan from several (None otherwise)."""
        return getattr(self.scan, "exposure", None)

    @property
    def discovery_skipped(self) -> bool:
        """Discovery was asked for, but the targets were too many to discover."""
        return self._discovery is not None and self._discovery.skipped

    @property
    def hosts_down(self) -> int:
        return sum(status.state is HostState.DOWN for status in self.hosts)

    def cancel(self) -> None:
        """Stop the scan (or, before it starts, make it stop at once)."""
        self._cancelled = True
        if self._discovery is not None:
            self._discovery.cancel()
        if self.scan is not None:
            self.scan.cancel()

    def finish(self, summary: ScanSummary) -> None:
        """The scan ended (run elsewhere, as the window does): this is how."""
        self.summary = summary

    # After the scan.

    def record(self) -> NewScan:
        """The history entry of this scan (after it ended)."""
        summary = self._ended()
        return NewScan(
            summary.started_at,
            summary.finished_at,
            self.request.targets,
            self.request.ports,
            summary.partial,
            summary.progress.total,
            settings_of(self.request),
        )

    def save(self, history: History) -> int:
        """Save the scan and its results in ``history``; return its id."""
        return history.save(self.record(), self.results, self.hosts)

    def audit(self, expectations: Expectations | None) -> Audit | None:
        """The audit against ``expectations``; None when there are no rules."""
        if not expectations:
            return None
        return audit_results(self.results, expectations)

    def _ended(self) -> ScanSummary:
        if self.summary is None:
            raise RuntimeError("the scan has not ended yet")
        return self.summary
