"""One task of a cluster scan, as a Dask worker runs it: portwindow's own :class:`Scan`
of one shard (or of the UDP ports), on the worker's event loop (Dask awaits a coroutine
function's task there), its results handed back as columns (``wire.py``).

Nothing here imports Dask: a worker imports this module by name to run :func:`run_task`.
A task that is cancelled (the client stopped the scan) stops its scan as a cancel does.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass

from portwindow.engine.core.model import ScanBatch, ScanSummary
from portwindow.engine.scan.cluster.wire import Columns, to_columns
from portwindow.engine.scan.config import ScanConfig


@dataclass(frozen=True, slots=True)
class ShardTask:
    """What one task scans: ``config`` (its shard in ``config.shard``, or the UDP ports
    alone), known to the client as ``key``, from vantage point ``vantage`` (None: any)."""

    config: ScanConfig
    key: str
    vantage: str | None = None


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a task hands back: its results, how its scan ended and where it ran."""

    key: str
    vantage: str | None
    columns: Columns
    summary: ScanSummary
    ran_on: str  # host name and process id of the worker


def ran_here() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_task(task: ShardTask) -> ShardResult:
    """Scan ``task`` on the running loop (a Dask worker's) and return its results."""
    from portwindow.engine.scan.scheduler import Scan  # noqa: PLC0415 - on the worker

    results = []

    def keep(batch: ScanBatch) -> None:
        results.extend(batch.results)

    summary = await Scan(task.config).run(keep)
    return ShardResult(task.key, task.vantage, to_columns(results), summary, ran_here())
