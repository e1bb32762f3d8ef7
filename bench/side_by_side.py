"""Benchmark of benchmarks: the benches of ``make bench`` in another checkout (an older
commit) and in this one, run alternately in one run, with the ratio new/old per figure.

The machine these figures are taken on is shared and loaded, so a figure measured at one
time and compared with one measured an hour later says more about the load than about
the code. Here each round runs every chosen bench once with the old tree's script and
its own Python, then once with this tree's (old, new, old, new, ...), so both sides see
the same load; the table gives each figure's median over the rounds, its spread
(min-max) and the ratio of the medians. Each run is bounded in time (killed with its
process group when over) and runs in a private network namespace of its own
(``tools/in-netns.sh``; the older benches did not make one themselves), so every scan
meets only what the bench started.

    python bench/side_by_side.py --old /tmp/old --old-python /tmp/old/.venv/bin/python \\
        [--rounds 3] [--runs 1] [--bench engine_vs_nmap --bench door_scroll ...] [--json F]
        [--log F]
    python bench/side_by_side.py --from-log F

Each figure's headline is parsed from the bench's own print-out (the regexes below); a
bench whose output does not match, or that fails, is reported as such, not left out.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
IN_NETNS = ROOT / "tools" / "in-netns.sh"
TOLERANCE = 0.05
DIFFERENCE = "s, a difference"  # a figure whose ratio means nothing: shown, not judged

SECONDS = r"([\d.]+)\s*s"
# a tool's row: median, min, max, in-process, peak RSS
_TOOL_ROW = r"^{tool}\s+([\d.]+)s\s+[\d.]+s\s+[\d.]+s\s+(?:([\d.]+) s|-)\s+([\d.]+) MB"


@dataclass(frozen=True)
class Bench:
    """A bench of ``make bench``: how to run it and where its figures are in its output."""

    script: str
    args: tuple[str, ...]
    timeout: float
    env: tuple[tuple[str, str], ...] = ()
    takes_runs: bool = True


def _tool_figures(tools: tuple[str, ...], engines: tuple[str, ...]) -> list[tuple]:
    figures = []
    for tool in tools:
        row = _TOOL_ROW.format(tool=re.escape(tool))
        figures.append((f"{tool}: wall", row, 1, "s"))
        if tool in engines:
            figures.append((f"{tool}: in-process", row, 2, "s"))
        if tool.startswith("portwindow"):
            figures.append((f"{tool}: peak RSS", row, 3, "MB"))
    return figures


BENCHES: dict[str, Bench] = {
    "engine_vs_nmap": Bench("bench/engine_vs_nmap.py", (), 600),
    "udp_vs_nmap": Bench("bench/udp_vs_nmap.py", (), 900),
    "banner_overhead": Bench("bench/banner_overhead.py", (), 600),
    "ui_responsiveness": Bench("bench/ui_responsiveness.py", (), 600),
    "ui_file_actions": Bench("bench/ui_file_actions.py", (), 900),
    "door_scroll": Bench(
        "bench/door_scroll.py", (), 400, (("QT_QPA_PLATFORM", "offscreen"),), takes_runs=False
    ),
}

_ENGINE = ("portwindow engine (asyncio)", "portwindow engine (uvloop)")
_CLI = "portwindow scan (CLI, whole command)"
_MEDIAN = (
    r"^median: wall ([\d.]+) s vs headless ([\d.]+) s .*worst gap ([\d.]+) ms "
    r".*p99 ([\d.]+) ms .*peak RSS (\d+) MB .*cold start ([\d.]+) s"
)
_ACTIONS = (
    "switch to the table",
    "export CSV",
    "open CSV report",
    "reopen from the history",
    "compare with the previous scan",
)


def _banner_figures() -> list[tuple]:
    figures = []
    for variant in ("20 silent", "5 greeting + 15 silent"):
        row = rf"^{re.escape(variant)}\s+{SECONDS} \([^)]*\)\s+{SECONDS} \([^)]*\)\s+\+([-\d.]+) s"
        figures += [
            (f"{variant}: banners off", row, 1, "s"),
            (f"{variant}: banners on", row, 2, "s"),
            (f"{variant}: overhead", row, 3, DIFFERENCE),
        ]
    return figures


def _door_figures() -> list[tuple]:
    figures = []
    for case in ("one host", "256 hosts"):
        for size in (24, 40):
            head = rf"^{case}: .*door size {size}\n"
            figures += [
                (f"{case}, size {size}: fill", head + r"\s+fill (\d+) ms", 1, "ms"),
                (f"{case}, size {size}: layout", head + r"\s+fill .*layout ([\d.]+) ms", 1, "ms"),
                (f"{case}, size {size}: filter", head + r".*state filter ([\d.]+) ms", 1, "ms"),
                (
                    f"{case}, size {size}: paint median",
                    head + r".*\n\s+paint .*median ([\d.]+) ms",
                    1,
                    "ms",
                ),
                (
                    f"{case}, size {size}: paint p99",
                    head + r".*\n\s+paint .*p99 ([\d.]+) ms",
                    1,
                    "ms",
                ),
            ]
    return figures


def _action_figures() -> list[tuple]:
    figures = []
    for action in _ACTIONS:
        row = rf"^{re.escape(action)}\s+([\d.]+)s\s+([\d.]+)ms\s+([\d.]+)ms"
        figures += [
            (f"{action}: duration", row, 1, "s"),
            (f"{action}: worst gap (median)", row, 2, "ms"),
        ]
    return figures


# bench -> (figure, regex over the whole output, group, unit)
FIGURES: dict[str, list[tuple]] = {
    "engine_vs_nmap": _tool_figures((*_ENGINE, _CLI, "nmap -sT", "nmap -sS"), _ENGINE),
    "udp_vs_nmap": _tool_figures(
        ("portwindow engine (uvloop)", _CLI, "nmap -sU"), ("portwindow engine (uvloop)",)
    ),
    "banner_overhead": _banner_figures(),
    "ui_responsiveness": [
        ("window: wall", _MEDIAN, 1, "s"),
        ("headless engine: wall", _MEDIAN, 2, "s"),
        ("16 ms timer: worst gap", _MEDIAN, 3, "ms"),
        ("16 ms timer: p99 gap", _MEDIAN, 4, "ms"),
        ("window: peak RSS", _MEDIAN, 5, "MB"),
        ("cold start", _MEDIAN, 6, "s"),
    ],
    "ui_file_actions": _action_figures(),
    "door_scroll": _door_figures(),
}

# Failures the benches print while exiting 0, or as their reason to exit 1.
FAILED = re.compile(r"DISAGREE|INCOMPLETE|Traceback")


def parse(bench: str, text: str) -> dict[str, float]:
    """The figures of one run's output that its regexes find."""
    found = {}
    for figure, pattern, group, _unit in FIGURES[bench]:
        match = re.search(pattern, text, re.MULTILINE)
        if match and match.group(group) is not None:
            found[figure] = float(match.group(group))
    return found


def run_once(tree: Path, python: str, bench: Bench, runs: int) -> tuple[str, str | None, float]:
    """One run of a bench in ``tree`` with ``python``: its output, why it failed (None
    when it did not) and its wall time. Killed with its process group after its timeout."""
    argv = ["sh", str(IN_NETNS), python, bench.script, *bench.args]
    if bench.takes_runs:
        argv += ["--runs", str(runs)]
    env = dict(os.environ, **dict(bench.env))
    env.pop("PYTHONPATH", None)
    started = time.perf_counter()
    child = subprocess.Popen(
        argv,
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        out, _ = child.communicate(timeout=bench.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        return out, f"killed after {bench.timeout:.0f} s", time.perf_counter() - started
    failed = None
    if child.returncode == 1 and "NOT met" in out:
        pass  # the bench's own target missed (banner_overhead): its figures still stand
    elif child.returncode != 0:
        failed = f"exit {child.returncode}"
    elif FAILED.search(out):
        failed = FAILED.search(out).group(0)
    return out, failed, time.perf_counter() - started


def spread(values: list[float]) -> str:
    return f"{min(values):.4g}-{max(values):.4g}" if values else "-"


def verdict(ratio: float) -> str:
    if ratio > 1 + TOLERANCE:
        return "NO"
    return "yes (faster)" if ratio < 1 - TOLERANCE else "yes"


def table(samples: dict, failures: list[str], rounds_done: int) -> list[str]:
    lines = [
        f"{'bench':<18} {'figure':<52} {'old median':>11} {'new median':>11} "
        f"{'new/old':>7}  {'within 5%':<12} old spread / new spread"
    ]
    for bench, figures in FIGURES.items():
        if bench not in samples:
            continue
        for figure, _pattern, _group, unit in figures:
            old = samples[bench]["old"].get(figure, [])
            new = samples[bench]["new"].get(figure, [])
            if not old or not new:
                lines.append(f"{bench:<18} {figure:<52} {'(not in the output)':>24}")
                continue
            o, n = statistics.median(old), statistics.median(new)
            if unit == DIFFERENCE:
                lines.append(
                    f"{bench:<18} {figure:<52} {o:>8.3f} s  {n:>8.3f} s  {'-':>7}  "
                    f"{'(not judged)':<12} {spread(old)} / {spread(new)} (n={len(old)}/{len(new)})"
                )
                continue
            ratio = n / o if o else float("inf")
            lines.append(
                f"{bench:<18} {figure:<52} {o:>8.4g} {unit:<2} {n:>8.4g} {unit:<2} "
                f"{ratio:7.3f}  {verdict(ratio):<12} {spread(old)} / {spread(new)} "
                f"(n={len(old)}/{len(new)})"
            )
    lines.append(f"rounds: {rounds_done}; failed runs: " + ("; ".join(failures) or "none"))
    return lines


def from_log(log: Path) -> int:
    """The table again from a --log file (a run's outputs), as when a regex is fixed."""
    samples: dict = {}
    rounds = set()
    for block in log.read_text().split("\n===== round ")[1:]:
        head, out = block.split("\n", 1)
        round_no, name, side = head.split()[:3]
        rounds.add(round_no)
        for figure, value in parse(name, out).items():
            bench = samples.setdefault(name, {"old": {}, "new": {}})
            bench[side].setdefault(figure, []).append(value)
    print("\n".join(table(samples, ["(read from a log: see it)"], len(rounds))))
    return 0


def main() -> int:
    if sys.argv[1:2] == ["--from-log"] and len(sys.argv) == 3:
        return from_log(Path(sys.argv[2]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="the older checkout")
    parser.add_argument("--old-python", required=True, help="its venv's python")
    parser.add_argument("--new-python", default=str(ROOT / ".venv" / "bin" / "python"))
    parser.add_argument("--rounds", type=int, default=3, choices=range(1, 21), metavar="N")
    parser.add_argument("--runs", type=int, default=1, choices=range(1, 21), metavar="N")
    parser.add_argument("--bench", action="append", choices=sorted(BENCHES))
    parser.add_argument("--budget", type=float, default=3600, help="seconds for all rounds")
    parser.add_argument("--json", type=Path, help="write every run's figures here too")
    parser.add_argument("--log", type=Path, help="append every run's output here")
    args = parser.parse_args()
    chosen = args.bench or list(BENCHES)
    trees = {"old": (args.old.resolve(), args.old_python), "new": (ROOT, args.new_python)}
    print(
        f"Side by side: old {trees['old'][0]} against new {ROOT}; {os.cpu_count()} CPUs "
        f"shared with other work (load {os.getloadavg()[0]:.1f}), so the runs alternate "
        f"old, new, old, new within each round and each side sees the same load; "
        f"{args.rounds} rounds, --runs {args.runs} inside each bench that takes it.",
        flush=True,
    )
    samples: dict = {b: {"old": {}, "new": {}} for b in chosen}
    raw: list[dict] = []
    failures: list[str] = []
    deadline = time.monotonic() + args.budget
    rounds_done = 0
    for round_no in range(1, args.rounds + 1):
        if time.monotonic() > deadline:
            print(f"budget of {args.budget:.0f} s spent: stopping before round {round_no}")
            break
        for name in chosen:
            if time.monotonic() > deadline:
                print(f"budget of {args.budget:.0f} s spent: stopping in round {round_no}")
                break
            for side in ("old", "new"):
                tree, python = trees[side]
                out, failed, wall = run_once(tree, python, BENCHES[name], args.runs)
                figures = parse(name, out)
                if args.log:
                    with args.log.open("a") as log:
                        log.write(f"\n===== round {round_no} {name} {side} ({wall:.1f} s)\n{out}")
                if failed:
                    failures.append(f"{name} {side} round {round_no}: {failed}")
                for figure, value in figures.items():
                    samples[name][side].setdefault(figure, []).append(value)
                raw.append(
                    {"round": round_no, "bench": name, "side": side, "wall": wall}
                    | {"failed": failed, "figures": figures}
                )
                print(
                    f"round {round_no} {name:<18} {side}: {wall:6.1f} s, "
                    f"{len(figures)} figures" + (f", FAILED: {failed}" if failed else ""),
                    flush=True,
                )
        rounds_done = round_no
        if args.json:
            args.json.write_text(json.dumps(raw, indent=1))
    print()
    print("\n".join(table(samples, failures, rounds_done)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
