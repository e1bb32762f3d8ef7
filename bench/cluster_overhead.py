"""Benchmark: what a Dask cluster costs against a local two-process scan of the same work
(the goal: at most 1.2x).

A ``dask scheduler`` and two ``dask worker`` processes (one thread each: this machine
has two cores) on loopback, and the same scan of 127.0.0.0/24 x top1000 (256,000 TCP
doors, a few listeners of this benchmark's own) three ways, alternately:

- local: ``--workers 2`` (``scan/workers.py``: two forked scanning processes);
- cluster, budget shared (the default): the two tasks running at once share one scan's
  window, so a target sees what one local scan would send it;
- cluster, budget each (``--cluster-budget each``): each task has the whole window, as
  each local worker has.

Every run's doors are checked against the first local run's. It runs in a private
network namespace (``tools/in-netns.sh``'s); every process is bounded and killed.

    python bench/cluster_overhead.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.netns import reexec_in_private_netns  # noqa: E402

TARGETS = "127.0.0.0/24"
LISTENERS = {"127.0.0.1": [22, 80, 443], "127.0.0.9": [3306], "127.0.0.77": [8080]}


def scan_once(request) -> tuple[float, dict, bool]:
    from portwindow.engine import ScanSession, loops

    session = ScanSession(request)
    started = time.perf_counter()
    summary = loops.run(session.run())
    seconds = time.perf_counter() - started
    doors = {(r.address, r.port): r.state for r in session.results}
    return seconds, doors, summary.partial


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    reexec_in_private_netns()
    import contextlib

    from portwindow.engine import (
        Budget,
        ClusterSettings,
        ScanConfig,
        ScanRequest,
        parse_ports,
        parse_targets,
    )
    from tests.support.dask_cluster import dask_cluster
    from tests.support.listeners import listeners

    targets, ports = parse_targets(TARGETS), parse_ports("top1000")
    with contextlib.ExitStack() as stack:
        for host, numbers in LISTENERS.items():
            stack.enter_context(listeners(host=host, ports=numbers))
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        cluster = stack.enter_context(dask_cluster(2, log_dir=logs))
        ways = {
            "local --workers 2": ScanRequest(ScanConfig(targets, ports, workers=2), TARGETS),
            "cluster, budget shared": ScanRequest(
                ScanConfig(targets, ports), TARGETS, cluster=ClusterSettings(cluster.address)
            ),
            "cluster, budget each": ScanRequest(
                ScanConfig(targets, ports),
                TARGETS,
                cluster=ClusterSettings(cluster.address, budget=Budget.EACH),
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in ways}
        truth = None
        for _run in range(args.runs):
            for name, request in ways.items():
                seconds, doors, partial = scan_once(request)
                truth = doors if truth is None else truth
                if partial or doors != truth:
                    raise SystemExit(f"{name}: the doors differ from the local scan's")
                times[name].append(seconds)
    opened = sum(state.value == "open" for state in truth.values())
    print(f"{TARGETS} x top1000: {len(truth):,} doors, {opened} open, {args.runs} runs each")
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    local = medians["local --workers 2"]
    print(
        "\n".join(
            f"{name}: {medians[name]:.2f} s ({min(runs):.2f}-{max(runs):.2f}), "
            f"{medians[name] / local:.2f}x local"
            for name, runs in times.items()
        )
    )
    print(f"cores: {os.cpu_count()}, load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
