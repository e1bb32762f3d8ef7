"""What a scan is asked to do: :class:`ScanConfig`, validated once, and every default a
scan has, declared here and nowhere else (the CLI's and the window's settings show them).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from portwindow.engine.input.ports import PortSet
from portwindow.engine.input.targets import TargetSet
from portwindow.engine.scan.shards import Shard

DEFAULT_TIMEOUT = 1.0
"""Seconds: the longest wait for a probe's answer (measured round-trip times shorten it)."""
DEFAULT_RETRIES = 2
DEFAULT_BATCH_INTERVAL = 0.05
"""Seconds between two batches of results handed to the caller."""
DEFAULT_BANNER_TIMEOUT = 0.25
"""Seconds: the longest wait for each step of reading a banner."""
DEFAULT_BANNER_CONCURRENCY = 32
"""Banner connections open at once."""
DEFAULT_CONCURRENCY = 512
"""Connects in flight when the user names no number (within the descriptor budget)."""
DEFAULT_UDP_PACE = 20_000.0
"""Probes per second at the start of a UDP scan. Exact on loopback at any pace this
machine kind reaches (up to about 66,000 a second); 20,000 leaves room for slower
machines and a TCP scan alongside, so that the ETA, which counts on the pace, holds."""
HOST_GROUP = 64
"""Hosts probed side by side, their ports interleaved."""


class PortOrder(enum.Enum):
    SEQUENTIAL = "sequential"
    SHUFFLED = "shuffled"


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Everything a scan needs to know; validated on construction."""

    targets: TargetSet
    ports: PortSet
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    concurrency: int | None = None
    rate: float | None = None
    per_host: int | None = None
    order: PortOrder = PortOrder.SEQUENTIAL
    seed: int | None = None
    batch_interval: float = DEFAULT_BATCH_INTERVAL
    grab_banners: bool = False
    banner_timeout: float = DEFAULT_BANNER_TIMEOUT
    udp_pace: float = DEFAULT_UDP_PACE
    #: Scan only this shard of the (host, port) space (None: all of it).
    shard: Shard | None = None

    def __post_init__(self) -> None:
        if not 0 < self.timeout <= 60:
            raise ValueError(f"timeout {self.timeout} s is out of range (0, 60]")
        if not 0 <= self.retries <= 20:
            raise ValueError(f"retries {self.retries} is out of range 0-20")
        if self.concurrency is not None and not 1 <= self.concurrency <= 65_535:
            raise ValueError(f"concurrency {self.concurrency} is out of range 1-65535")
        if self.rate is not None and not self.rate > 0:
            raise ValueError(f"rate {self.rate} must be above 0 probes/s")
        if self.per_host is not None and self.per_host < 1:
            raise ValueError(f"per-host cap {self.per_host} must be at least 1")
        if not self.udp_pace > 0:
            raise ValueError(f"UDP pace {self.udp_pace} must be above 0 probes/s")
