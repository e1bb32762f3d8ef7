"""What each task of a cluster scan may send, and how many tasks the scan is cut into.

Every shard holds a share of every host (``shards.py``), so the tasks that run at once
all knock on the same targets. Politeness per target is kept by sharing the scan's
budget between them: with ``slots`` tasks running at once (the client starts no more),
each gets ``1/slots`` of the window (probes in flight, where each host's window
starts), of the per-host cap and of the rate; the UDP ports go to one task of their
own, so a target's ICMP ration is still paced by one pacer. Together the tasks never
have more in flight at a target, nor send faster, than one local scan would. Asked for
(``each``), every task gets the whole budget instead: a target's probes are then
multiplied by the number of slots.
"""

from __future__ import annotations

import dataclasses
import enum

from portwindow.engine.input.ports import PortSet
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.shards import MAX_SHARDS

SHARDS_PER_SLOT = 4
"""Shards per task slot: results come back in that many steps, and a dead worker's
shard costs a quarter of its share to run again."""
MIN_SHARD_DOORS = 4096
"""Doors a shard holds at least (a task costs a few milliseconds to send and start)."""


class Budget(enum.Enum):
    SHARED = "shared"  # the tasks running at once share one scan's budget
    EACH = "each"  # every task has the whole budget (a target's probes multiplied)


def shard_count(doors: int, slots: int) -> int:
    """The shards of a scan of ``doors`` TCP doors on ``slots`` task slots."""
    wanted = max(1, slots) * SHARDS_PER_SLOT
    return max(1, min(wanted, doors // MIN_SHARD_DOORS, MAX_SHARDS))


def task_config(config: ScanConfig, slots: int, budget: Budget = Budget.SHARED) -> ScanConfig:
    """The config each TCP task runs (its shard is set per task): no UDP ports, one
    process, and its share of the budget."""
    config = dataclasses.replace(config, ports=PortSet(tcp=config.ports.tcp), workers=1)
    if budget is Budget.EACH:
        return config
    return config.share(slots)


def udp_config(config: ScanConfig) -> ScanConfig | None:
    """The config of the one UDP task (the whole UDP budget: it is alone), or None."""
    if not config.ports.udp:
        return None
    return dataclasses.replace(config, ports=PortSet(udp=config.ports.udp), workers=1, shard=None)
