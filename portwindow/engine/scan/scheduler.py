"""One scan: hosts times ports, probed through a sliding window, delivered in batches.

``Scan`` schedules the work the probers do (``probes/tcp_connect.py`` for TCP, ``probes/udp.py``
for UDP): it walks the targets lazily in host groups, interleaves ports across the hosts
of a group, keeps at most ``window`` probes in flight (and at most ``per_host`` per host),
retries probes that got no answer, honours a rate limit, and hands results out in batches
about every 50 ms with a progress snapshot. It can be paused, resumed and cancelled; a
cancelled scan keeps what it found and says it is partial.

A port set with TCP and UDP ports is probed by two pumps running side by side on the same
loop, one per protocol, sharing the batches, the progress, the rate limit and the
controls. UDP probes also go through a pacer (``udp_pace.py``), because a closed UDP port
answers only with an ICMP message that kernels ration.

It runs on whichever asyncio loop awaits it (plain asyncio or uvloop). The GUI hosts it on
a loop of its own in a worker thread through ``runner.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import time
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from ipaddress import IPv4Address, IPv6Address
from time import perf_counter

from portwindow.engine.core.model import (
    HostError,
    PortResult,
    PortState,
    Progress,
    Protocol,
    Reason,
    ScanBatch,
    ScanSummary,
)
from portwindow.engine.scan import limits
from portwindow.engine.scan.config import HOST_GROUP, PortOrder, ScanConfig
from portwindow.engine.scan.probes.tcp_connect import (
    PENDING,
    RETRY_LATER,
    SELF_CONNECT,
    ProbeDriver,
)
from portwindow.engine.scan.probes.udp import UdpProbeDriver
from portwindow.engine.scan.probes.udp_pace import (
    RATIONED_EXTRA_RETRIES,
    Pacer,
    fallback_pace,
    udp_eta,
)
from portwindow.engine.scan.probes.udp_payloads import payload_for
from portwindow.engine.scan.rtt import RttEstimator
from portwindow.engine.scan.state import ScanState

_SELF_CONNECT_RETRIES = 8
# Probes started between two returns to the event loop; small enough that a cancel, a
# pause or a batch is never held up by more than a few milliseconds.
_STEP = 256
_RETRY_BACKOFF = 0.01


class _Host:
    """A host being scanned: where it is, how fast it answers, how far we got."""

    __slots__ = ("address", "estimator", "family", "inflight", "label", "next_index", "port_order")

    def __init__(self, label: str, address: IPv4Address | IPv6Address, timeout: float) -> None:
        self.label = label
        self.address = str(address)
        self.family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        self.estimator = RttEstimator(timeout)
        self.inflight = 0
        self.next_index = 0


BatchCallback = Callable[[ScanBatch], None]
Publish = Callable[[PortResult], None]


class Enricher(typing.Protocol):
    """Learns more about ports the scan found open (``banners.py`` reads banners).

    The scan calls ``submit`` with each open TCP result; the enricher calls ``publish``
    with an updated result for the same port, which the scan passes on in a later batch.
    After the last probe the scan awaits ``drain``; a cancelled scan calls ``close``.
    """

    def submit(self, result: PortResult) -> None: ...

    async def drain(self) -> None: ...

    def close(self) -> None: ...


EnricherFactory = Callable[[asyncio.AbstractEventLoop, Publish, ScanConfig], Enricher]


def _default_enricher(
    loop: asyncio.AbstractEventLoop, publish: Publish, config: ScanConfig
) -> Enricher | None:
    if not config.grab_banners:
        return None
    from portwindow.engine.scan.enrich.banners import BannerGrabber  # noqa: PLC0415 - only when banners are wanted

    return BannerGrabber(loop, publish, timeout=config.banner_timeout)


class Scan:
    """A TCP connect and UDP scan. Create it, then ``await scan.run(on_batch)`` or iterate it."""

    def __init__(self, config: ScanConfig, *, enricher: EnricherFactory | None = None) -> None:
        self.config = config
        self._enricher_factory = enricher or _default_enricher
        self._enricher: Enricher | None = None
        self.state = ScanState.IDLE
        self._ports: tuple[int, ...] = tuple(config.ports.tcp)
        self._udp_ports: tuple[int, ...] = tuple(config.ports.udp)
        if config.order is PortOrder.SHUFFLED:
            rng = random.Random(config.seed)
            shuffled = list(self._ports)
            rng.shuffle(shuffled)
            self._ports = tuple(shuffled)
            shuffled = list(self._udp_ports)
            rng.shuffle(shuffled)
            self._udp_ports = tuple(shuffled)
        self._window = limits.window_size(config.concurrency)
        self._cancelled = False
        self._paused = False
        self._resumed: asyncio.Event | None = None
        self._wake: asyncio.Future | None = None
        self._retries: deque = deque()
        self._next_flush = 0.0
        self._tcp_sent = 0  # updated by the TCP pump between steps, for the shared rate limit
        self._udp = _UdpState()
        self._buffer: list[PortResult] = []
        self._counts = dict.fromkeys(PortState, 0)
        self._done = 0
        self._total = 0
        self._inflight = 0
        self._started_wall = 0.0
        self._started = 0.0
        self._paused_at: float | None = None
        self._paused_total = 0.0
        self._host_errors: tuple[HostError, ...] = ()
        self._driver: ProbeDriver | None = None

    @property
    def window(self) -> int:
        return self._window

    # Control, from the scan's own loop thread.

    def cancel(self) -> None:
        self._cancelled = True
        if self.state in (ScanState.STARTING, ScanState.SCANNING):
            self.state = ScanState.STOPPING
        self._poke()
        self._udp.poke()
        if self._resumed is not None:
            self._resumed.set()

    def pause(self) -> None:
        if not self._paused:
            self._paused = True
            self._paused_at = perf_counter()
            if self._resumed is not None:
                self._resumed.clear()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            if self._paused_at is not None:
                self._paused_total += perf_counter() - self._paused_at
                self._paused_at = None
            if self._resumed is not None:
                self._resumed.set()

    @property
    def paused(self) -> bool:
        return self._paused

    def progress(self) -> Progress:
        elapsed = self._elapsed()
        rate = self._done / elapsed if elapsed > 0 else 0.0
        remaining = self._total - self._done
        if self._udp.total:
            eta = self._mixed_eta(elapsed)
        else:
            eta = remaining / rate if rate > 0 else None
        c = self._counts
        return Progress(
            done=self._done,
            total=self._total,
            elapsed=elapsed,
            rate=rate,
            eta=eta,
            open=c[PortState.OPEN],
            closed=c[PortState.CLOSED],
            filtered=c[PortState.FILTERED],
            open_filtered=c[PortState.OPEN_FILTERED],
        )

    def _elapsed(self) -> float:
        if not self._started:
            return 0.0
        now = self._paused_at if self._paused_at is not None else perf_counter()
        return max(0.0, now - self._started - self._paused_total)

    @property
    def udp_pace(self) -> float | None:
        """UDP probes per second now (lower than configured after losses); None before."""
        pacer = self._udp.pacer
        if pacer is None:
            return None
        rate = self.config.rate
        return min(pacer.rate, rate) if rate is not None else pacer.rate

    def _mixed_eta(self, elapsed: float) -> float | None:
        """The later of the two parts' ends: TCP's from its rate so far, UDP's from its
        pace (the UDP part's rate so far says little: closed ports answer in
        microseconds, silent ones after every retry)."""
        udp = self._udp
        tcp_total = self._total - udp.total
        tcp_done = self._done - udp.done
        tcp_eta: float | None = 0.0
        if tcp_done < tcp_total:
            tcp_eta = (tcp_total - tcp_done) * elapsed / tcp_done if tcp_done else None
        pace = self.udp_pace
        if pace is None:
            return None
        if udp.busy > 0:
            # No faster than this machine has been sending them.
            pace = min(pace, udp.sent / udp.busy)
        now = perf_counter()
        timeout = udp.timeout_hint or self.config.timeout
        retries = self.config.retries
        waiting = []
        if udp.driver is not None:
            waiting = [
                max(0.0, deadline - now) + (retries - attempt) * timeout
                for deadline, attempt in udp.driver.pending_attempts()
            ]
        waiting += [(retries - attempt + 1) * timeout for _h, _p, attempt, _l in udp.retries]
        udp_left = udp_eta(
            unsent=udp.total - udp.first_sent,
            pace=pace,
            timeout=timeout,
            retries=retries,
            silent_seen=udp.silent_seen,
            waiting=waiting,
        )
        if tcp_eta is None:
            return None
        return max(tcp_eta, udp_left)

    # Running.

    async def run(self, on_batch: BatchCallback | None = None) -> ScanSummary:
        """Scan everything (or until cancelled); return how it ended."""
        if self.state is not ScanState.IDLE:
            raise RuntimeError("a Scan runs once")
        loop = asyncio.get_running_loop()
        self.state = ScanState.STARTING
        self._started_wall = time.time()
        self._started = perf_counter()
        self._next_flush = self._started + self.config.batch_interval
        self._resumed = asyncio.Event()
        if not self._paused:
            self._resumed.set()
        emit = on_batch or (lambda batch: None)
        udp = self._udp
        try:
            hosts, host_count, self._host_errors, more_hosts = await self._plan_hosts()
            udp.total = host_count * len(self._udp_ports)
            self._total = host_count * len(self._ports) + udp.total
            if not self._cancelled:
                self.state = ScanState.SCANNING
                self._enricher = self._enricher_factory(loop, self._publish, self.config)
                pumps = []
                if self._ports:
                    self._driver = ProbeDriver(loop, self._on_answer, self._on_timeout)
                    pumps.append(self._pump(hosts, emit))
                if self._udp_ports:
                    udp.driver = UdpProbeDriver(loop, self._on_udp_answer, self._on_udp_timeout)
                    pace = self.config.udp_pace
                    if self.config.rate is not None:
                        pace = min(pace, self.config.rate)
                    udp.pacer = Pacer(pace, fallback=fallback_pace(), now=perf_counter())
                    pumps.append(self._udp_pump(more_hosts() if self._ports else hosts, emit))
                await _run_together(pumps)
                if self._enricher is not None and not self._cancelled:
                    await self._drain_enricher(emit)
        finally:
            if self._driver is not None:
                self._driver.close()
            if udp.driver is not None:
                udp.driver.close()
            if self._enricher is not None:
                self._enricher.close()
            self.state = ScanState.FINISHED
        progress = self.progress()
        emit(ScanBatch(tuple(self._take_buffer()), progress))
        return ScanSummary(
            progress=progress,
            partial=progress.done < progress.total,
            started_at=self._started_wall,
            finished_at=time.time(),
            host_errors=self._host_errors,
        )

    def __aiter__(self):
        return _BatchIterator(self)

    async def _plan_hosts(self):
        targets = self.config.targets
        resolution = await targets.resolve()
        count = targets.host_count(resolution)

        def more_hosts():
            return targets.iter_hosts(resolution)

        return more_hosts(), count, resolution.errors, more_hosts

    def _work(self, hosts: Iterable, nports: int | None = None) -> Iterator[_Host | None]:
        """Yield the host whose next port should be probed; None when all are at their cap."""
        host_iter = iter(hosts)
        active: deque[_Host] = deque()
        if nports is None:
            nports = len(self._ports)
        cap = self.config.per_host
        timeout = self.config.timeout
        chunk = 1 if cap else 32
        exhausted = nports == 0
        while True:
            while not exhausted and len(active) < HOST_GROUP:
                item = next(host_iter, None)
                if item is None:
                    exhausted = True
                    break
                active.append(_Host(item.label, item.address, timeout))
            if not active:
                return
            progressed = False
            for _ in range(len(active)):
                host = active[0]
                if cap and host.inflight >= cap:
                    active.rotate(-1)
                    continue
                end = min(host.next_index + chunk, nports)
                while host.next_index < end:
                    yield host
                    host.next_index += 1
                    if cap and host.inflight >= cap:
                        break
                progressed = True
                if host.next_index >= nports:
                    active.popleft()
                else:
                    active.rotate(-1)
            if not progressed:
                yield None

    async def _pump(self, hosts: Iterable, emit: BatchCallback) -> None:
        loop = asyncio.get_running_loop()
        driver = self._driver
        assert driver is not None
        start = driver.start
        ports = self._ports
        retries = self._retries
        record = self._record
        work = self._work(hosts)
        work_left = True
        rate = self.config.rate
        udp = self._udp
        started_probes = 0
        window = self._window
        retry_after = 0.0
        while not self._cancelled:
            if self._paused:
                await self._resumed.wait()
                continue
            now = perf_counter()
            if driver.pending_count and (d := driver.next_deadline()) is not None and d <= now:
                driver.expire(now)
            blocked = False
            budget = _STEP
            while budget and self._inflight < window:
                if rate is not None and started_probes + udp.sent >= rate * self._elapsed() + 1:
                    blocked = True
                    break
                if retries and now >= retry_after:
                    host, port, attempt, self_connects = retries.popleft()
                elif work_left:
                    host = next(work, False)
                    if host is False:
                        work_left = False
                        continue
                    if host is None:
                        blocked = True
                        break
                    port = ports[host.next_index]
                    attempt = 0
                    self_connects = 0
                else:
                    break
                budget -= 1
                started_probes += 1
                outcome, rtt = start(
                    host,
                    host.family,
                    (host.address, port),
                    port,
                    attempt,
                    host.estimator.timeout,
                )
                if outcome is PENDING:
                    host.inflight += 1
                    self._inflight += 1
                elif outcome is RETRY_LATER:
                    retries.append((host, port, attempt, self_connects))
                    retry_after = perf_counter() + _RETRY_BACKOFF
                    window = max(1, min(window, self._inflight))
                    blocked = True
                    break
                elif outcome is SELF_CONNECT:
                    self._self_connected(host, port, attempt, self_connects)
                else:
                    host.estimator.sample(rtt)
                    record(host, port, outcome, rtt)
            self._tcp_sent = started_probes
            now = perf_counter()
            if now >= self._next_flush:
                self._flush(emit, now)
            if not work_left and not retries and not self._inflight:
                break
            if blocked or self._inflight >= window or (not work_left and not retries):
                await self._sleep_until_event(loop, self._next_flush, retry_after, rate is not None)
                if window < self._window and self._inflight < window:
                    window = min(self._window, window * 2)
            else:
                await asyncio.sleep(0)

    def _flush(self, emit: BatchCallback, now: float) -> None:
        emit(ScanBatch(tuple(self._take_buffer()), self.progress()))
        self._next_flush = now + self.config.batch_interval

    async def _udp_pump(self, hosts: Iterable, emit: BatchCallback) -> None:
        """The UDP counterpart of ``_pump``: the same window, retries and controls, with
        every probe (retries too) waiting for the pacer."""
        loop = asyncio.get_running_loop()
        udp = self._udp
        driver = udp.driver
        pacer = udp.pacer
        assert driver is not None
        assert pacer is not None
        start = driver.start
        ports = self._udp_ports
        retries = udp.retries
        record = self._record_udp
        work = self._work(hosts, len(ports))
        work_left = True
        rate = self.config.rate
        window = self._window
        retry_after = 0.0
        while not self._cancelled:
            if self._paused:
                await self._resumed.wait()
                continue
            now = perf_counter()
            if driver.pending_count and (d := driver.next_deadline()) is not None and d <= now:
                driver.expire(now)
            wait_for: float | None = None  # seconds until sending may go on by itself
            budget = _STEP
            sent_before = udp.sent
            loop_started = perf_counter()
            while budget and udp.inflight < window:
                if (wait := pacer.delay(now)) > 0:
                    wait_for = wait
                    break
                if rate is not None and udp.sent + self._tcp_sent >= rate * self._elapsed() + 1:
                    wait_for = _RATE_POLL
                    break
                if retries and now >= retry_after:
                    host, port, attempt, lost_at = retries.popleft()
                elif work_left:
                    host = next(work, False)
                    if host is False:
                        work_left = False
                        continue
                    if host is None:
                        break  # every host is at its cap: an answer or a timeout frees one
                    port = ports[host.next_index]
                    attempt = 0
                    lost_at = 0.0
                    udp.first_sent += 1
                else:
                    break
                budget -= 1
                pacer.take()
                udp.sent += 1
                timeout = host.estimator.timeout
                udp.timeout_hint = timeout
                sockaddr = (host.address, port)
                payload = payload_for(port)
                outcome, rtt = start(
                    host, host.family, sockaddr, port, attempt, timeout, payload, lost_at
                )
                if outcome is PENDING:
                    host.inflight += 1
                    udp.inflight += 1
                elif outcome is RETRY_LATER:
                    retries.append((host, port, attempt, lost_at))
                    retry_after = perf_counter() + _RETRY_BACKOFF
                    window = max(1, min(window, udp.inflight))
                    wait_for = _RETRY_BACKOFF
                    break
                elif attempt == CANARY:
                    self._canary_answered()
                else:
                    host.estimator.sample(rtt)
                    record(host, port, outcome, rtt, lost_at)
            now = perf_counter()
            if udp.sent != sent_before:
                udp.busy += now - loop_started
            if now >= self._next_flush:
                self._flush(emit, now)
            if not work_left and not retries and not udp.inflight:
                for host, port, _attempt, _sent_at in udp.parked:
                    record(host, port, (PortState.OPEN_FILTERED, Reason.NO_RESPONSE), None, 0.0)
                udp.parked.clear()
                break
            wake_at = self._next_flush
            if wait_for is not None:
                wake_at = min(wake_at, now + wait_for)
            if retries:
                wake_at = min(wake_at, max(retry_after, now + 0.001))
            if (deadline := driver.next_deadline()) is not None:
                wake_at = min(wake_at, deadline)
            if wait_for is None and budget == 0:
                await asyncio.sleep(0)
            else:
                await udp.sleep(loop, wake_at)
            if window < self._window and udp.inflight < window:
                window = min(self._window, window * 2)

    def _record_udp(self, host: _Host, port: int, outcome, rtt: float | None, lost_at: float):
        """Record a UDP verdict; ``lost_at`` is when an earlier attempt went unanswered."""
        state, reason = outcome
        self._buffer.append(
            PortResult(
                host.label,
                host.address,
                Protocol.UDP,
                port,
                state,
                reason,
                rtt,
                time.time(),
            )
        )
        self._counts[state] += 1
        self._done += 1
        udp = self._udp
        udp.done += 1
        if state in _ICMP_STATES and udp.pacer is not None:
            udp.pacer.on_answer()
            if udp.canary is None:
                udp.canary = (host, port)
            # An ICMP answer to a retry: the earlier attempt's answer was lost, most
            # likely to the target's ICMP ration.
            if lost_at and udp.pacer.on_loss(perf_counter(), lost_at, hold=host.estimator.timeout):
                udp.unpark()

    def _on_udp_answer(
        self, host: _Host, port: int, attempt: int, outcome, rtt: float, lost_at: float
    ) -> None:
        host.inflight -= 1
        udp = self._udp
        udp.inflight -= 1
        if outcome is RETRY_LATER:
            udp.retries.append((host, port, attempt, lost_at))
        elif attempt == CANARY:
            self._canary_answered()
        else:
            host.estimator.sample(rtt)
            self._record_udp(host, port, outcome, rtt, lost_at)
        udp.poke()

    def _canary_answered(self) -> None:
        """The port that answered with an ICMP error before did so again: the silences
        are the target's own (a firewall dropping those ports), not a ration."""
        udp = self._udp
        udp.canary_out = False
        if udp.pacer is not None:
            udp.pacer.refute()

    def _ask_canary(self) -> None:
        """Silences piled up: probe again a port that answered with an ICMP error. A ration
        leaves it silent too; a firewall dropping the silent ports does not."""
        udp = self._udp
        if udp.canary is not None and not udp.canary_out:
            udp.canary_out = True
            host, port = udp.canary
            udp.retries.appendleft((host, port, CANARY, 0.0))

    def _on_udp_timeout(self, host: _Host, port: int, attempt: int, sent_at: float) -> None:
        host.inflight -= 1
        udp = self._udp
        udp.inflight -= 1
        pacer = udp.pacer
        if attempt == CANARY:
            udp.canary_out = False
            if pacer is not None and pacer.confirm(perf_counter(), hold=host.estimator.timeout):
                udp.unpark()
            udp.poke()
            return
        udp.silent_seen = True
        if pacer is not None:
            if pacer.on_silence(perf_counter(), sent_at, hold=host.estimator.timeout):
                udp.unpark()
            elif pacer.wants_canary:
                pacer.wants_canary = False
                self._ask_canary()
        # Sent at a pace since given up because the target was rationing its answers:
        # the silence proves nothing, so the next try does not count as a retry.
        rationed = pacer is not None and pacer.slowdowns > 0
        unheard = rationed and sent_at < pacer.changed_at
        allowed = self.config.retries + (RATIONED_EXTRA_RETRIES if rationed else 0)
        if unheard:
            udp.retries.append((host, port, attempt, sent_at))
        elif attempt < allowed:
            udp.retries.append((host, port, attempt + 1, sent_at))
        elif rationed:
            # Its last try went out at this pace; should the pace still prove too fast,
            # the port tries again at the slower one. Judged when the UDP part ends.
            udp.parked.append((host, port, attempt, sent_at))
        else:
            outcome = (PortState.OPEN_FILTERED, Reason.NO_RESPONSE)
            self._record_udp(host, port, outcome, None, 0.0)
        udp.poke()

    async def _sleep_until_event(self, loop, next_flush: float, retry_after: float, rated: bool):
        """Wait until a pending probe answers, one times out, a batch is due, or a retry."""
        wake_at = next_flush
        deadline = self._driver.next_deadline() if self._driver else None
        if deadline is not None:
            wake_at = min(wake_at, deadline)
        if self._retries:
            wake_at = min(wake_at, max(retry_after, perf_counter() + 0.001))
        if rated:
            wake_at = min(wake_at, perf_counter() + 0.002)
        self._wake = loop.create_future()
        timer = loop.call_later(max(0.0, wake_at - perf_counter()), self._poke)
        try:
            await self._wake
        finally:
            timer.cancel()
            self._wake = None

    def _poke(self) -> None:
        wake = self._wake
        if wake is not None and not wake.done():
            wake.set_result(None)

    def _record(self, host: _Host, port: int, outcome, rtt: float | None) -> None:
        state, reason = outcome
        result = PortResult(
            host.label,
            host.address,
            Protocol.TCP,
            port,
            state,
            reason,
            rtt,
            time.time(),
        )
        self._buffer.append(result)
        self._counts[state] += 1
        self._done += 1
        if state is PortState.OPEN and self._enricher is not None:
            self._enricher.submit(result)

    def _publish(self, result: PortResult) -> None:
        """An enricher learnt more about a port: pass the updated result on."""
        self._buffer.append(result)

    async def _drain_enricher(self, emit: BatchCallback) -> None:
        """Wait for the enricher's last answers, still handing out batches meanwhile."""
        assert self._enricher is not None
        task = asyncio.ensure_future(self._enricher.drain())
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=self.config.batch_interval)
                if self._cancelled:
                    break
                if self._buffer:
                    emit(ScanBatch(tuple(self._take_buffer()), self.progress()))
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def _self_connected(self, host: _Host, port: int, attempt: int, self_connects: int) -> None:
        if self_connects < _SELF_CONNECT_RETRIES:
            self._retries.append((host, port, attempt, self_connects + 1))
        else:
            # The kernel kept choosing the target port as the local one, which it only does
            # when nothing listens there.
            self._record(host, port, (PortState.CLOSED, Reason.CONN_REFUSED), None)

    def _on_answer(self, host: _Host, port: int, attempt: int, outcome, rtt: float) -> None:
        host.inflight -= 1
        self._inflight -= 1
        if outcome is RETRY_LATER:
            self._retries.append((host, port, attempt, 0))
        elif outcome is SELF_CONNECT:
            self._self_connected(host, port, attempt, 0)
        else:
            host.estimator.sample(rtt)
            self._record(host, port, outcome, rtt)
        self._poke()

    def _on_timeout(self, host: _Host, port: int, attempt: int) -> None:
        host.inflight -= 1
        self._inflight -= 1
        if attempt < self.config.retries:
            self._retries.append((host, port, attempt + 1, 0))
        else:
            self._record(host, port, (PortState.FILTERED, Reason.NO_RESPONSE), None)
        self._poke()

    def _take_buffer(self) -> list[PortResult]:
        buffer, self._buffer = self._buffer, []
        return buffer


_RATE_POLL = 0.002
CANARY = -1  # the attempt number of a probe sent to tell a ration from a firewall
_ICMP_STATES = frozenset({PortState.CLOSED, PortState.FILTERED})


class _UdpState:
    """The UDP pump's share of a scan: its prober, pacer, retries and counters."""

    __slots__ = (
        "busy",
        "canary",
        "canary_out",
        "done",
        "driver",
        "first_sent",
        "inflight",
        "pacer",
        "parked",
        "retries",
        "sent",
        "silent_seen",
        "timeout_hint",
        "total",
        "wake",
    )

    def __init__(self) -> None:
        self.driver: UdpProbeDriver | None = None
        self.pacer: Pacer | None = None
        self.retries: deque[tuple[_Host, int, int, float]] = deque()  # host, port, attempt, lost_at
        # Silent after every try, towards a target that rations: the verdict waits (unpark).
        self.parked: list[tuple[_Host, int, int, float]] = []
        # A port that answered with an ICMP error, probed again to tell a ration from a
        # firewall (see Scan._ask_canary); whether that probe is out.
        self.canary: tuple[_Host, int] | None = None
        self.canary_out = False
        self.total = 0
        self.done = 0
        self.first_sent = 0
        self.sent = 0
        self.busy = 0.0  # seconds spent sending: sent / busy is the most this machine does
        self.inflight = 0
        self.silent_seen = False
        self.timeout_hint = 0.0
        self.wake: asyncio.Future | None = None

    async def sleep(self, loop: asyncio.AbstractEventLoop, wake_at: float) -> None:
        """Sleep until ``wake_at`` or a ``poke`` (an answer, a timeout, a cancel)."""
        self.wake = loop.create_future()
        timer = loop.call_later(max(0.0, wake_at - perf_counter()), self.poke)
        try:
            await self.wake
        finally:
            timer.cancel()
            self.wake = None

    def unpark(self) -> None:
        """The pace dropped: the parked ports' last tries went out too fast to prove
        anything, so each tries again (not counted as a retry)."""
        self.retries.extend(self.parked)
        self.parked.clear()
        self.poke()

    def poke(self) -> None:
        wake = self.wake
        if wake is not None and not wake.done():
            wake.set_result(None)


async def _run_together(pumps: list) -> None:
    """Await the pumps side by side; if one fails, stop the other before raising."""
    if len(pumps) == 1:
        await pumps[0]
        return
    tasks = [asyncio.ensure_future(pump) for pump in pumps]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class _BatchIterator:
    """``async for batch in scan``: the scan runs in a task; batches arrive through a queue."""

    def __init__(self, scan: Scan) -> None:
        self._scan = scan
        self._queue: asyncio.Queue = asyncio.Queue()
        self._task: asyncio.Task | None = None
        self.summary: ScanSummary | None = None

    def __aiter__(self):
        return self

    async def __anext__(self) -> ScanBatch:
        if self._task is None:
            self._task = asyncio.ensure_future(self._scan.run(self._queue.put_nowait))
            self._task.add_done_callback(lambda _t: self._queue.put_nowait(None))
        batch = await self._queue.get()
        if batch is None:
            self.summary = self._task.result()
            raise StopAsyncIteration
        return batch
