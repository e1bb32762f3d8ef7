"""Benchmark: what banner grabbing adds to a full TCP scan (1-65535) of 127.0.0.1.

Starts 20 servers on seeded random ports between 20000 and 40000 and scans 1-65535
with banners off and on, alternately, five times each, every scan in a fresh process.
Two variants: all 20 servers accept and stay silent (the worst case: every port waits
for a greeting, then for both probes), and 5 of them greet (SSH, FTP, SMTP, POP3, IMAP)
while 15 stay silent. Checks that each scan finds exactly the 20 ports and that the
greetings come back as banners, then prints medians and the overhead.

It runs in a private network namespace (``unshare -n``, loopback only), so the scan and
the probes meet only this benchmark's servers; where namespaces are not permitted it
stops and says so. Everything is bounded: about a minute in all.

    python bench/banner_overhead.py [--runs N] [--loop uvloop|asyncio]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.servers import greeting, scripted_server, silent  # noqa: E402

TARGET = "127.0.0.1"
OPEN_PORTS = 20
GREETINGS = (
    b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n",
    b"220 (vsFTPd 3.0.3)\r\n",
    b"220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n",
    b"+OK Dovecot (Debian) ready.\r\n",
    b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] Dovecot (Debian) ready.\r\n",
)
IN_NAMESPACE = "PORTWINDOW_BENCH_NETNS"
CHILD_TIMEOUT = 60


def child(ports: list[int], grab: bool, loop_kind: str) -> None:
    """One full scan in this process; prints a JSON line with its figures."""
    from portwindow.engine.core.model import PortState
    from portwindow.engine.input.ports import parse_ports
    from portwindow.engine.input.targets import parse_targets
    from portwindow.engine.scan import loops
    from portwindow.engine.scan.config import ScanConfig
    from portwindow.engine.scan.enrich.banners import BannerGrabber
    from portwindow.engine.scan.scheduler import Scan

    ours = set(ports)

    class OwnPortsOnly(BannerGrabber):
        """Never probes a port this benchmark did not open (there are none in the namespace)."""

        def submit(self, result):
            if result.port in ours:
                super().submit(result)

    def enricher(loop, publish, config):
        return OwnPortsOnly(loop, publish, timeout=config.banner_timeout) if grab else None

    config = ScanConfig(parse_targets(TARGET), parse_ports("1-65535"), grab_banners=grab)
    results = []

    async def scan():
        return await Scan(config, enricher=enricher).run(lambda b: results.extend(b.results))

    started = time.perf_counter()
    summary = loops.run(scan(), prefer_uvloop=loop_kind == "uvloop")
    wall = time.perf_counter() - started
    latest = {r.port: r for r in results}
    print(
        json.dumps(
            {
                "wall": wall,
                "done": summary.progress.done,
                "open": sorted(p for p, r in latest.items() if r.state is PortState.OPEN),
                "banners": {p: r.banner for p, r in latest.items() if r.banner},
            }
        )
    )


def pick_ports(count: int) -> list[int]:
    rng = random.Random(20_000)
    return sorted(rng.sample(range(20_000, 40_001), count))


def run_child(ports: list[int], grab: bool, loop_kind: str) -> dict:
    argv = [sys.executable, __file__, "--child", json.dumps(ports), str(int(grab)), loop_kind]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=CHILD_TIMEOUT, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"scan failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def measure(variant: str, greeters: int, runs: int, loop_kind: str) -> dict:
    ports = pick_ports(OPEN_PORTS)
    greeting_ports = dict(zip(ports[:greeters], GREETINGS, strict=False))
    with contextlib.ExitStack() as stack:
        for port in ports:
            script = greeting(greeting_ports[port]) if port in greeting_ports else silent
            stack.enter_context(scripted_server(script, port=port))
        walls: dict[bool, list[float]] = {False: [], True: []}
        for _ in range(runs):
            for grab in (False, True):
                figures = run_child(ports, grab, loop_kind)
                if figures["open"] != ports:
                    raise RuntimeError(f"{variant}: found {figures['open']}, expected {ports}")
                banners = {int(p): b for p, b in figures["banners"].items()}
                expected = (
                    {p: g.decode().strip() for p, g in greeting_ports.items()} if grab else {}
                )
                if banners != expected:
                    raise RuntimeError(f"{variant}: banners {banners}, expected {expected}")
                walls[grab].append(figures["wall"])
    return {
        "variant": variant,
        "off": walls[False],
        "on": walls[True],
        "overhead": statistics.median(walls[True]) - statistics.median(walls[False]),
    }


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def report(rows: list[dict], runs: int, loop_kind: str, limit: float) -> bool:
    print(
        f"\nFull TCP scan (1-65535) of {TARGET}, {OPEN_PORTS} open ports, banner timeout "
        f"0.25 s, {loop_kind}, median of {runs} (min-max), scan time in a fresh process:\n"
    )
    print(f"{'variant':<34} {'banners off':<20} {'banners on':<20} overhead")
    for row in rows:
        print(
            f"{row['variant']:<34} {spread(row['off']):<20} {spread(row['on']):<20} "
            f"+{row['overhead']:.2f} s"
        )
    worst = max(row["overhead"] for row in rows)
    met = worst <= limit
    verdict = "met" if met else "NOT met"
    print(
        f"\nBanner grabbing adds at most {limit} s: {verdict} (worst median overhead {worst:.2f} s)"
    )
    return met


def in_private_namespace(argv: list[str]) -> int | None:
    """Re-run this benchmark in a fresh network namespace; None when already inside."""
    if os.environ.get(IN_NAMESPACE) == "1":
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True, timeout=30)
        return None
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        sys.exit("banner_overhead: needs unshare and ip (util-linux, iproute2)")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        sys.exit(f"banner_overhead: unshare -n is not permitted here: {probe.stderr.strip()}")
    env = {**os.environ, IN_NAMESPACE: "1"}
    return subprocess.run(["unshare", "-n", sys.executable, __file__, *argv], env=env).returncode


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(json.loads(sys.argv[2]), sys.argv[3] == "1", sys.argv[4])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, choices=range(1, 21), metavar="N")
    parser.add_argument("--loop", choices=("uvloop", "asyncio"), default="uvloop")
    parser.add_argument("--limit", type=float, default=0.5, help="overhead allowed, seconds")
    args = parser.parse_args()
    outer = in_private_namespace(sys.argv[1:])
    if outer is not None:
        sys.exit(outer)
    rows = [
        measure(f"{OPEN_PORTS} silent", 0, args.runs, args.loop),
        measure(
            f"{len(GREETINGS)} greeting + {OPEN_PORTS - len(GREETINGS)} silent",
            len(GREETINGS),
            args.runs,
            args.loop,
        ),
    ]
    sys.exit(0 if report(rows, args.runs, args.loop, args.limit) else 1)


if __name__ == "__main__":
    main()
