"""Benchmark: Ctrl-C on a scan of millions of addresses (issue 13): `portwindow scan
127.0.0.0/8 --allow-large -p 80`, stopped by SIGINT after a while (20 s by default), with
the history and, in a second run, a JSON Lines report too. Inside a network namespace of
its own (nothing listens there: every door is closed).

Prints how many hosts were scanned, the RSS while it ran (sampled each second) and at
its peak (ru_maxrss), how long it took from the signal to the process's end, and checks
that the partial report is whole (every line JSON, one row per scanned host).

    python bench/wide_stop.py [--after S] [--runs N] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scale import child_env, compile_tree  # noqa: E402
from tests.support.netns import reexec_in_private_netns  # noqa: E402


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def stopped_scan(tree: Path, env: dict, folder: Path, after: float, *, report: bool) -> dict:
    history, jsonl = folder / f"h-{time.monotonic_ns()}.sqlite3", folder / "partial.jsonl"
    argv = [sys.executable, "-m", "portwindow", "scan", "127.0.0.0/8", "--allow-large"]
    argv += ["-p", "80", "-q", "--history", str(history)]
    if report:
        argv += ["--json", str(jsonl)]
    child = subprocess.Popen(
        argv, cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    samples = []
    deadline = time.monotonic() + after
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
        samples.append(rss_mb(child.pid))
    signalled = time.perf_counter()
    child.send_signal(signal.SIGINT)
    _pid, status, usage = os.wait4(child.pid, 0)
    stop = time.perf_counter() - signalled
    out = child.stdout.read()
    child.stdout.close()
    child.stderr.close()
    found = re.search(r"([\d,]+) of 16,777,216 ports probed", out)
    probed = int(found.group(1).replace(",", "")) if found else -1
    whole = None
    if report:
        with jsonl.open(encoding="utf-8") as lines:
            rows = sum(1 for line in lines if json.loads(line))
        whole = rows == probed
        jsonl.unlink()
    history.unlink(missing_ok=True)
    return {
        "exit": os.waitstatus_to_exitcode(status),
        "probed": probed,
        "rss_at_stop": samples[-1] if samples else 0.0,
        "peak_rss": usage.ru_maxrss / 1024,
        "stop": stop,
        "report_whole": whole,
    }


def main() -> int:
    reexec_in_private_netns()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--after", type=float, default=20.0, metavar="S")
    parser.add_argument("--runs", type=int, default=1, choices=range(1, 11), metavar="N")
    parser.add_argument("--baseline", metavar="DIR", help="another tree, run in turns with this")
    args = parser.parse_args()
    trees = {"this": ROOT}
    if args.baseline:
        trees = {"baseline": Path(args.baseline).resolve(), "this": ROOT}
    print(
        f"{'tree':<9} {'report':<7} {'hosts':>10} {'RSS at stop':>11} {'peak RSS':>9} "
        f"{'stop':>7}  exit  whole"
    )
    failed = False
    with tempfile.TemporaryDirectory(prefix="portwindow-stop-") as folder:
        cache = Path(folder) / "pyc"
        for tree in trees.values():
            compile_tree(tree, child_env(tree, cache))
        for _ in range(args.runs):
            for report in (False, True):
                for name, tree in trees.items():
                    env = child_env(tree, cache)
                    r = stopped_scan(tree, env, Path(folder), args.after, report=report)
                    failed |= r["exit"] != 130 or r["report_whole"] is False
                    print(
                        f"{name:<9} {'json' if report else '-':<7} {r['probed']:>10,} "
                        f"{r['rss_at_stop']:>9.0f}MB {r['peak_rss']:>7.0f}MB {r['stop']:>6.2f}s"
                        f"  {r['exit']:>4}  {r['report_whole']}"
                    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
