"""Start to window shown, as packaging/measure.py measures the frozen bundle, for an
installed portwindow (the wheel's, or a checkout's editable install), side by side with
another one when asked.

    .venv/bin/python bench/cold_start.py [--runs 7] [--executable PATH] [--other PATH]

The GUI is spawned with ``--targets 127.0.0.1 --ports 1 --start`` under a private Xvfb,
and ``xdotool search --onlyvisible`` is polled every 10 ms until a window named
portwindow is mapped (measure.start_to_window_x11). The whole run is inside a private
network namespace (tools/in-netns.sh): the one port scanned is its own loopback's. The
first run of each executable warms the page cache and is not counted; the others
alternate between the executables (noise on a shared machine hits both alike). Prints
the median and minimum of each, and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import measure  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--executable", type=Path, default=Path(sys.executable).parent / "portwindow"
    )
    parser.add_argument("--other", type=Path, help="another portwindow to compare with")
    args = parser.parse_args(argv)
    if os.environ.get("PORTWINDOW_IN_NETNS") != "1":
        env = {**os.environ, "PORTWINDOW_IN_NETNS": "1"}
        command = ["sh", str(ROOT / "tools" / "in-netns.sh"), sys.executable, __file__]
        return subprocess.run([*command, *(argv or sys.argv[1:])], env=env).returncode
    executables = [args.executable] + ([args.other] if args.other else [])
    times: dict[Path, list[float]] = {e: [] for e in executables}
    runs = max(2, min(args.runs, 30))
    with measure.xvfb() as display:
        for executable in executables:
            measure.start_to_window_x11(executable, display)  # warms the page cache
        for _ in range(runs):
            for executable in executables:
                times[executable].append(measure.start_to_window_x11(executable, display))
    for executable, taken in times.items():
        print(
            f"{executable}: start to window shown median {statistics.median(taken):.3f} s, "
            f"min {min(taken):.3f} s ({len(taken)} warm runs)"
        )
    if args.other:
        mine, other = (statistics.median(times[e]) for e in executables)
        print(f"ratio {args.executable.name} / other: {mine / other:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
