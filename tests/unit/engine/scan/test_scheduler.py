"""The scan engine against real listeners on 127.0.0.1 (and ::1 where the machine has it)."""

import asyncio
import dataclasses
import os
import resource
import socket
import time

import pytest

from portwindow.engine.core.model import PortState, Protocol, Reason, ScanBatch
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import PortOrder, ScanConfig
from portwindow.engine.scan.probes.base import is_self_connect as _is_self_connect
from portwindow.engine.scan.scheduler import Scan
from portwindow.engine.scan.state import ScanState
from tests.support.listeners import (
    free_ports,
    ipv6_loopback_available,
    listeners,
    listening_ports_ipv4_loopback,
    unanswering_port,
)


def config(targets="127.0.0.1", ports="1-1024", **kw) -> ScanConfig:
    return ScanConfig(parse_targets(targets), parse_ports(ports), **kw)


async def collect(scan: Scan):
    batches: list[ScanBatch] = []
    summary = await scan.run(batches.append)
    results = [r for b in batches for r in b.results]
    return results, batches, summary


def port_list(ports):
    return ",".join(str(p) for p in ports)


def test_open_and_closed_ports_get_exact_states_and_reasons(run_loop):
    closed = free_ports(5)
    with listeners(5) as open_ports:
        results, _, summary = run_loop(collect(Scan(config(ports=port_list(open_ports + closed)))))
    by_port = {r.port: r for r in results}
    assert sorted(by_port) == sorted(open_ports + closed)
    for port in open_ports:
        assert by_port[port].state is PortState.OPEN
        assert by_port[port].reason is Reason.SYN_ACK
    for port in closed:
        assert by_port[port].state is PortState.CLOSED
        assert by_port[port].reason is Reason.CONN_REFUSED
    for r in results:
        assert r.protocol is Protocol.TCP
        assert r.address == "127.0.0.1"
        assert r.host == "127.0.0.1"
        assert r.rtt is not None
        assert 0 <= r.rtt < 1
        assert abs(r.scanned_at - time.time()) < 60
    assert not summary.partial
    assert (summary.progress.open, summary.progress.closed) == (5, 5)
    assert summary.progress.done == summary.progress.total == 10


def test_full_range_matches_the_kernels_listeners_back_to_back(run_loop):
    """No phantom open ports from self-connects in the ephemeral range, none missed, and
    no exhaustion of local ports over repeated full scans."""
    with listeners(20) as ours:
        for _ in range(3):
            before = listening_ports_ipv4_loopback()
            results, _, summary = run_loop(collect(Scan(config(ports="1-65535"))))
            after = listening_ports_ipv4_loopback()
            assert len(results) == 65535
            assert len({r.port for r in results}) == 65535
            found = {r.port for r in results if r.state is PortState.OPEN}
            # Exact for every port that listened throughout; another process's listener
            # that came or went during the scan may read either way.
            assert before & after <= found <= before | after
            assert set(ours) <= found
            assert summary.progress.filtered == 0


def test_self_connected_socket_is_recognised():
    """Linux lets a socket connect to its own address (simultaneous open); that must never
    read as an open port."""
    (port,) = free_ports(1)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        try:
            s.connect(("127.0.0.1", port))
        except OSError:
            pytest.skip("this kernel refuses self-connects")
        assert _is_self_connect(s, ("127.0.0.1", port))
    finally:
        s.close()
    with listeners(1) as (other,), socket.create_connection(("127.0.0.1", other)) as c:
        assert not _is_self_connect(c, ("127.0.0.1", other))


def test_unanswered_port_is_filtered_after_retries(run_loop):
    """A listener whose accept queue is full drops SYNs: that port reads no-response."""
    with unanswering_port() as port:
        t0 = time.perf_counter()
        results, _, summary = run_loop(
            collect(Scan(config(ports=str(port), timeout=0.2, retries=2)))
        )
        elapsed = time.perf_counter() - t0
    (result,) = results
    assert result.state is PortState.FILTERED
    assert result.reason is Reason.NO_RESPONSE
    assert result.rtt is None
    assert summary.progress.filtered == 1
    # Two attempts of 0.2 s each: no port answered a retry, so the path shows no loss
    # and the last retry configured is not spent (timing.AdaptiveTiming).
    assert elapsed >= 0.2 * 2 * 0.9


def test_cancel_stops_promptly_keeps_partial_results_and_leaks_nothing(run_loop):
    fds_before = len(os.listdir("/proc/self/fd"))
    scan = Scan(config(ports="1-65535", rate=5000))
    stopped_after = []

    async def main():
        loop = asyncio.get_running_loop()

        def stop():
            stopped_after.append(time.perf_counter())
            scan.cancel()

        loop.call_later(0.3, stop)
        return await collect(scan)

    results, batches, summary = run_loop(main())
    latency = time.perf_counter() - stopped_after[0]
    assert latency < 2.0  # Stop under 2 s; the rest of the scan would take 13 s
    assert summary.partial
    assert 0 < summary.progress.done < 65535
    assert len(results) == summary.progress.done
    assert len(batches) >= 2
    assert scan.state is ScanState.FINISHED
    assert len(os.listdir("/proc/self/fd")) <= fds_before


def test_cancel_with_probes_in_flight_closes_their_sockets(run_loop):
    with unanswering_port() as port:
        fds_before = len(os.listdir("/proc/self/fd"))
        scan = Scan(config(targets="127.0.0.1-40", ports=str(port), timeout=5))

        async def main():
            asyncio.get_running_loop().call_later(0.2, scan.cancel)
            t0 = time.perf_counter()
            out = await collect(scan)
            return out, time.perf_counter() - t0

        (results, _, summary), elapsed = run_loop(main())
        assert len(os.listdir("/proc/self/fd")) <= fds_before
    assert elapsed < 2.5  # not the 5 s the probe in flight would wait
    assert summary.partial
    # 127.0.0.1's probe was still in flight; the other addresses answered at once.
    assert all(r.state is PortState.CLOSED and r.address != "127.0.0.1" for r in results)
    assert len(results) == summary.progress.done < 40


def test_pause_holds_the_scan_and_resume_finishes_it(run_loop):
    scan = Scan(config(ports="1-3000", rate=3000))
    marks = {}

    async def main():
        loop = asyncio.get_running_loop()

        def pause():
            scan.pause()
            marks["paused"] = scan.progress().done

        def check_and_resume():
            marks["while_paused"] = scan.progress().done
            scan.resume()

        loop.call_later(0.2, pause)
        loop.call_later(0.6, check_and_resume)
        return await collect(scan)

    results, _, summary = run_loop(main())
    assert marks["while_paused"] == marks["paused"] < 3000
    assert len(results) == 3000
    assert not summary.partial


def test_batches_carry_monotonic_progress_and_end_complete(run_loop):
    _, batches, summary = run_loop(collect(Scan(config(ports="1-2000", rate=4000))))
    dones = [b.progress.done for b in batches]
    assert dones == sorted(dones)
    assert len(batches) >= 5
    assert batches[-1].progress.done == batches[-1].progress.total == 2000
    assert sum(len(b.results) for b in batches) == 2000
    assert summary.progress.rate > 0
    assert any(b.progress.eta is not None for b in batches[:-1])


def test_rate_limit_is_honoured(run_loop):
    t0 = time.perf_counter()
    run_loop(collect(Scan(config(ports="1-300", rate=1000))))
    assert time.perf_counter() - t0 >= 0.25


def test_shuffled_order_finds_the_same_states(run_loop):
    with listeners(3) as open_ports:
        spec = f"1-2000,{port_list(open_ports)}"
        seq, _, _ = run_loop(collect(Scan(config(ports=spec))))
        shuf, _, _ = run_loop(collect(Scan(config(ports=spec, order=PortOrder.SHUFFLED, seed=7))))
    assert {(r.port, r.state) for r in seq} == {(r.port, r.state) for r in shuf}
    assert [r.port for r in seq] != [r.port for r in shuf]


def test_several_hosts_and_per_host_cap(run_loop):
    with listeners(2) as open_ports:
        results, _, summary = run_loop(
            collect(Scan(config(targets="127.0.0.1-4", ports=port_list(open_ports), per_host=1)))
        )
    assert summary.progress.total == 8
    states = {(r.address, r.port): r.state for r in results}
    for port in open_ports:
        assert states[("127.0.0.1", port)] is PortState.OPEN
        for other in ("127.0.0.2", "127.0.0.3", "127.0.0.4"):
            assert states[(other, port)] is PortState.CLOSED


def test_hostname_is_resolved_and_labelled(run_loop):
    with listeners(1) as (port,):
        results, _, _ = run_loop(collect(Scan(config(targets="localhost", ports=str(port)))))
    assert results
    assert all(r.host == "localhost" for r in results)
    v4 = [r for r in results if r.address == "127.0.0.1"]
    assert all(r.state is PortState.OPEN for r in v4)


def test_unresolvable_name_is_a_host_error_not_a_crash(monkeypatch):
    """The resolver is stubbed: a real lookup of a missing name would ask a DNS server
    off this machine."""

    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    scan = Scan(config(targets="nonexistent.invalid", ports="80"))
    results, _, summary = loops.run(collect(scan), prefer_uvloop=False)
    assert results == []
    assert [e.host for e in summary.host_errors] == ["nonexistent.invalid"]
    assert summary.progress.total == 0


@pytest.mark.skipif(not ipv6_loopback_available(), reason="this machine has no ::1")
def test_ipv6_loopback(run_loop):
    closed = free_ports(2, host="::1")
    with listeners(2, host="::1") as open_ports:
        results, _, _ = run_loop(
            collect(Scan(config(targets="::1", ports=port_list(open_ports + closed))))
        )
    states = {r.port: r.state for r in results}
    assert {p for p, s in states.items() if s is PortState.OPEN} == set(open_ports)
    assert all(states[p] is PortState.CLOSED for p in closed)
    assert all(r.address == "::1" for r in results)


def test_emfile_means_retry_later_never_closed(run_loop):
    """With every descriptor taken, the scan waits; once some are free it finishes exactly."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with listeners(3) as open_ports:
        spec = f"1-500,{port_list(open_ports)}"
        scan = Scan(config(ports=spec))
        resource.setrlimit(resource.RLIMIT_NOFILE, (512, hard))
        hogs = []
        try:

            async def main():
                while True:
                    try:
                        hogs.append(socket.socket())
                    except OSError:
                        break

                def release():
                    for h in hogs:
                        h.close()
                    hogs.clear()

                asyncio.get_running_loop().call_later(0.3, release)
                t0 = time.perf_counter()
                out = await collect(scan)
                return out, time.perf_counter() - t0

            (results, _, summary), elapsed = run_loop(main())
        finally:
            for h in hogs:
                h.close()
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert elapsed >= 0.25  # it waited for descriptors instead of giving up
    assert not summary.partial
    assert len(results) == len(set(range(1, 501)) | set(open_ports))
    opened = {r.port for r in results if r.state is PortState.OPEN}
    assert set(open_ports) <= opened
    assert opened <= set(open_ports) | listening_ports_ipv4_loopback()
    assert summary.progress.filtered == 0


def test_a_scan_runs_once():
    scan = Scan(config(ports="1"))
    loops.run(scan.run())
    with pytest.raises(RuntimeError):
        loops.run(scan.run())


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"timeout": 0}, "timeout"),
        ({"retries": -1}, "retries"),
        ({"concurrency": 0}, "concurrency"),
        ({"rate": 0}, "rate"),
        ({"per_host": 0}, "per-host"),
    ],
)
def test_config_rejects_nonsense(setting, message):
    with pytest.raises(ValueError, match=message):
        config(**setting)


async def _iterate(scan):
    seen = 0
    iterator = aiter(scan)
    async for batch in iterator:
        seen += len(batch.results)
    return seen, iterator.summary


def test_async_iteration_yields_every_result(run_loop):
    seen, summary = run_loop(_iterate(Scan(config(ports="1-1500"))))
    assert seen == 1500
    assert summary.progress.done == 1500


class RecordingEnricher:
    """Adds a banner to every open port a little later, as banners.py will."""

    def __init__(self, loop, publish, config):
        self.loop, self.publish, self.pending, self.closed = loop, publish, set(), False

    def submit(self, result):
        def later():
            self.pending.discard(handle)
            self.publish(dataclasses.replace(result, banner=f"hello from {result.port}"))

        handle = self.loop.call_later(0.05, later)
        self.pending.add(handle)

    async def drain(self):
        while self.pending:
            await asyncio.sleep(0.01)

    def close(self):
        self.closed = True
        for handle in self.pending:
            handle.cancel()


def test_enricher_updates_open_results_in_later_batches(run_loop):
    made = []

    def factory(loop, publish, config):
        made.append(RecordingEnricher(loop, publish, config))
        return made[-1]

    closed = free_ports(2)
    with listeners(2) as open_ports:
        spec = port_list(open_ports + closed)
        results, _, summary = run_loop(collect(Scan(config(ports=spec), enricher=factory)))
    latest = {r.port: r for r in results}
    for port in open_ports:
        assert latest[port].banner == f"hello from {port}"
        assert latest[port].state is PortState.OPEN
    assert all(latest[p].banner == "" for p in closed)
    assert len(results) == 6  # 4 probes, then 2 updates
    assert summary.progress.done == 4
    assert made[0].closed
