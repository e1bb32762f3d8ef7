"""Benchmark: how time and memory grow with the number of probes, from one host with
every port to 65,536 hosts (issue 13's table).

For each size (hosts x ports) on loopback, inside a network namespace of its own: 10 TCP
listeners that greet (so banners are read) spread over the planned doors, then, in fresh
processes, the engine alone (results counted, not kept), `portwindow scan` with the
history (as it saves by default, into a temporary file), and the same with a JSON Lines
report. Prints wall times, their ratio to the engine alone, peak RSS (ru_maxrss), and
checks that every run found exactly the listeners. `--plot FILE` draws time and memory
against probes (needs matplotlib: pip install matplotlib).

    python bench/scale.py [--sizes 1x65535,256xtop1000] [--runs N] [--json FILE]
        [--plot FILE] [--baseline DIR] [--window SIZES] [--platform xvfb|offscreen]
    python bench/scale.py --from A.json,B.json [--plot FILE]   (earlier runs, merged)

``--window SIZES`` also scans those sizes in the real window (banners on, a 16 ms timer's
gaps recorded until the scan is saved): its time against the engine alone, the worst gap
and the p99, and its peak RSS.

``--baseline DIR`` runs another tree (``git archive COMMIT | tar -x -C DIR``) alternately
with this one, so that old and new are measured side by side on a loaded machine.
Children run with their bytecode cached (in a temporary folder), as an installed package
has it: no run pays for compiling modules.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.netns import reexec_in_private_netns  # noqa: E402

SIZES = {
    "1x65535": ("127.0.0.1", "1-65535", 1, 65535),
    "256xtop1000": ("127.0.0.0/24", "top1000", 256, 1000),
    "4096xtop100": ("127.0.0.0/20", "top100", 4096, 100),
    "65536x10": ("127.0.0.0/16", "TOP10", 65536, 10),
    "65536xtop100": ("127.0.0.0/16", "top100", 65536, 100),
}
DEFAULT_SIZES = "1x65535,256xtop1000,4096xtop100,65536x10"
LISTENERS = 10
KINDS = ("engine", "cli", "cli_json")
TIMEOUT = 1800  # seconds for any one window run

LISTENER = (
    "import asyncio, sys, json\n"
    "doors = json.loads(sys.argv[1])\n"
    "async def greet(reader, writer):\n"
    "    try:\n"
    "        writer.write(b'SSH-2.0-scale_bench\\r\\n')\n"
    "        await writer.drain()\n"
    "    except OSError:\n"
    "        pass  # a scanner that connected and went at once\n"
    "    writer.close()\n"
    "async def serve():\n"
    "    servers = [await asyncio.start_server(greet, h, p) for h, p in doors]\n"
    "    print('ready', flush=True)\n"
    "    await asyncio.sleep(3600)\n"
    "asyncio.run(serve())\n"
)

ENGINE_ALONE = (
    "import json, sys\n"
    "from portwindow.engine import PortState, Scan, ScanConfig, loops, parse_ports\n"
    "from portwindow.engine import parse_targets\n"
    "targets, ports = sys.argv[1], sys.argv[2]\n"
    "config = ScanConfig(parse_targets(targets), parse_ports(ports), grab_banners=True)\n"
    "found = set()\n"
    "def on_batch(batch):\n"
    "    for r in batch.results:\n"
    "        if r.state is PortState.OPEN:\n"
    "            found.add((r.address, r.port))\n"
    "loops.run(Scan(config).run(on_batch))\n"
    "print(json.dumps(sorted(found)))\n"
)


def port_spec(spec: str) -> str:
    """What -p gets: TOP10 is the first ten ports of the top100 list."""
    if spec == "TOP10":
        from portwindow.engine.input.toplists import TOP100

        return ",".join(str(port) for port in TOP100[:10])
    return spec


def planned_ports(spec: str) -> list[int]:
    from portwindow.engine import parse_ports

    return list(parse_ports(port_spec(spec)).tcp)


def hosts_of(target: str, count: int) -> list[str]:
    import ipaddress

    network = ipaddress.ip_network(target if "/" in target else f"{target}/32")
    return [str(address) for _, address in zip(range(count), network, strict=False)]


def start_listeners(target: str, count: int, ports_spec: str) -> tuple[subprocess.Popen, set]:
    """A child process holding LISTENERS greeting servers on planned doors."""
    rng = random.Random(13)
    hosts = hosts_of(target, count)
    ports = planned_ports(ports_spec)
    doors: set[tuple[str, int]] = set()
    while len(doors) < LISTENERS:
        doors.add((rng.choice(hosts), rng.choice(ports)))
    child = subprocess.Popen(
        [sys.executable, "-c", LISTENER, json.dumps(sorted(doors))],
        stdout=subprocess.PIPE,
        text=True,
    )
    if child.stdout.readline().strip() != "ready":
        child.kill()
        raise RuntimeError("the listeners did not start")
    return child, doors


def child_env(tree: Path, cache: Path) -> dict:
    """A child's environment: its bytecode cached under ``cache``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache / tree.name)
    return env


def compile_tree(tree: Path, env: dict) -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "portwindow"], cwd=tree, env=env, check=True
    )


def timed(argv: list[str], tree: Path, env: dict) -> tuple[float, float, str, float]:
    """Run a child in ``tree`` (the package imported is that tree's); its wall time, its
    peak RSS in MB, its stdout and its CPU time (user and system)."""
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, cwd=tree, env=env)
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        except BaseException:
            child.kill()
            raise
        wall = time.perf_counter() - started
        stderr = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"{argv[1:4]} exited {code}: {stderr.strip()[-500:]}")
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return wall, usage.ru_maxrss / 1024, out.read(), cpu


def engine_alone(target: str, ports: str, tree: Path, env: dict) -> tuple[tuple, set]:
    """(wall, RSS, CPU) of the engine alone, and the open doors it found."""
    wall, rss, out, cpu = timed([sys.executable, "-c", ENGINE_ALONE, target, ports], tree, env)
    return (wall, rss, cpu), {tuple(door) for door in json.loads(out)}


def cli(
    target: str, ports: str, folder: Path, tree: Path, env: dict, *, report: bool
) -> tuple[tuple, set]:
    """(wall, RSS, CPU) of ``portwindow scan`` with the history (and a JSON Lines report
    when ``report``), and the open doors the report lists."""
    history = folder / f"history-{time.monotonic_ns()}.sqlite3"
    argv = [sys.executable, "-m", "portwindow", "scan", target, "-p", ports, "-q", "-Pn"]
    argv += ["--history", str(history)]
    jsonl = folder / "report.jsonl"
    if report:
        argv += ["--json", str(jsonl)]
    wall, rss, _out, cpu = timed(argv, tree, env)
    found: set = set()
    if report:
        with jsonl.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if row["state"] == "open":
                    found.add((row["address"], row["port"]))
        jsonl.unlink()
    history.unlink(missing_ok=True)
    return (wall, rss, cpu), found


def window_run(target: str, ports: str, tree: Path, env: dict) -> dict:
    """One scan in the real window (bench/_scale_window.py, ``tree``'s package)."""
    child = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "_scale_window.py"), target, ports],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if child.returncode != 0:
        raise RuntimeError(f"the window run failed: {child.stderr[-2000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def measure(
    size: str, runs: int, trees: dict[str, Path], cache: Path, display: dict | None = None
) -> dict:
    """Every kind of run in every tree, ``runs`` times, the trees taking turns; with a
    ``display`` (its environment), the window's runs too."""
    target, spec, hosts, per_host = SIZES[size]
    ports = port_spec(spec)
    server, doors = start_listeners(target, hosts, spec)
    envs = {name: child_env(tree, cache) for name, tree in trees.items()}
    figures: dict[str, dict[str, list]] = {name: {k: [] for k in KINDS} for name in trees}
    windows: dict[str, list[dict]] = {name: [] for name in trees}
    wrong = dict.fromkeys(trees, 0)
    try:
        with tempfile.TemporaryDirectory(prefix="portwindow-scale-") as folder:
            for _ in range(runs):
                for name, tree in trees.items():
                    env, kept = envs[name], figures[name]
                    figure, found = engine_alone(target, ports, tree, env)
                    kept["engine"].append(figure)
                    wrong[name] += found != doors
                    figure, _ = cli(target, ports, Path(folder), tree, env, report=False)
                    kept["cli"].append(figure)
                    figure, found = cli(target, ports, Path(folder), tree, env, report=True)
                    kept["cli_json"].append(figure)
                    wrong[name] += found != doors
                    if display is not None:
                        shown = window_run(target, ports, tree, {**env, **display})
                        windows[name].append(shown)
                        wrong[name] += shown["open"] != len(doors)
    finally:
        server.kill()
        server.wait(10)
    result: dict = {"size": size, "probes": hosts * per_host, "runs": runs}
    for name in trees:
        result[name] = {"wrong_runs": wrong[name]}
        for kind, values in figures[name].items():
            result[name][kind] = {
                "wall": statistics.median(v[0] for v in values),
                "rss": max(v[1] for v in values),
                "cpu": statistics.median(v[2] for v in values),
            }
        if windows[name]:
            shown = windows[name]
            result[name]["window"] = {
                "wall": statistics.median(w["wall"] for w in shown),
                "saved": statistics.median(w["saved"] for w in shown),
                "worst_gap": statistics.median(max(w["gaps_ms"]) for w in shown),
                "p99_gap": percentile([g for w in shown for g in w["gaps_ms"]], 0.99),
                "rss": max(w["maxrss_mb"] for w in shown),
                "cpu": statistics.median(w["cpu"] for w in shown),
            }
    return result


def cpu_ratio(figures: dict, engine: dict) -> str:
    """The ratio of two CPU times, five wide ("-" for results measured without)."""
    if "cpu" not in figures or "cpu" not in engine:
        return f"{'-':>5}"
    return f"{figures['cpu'] / engine['cpu']:>5.2f}"


def show_windows(results: list[dict], names: list[str]) -> None:
    rows = [(r, name) for r in results for name in names if "window" in r.get(name, {})]
    if not rows:
        return
    print(
        f"{'size':<13} {'tree':<8} {'window':>8} {'headless':>8} {'x':>5} {'cpu x':>5} "
        f"{'saved':>8} {'worst gap':>9} {'p99 gap':>8} {'RSS':>6}"
    )
    for r, name in rows:
        w, engine = r[name]["window"], r[name]["engine"]
        print(
            f"{r['size']:<13} {name:<8} {w['wall']:>7.2f}s {engine['wall']:>7.2f}s "
            f"{w['wall'] / engine['wall']:>5.2f} {cpu_ratio(w, engine)} "
            f"{w['saved']:>7.2f}s {w['worst_gap']:>7.1f}ms {w['p99_gap']:>6.1f}ms "
            f"{w['rss']:>4.0f}MB"
        )


def show(results: list[dict], names: list[str]) -> None:
    """Wall times and their ratio to the engine alone; then the same ratio of CPU times
    (user and system), which a machine busy with other work disturbs less."""
    print(
        f"{'size':<13} {'tree':<8} {'probes':>10} {'engine':>8} {'cli+hist':>8} {'x':>5} "
        f"{'cli+json':>8} {'x':>5} {'cpu x':>5} {'cpu x':>5} {'eng RSS':>7} {'cli RSS':>7} "
        f"{'json RSS':>8}  wrong"
    )
    for r in results:
        for name in (name for name in names if name in r):
            f = r[name]
            engine = f["engine"]["wall"]
            print(
                f"{r['size']:<13} {name:<8} {r['probes']:>10,} {engine:>7.2f}s "
                f"{f['cli']['wall']:>7.2f}s {f['cli']['wall'] / engine:>5.2f} "
                f"{f['cli_json']['wall']:>7.2f}s {f['cli_json']['wall'] / engine:>5.2f} "
                f"{cpu_ratio(f['cli'], f['engine'])} {cpu_ratio(f['cli_json'], f['engine'])} "
                f"{f['engine']['rss']:>5.0f}MB {f['cli']['rss']:>5.0f}MB "
                f"{f['cli_json']['rss']:>6.0f}MB  {f['wrong_runs']}"
            )


def plot(results: list[dict], path: str) -> None:
    """Time and peak RSS against probes, this tree's solid, the baseline's dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (times, memory) = plt.subplots(1, 2, figsize=(10, 4))
    kinds = (
        ("engine", "engine alone"),
        ("cli", "CLI + history"),
        ("cli_json", "CLI + history + JSON Lines"),
    )
    for tree, style, suffix in (("this", "-", ""), ("baseline", "--", " (before)")):
        shown = [r for r in results if tree in r]
        if not shown:
            continue
        probes = [r["probes"] for r in shown]
        for colour, (kind, label) in enumerate(kinds):
            look = {"marker": "o", "linestyle": style, "color": f"C{colour}"}
            times.plot(probes, [r[tree][kind]["wall"] for r in shown], label=label + suffix, **look)
            memory.plot(probes, [r[tree][kind]["rss"] for r in shown], label=label + suffix, **look)
    for axis, title in ((times, "wall time (s)"), (memory, "peak RSS (MB)")):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("probes")
        axis.set_title(title)
        axis.grid(True, alpha=0.3)
    memory.legend(fontsize="small", loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def replay(files: list[str]) -> list[dict]:
    """The results of earlier runs (their --json files), one per size, by probes."""
    by_size: dict[str, dict] = {}
    for name in files:
        for result in json.loads(Path(name).read_text()):
            by_size[result["size"]] = result
    return sorted(by_size.values(), key=lambda r: r["probes"])


@contextlib.contextmanager
def window_display(platform: str):
    """The window children's display: Xvfb when asked and installed, else offscreen."""
    from bench.ui_responsiveness import window_platform

    env, _label, xvfb = window_platform(platform)
    try:
        yield {key: env[key] for key in ("QT_QPA_PLATFORM", "DISPLAY") if key in env}
    finally:
        if xvfb is not None:
            xvfb[0].terminate()
            xvfb[0].wait(10)


def main() -> int:
    reexec_in_private_netns()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help=f"from {', '.join(SIZES)}")
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 21), metavar="N")
    parser.add_argument("--baseline", metavar="DIR", help="another tree, run in turns with this")
    parser.add_argument(
        "--window",
        metavar="SIZES",
        help="these sizes in the window too (e.g. 4096xtop100,65536x10), on Xvfb or offscreen",
    )
    parser.add_argument("--platform", choices=["xvfb", "offscreen"], default="xvfb")
    parser.add_argument("--json", metavar="FILE")
    parser.add_argument("--plot", metavar="FILE")
    parser.add_argument(
        "--from",
        dest="replay",
        metavar="FILES",
        help="measure nothing: show and plot the results of earlier --json files (a,b)",
    )
    args = parser.parse_args()
    if args.replay:
        results = replay(args.replay.split(","))
        names = [name for name in ("baseline", "this") if any(name in r for r in results)]
        show(results, names)
        show_windows(results, names)
        if args.plot:
            plot(results, args.plot)
        return 0
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]}: choose from {', '.join(SIZES)}")
    trees = {"this": ROOT}
    if args.baseline:
        baseline = Path(args.baseline).resolve()
        if not (baseline / "portwindow" / "__init__.py").is_file():
            parser.error(f"--baseline {args.baseline}: no portwindow package there")
        trees = {"baseline": baseline, "this": ROOT}
    in_window = {s for s in (args.window or "").split(",") if s}
    if in_window - set(sizes):
        parser.error(f"--window {sorted(in_window - set(sizes))[0]}: not one of --sizes")
    socket.setdefaulttimeout(30)
    results = []
    with contextlib.ExitStack() as stack:
        display = stack.enter_context(window_display(args.platform)) if in_window else None
        cache = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portwindow-pyc-")))
        for tree in trees.values():
            compile_tree(tree, child_env(tree, cache))
        for size in sizes:
            shown = display if size in in_window else None
            results.append(measure(size, args.runs, trees, cache, shown))
            show(results[-1:], list(trees))
            show_windows(results[-1:], list(trees))
    print()
    show(results, list(trees))
    show_windows(results, list(trees))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    if args.plot:
        plot(results, args.plot)
    return 1 if any(r[name]["wrong_runs"] for r in results for name in trees) else 0


if __name__ == "__main__":
    sys.exit(main())
