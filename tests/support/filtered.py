"""Filtered ports in the test's own network namespace: ports the test bound and released,
whose SYNs an iptables rule drops (so a connect to them waits for its whole timeout), and
a way to see that a scan is waiting on them. The rules go when the block ends."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.listeners import free_ports
from tests.support.netns import in_private_netns


def _iptables(*rule: str) -> None:
    subprocess.run(["iptables", *rule], check=True, capture_output=True, timeout=30)


def why_no_filtering() -> str | None:
    """Why dropped ports cannot be made here (None: they can)."""
    if not in_private_netns():
        return "not in a private network namespace"
    if shutil.which("iptables") is None:
        return "iptables is not installed"
    probe = subprocess.run(["iptables", "-L", "-n"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        return f"iptables is not permitted here: {probe.stderr.strip()[:200]}"
    return None


@contextmanager
def dropped_ports(count: int) -> Iterator[list[int]]:
    """``count`` loopback TCP ports whose SYNs are dropped, for the block's duration."""
    ports = free_ports(count)
    rules = [("INPUT", "-i", "lo", "-p", "tcp", "--dport", str(p), "-j", "DROP") for p in ports]
    added = []
    try:
        for rule in rules:
            _iptables("-A", *rule)
            added.append(rule)
        yield ports
    finally:
        for rule in added:
            _iptables("-D", *rule)


def _syn_sent_ports() -> set[int]:
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as lines:
                next(lines)
                for line in lines:
                    fields = line.split()
                    if fields[3] == "02":  # SYN_SENT
                        ports.add(int(fields[2].rsplit(":", 1)[1], 16))
        except FileNotFoundError:
            continue
    return ports


def wait_for_syn_sent(ports: list[int], timeout: float = 30) -> bool:
    """True once a connect to one of ``ports`` is waiting for its answer (a scan is on
    them); False after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    wanted = set(ports)
    while time.monotonic() < deadline:
        if _syn_sent_ports() & wanted:
            return True
        time.sleep(0.02)
    return False
