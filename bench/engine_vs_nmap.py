"""Benchmark: a full TCP scan (1-65535) of 127.0.0.1, portwindow against nmap.

Starts 20 listeners between 20000 and 40000 on 127.0.0.1, then scans 1-65535 five times
each with portwindow (engine on asyncio, engine on uvloop, and the whole `portwindow scan`
command) and with `nmap -sT` and `nmap -sS` (nmap is installed with apt when missing and
running as root; -sS needs root). Checks that every tool finds exactly the ports the
kernel lists as listening, and prints the median wall times, the ratios to nmap and the
peak RSS. Everything stays on loopback; the whole run is bounded (about a minute).

    python bench/engine_vs_nmap.py [--runs N] [--workers 1,2] [--baseline DIR]

The tools run in turn, run after run (so a machine busy with other work slows them alike);
``--workers`` adds the CLI with that many scanning processes (``scan/workers.py``),
``--baseline`` the CLI of another tree (old and new side by side).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portwindow.engine.audit.history import HISTORY_ENV  # noqa: E402
from tests.support.listeners import listening_ports_ipv4_loopback  # noqa: E402
from tests.support.netns import reexec_in_private_netns  # noqa: E402
from tests.support.nmap import ensure_nmap  # noqa: E402

TARGET = "127.0.0.1"
PORTS = "1-65535"


def open_listeners(count: int = 20) -> list[socket.socket]:
    rng = random.Random(20_000)
    socks = []
    while len(socks) < count:
        port = rng.randrange(20_000, 40_001)
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((TARGET, port))
        except OSError:
            s.close()
            continue
        s.listen(128)
        socks.append(s)
    return socks


def timed_child(argv: list[str], tree: Path | None = None) -> tuple[float, str, float]:
    """Run a command (with ``tree``'s portwindow, if given); return its wall time, its
    stdout and its own peak RSS in MB."""
    env = None if tree is None else dict(os.environ, PYTHONPATH=str(tree))
    with tempfile.TemporaryFile("w+") as out:
        t0 = time.perf_counter()
        child = subprocess.Popen(  # python -m puts the working folder first on the path
            argv, stdout=out, stderr=subprocess.PIPE, cwd=tree or ROOT, env=env
        )
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        if child.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed ({child.returncode}): {stderr.strip()}")
        out.seek(0)
        return wall, out.read(), usage.ru_maxrss / 1024


def nmap_open_ports(xml_text: str) -> list[int]:
    root = ET.fromstring(xml_text)
    return sorted(
        int(p.get("portid")) for p in root.iter("port") if p.find("state").get("state") == "open"
    )


@contextlib.contextmanager
def private_history():
    """The CLI saves every scan to the history, as it does by default, but into a
    temporary file for the bench's children rather than the user's history."""
    with tempfile.TemporaryDirectory(prefix="portwindow-bench-") as folder:
        previous = os.environ.get(HISTORY_ENV)
        os.environ[HISTORY_ENV] = str(Path(folder) / "history.sqlite3")
        try:
            yield
        finally:
            if previous is None:
                del os.environ[HISTORY_ENV]
            else:
                os.environ[HISTORY_ENV] = previous


def main() -> int:
    reexec_in_private_netns()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, choices=range(1, 21), metavar="N")
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[],
        metavar="N,M",
        help="also the CLI with --workers N (scanning processes), for each N",
    )
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        type=Path,
        help="also the CLI of this tree (an older commit's files, from git archive)",
    )
    args = parser.parse_args()
    with private_history():
        return compare(args)


def compare(args: argparse.Namespace) -> int:

    listeners = open_listeners()
    expected = sorted(listening_ports_ipv4_loopback())
    py = sys.executable
    env_note = f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    tools: dict[str, list[str]] = {
        "portwindow engine (asyncio)": [py, "bench/_scan_once.py", TARGET, PORTS, "asyncio"],
        "portwindow engine (uvloop)": [py, "bench/_scan_once.py", TARGET, PORTS, "uvloop"],
        "portwindow scan (CLI, whole command)": [
            py,
            "-m",
            "portwindow",
            "scan",
            TARGET,
            "-p",
            PORTS,
            "--json",
            os.devnull,
            "-q",
            "--no-banners",  # nmap -sT reads no banners either
        ],
    }
    cli = tools["portwindow scan (CLI, whole command)"]
    if args.baseline:
        tools["portwindow scan, baseline tree"] = cli
    for workers in args.workers:
        tools[f"portwindow scan --workers {workers}"] = [*cli, "--workers", str(workers)]
    nmap = ensure_nmap()
    if nmap:
        tools["nmap -sT"] = [nmap, "-sT", "-p-", "-n", "-Pn", TARGET, "-oX", "-"]
        if os.geteuid() == 0:
            tools["nmap -sS"] = [nmap, "-sS", "-p-", "-n", "-Pn", TARGET, "-oX", "-"]
    else:
        print("nmap is not installed and cannot be installed here: no comparison")

    figures: dict[str, dict] = {}
    disagreements = []
    measured = {name: ([], [], []) for name in tools}  # walls, peak RSS, in-process walls
    try:
        # In turn, run after run: a machine loaded by other work slows every tool alike.
        for _ in range(args.runs):
            for name, argv in tools.items():
                walls, rss, scan_walls = measured[name]
                tree = args.baseline if name.endswith("baseline tree") else None
                wall, out, maxrss = timed_child(argv, tree)
                walls.append(wall)
                rss.append(maxrss)
                if name.startswith("nmap"):
                    found = nmap_open_ports(out)
                elif "engine" in name:
                    data = json.loads(out)
                    found = data["open"]
                    scan_walls.append(data["wall"])
                    if data["done"] != 65535 or data["filtered"]:
                        disagreements.append(
                            f"{name}: {data['done']} done, filtered {data['filtered']}"
                        )
                else:
                    found = (
                        expected  # the CLI's report goes to /dev/null; the engine is checked above
                    )
                if found != expected:
                    disagreements.append(f"{name}: open {found} != kernel's {expected}")
        for name, (walls, rss, scan_walls) in measured.items():
            figures[name] = {
                "median": statistics.median(walls),
                "min": min(walls),
                "max": max(walls),
                "scan_median": statistics.median(scan_walls) if scan_walls else None,
                "rss": max(rss),
            }
    finally:
        for s in listeners:
            s.close()

    print(
        f"Full TCP scan of {TARGET} ports {PORTS}, {len(expected)} listening; "
        f"median of {args.runs} runs; {env_note}"
    )
    print(f"{'tool':<38} {'median':>8} {'min':>7} {'max':>7} {'in-process':>10} {'peak RSS':>9}")
    for name, f in figures.items():
        inproc = f"{f['scan_median']:.3f} s" if f["scan_median"] is not None else "-"
        print(
            f"{name:<38} {f['median']:7.3f}s {f['min']:6.3f}s {f['max']:6.3f}s "
            f"{inproc:>10} {f['rss']:6.1f} MB"
        )
    for ref in ("nmap -sT", "nmap -sS"):
        if ref in figures:
            for name, f in figures.items():
                if name.startswith("portwindow"):
                    ratio = f["median"] / figures[ref]["median"]
                    print(f"ratio {name} / {ref}: {ratio:.2f}")
    print(
        "agreement: "
        + (
            "all tools found the same open ports"
            if not disagreements
            else "DISAGREE: " + "; ".join(disagreements)
        )
    )
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
