"""Benchmark: ``portwindow import`` of a 1,000,000-line masscan list (``-oL``), in time
and peak memory (the goal: at most 10 s and 150 MB).

The list is made here, synthetically, in masscan 1.3's layout: the 768 addresses of the
three documentation networks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24), each with
about 1,302 open TCP ports, the lines in masscan's scattered order (a fixed permutation).
Nothing is scanned. Each run is a fresh ``portwindow import`` process into a new history
(read, saved in one transaction); peak memory is the child's maximum resident set.
A second figure reads the list alone (``load_report``), without the history.

    python bench/import_masscan.py [--lines N] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
ADDRESSES = [f"{net}.{host}" for net in NETWORKS for host in range(256)]
T0 = 1_700_000_000


def make_list(path: Path, lines: int) -> None:
    step = 7_919  # a prime not dividing lines: i * step mod lines visits every line once
    with open(path, "w", encoding="ascii") as out:
        out.write("#masscan\n")
        chunk = []
        for i in range(lines):
            k = (i * step) % lines
            address = ADDRESSES[k % len(ADDRESSES)]
            port = 1 + k // len(ADDRESSES)
            chunk.append(f"open tcp {port} {address} {T0 + i // 10_000}\n")
            if len(chunk) >= 10_000:
                out.write("".join(chunk))
                chunk = []
        out.write("".join(chunk))
        out.write("# end\n")


def child(argv: list[str]) -> tuple[float, float, float, str]:
    """Seconds, peak MB and CPU seconds of one child process; its output. The CPU time
    says the work done whatever else the machine is doing."""
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "seconds = time.perf_counter() - start\n"
        "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime\n"
        "print(seconds, peak, cpu, done.returncode, repr(done.stdout + done.stderr))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
    ).stdout
    seconds, peak, cpu, returncode, text = out.split(" ", 4)
    if returncode != "0":
        raise SystemExit(f"{' '.join(argv)} failed: {text}")
    return float(seconds), float(peak), float(cpu), text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    portwindow = str(Path(sys.executable).with_name("portwindow"))
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "sweep.list"
        made = time.perf_counter()
        make_list(listing, args.lines)
        size = listing.stat().st_size / 1e6
        print(f"{args.lines:,} lines ({size:.1f} MB) made in {time.perf_counter() - made:.1f} s")
        imports, reads = [], []
        for run in range(args.runs):
            history = Path(folder) / f"history-{run}.sqlite3"
            imports.append(child([portwindow, "import", str(listing), "--history", str(history)]))
            reads.append(
                child(
                    [
                        sys.executable,
                        "-c",
                        "import sys; from portwindow.engine import load_report; "
                        "print(len(load_report(sys.argv[1]).results))",
                        str(listing),
                    ]
                )
            )
            saved = history.stat().st_size / 1e6
        print(imports[-1][3].strip("'\"").replace("\\n", " "))
        for title, runs in (("portwindow import", imports), ("load_report alone", reads)):
            seconds = [run[0] for run in runs]
            peaks = [run[1] for run in runs]
            cpus = [run[2] for run in runs]
            print(
                f"{title}: {statistics.median(seconds):.2f} s "
                f"({min(seconds):.2f}-{max(seconds):.2f}), peak "
                f"{statistics.median(peaks):.0f} MB ({min(peaks):.0f}-{max(peaks):.0f}), CPU "
                f"{statistics.median(cpus):.2f} s ({min(cpus):.2f}-{max(cpus):.2f}), "
                f"{args.runs} runs"
            )
        print(
            f"history file: {saved:.1f} MB; cores: {os.cpu_count()}, load {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
