"""Benchmark: host discovery (issue 14) against nmap, on a /24 of which 5 hosts are there.

The lab (tests/lab/wan.py) joins a scanner namespace (198.18.0.1) to a target namespace
by a veth pair, so the local link's ARP is real. The target holds 5 addresses of
198.18.0.0/24 (each with a few open ports among the top 1000); the other 250 addresses
are held by nobody (their ARP goes unanswered). Each run is a whole process in the
scanner's namespace; median (min-max) of ``--runs`` (default 3), all in one run:

- discovery alone: ``portwindow hosts 198.18.0.0/24`` against ``nmap -sn`` (as root
  nmap uses ARP on the local link) and ``nmap -sn --unprivileged`` (TCP connects);
- the port scan of portwindow's top 1000 with discovery (the default) against
  ``nmap -sT`` on the same ports (its own discovery first, as by default); and, once,
  bounded by ``--pn-timeout`` seconds, without discovery (``-Pn``: what every address
  cost before discovery, 250 silent addresses' worth of timeouts and retries).

Each run's hosts found up are checked against the lab's 5 (and the scanner itself).

    python bench/hosts_vs_nmap.py [--runs N]

Every address is in 198.18.0.0/15, inside namespaces this bench creates and removes.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portwindow.engine.input.toplists import TOP1000  # noqa: E402
from tests.lab import wan  # noqa: E402
from tests.lab.wan import Host, Lab  # noqa: E402
from tests.support.netns import reexec_in_private_netns  # noqa: E402
from tests.support.nmap import ensure_nmap  # noqa: E402

NETWORK = "198.18.0.0/24"
LIVE = {
    "198.18.0.10": (22, 80),
    "198.18.0.20": (443,),
    "198.18.0.30": (22, 3306),
    "198.18.0.40": (8080,),
    "198.18.0.50": (),
}
THERE = {wan.SCANNER, *LIVE}
TIMEOUT = 300


def run(lab: Lab, argv: list[str], timeout: float = TIMEOUT) -> tuple[float, str, str]:
    t0 = time.perf_counter()
    try:
        done = lab.run_in_scanner(argv, timeout=timeout)
    except subprocess.TimeoutExpired:
        return math.inf, "", ""
    seconds = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:4])}... failed: {done.stderr[-500:]}")
    return seconds, done.stdout, done.stderr


def up_from_portwindow_hosts(stdout: str) -> set[str]:
    rows = [json.loads(line) for line in stdout.splitlines()]
    return {row["address"] for row in rows if row["state"] == "up"}


def up_from_nmap(xml: Path) -> set[str]:
    import xml.etree.ElementTree as ET

    up = set()
    for host in ET.parse(xml).getroot().iter("host"):
        status = host.find("status")
        if status is not None and status.get("state") == "up":
            for address in host.iter("address"):
                if address.get("addrtype") == "ipv4":
                    up.add(address.get("addr"))
    return up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pn-timeout", type=float, default=120.0)
    args = parser.parse_args()
    reason = wan.unavailable()
    if reason:
        print(f"hosts_vs_nmap: the lab cannot run here: {reason}")
        return 1
    nmap = ensure_nmap()
    ports = ",".join(str(p) for p in TOP1000)
    folder = Path(tempfile.mkdtemp(prefix="pw-hosts-bench-"))
    xml = folder / "nmap.xml"
    python = [sys.executable, "-m", "portwindow"]
    tools = {
        "portwindow hosts": ([*python, "hosts", NETWORK, "--json", "-"], "pw-hosts"),
        "nmap -sn": ([nmap, "-n", "-sn", NETWORK, "-oX", str(xml)], "nmap"),
        "nmap -sn --unprivileged": (
            [nmap, "-n", "-sn", "--unprivileged", NETWORK, "-oX", str(xml)],
            "nmap",
        ),
        "portwindow scan top1000": (
            [*python, "scan", NETWORK, "-q", "--no-history", "--json", str(folder / "s.jsonl")],
            None,
        ),
        "nmap -sT (same ports)": (
            [nmap, "-n", "-sT", "-p", ports, NETWORK, "-oX", str(xml)],
            "nmap",
        ),
    }
    hosts = [Host(address, tcp_open=open_ports) for address, open_ports in LIVE.items()]
    times: dict[str, list[float]] = {name: [] for name in tools}
    wrong: dict[str, int] = dict.fromkeys(tools, 0)
    with Lab(hosts, relay=False) as lab:
        for _ in range(args.runs):
            for name, (argv, check) in tools.items():
                seconds, stdout, _stderr = run(lab, argv)
                times[name].append(seconds)
                if check == "pw-hosts":
                    wrong[name] += len(up_from_portwindow_hosts(stdout) ^ THERE)
                elif check == "nmap":
                    wrong[name] += len(up_from_nmap(xml) ^ THERE)
        pn_seconds, _out, _err = run(
            lab, [*python, "scan", NETWORK, "-q", "-Pn", "--no-history"], args.pn_timeout
        )
    print(f"host discovery, {NETWORK} with {len(LIVE)} hosts there, median of {args.runs}:")
    reference = statistics.median(times["nmap -sn"])
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:<30} {median:7.2f} s  ({min(values):.2f}-{max(values):.2f})"
            f"  {median / reference:5.2f}x nmap -sn  hosts wrong: {wrong[name]}"
        )
    pn = f"{pn_seconds:.1f} s" if math.isfinite(pn_seconds) else f"over {args.pn_timeout:.0f} s"
    print(f"  {'portwindow scan top1000 -Pn':<30} {pn} (once: no discovery, every address)")
    return 0


if __name__ == "__main__":
    reexec_in_private_netns()
    sys.exit(main())
