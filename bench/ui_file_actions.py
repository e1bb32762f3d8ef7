"""Benchmark: does the window keep painting while it shows, exports, opens, reopens and
compares a full scan's results?

Starts 20 listeners on 127.0.0.1, then runs the real window N times in fresh processes
(on Xvfb when it is installed, else Qt's offscreen platform): a full TCP scan of
127.0.0.1 (1-65535), then a switch to the Table, Export CSV, Open report (that CSV), a
reopen of the scan from the history and Compare with previous scan, each with a 16 ms
QTimer ticking (bench/_ui_actions_once.py). Prints per action the median duration and
the median and worst of the timer's worst gaps.

Target (issue 3, "the UI never freezes"): the 16 ms timer's worst gap stays within the
30 ms the issue sets for the scan itself.

    python bench/ui_file_actions.py [--runs N] [--platform xvfb|offscreen]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ui_responsiveness import window_bench_arguments, window_lab  # noqa: E402
from tests.support.netns import reexec_in_private_netns  # noqa: E402

TARGET_MS = 30.0


def main() -> int:
    reexec_in_private_netns()
    args = window_bench_arguments(__doc__, runs=5)
    runs: list[dict[str, dict[str, float]]] = []
    with window_lab(args.platform) as (env, platform):
        for _ in range(args.runs):
            child = subprocess.run(
                [sys.executable, "bench/_ui_actions_once.py"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=180,
            )
            if child.returncode != 0:
                raise RuntimeError(f"the window run failed: {child.stderr[-2000:]}")
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))

    print(f"File actions on a full scan's 65,535 results ({platform}), {args.runs} runs")
    print(f"{'action':<31} {'duration':>9} {'worst gap (median)':>19} {'(worst run)':>12}")
    met = True
    for action in runs[0]:
        seconds = statistics.median(run[action]["seconds"] for run in runs)
        worst = [run[action]["worst_gap_ms"] for run in runs]
        met = met and statistics.median(worst) <= TARGET_MS
        print(
            f"{action:<31} {seconds:8.2f}s {statistics.median(worst):17.1f}ms {max(worst):10.1f}ms"
        )
    print(
        f"16 ms timer's worst gap at most {TARGET_MS:.0f} ms (median of runs): "
        + ("met" if met else "NOT met")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
