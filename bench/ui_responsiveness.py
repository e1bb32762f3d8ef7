"""Benchmark: how the window behaves during a full TCP scan (1-65535) of 127.0.0.1.

Starts 20 listeners on 127.0.0.1, then runs the real window N times in fresh processes
(on Xvfb when it is installed, else Qt's offscreen platform), pressing Scan and recording
a 16 ms QTimer's gaps from just before Scan is pressed until the scan is saved to the
history (a temporary one). Also runs the headless engine for comparison.
Prints per run and in the median: the timer's worst gap and p99, the scan's wall time
against the headless engine's, the peak RSS, and the cold start to window shown.

Targets (issue 3): worst gap <= 30 ms, p99 <= 20 ms, total <= 1.3x headless,
peak RSS <= 200 MB, cold start <= 1.5 s.

    python bench/ui_responsiveness.py [--runs N] [--platform xvfb|offscreen]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine_vs_nmap import open_listeners  # noqa: E402
from tests.support.netns import reexec_in_private_netns  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def start_xvfb() -> tuple[subprocess.Popen, str] | None:
    if shutil.which("Xvfb") is None:
        return None
    display = f":{90 + os.getpid() % 9}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    if server.poll() is not None:
        return None
    return server, display


def window_bench_arguments(doc: str, runs: int) -> argparse.Namespace:
    """--runs N and --platform xvfb|offscreen, as every window bench takes them."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--runs", type=int, default=runs, choices=range(1, 21), metavar="N")
    parser.add_argument("--platform", choices=["xvfb", "offscreen"], default="xvfb")
    return parser.parse_args()


def window_platform(
    platform: str,
) -> tuple[dict[str, str], str, tuple[subprocess.Popen, str] | None]:
    """The children's environment, its description, and the Xvfb server to stop (on
    Xvfb when asked and installed, else Qt's offscreen platform)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    xvfb = start_xvfb() if platform == "xvfb" else None
    if xvfb is not None:
        env.update(DISPLAY=xvfb[1], QT_QPA_PLATFORM="xcb")
        return env, f"Xvfb {xvfb[1]}", xvfb
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env, "offscreen", None


@contextlib.contextmanager
def window_lab(platform: str):
    """20 listeners on 127.0.0.1 and the display for the window's children; yields the
    children's environment and the display's description, and closes both after."""
    env, label, xvfb = window_platform(platform)
    listeners = open_listeners()
    try:
        yield env, label
    finally:
        for listener in listeners:
            listener.close()
        if xvfb is not None:
            xvfb[0].terminate()
            xvfb[0].wait(10)


def main() -> int:
    reexec_in_private_netns()
    args = window_bench_arguments(__doc__, runs=10)

    runs, headless = [], []
    with window_lab(args.platform) as (env, platform):
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, "bench/_scan_once.py", "127.0.0.1", "1-65535", "uvloop"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
                check=True,
            ).stdout
            headless.append(json.loads(out)["wall"])
            with tempfile.TemporaryFile("w+") as log:
                spawned = time.time()
                child = subprocess.run(
                    [sys.executable, "bench/_ui_scan_once.py", "1-65535"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=log,
                    text=True,
                    timeout=180,
                )
                if child.returncode != 0:
                    log.seek(0)
                    raise RuntimeError(f"the window run failed: {log.read()[-2000:]}")
            data = json.loads(child.stdout.strip().splitlines()[-1])
            data["cold_start"] = data["shown_at"] - spawned
            runs.append(data)

    print(f"Full TCP scan of 127.0.0.1 in the window ({platform}), {args.runs} runs")
    print(
        f"{'run':>3} {'wall':>7} {'saved':>7} {'headless':>9} {'ratio':>6} {'worst gap':>10} "
        f"{'p99 gap':>8} {'RSS':>7} {'cold start':>10} {'rows':>7}"
    )
    for i, (run, base) in enumerate(zip(runs, headless, strict=True), 1):
        gaps = run["gaps_ms"]
        print(
            f"{i:>3} {run['wall']:6.2f}s {run['saved']:6.2f}s {base:8.2f}s "
            f"{run['wall'] / base:6.2f} "
            f"{max(gaps):8.1f}ms {percentile(gaps, 0.99):6.1f}ms {run['maxrss_mb']:5.0f}MB "
            f"{run['cold_start']:9.2f}s {run['rows']:>7}"
        )
    wall = statistics.median(r["wall"] for r in runs)
    base = statistics.median(headless)
    worst = statistics.median(max(r["gaps_ms"]) for r in runs)
    pooled = [gap for r in runs for gap in r["gaps_ms"]]
    p99 = percentile(pooled, 0.99)
    rss = max(r["maxrss_mb"] for r in runs)
    cold = statistics.median(r["cold_start"] for r in runs)
    print(
        f"median: wall {wall:.2f} s vs headless {base:.2f} s (ratio {wall / base:.2f}); "
        f"16 ms timer worst gap {worst:.1f} ms (median of runs), p99 {p99:.1f} ms "
        f"(all {len(pooled)} gaps); "
        f"peak RSS {rss:.0f} MB (max); cold start {cold:.2f} s"
    )
    complete = all(r["done"] == r["rows"] == r["doors"] == 65535 for r in runs)
    print(
        "complete: every run probed 65,535 ports and showed each as a door and a table row"
        if complete
        else "INCOMPLETE runs"
    )
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
