"""Two vantage points on one target, for the cluster's vantage test: this process's own
network namespace is the LAN (198.18.0.1), a second namespace the WAN (198.18.0.6, its
packets routed through the LAN's), and a third the target (198.18.0.2), joined by veth
pairs. The target's firewall makes the two points see different doors:

- 22/tcp: open from the LAN, reset from the WAN;
- 80/tcp: open from both;
- 8080/tcp: dropped from the LAN (filtered), open from the WAN;
- 9000/tcp: closed from both.

A Dask scheduler (198.18.0.1) and one worker per point (``vantage-lan=1``,
``vantage-wan=1``) come with it (``tests/support/dask_cluster.py``). Addresses are from
198.18.0.0/15 only, and everything ends with the lab.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator

from tests.lab.wan import Host, Namespace, start_servers
from tests.support.dask_cluster import DaskCluster

LAN, WAN, TARGET = "198.18.0.1", "198.18.0.6", "198.18.0.2"
PORTS = (22, 80, 8080, 9000)
#: What each point sees of the target's doors.
SEEN = {
    "lan": {22: "open", 80: "open", 8080: "filtered", 9000: "closed"},
    "wan": {22: "closed", 80: "open", 8080: "open", 9000: "closed"},
}


def _here(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=30)


@contextlib.contextmanager
def vantage_lab(log_dir) -> Iterator[DaskCluster]:
    target = wan_ns = cluster = server = None
    try:
        target, wan_ns = Namespace("target"), Namespace("wan")
        _here(
            "ip",
            "link",
            "add",
            "pwt0",
            "type",
            "veth",
            "peer",
            "name",
            "pwt1",
            "netns",
            str(target.pid),
        )
        _here(
            "ip",
            "link",
            "add",
            "pww0",
            "type",
            "veth",
            "peer",
            "name",
            "pww1",
            "netns",
            str(wan_ns.pid),
        )
        _here("ip", "addr", "add", f"{LAN}/30", "dev", "pwt0")
        _here("ip", "addr", "add", "198.18.0.5/30", "dev", "pww0")
        _here("ip", "link", "set", "pwt0", "up")
        _here("ip", "link", "set", "pww0", "up")
        _here("sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
        target.ip_batch(
            [f"addr add {TARGET}/30 dev pwt1", "link set pwt1 up", f"route add default via {LAN}"]
        )
        wan_ns.ip_batch(
            [f"addr add {WAN}/30 dev pww1", "link set pww1 up", "route add default via 198.18.0.5"]
        )
        target.iptables(
            [
                [
                    "-A",
                    "INPUT",
                    "-s",
                    WAN,
                    "-p",
                    "tcp",
                    "--dport",
                    "22",
                    "-j",
                    "REJECT",
                    "--reject-with",
                    "tcp-reset",
                ],
                ["-A", "INPUT", "-s", LAN, "-p", "tcp", "--dport", "8080", "-j", "DROP"],
            ]
        )
        server = start_servers(target, [Host(TARGET, tcp_open=(22, 80, 8080))])
        cluster = DaskCluster(host=LAN, log_dir=log_dir)
        cluster.start_scheduler()
        cluster.start_worker("lan", host=LAN, resources={"vantage-lan": 1})
        cluster.start_worker("wan", host=WAN, resources={"vantage-wan": 1}, netns_pid=wan_ns.pid)
        cluster.wait_for_workers(2)
        yield cluster
    finally:
        if cluster is not None:
            cluster.stop()
        if server is not None:
            with contextlib.suppress(OSError):
                server.stdin.close()  # the servers end on their stdin's end
            server.kill()
            server.wait(10)
            server.stdout.close()
            server.stderr.close()
        for ns in (target, wan_ns):
            if ns is not None:
                ns.close()
        with contextlib.suppress(subprocess.SubprocessError):
            _here("ip", "link", "del", "pwt0")
        with contextlib.suppress(subprocess.SubprocessError):
            _here("ip", "link", "del", "pww0")
