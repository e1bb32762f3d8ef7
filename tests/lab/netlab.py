"""A network lab in a fresh network namespace: ``unshare -n`` gives this process a private
loopback interface, so iptables rules (DROP for filtered ports, REJECT variants, random
loss, a ration on ICMP errors) touch nothing outside it. Runs as a child process of the
tests:

    unshare -n python -m tests.lab.netlab SCENARIO

and prints one JSON object with the results. Every scan here is bounded (few ports, short
timeouts) and every address is inside the namespace: loopback, or the far end of a
virtual cable into a second namespace the scenario makes and kills (udp_remote_ration).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import time

from portwindow.engine.core.model import Protocol
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.scheduler import Scan
from portwindow.engine.scan.timing import host_timing
from tests.support.listeners import listeners
from tests.support.nmap import parse_nmap_xml
from tests.support.udp_listeners import udp_services


def sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=30)


def iptables(*rule: str, v6: bool = False) -> None:
    sh("ip6tables" if v6 else "iptables", *rule)


def scan(targets: str, ports: str, **kw):
    async def main():
        batches = []
        summary = await Scan(ScanConfig(parse_targets(targets), parse_ports(ports), **kw)).run(
            batches.append
        )
        return [r for b in batches for r in b.results], summary

    return loops.run(main())


def timed_scan(targets: str, ports: str, **kw):
    """A scan, with its wall time and the Scan itself (for its final UDP pace)."""

    async def main():
        batches = []
        scan_ = Scan(ScanConfig(parse_targets(targets), parse_ports(ports), **kw))
        t0 = time.perf_counter()
        summary = await scan_.run(batches.append)
        return [r for b in batches for r in b.results], summary, time.perf_counter() - t0, scan_

    return loops.run(main())


def states(results) -> dict[str, list[str]]:
    return {str(r.port): [r.state.value, r.reason.value] for r in results}


def nmap_states(target: str, ports: str, scan_type: str = "-sT") -> dict[str, list[str]] | None:
    """nmap's state and reason for every port it scanned ("listed"), or None without nmap."""
    if shutil.which("nmap") is None:
        return None
    out = subprocess.run(
        ["nmap", scan_type, "-n", "-Pn", "-p", ports, "-oX", "-", target],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    (states,) = parse_nmap_xml(out).values()
    return {"listed": {str(port): list(s) for (_, port), s in states.items()}, "default": None}


def reject(port: int, answer: str) -> None:
    iptables(
        "-A", "INPUT", "-p", "tcp", "--dport", str(port), "-j", "REJECT", "--reject-with", answer
    )


def scenario_states() -> dict:
    """Open, closed, DROP (filtered), RST reject, ICMP port-unreachable, ICMP prohibited."""
    with listeners(ports=[5001, 5002, 5003, 5010]):
        iptables("-A", "INPUT", "-p", "tcp", "--dport", "5010:5011", "-j", "DROP")
        reject(5012, "tcp-reset")
        reject(5013, "icmp-port-unreachable")
        reject(5014, "icmp-host-prohibited")
        results, summary = scan("127.0.0.1", "5000-5020", timeout=0.3, retries=1)
        nmap = nmap_states("127.0.0.1", "5000-5020", "-sS")
    return {"ours": states(results), "nmap": nmap, "partial": summary.partial}


def scenario_loss() -> dict:
    """30% of incoming SYNs dropped at random: retries must still give exact states."""
    open_ports = list(range(6000, 6300, 15))
    with listeners(ports=open_ports):
        iptables(
            "-A",
            "INPUT",
            "-p",
            "tcp",
            "--syn",
            "-m",
            "statistic",
            "--mode",
            "random",
            "--probability",
            "0.3",
            "-j",
            "DROP",
        )
        results, summary = scan("127.0.0.1", "6000-6299", timeout=0.25, retries=10)
    return {"ours": states(results), "open": open_ports, "partial": summary.partial}


def scenario_low_nofile() -> dict:
    """ulimit -n 256 with 1,000 unanswered connects wanted in flight at once."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))  # ulimit -n 256: soft and hard
    open_ports = [7000, 8500, 8999]
    with listeners(ports=open_ports):
        iptables("-A", "INPUT", "-p", "tcp", "--dport", "7001:8000", "-j", "DROP")
        t0 = time.perf_counter()
        results, summary = scan("127.0.0.1", "7000-8999", timeout=0.2, retries=0, concurrency=1000)
        elapsed = time.perf_counter() - t0
    return {
        "ours": states(results),
        "open": open_ports,
        "elapsed": elapsed,
        "partial": summary.partial,
    }


def scenario_ipv6() -> dict:
    with listeners(ports=[9001], host="::1"):
        iptables("-A", "INPUT", "-p", "tcp", "--dport", "9002", "-j", "DROP", v6=True)
        results, summary = scan("::1", "9000-9003", timeout=0.3, retries=1)
    return {
        "ours": states(results),
        "addresses": sorted({r.address for r in results}),
        "partial": summary.partial,
    }


def scenario_cancel() -> dict:
    """Cancel while hundreds of connects are in flight: prompt, partial, no fd leaked."""
    iptables("-A", "INPUT", "-p", "tcp", "--dport", "1:65535", "-j", "DROP")
    loops.run(asyncio.sleep(0))  # uvloop opens one pipe per process on its first loop
    fds_before = len(os.listdir("/proc/self/fd"))
    scan_ = Scan(
        ScanConfig(parse_targets("127.0.0.1"), parse_ports("1-5000"), timeout=5, concurrency=500),
        timing=host_timing(5),  # the whole window at once, before any answer or timeout
    )
    marks = {}

    async def main():
        loop = asyncio.get_running_loop()

        def stop():
            marks["pending"] = scan_.lane(Protocol.TCP).prober.pending_count
            marks["at"] = time.perf_counter()
            scan_.cancel()

        loop.call_later(0.3, stop)
        return await scan_.run()

    summary = loops.run(main())
    return {
        "latency": time.perf_counter() - marks["at"],
        "pending": marks["pending"],
        "partial": summary.partial,
        "fds_before": fds_before,
        "fds_after": len(os.listdir("/proc/self/fd")),
    }


def reject_udp(port: int, answer: str, v6: bool = False) -> None:
    iptables(
        "-A",
        "INPUT",
        "-p",
        "udp",
        "--dport",
        str(port),
        "-j",
        "REJECT",
        "--reject-with",
        answer,
        v6=v6,
    )


def scenario_udp_states() -> dict:
    """UDP: an answering service, a silent one, closed ports, DROP (with and without a
    service behind it) and each ICMP unreachable a REJECT can send; then nmap -sU."""
    with udp_services(answering=[5101], silent=[5102, 5105]):
        iptables("-A", "INPUT", "-p", "udp", "--dport", "5104:5105", "-j", "DROP")
        reject_udp(5106, "icmp-port-unreachable")
        reject_udp(5107, "icmp-host-prohibited")
        reject_udp(5108, "icmp-admin-prohibited")
        reject_udp(5109, "icmp-host-unreachable")
        reject_udp(5110, "icmp-net-unreachable")
        reject_udp(5111, "icmp-proto-unreachable")
        reject_udp(5112, "icmp-net-prohibited")
        results, summary = scan("127.0.0.1", "U:5100-5115", timeout=0.3, retries=1)
        nmap = nmap_states("127.0.0.1", "5100-5115", "-sU")
    return {"ours": states(results), "nmap": nmap, "partial": summary.partial}


def scenario_udp_ipv6() -> dict:
    with udp_services(answering=[9101], silent=[9102], host="::1"):
        iptables("-A", "INPUT", "-p", "udp", "--dport", "9103", "-j", "DROP", v6=True)
        reject_udp(9104, "icmp6-adm-prohibited", v6=True)
        reject_udp(9105, "icmp6-port-unreachable", v6=True)
        reject_udp(9106, "icmp6-no-route", v6=True)
        reject_udp(9107, "icmp6-addr-unreachable", v6=True)
        results, summary = scan("::1", "U:9100-9107", timeout=0.3, retries=1)
    return {
        "ours": states(results),
        "addresses": sorted({r.address for r in results}),
        "partial": summary.partial,
    }


def ration_icmp(per_second: int, v6: bool = False) -> None:
    """Let at most ``per_second`` ICMP destination unreachable messages out a second,
    burst 50: the host-wide ration kernels before the loopback exemption apply to
    loopback too (net.ipv4.icmp_msgs_per_sec, icmp_msgs_burst)."""
    kind = (
        ["-p", "icmpv6", "--icmpv6-type", "destination-unreachable"]
        if v6
        else [
            "-p",
            "icmp",
            "--icmp-type",
            "destination-unreachable",
        ]
    )
    limit = ["-m", "limit", "--limit", f"{per_second}/second", "--limit-burst", "50"]
    iptables("-A", "OUTPUT", *kind, *limit, "-j", "ACCEPT", v6=v6)
    iptables("-A", "OUTPUT", *kind, "-j", "DROP", v6=v6)


def _ration_counts(v6: bool = False) -> list[int]:
    """Packets let through and dropped by the ration's two rules."""
    out = subprocess.run(
        ["ip6tables" if v6 else "iptables", "-L", "OUTPUT", "-n", "-v", "-x"],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return [int(line.split()[0]) for line in out.splitlines()[2:] if line.strip()]


def scenario_udp_ration() -> dict:
    """UDP 1-1024 with ICMP errors rationed to 1,000 a second: the default pace outruns
    the ration, loses answers, drops its pace and still gives every port its state."""
    ration_icmp(1000)
    with udp_services(answering=[7, 513], silent=[999]):
        results, summary, elapsed, scan_ = timed_scan("127.0.0.1", "U:1-1024")
    passed, dropped = _ration_counts()
    return {
        "ours": states(results),
        "elapsed": elapsed,
        "pace": scan_.udp_pace,
        "slowdowns": scan_.lane(Protocol.UDP).pacer.slowdowns,
        "icmp_passed": passed,
        "icmp_dropped": dropped,
        "partial": summary.partial,
    }


#: The lab's two ends of a virtual cable, in RFC 2544's benchmarking range; the target
#: end lives in a namespace of its own that exists only while the scenario runs.
SCANNER_ADDRESS, TARGET_ADDRESS = "198.18.0.1", "198.18.0.2"


def scenario_udp_remote_ration() -> dict:
    """UDP to another host's kernel, over a veth pair into a second namespace: Linux
    answers another host with one ICMP error a second after a burst of 6 (its
    ``icmp_ratelimit``), which loopback is spared. Nothing listens on the target, so
    every port is closed; a scan that outruns the ration calls them open|filtered."""
    target = subprocess.Popen(["unshare", "-n", "sleep", "200"])
    try:
        in_target = ("nsenter", "-t", str(target.pid), "-n")
        deadline = time.monotonic() + 10
        while os.readlink(f"/proc/{target.pid}/ns/net") == os.readlink("/proc/self/ns/net"):
            if time.monotonic() > deadline:
                raise RuntimeError("the target namespace did not come up")
            time.sleep(0.01)
        sh("ip", "link", "add", "pwscan", "type", "veth", "peer", "name", "pwtarget")
        sh("ip", "link", "set", "pwtarget", "netns", str(target.pid))
        sh("ip", "addr", "add", f"{SCANNER_ADDRESS}/24", "dev", "pwscan")
        sh("ip", "link", "set", "pwscan", "up")
        sh(*in_target, "ip", "addr", "add", f"{TARGET_ADDRESS}/24", "dev", "pwtarget")
        sh(*in_target, "ip", "link", "set", "pwtarget", "up")
        ratelimit = subprocess.run(
            [*in_target, "cat", "/proc/sys/net/ipv4/icmp_ratelimit"],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
        results, summary, elapsed, scan_ = timed_scan(TARGET_ADDRESS, "U:40001-40020")
    finally:
        target.kill()
        target.wait(10)
    return {
        "ours": states(results),
        "elapsed": elapsed,
        "pace": scan_.udp_pace,
        "slowdowns": scan_.lane(Protocol.UDP).pacer.slowdowns,
        "target_icmp_ratelimit_ms": int(ratelimit),
        "partial": summary.partial,
    }


def scenario_udp_drop_most() -> dict:
    """A firewall drops 90 of 100 UDP ports and the kernel refuses the other 10: the
    silences pile up as they do under a ration, but the refused ports keep answering,
    so the pace must not fall."""
    iptables("-A", "INPUT", "-p", "udp", "--dport", "40001:40090", "-j", "DROP")
    results, summary, elapsed, scan_ = timed_scan("127.0.0.1", "U:40001-40100")
    return {
        "ours": states(results),
        "elapsed": elapsed,
        "slowdowns": scan_.lane(Protocol.UDP).pacer.slowdowns,
        "partial": summary.partial,
    }


def scenario_udp_cancel() -> dict:
    """Cancel while hundreds of UDP probes wait for answers that never come."""
    iptables("-A", "INPUT", "-p", "udp", "-j", "DROP")
    loops.run(asyncio.sleep(0))  # uvloop opens one pipe per process on its first loop
    fds_before = len(os.listdir("/proc/self/fd"))
    scan_ = Scan(
        ScanConfig(parse_targets("127.0.0.1"), parse_ports("U:1-5000"), timeout=5, concurrency=500)
    )
    marks = {}

    async def main():
        def stop():
            marks["pending"] = scan_.lane(Protocol.UDP).prober.pending_count
            marks["at"] = time.perf_counter()
            scan_.cancel()

        asyncio.get_running_loop().call_later(0.3, stop)
        return await scan_.run()

    summary = loops.run(main())
    return {
        "latency": time.perf_counter() - marks["at"],
        "pending": marks["pending"],
        "partial": summary.partial,
        "done": summary.progress.done,
        "fds_before": fds_before,
        "fds_after": len(os.listdir("/proc/self/fd")),
    }


def scenario_audit() -> dict:
    """Expected doors in the lab: one as expected, one unexpected, one expected but dropped
    (missing, filtered), one expected but closed (missing, closed), on two hosts."""
    from portwindow.engine.audit.expected import Expectations, audit_results, parse_doors

    with listeners(ports=[5101, 5102]), listeners(ports=[5101], host="127.0.0.2"):
        iptables("-A", "INPUT", "-p", "tcp", "--dport", "5103", "-j", "DROP")
        results, summary = scan("127.0.0.1-2", "5101-5104", timeout=0.3, retries=1)
    rules = Expectations(
        {
            "127.0.0.1": parse_doors("5101/tcp, 5103/tcp, 5104/tcp"),
            "127.0.0.2": parse_doors("5101/tcp"),
        }
    )
    checked = audit_results(results, rules)
    return {
        "items": [
            [i.finding.value, i.address, i.port, i.state.value if i.state else None]
            for i in checked.items
        ],
        "failed": checked.failed,
        "partial": summary.partial,
    }


SCENARIOS = {
    "audit": scenario_audit,
    "states": scenario_states,
    "loss": scenario_loss,
    "low_nofile": scenario_low_nofile,
    "ipv6": scenario_ipv6,
    "cancel": scenario_cancel,
    "udp_states": scenario_udp_states,
    "udp_ipv6": scenario_udp_ipv6,
    "udp_ration": scenario_udp_ration,
    "udp_remote_ration": scenario_udp_remote_ration,
    "udp_drop_most": scenario_udp_drop_most,
    "udp_cancel": scenario_udp_cancel,
}


def main() -> None:
    sh("ip", "link", "set", "lo", "up")
    print(json.dumps(SCENARIOS[sys.argv[1]]()))


if __name__ == "__main__":
    main()
