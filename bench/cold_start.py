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
the median and minimum of each, wall time and the GUI's own CPU time (which a loaded
machine does not inflate; on an idle one the two are close), and their ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))

import measure  # noqa: E402


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_to_window(executable: Path, display: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the GUI) from spawning it until xdotool sees its
    window mapped, as measure.start_to_window_x11 polls; the CPU time does not grow when
    other programs load the machine, the wall time does."""
    with tempfile.TemporaryDirectory(prefix="portwindow-cold-") as tmp:
        env = measure._env(Path(tmp), DISPLAY=display)
        args = [str(executable), "--targets", "127.0.0.1", "--ports", "1", "--start"]
        started = time.perf_counter()
        child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        try:
            wall = measure.wait_until(child, started, measure.window_shown(env), "window")
            cpu = _cpu_seconds(child.pid)
        finally:
            measure._stop(child)  # Ctrl-C, as measure.py ends a run
    return wall, cpu


def phases(paths: list[str], runs: int) -> int:
    """Print the median CPU time of each phase (bench/_start_phases.py) per package path."""
    script = str(ROOT / "bench" / "_start_phases.py")
    found: dict[str, list[dict]] = {p: [] for p in paths}
    for _ in range(runs):
        for path in paths:
            env = {**os.environ, "PYTHONPATH": path} if path else dict(os.environ)
            out = subprocess.run([sys.executable, script], env=env, capture_output=True,
                                 text=True, timeout=120, check=True).stdout  # fmt: skip
            found[path].append(json.loads(out.strip().splitlines()[-1]))
    for path, rows in found.items():
        parts = ", ".join(f"{key} {statistics.median(r[key] for r in rows):.3f}" for key in rows[0])
        print(f"{path or 'this checkout'}: CPU s, median of {runs}: {parts}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--executable", type=Path, default=Path(sys.executable).parent / "portwindow"
    )
    parser.add_argument("--other", type=Path, help="another portwindow to compare with")
    parser.add_argument(
        "--phases",
        nargs="*",
        metavar="PYTHONPATH",
        help="instead: CPU time of each start-up phase in process (bench/_start_phases.py) "
        "for this checkout or the package folders given, alternating",
    )
    args = parser.parse_args(argv)
    if args.phases is not None:
        return phases(args.phases or [""], max(2, min(args.runs, 30)))
    if os.environ.get("PORTWINDOW_IN_NETNS") != "1":
        env = {**os.environ, "PORTWINDOW_IN_NETNS": "1"}
        command = ["sh", str(ROOT / "tools" / "in-netns.sh"), sys.executable, __file__]
        return subprocess.run([*command, *(argv or sys.argv[1:])], env=env).returncode
    executables = [args.executable] + ([args.other] if args.other else [])
    times: dict[Path, list[tuple[float, float]]] = {e: [] for e in executables}
    runs = max(2, min(args.runs, 30))
    with measure.xvfb() as display:
        for executable in executables:
            start_to_window(executable, display)  # warms the page cache
        for _ in range(runs):
            for executable in executables:
                times[executable].append(start_to_window(executable, display))
    medians = {}
    for executable, taken in times.items():
        walls, cpus = [w for w, _ in taken], [c for _, c in taken]
        medians[executable] = (statistics.median(walls), statistics.median(cpus))
        print(
            f"{executable}: start to window shown median {medians[executable][0]:.3f} s "
            f"(min {min(walls):.3f} s), its CPU time median {medians[executable][1]:.3f} s "
            f"(min {min(cpus):.3f} s), {len(taken)} warm runs; load {os.getloadavg()[0]:.1f}"
        )
    if args.other:
        (wall, cpu), (other_wall, other_cpu) = (medians[e] for e in executables)
        print(f"ratio to the other: wall {wall / other_wall:.2f}, CPU {cpu / other_cpu:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
