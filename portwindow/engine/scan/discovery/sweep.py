"""A discovery sweep: every target address asked "are you there?" at once (within a
budget of sockets), each decided up, down or unknown as soon as it can be.

Each host gets one try of every probe at once (``pings.py``: TCP connects to a few
common ports, a UDP datagram to a closed port, an ICMP echo where allowed). The first
"up" decides it. A try that goes unanswered past its timeout looks in the neighbour
table (an address that answered ARP is there, ``neighbours.py``), then tries again,
``retries`` times; then the host is down, with the most telling answer it gave.

The timeout learns the path the way the port scan does (RFC 6298's ``srtt + 4 rttvar``,
``rtt.py``), per network (/24 for IPv4, /64 for IPv6): the machines of one network
answer alike, so once one has answered, its silent neighbours are given up on soon. A
network nobody answered from waits ``max_wait``.

Like the port scan's probes, the sweep keeps no task or timer per host: one tick
checks the deadlines.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from portwindow.engine.input.targets import ScanHost
from portwindow.engine.scan.discovery import pings
from portwindow.engine.scan.discovery.model import HostReason, HostState, HostStatus
from portwindow.engine.scan.discovery.neighbours import neighbours
from portwindow.engine.scan.limits import open_fd_count, raise_nofile_limit
from portwindow.engine.scan.rtt import RttEstimator

#: nmap's unprivileged defaults are 80 and 443; SSH, SMB and RDP find the servers and
#: Windows machines whose firewalls let only those through.
DISCOVERY_TCP_PORTS = (80, 443, 22, 445, 3389)
DISCOVERY_UDP_PORT = 40125  # nmap's -PU default: a port nobody listens on
_TICK = 0.01
_HOSTS_PER_TURN = 4
_RANKS = {HostState.UP: 3, HostState.UNKNOWN: 2, HostState.DOWN: 1}


@dataclass(frozen=True, slots=True)
class DiscoverySettings:
    """How discovery asks. ``max_wait`` is a try's timeout before the network has
    answered, ``min_wait`` the shortest it becomes; ``parallel_hosts`` bounds the hosts
    in flight (each holds ``len(tcp_ports) + 1`` sockets)."""

    tcp_ports: tuple[int, ...] = DISCOVERY_TCP_PORTS
    udp_port: int | None = DISCOVERY_UDP_PORT
    icmp: bool = True
    retries: int = 1
    max_wait: float = 1.0
    min_wait: float = 0.25
    parallel_hosts: int = 2048

    def __post_init__(self) -> None:
        if not 0 <= self.retries <= 10:
            raise ValueError("discovery retries must be 0-10")
        if not 0 < self.min_wait <= self.max_wait <= 60:
            raise ValueError("discovery waits must be 0 < min_wait <= max_wait <= 60 s")
        if self.parallel_hosts < 1:
            raise ValueError("discovery needs at least one host in flight")
        if not self.tcp_ports and self.udp_port is None and not self.icmp:
            raise ValueError("discovery needs at least one kind of probe")


def network_of(address: str) -> str:
    """The network whose machines are expected to answer alike: /24, or /64."""
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


class _Try:
    __slots__ = (
        "attempt",
        "best",
        "decided",
        "host",
        "network",
        "order",
        "outstanding",
        "probes",
        "started",
    )

    def __init__(self, host: ScanHost, network: str, order: int) -> None:
        self.host = host
        self.order = order
        self.network = network
        self.attempt = 0
        self.best: pings.Verdict | None = None
        self.decided = False
        self.outstanding = 0
        self.probes: list[pings.Probe] = []
        self.started = 0.0


class Sweep:
    """One sweep over ``hosts`` on the running loop: ``await Sweep(...).run()``."""

    def __init__(
        self,
        hosts: Iterable[ScanHost],
        settings: DiscoverySettings = DiscoverySettings(),
        on_status: Callable[[HostStatus], None] | None = None,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.settings = settings
        self._hosts: Iterator[ScanHost] = iter(hosts)
        self._exhausted = False
        self._on_status = on_status
        self._clock = clock
        self._active: dict[str, _Try] = {}
        self._timing: dict[str, RttEstimator] = {}
        self._any = RttEstimator(settings.max_wait, settings.min_wait)
        self.statuses: list[HostStatus] = []
        self._done: asyncio.Future | None = None
        self._echo: dict[int, pings.EchoPinger] = {}
        sockets_each = len(settings.tcp_ports) + (settings.udp_port is not None)
        budget = max(8, raise_nofile_limit() - max(64, open_fd_count() * 2))
        self._parallel = max(1, min(settings.parallel_hosts, budget // max(1, sockets_each)))
        self.sent = 0
        self._started = 0
        self._order: dict[str, int] = {}

    async def run(self) -> list[HostStatus]:
        loop = self._loop = asyncio.get_running_loop()
        self._done = loop.create_future()
        if self.settings.icmp:
            for family in (socket.AF_INET, socket.AF_INET6):
                self._echo[family] = pings.EchoPinger(loop, family)
        self._ticker = loop.call_later(_TICK, self._tick)
        self._fill_scheduled = False
        try:
            self._fill()
            if self._active or not self._exhausted:
                await self._done
            return sorted(self.statuses, key=lambda status: self._order[status.address])
        finally:
            self._ticker.cancel()
            for attempt in list(self._active.values()):
                self._close(attempt)
            for echo in self._echo.values():
                echo.close()

    def cancel(self) -> None:
        """Stop now: the hosts decided so far are the sweep's answer."""
        self._exhausted = True
        if self._done is not None and not self._done.done():
            self._done.set_result(None)

    @property
    def icmp_available(self) -> bool:
        return any(echo.available for echo in self._echo.values())

    # -- starting -----------------------------------------------------------------------
    def _fill(self) -> None:
        self._fill_scheduled = False
        started = 0
        while not self._exhausted and len(self._active) < self._parallel:
            if started == _HOSTS_PER_TURN:
                # Let the loop read the answers before starting more: the first hosts'
                # round trips are not to include the time spent starting the rest.
                if not self._fill_scheduled:
                    self._fill_scheduled = True
                    self._loop.call_soon(self._fill)
                return
            started += 1
            host = next(self._hosts, None)
            if host is None:
                self._exhausted = True
                break
            address = str(host.address)
            if address in self._active:
                continue
            attempt = _Try(host, network_of(address), self._started)
            self._started += 1
            self._active[address] = attempt
            self._start(attempt)
        if self._exhausted and not self._active and self._done and not self._done.done():
            self._done.set_result(None)

    def _start(self, attempt: _Try) -> None:
        loop = self._loop
        host = attempt.host
        address = str(host.address)
        family = socket.AF_INET6 if host.address.version == 6 else socket.AF_INET
        attempt.started = self._clock()
        attempt.outstanding = 0
        attempt.probes = []
        number = attempt.attempt

        def answer(verdict, _attempt=attempt, _number=number):
            self._answered(_attempt, _number, verdict)

        settings = self.settings
        starts = [(pings.tcp_ping, port) for port in settings.tcp_ports]
        if settings.udp_port is not None:
            starts.append((pings.udp_ping, settings.udp_port))
        for start, port in starts:
            if attempt.decided or attempt.attempt != number:
                return
            attempt.outstanding += 1
            probe = start(loop, address, family, port, answer)
            self.sent += 1
            if probe is not None:
                if attempt.decided:
                    probe.close()
                else:
                    attempt.probes.append(probe)
        echo = self._echo.get(family)
        if echo is not None and not attempt.decided and echo.send(address, answer):
            attempt.outstanding += 1
            self.sent += 1

    # -- answers ------------------------------------------------------------------------
    def _answered(self, attempt: _Try, number: int, verdict: pings.Verdict | None) -> None:
        if attempt.decided or attempt.attempt != number:
            return
        attempt.outstanding -= 1
        if verdict is not None:
            state, _reason = verdict
            if state is HostState.UP:
                self._decide(attempt, verdict, self._clock() - attempt.started)
                return
            if attempt.best is None or _RANKS[state] > _RANKS[attempt.best[0]]:
                attempt.best = verdict
        if attempt.outstanding <= 0 and attempt.best is not None:
            # Every probe ended, none up: the host is as its best answer says.
            self._decide(attempt, attempt.best, None)

    def _tick(self) -> None:
        now = self._clock()
        table = None
        for attempt in list(self._active.values()):
            if attempt.decided or now < attempt.started + self._timeout(attempt):
                continue
            if table is None:
                table = neighbours()
            neighbour = table.get(str(attempt.host.address))
            if neighbour is not None and neighbour.confirmed:
                self._decide(attempt, (HostState.UP, HostReason.ARP_RESPONSE), None)
            elif attempt.attempt < self.settings.retries:
                self._close(attempt)
                attempt.attempt += 1
                self._start(attempt)
            else:
                verdict = attempt.best or (HostState.DOWN, HostReason.NO_RESPONSE)
                self._decide(attempt, verdict, None)
        if self._done is not None and not self._done.done():
            self._ticker = self._loop.call_later(_TICK, self._tick)

    def _timeout(self, attempt: _Try) -> float:
        timing = self._timing.get(attempt.network)
        if timing is not None and timing.srtt is not None:
            return timing.timeout
        if self._any.srtt is not None:
            # Another network answered; this one may be farther: twice as patient.
            return min(self.settings.max_wait, 2 * self._any.timeout)
        return self.settings.max_wait

    def _decide(self, attempt: _Try, verdict: pings.Verdict, rtt: float | None) -> None:
        attempt.decided = True
        self._close(attempt)
        address = str(attempt.host.address)
        self._active.pop(address, None)
        if rtt is not None:
            timing = self._timing.get(attempt.network)
            if timing is None:
                timing = self._timing[attempt.network] = RttEstimator(
                    self.settings.max_wait, self.settings.min_wait
                )
            timing.sample(rtt)
            self._any.sample(rtt)
        state, reason = verdict
        status = HostStatus(address, state, reason, rtt, label=attempt.host.label)
        self._order[address] = attempt.order
        self.statuses.append(status)
        if self._on_status is not None:
            self._on_status(status)
        self._fill()

    def _close(self, attempt: _Try) -> None:
        for probe in attempt.probes:
            probe.close()
        attempt.probes = []
        family = socket.AF_INET6 if attempt.host.address.version == 6 else socket.AF_INET
        echo = self._echo.get(family)
        if echo is not None:
            echo.forget(str(attempt.host.address))


async def sweep(
    hosts: Iterable[ScanHost],
    settings: DiscoverySettings = DiscoverySettings(),
    on_status: Callable[[HostStatus], None] | None = None,
) -> list[HostStatus]:
    """Discover ``hosts``; their statuses in the order of ``hosts``."""
    return await Sweep(hosts, settings, on_status).run()
