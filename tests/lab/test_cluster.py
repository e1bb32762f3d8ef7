"""A scan on a real Dask cluster (``scan/cluster/``): a ``dask scheduler`` and two
``dask worker`` processes on loopback, inside this test's own network namespace; a scan
of 127.0.0.0/24 x top1000 through them is door for door the local scan of the same
doors, and stays so when a worker is killed mid-scan.

The cluster listens on 127.0.1.x (outside the scanned /24); the doors open are the
listeners the test starts."""

from __future__ import annotations

import pytest

pytest.importorskip("distributed")

from portwindow.engine.core.model import PortState
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.cluster.client import ClusterSettings
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.session import ScanRequest, ScanSession
from tests.support.dask_cluster import dask_cluster
from tests.support.listeners import listeners

TARGETS = "127.0.0.0/24"
#: (address, port) of the listeners: top1000 ports on a few addresses of the /24.
OPEN = {("127.0.0.1", 22), ("127.0.0.1", 443), ("127.0.0.7", 80), ("127.0.0.200", 3306)}


@pytest.fixture
def open_doors():
    with (
        listeners(host="127.0.0.1", ports=[22, 443]),
        listeners(host="127.0.0.7", ports=[80]),
        listeners(host="127.0.0.200", ports=[3306]),
    ):
        yield OPEN


def config() -> ScanConfig:
    return ScanConfig(parse_targets(TARGETS), parse_ports("top1000"), timeout=2.0)


def run(request: ScanRequest, on_batch=None) -> ScanSession:
    session = ScanSession(request)
    loops.run(session.run(on_batch))
    return session


def doors(session: ScanSession) -> dict:
    return {(r.address, r.protocol, r.port): (r.state, r.reason) for r in session.results}


def opened(session: ScanSession) -> set:
    return {(r.address, r.port) for r in session.results.in_states([PortState.OPEN])}


def test_a_cluster_scan_is_door_for_door_the_local_scan(open_doors, tmp_path):
    local = run(ScanRequest(config(), TARGETS, "top1000"))
    with dask_cluster(2, log_dir=tmp_path) as cluster:
        settings = ClusterSettings(cluster.address)
        batches = []
        remote = run(
            ScanRequest(config(), TARGETS, "top1000", cluster=settings),
            lambda batch, _delta: batches.append(len(batch.results)),
        )
    assert opened(local) == open_doors
    assert len(remote.results) == 256 * 1000
    assert doors(remote) == doors(local)
    assert not remote.summary.partial
    assert remote.summary.progress.done == remote.summary.progress.total == 256_000
    assert sum(batches) == 256_000  # every door once: a shard is never handed on twice
    assert len(batches) >= 8  # streamed: a batch per shard as it finished
    ran_on = set(remote.scan.ran_on.values())
    assert len(ran_on) == 2  # both workers scanned


def test_a_worker_killed_mid_scan_changes_nothing(open_doors, tmp_path):
    local = run(ScanRequest(config(), TARGETS, "top1000"))
    with dask_cluster(2, log_dir=tmp_path) as cluster:
        victim = cluster.worker_pid("w1")
        killed = []

        def on_batch(batch, _delta) -> None:
            if not killed and batch.results:
                killed.append(len(session.scan.ran_on))
                cluster.kill_worker("w1")  # busy with its next shard by now

        session = ScanSession(
            ScanRequest(config(), TARGETS, "top1000", cluster=ClusterSettings(cluster.address))
        )
        loops.run(session.run(on_batch))
        dead = cluster.workers["w1"].poll() is not None
    assert dead
    assert killed  # killed while shards were still to come: the scan went on without it
    assert killed[0] < len(session.scan.ran_on)
    after = list(session.scan.ran_on.values())[killed[0] :]
    # What came after the kill ran on the other worker (but for one result that may
    # have been on its way as the worker died); the shard it was scanning was run again.
    assert sum(where.endswith(f":{victim}") for where in after) <= 1
    assert len(after) >= 2
    assert doors(session) == doors(local)
    assert not session.summary.partial
    assert len(session.results) == 256_000
