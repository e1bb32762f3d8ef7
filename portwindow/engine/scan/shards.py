"""The (host, port) work of a scan split into shards: shard i of N, with a seed.

Worker processes (issue 12: one scanning process per core) and, later, the machines of
a cluster each scan one shard. Every party computes the same split from (N, seed) and
the scan's targets and ports alone, without talking to the others: the N shards
together are the whole scan, and no door is in two of them.

The split numbers the doors host by host, ``k = host_index * P + position`` (``P``
ports, in an order shuffled by the seed when there is one), and door ``k`` belongs to
shard ``k mod N``. So each shard gets every Nth door: the load is even overall (shard
sizes differ by at most one), a single host's ports spread over every shard (a one-host
scan splits evenly), and with fewer ports than shards consecutive hosts go to
different shards (a /16 of one port splits evenly too). A host's ports in one shard
are a plain slice, ``order[offset::N]``: the scheduler will give each host of a lane
its own tuple of ports and pay nothing per probe for the split.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.text import quoted
from portwindow.engine.input.targets import ScanHost

MAX_SHARDS = 65_536


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` (from 0) of ``count``; ``seed`` shuffles the ports (None: in order)."""

    index: int = 0
    count: int = 1
    seed: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.count <= MAX_SHARDS:
            raise InputError(f"shard count {self.count} is out of range 1-{MAX_SHARDS}")
        if not 0 <= self.index < self.count:
            raise InputError(f"shard {self.index + 1} of {self.count} does not exist")


def parse_shard(text: str, seed: int | None = None) -> Shard:
    """``"2/4"`` (as nmap's and masscan's users write it, counted from 1): shard 2 of 4."""
    part, slash, whole = text.strip().partition("/")
    try:
        if not slash:
            raise ValueError
        number, count = int(part), int(whole)
    except ValueError:
        raise InputError(
            f"shard {quoted(text)} is not of the form I/N, such as 2/4", token=text
        ) from None
    if count < 1 or not 1 <= number <= count:
        raise InputError(f"shard {quoted(text)}: I must be between 1 and N", token=text)
    return Shard(number - 1, count, seed)


class ShardPlan:
    """The split of one port list into ``count`` shards (see the module docstring)."""

    __slots__ = ("count", "order")

    def __init__(self, ports: Sequence[int], count: int, seed: int | None = None) -> None:
        Shard(0, count, seed)  # validates count
        order = list(ports)
        if seed is not None:
            random.Random(seed).shuffle(order)
        self.order = tuple(order)
        self.count = count

    def ports_for(self, host_index: int, shard_index: int) -> tuple[int, ...]:
        """The ports of host number ``host_index`` (from 0) that shard ``shard_index`` scans."""
        offset = (shard_index - host_index * len(self.order)) % self.count
        return self.order[offset :: self.count]

    def total(self, host_count: int, shard_index: int) -> int:
        """How many doors of ``host_count`` hosts shard ``shard_index`` scans. The offset
        of host ``i`` repeats every ``count / gcd(P, count)`` hosts: one period is summed."""
        size, count = len(self.order), self.count
        period = count // math.gcd(size, count) if size else 1

        def share(host_index: int) -> int:
            offset = (shard_index - host_index * size) % count
            return len(range(offset, size, count))

        whole, rest = divmod(host_count, period)
        return whole * sum(share(i) for i in range(period)) + sum(share(i) for i in range(rest))


def shard_size(host_count: int, nports: int, shard: Shard) -> int:
    """How many doors of ``host_count`` hosts times ``nports`` ports ``shard`` holds."""
    doors = host_count * nports
    return (doors - shard.index + shard.count - 1) // shard.count


def shard_work(
    hosts: Iterable[ScanHost], plan: ShardPlan | Sequence[int], shard: Shard | int
) -> Iterator[tuple[ScanHost, tuple[int, ...]]]:
    """Each host with the ports of it that the shard scans, lazily; hosts with none left
    out. ``plan`` may be the port list (and ``shard`` a :class:`Shard`), or a plan made
    once (and ``shard`` the shard's index)."""
    if isinstance(shard, Shard):
        plan = plan if isinstance(plan, ShardPlan) else ShardPlan(plan, shard.count, shard.seed)
        index = shard.index
    else:
        index = shard
    for host_index, host in enumerate(hosts):
        mine = plan.ports_for(host_index, index)
        if mine:
            yield host, mine
