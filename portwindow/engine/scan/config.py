"""What a scan is asked to do: :class:`ScanConfig`, validated once, and every default a
scan has, declared here and nowhere else (the CLI's and the window's settings show them).
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass, replace

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.text import quoted
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
DEFAULT_CONCURRENCY = 4096
"""Probes in flight when the user names no number (within the descriptor budget): where
each host's window (``timing.py``) starts. Large, since a firewall that drops costs a
timeout per probe: 4,096 connects 40 ms away in flight keep a DROP firewall's ports
going at about 30,000 tries a second, more than this machine kind sends."""
DEFAULT_UDP_PACE = 20_000.0
"""Probes per second at the start of a UDP scan. Exact on loopback at any pace this
machine kind reaches (up to about 66,000 a second); 20,000 leaves room for slower
machines and a TCP scan alongside, so that the ETA, which counts on the pace, holds."""
MAX_WORKERS = 64
HOST_GROUP = 64
"""Hosts probed side by side, their ports interleaved."""

# The ranges a scan's settings must be in; both faces check them before a scan starts.
TIMEOUT_RANGE = (0.01, 60.0)
"""Seconds. Below 10 ms nothing answers in time, not even loopback under load."""
RETRIES_RANGE = (0, 20)
CONCURRENCY_RANGE = (1, 65_535)
"""Connects in flight (and per host)."""
RATE_RANGE = (0.1, 10_000_000.0)
"""Probes per second: one every ten seconds at the slowest (a scan still ends)."""
UDP_PACE_RANGE = (1.0, 1_000_000.0)
"""UDP probes per second to start at; the slowest is the pacer's own floor (MIN_PACE)."""


class PortOrder(enum.Enum):
    SEQUENTIAL = "sequential"
    SHUFFLED = "shuffled"


class TimingPreset(enum.Enum):
    """How hard a scan knocks, as one word (``--timing``); each names a timeout, retries,
    a window, a rate and a UDP pace (``TIMING_PRESETS``), which options given one by one
    override. ``normal`` is the default: the timing engine (``timing.py``) learns the
    path, so it is as fast as the path allows and exact."""

    PARANOID = "paranoid"
    POLITE = "polite"
    NORMAL = "normal"
    AGGRESSIVE = "aggressive"


@dataclass(frozen=True, slots=True)
class TimingValues:
    timeout: float
    retries: int
    concurrency: int | None  # None: DEFAULT_CONCURRENCY, within the descriptor budget
    rate: float | None  # probes a second at most; None: no limit
    udp_pace: float


TIMING_PRESETS = {
    # One probe at a time, one a second, patient: for a fragile device or an IDS.
    TimingPreset.PARANOID: TimingValues(5.0, 5, 1, 1.0, 1.0),
    # A hundred a second at most, few in flight: a busy network's neighbour.
    TimingPreset.POLITE: TimingValues(2.0, 3, 16, 100.0, 100.0),
    TimingPreset.NORMAL: TimingValues(
        DEFAULT_TIMEOUT, DEFAULT_RETRIES, None, None, DEFAULT_UDP_PACE
    ),
    # Short waits, one retry, a wide window: fast on a good path, and on a lossy or
    # rationing one it may call a few ports filtered that are not.
    TimingPreset.AGGRESSIVE: TimingValues(0.5, 1, 16_384, None, 60_000.0),
}


def parse_timing(text: str) -> TimingPreset:
    """``paranoid``, ``polite``, ``normal`` or ``aggressive`` (any case)."""
    try:
        return TimingPreset(text.strip().lower())
    except ValueError:
        names = ", ".join(p.value for p in TimingPreset)
        raise InputError(f"timing {quoted(text)} is not one of {names}", token=text) from None


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
    timing: TimingPreset = TimingPreset.NORMAL
    """The preset the values came from (see :meth:`with_timing`)."""
    workers: int = 1
    """Scanning processes (``workers.py``), each a shard of the TCP doors (``shards.py``)."""

    @classmethod
    def with_timing(
        cls,
        targets: TargetSet,
        ports: PortSet,
        timing: TimingPreset = TimingPreset.NORMAL,
        *,
        timeout: float | None = None,
        retries: int | None = None,
        concurrency: int | None = None,
        rate: float | None = None,
        udp_pace: float | None = None,
        **rest,
    ) -> ScanConfig:
        """A config from ``timing``'s values, each given value (not None) instead."""
        preset = TIMING_PRESETS[timing]
        return cls(
            targets,
            ports,
            timeout=preset.timeout if timeout is None else timeout,
            retries=preset.retries if retries is None else retries,
            concurrency=preset.concurrency if concurrency is None else concurrency,
            rate=preset.rate if rate is None else rate,
            udp_pace=preset.udp_pace if udp_pace is None else udp_pace,
            timing=timing,
            **rest,
        )

    def __post_init__(self) -> None:
        _check("timeout", self.timeout, TIMEOUT_RANGE, "s")
        _check("retries", self.retries, RETRIES_RANGE)
        if self.concurrency is not None:
            _check("concurrency", self.concurrency, CONCURRENCY_RANGE)
        if self.rate is not None:
            _check("rate", self.rate, RATE_RANGE, "probes/s")
        if self.per_host is not None:
            _check("per-host cap", self.per_host, CONCURRENCY_RANGE)
        _check("UDP pace", self.udp_pace, UDP_PACE_RANGE, "probes/s")
        _check("workers", self.workers, (1, MAX_WORKERS))

    def share(self, parts: int) -> ScanConfig:
        """The config of one of ``parts`` scans that run at once on the same targets (the
        workers' processes, a cluster's tasks): its share of the budget (the window, the
        per-host cap and the rate), so that together they knock no harder than this
        config alone."""
        if parts <= 1:
            return self
        return replace(
            self,
            concurrency=_share(self.concurrency or DEFAULT_CONCURRENCY, parts),
            per_host=None if self.per_host is None else _share(self.per_host, parts),
            rate=None if self.rate is None else max(RATE_RANGE[0], self.rate / parts),
        )


def _share(value: int, parts: int) -> int:
    return max(1, math.ceil(value / parts))


def _check(name: str, value: float, bounds: tuple[float, float], unit: str = "") -> None:
    low, high = bounds
    if not low <= value <= high:  # NaN fails this too
        unit = f" {unit}" if unit else ""
        raise ValueError(f"{name} {value}{unit} is out of range {low:g}-{high:g}")
