"""Benchmark: a UDP scan of ports 1-1024 on 127.0.0.1, portwindow against ``nmap -sU``.

Binds UDP services on 127.0.0.1 inside 1-1024 (two that answer every datagram, one that
never answers; binding below 1024 needs root), then scans 1-1024 several times with the
portwindow engine (in a fresh process), the whole ``portwindow scan`` command and
``nmap -sU -n -Pn`` (which needs root). Prints median wall times and peak RSS, and checks
every port's state: against nmap's, and against the kernel's list of bound UDP ports
(/proc/net/udp: a bound port is open or open|filtered, any other port closed).

``--paces 1000,20000`` measures instead how exact each UDP pace is: a scan per pace with
no retries (any lost ICMP answer then shows as a wrong open|filtered) and one with the
default retries. ``--ration N`` runs everything in a fresh network namespace
(``unshare -n``, root) whose kernel ICMP errors are rationed by iptables to N a second,
burst 50, as kernels before the loopback exemption ration them (Linux's
``net.ipv4.icmp_msgs_per_sec`` and ``icmp_msgs_burst``).

Everything stays on loopback; every scan is bounded (1,024 ports, 1 s timeouts, nmap
with a time limit).

    python bench/udp_vs_nmap.py [--runs N] [--paces P1,P2,...] [--ration N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.engine_vs_nmap import private_history  # noqa: E402
from tests.support.netns import reexec_in_private_netns  # noqa: E402
from tests.support.nmap import parse_nmap_xml  # noqa: E402
from tests.support.udp_listeners import bound_udp_ports_ipv4_loopback, udp_services  # noqa: E402

TARGET = "127.0.0.1"
LOW, HIGH = 1, 1024
PORTS = f"U:{LOW}-{HIGH}"
NMAP_LIMIT = "300s"


def pick_ports(count: int) -> list[int]:
    """Free UDP ports in LOW..HIGH, the same ones from run to run where possible."""
    taken = bound_udp_ports_ipv4_loopback()
    candidates = [p for p in range(max(LOW, 100), HIGH + 1) if p not in taken]
    random.Random(1024).shuffle(candidates)
    return sorted(candidates[:count])


def timed_child(argv: list[str], env: dict | None = None) -> tuple[float, str, float]:
    """Run a command; return its wall time, its stdout and its own peak RSS in MB."""
    with tempfile.TemporaryFile("w+") as out:
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE, cwd=ROOT, env=env)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        code = os.waitstatus_to_exitcode(status)
        stderr = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        if code != 0:
            raise RuntimeError(f"{argv[0]} failed ({code}): {stderr.strip()}")
        out.seek(0)
        return wall, out.read(), usage.ru_maxrss / 1024


def nmap_states(xml_text: str) -> dict[int, str]:
    (states,) = parse_nmap_xml(xml_text).values()
    return {port: states[("udp", port)][0] for port in range(LOW, HIGH + 1)}


def engine_scan(pace: float | None, retries: int | None, loop_kind: str) -> dict:
    """One scan in this process; the child's side of the engine runs."""
    from portwindow.engine.input.ports import parse_ports
    from portwindow.engine.input.targets import parse_targets
    from portwindow.engine.scan import loops
    from portwindow.engine.scan.config import ScanConfig
    from portwindow.engine.scan.scheduler import Scan

    extra = {}
    if pace is not None:
        extra["udp_pace"] = pace
    if retries is not None:
        extra["retries"] = retries
    scan = Scan(ScanConfig(parse_targets(TARGET), parse_ports(PORTS), **extra))
    results = []

    async def run():
        return await scan.run(lambda batch: results.extend(batch.results))

    t0 = time.perf_counter()
    summary = loops.run(run(), prefer_uvloop=loop_kind == "uvloop")
    wall = time.perf_counter() - t0
    return {
        "wall": wall,
        "states": {r.port: r.state.value for r in results},
        "done": summary.progress.done,
        "final_pace": scan.udp_pace,
    }


def check(states: dict[int, str], truth: dict) -> list[str]:
    """What is wrong with ``states`` given what the kernel and our services say."""
    wrong = []
    for port in range(LOW, HIGH + 1):
        state = states.get(port)
        if port in truth["answering"]:
            expected = {"open"}
        elif port in truth["silent"]:
            expected = {"open|filtered"}
        elif port in truth["bound"]:
            expected = {"open", "open|filtered"}
        else:
            expected = {"closed"}
        if state not in expected:
            wrong.append(f"{port}: {state}, expected {'/'.join(sorted(expected))}")
    return wrong


def ration_icmp(per_second: int) -> None:
    """In this (fresh) namespace, let at most ``per_second`` ICMP destination unreachable
    messages out a second, burst 50, like a kernel's host-wide ICMP ration."""
    common = ["iptables", "-A", "OUTPUT", "-p", "icmp", "--icmp-type", "destination-unreachable"]
    subprocess.run(["ip", "link", "set", "lo", "up"], check=True, timeout=30)
    limit = ["-m", "limit", "--limit", f"{per_second}/second", "--limit-burst", "50"]
    subprocess.run([*common, *limit, "-j", "ACCEPT"], check=True, timeout=30)
    subprocess.run([*common, "-j", "DROP"], check=True, timeout=30)


def measure_paces(paces: list[float], truth: dict) -> None:
    print(f"UDP scan of {TARGET} {LOW}-{HIGH}, one scan per pace (uvloop)")
    print(f"{'pace/s':>8} {'retries':>7} {'time':>8} {'wrong':>6} {'pace at end':>12}")
    for retries in (0, None):
        for pace in paces:
            run = engine_scan(pace, retries, "uvloop")
            wrong = check(run["states"], truth)
            shown = "default" if retries is None else str(retries)
            print(
                f"{pace:8.0f} {shown:>7} {run['wall']:7.3f}s {len(wrong):6d} "
                f"{run['final_pace']:11.0f}/s"
            )


def compare(runs: int, truth: dict, env: dict) -> int:
    py = sys.executable
    me = str(Path(__file__).resolve())
    tools: dict[str, list[str]] = {
        "portwindow engine (uvloop)": [py, me, "--child"],
        "portwindow scan (CLI, whole command)": [
            py,
            "-m",
            "portwindow",
            "scan",
            TARGET,
            "-p",
            PORTS,
            "--json",
            "-",
            "-q",
        ],
    }
    nmap = shutil.which("nmap")
    if nmap and os.geteuid() == 0:
        tools["nmap -sU"] = [
            nmap,
            "-sU",
            "-n",
            "-Pn",
            f"-p{LOW}-{HIGH}",
            "--host-timeout",
            NMAP_LIMIT,
            "-oX",
            "-",
            TARGET,
        ]
    else:
        print("nmap -sU needs nmap and root: no comparison")
    figures: dict[str, dict] = {}
    seen: dict[str, list[dict[int, str]]] = {}
    for name, argv in tools.items():
        walls, rss, inproc = [], [], []
        seen[name] = []
        for _ in range(runs):
            wall, out, maxrss = timed_child(argv, env)
            walls.append(wall)
            rss.append(maxrss)
            if name.startswith("nmap"):
                states = nmap_states(out)
            elif "engine" in name:
                data = json.loads(out)
                states = {int(p): s for p, s in data["states"].items()}
                inproc.append(data["wall"])
            else:
                rows = [json.loads(line) for line in out.splitlines() if line.strip()]
                states = {row["port"]: row["state"] for row in rows}
            seen[name].append(states)
        figures[name] = {
            "median": statistics.median(walls),
            "min": min(walls),
            "max": max(walls),
            "inproc": statistics.median(inproc) if inproc else None,
            "rss": max(rss),
        }

    bound = sorted(truth["bound"])
    print(
        f"UDP scan of {TARGET} ports {LOW}-{HIGH}; bound there: {bound} (answering "
        f"{sorted(truth['answering'])}, silent {sorted(truth['silent'])}); "
        f"median of {runs} runs; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )
    print(f"{'tool':<38} {'median':>8} {'min':>7} {'max':>7} {'in-process':>10} {'peak RSS':>9}")
    for name, f in figures.items():
        inproc = f"{f['inproc']:.3f} s" if f["inproc"] is not None else "-"
        print(
            f"{name:<38} {f['median']:7.3f}s {f['min']:6.3f}s {f['max']:6.3f}s "
            f"{inproc:>10} {f['rss']:6.1f} MB"
        )
    problems = []
    for name, runs_states in seen.items():
        for i, states in enumerate(runs_states):
            problems += [f"{name} run {i + 1}: {w}" for w in check(states, truth)]
    if "nmap -sU" in figures:
        reference = seen["nmap -sU"][0]
        for name, f in figures.items():
            if name.startswith("portwindow"):
                print(f"ratio {name} / nmap -sU: {f['median'] / figures['nmap -sU']['median']:.2f}")
                for i, states in enumerate(seen[name]):
                    differ = [p for p in range(LOW, HIGH + 1) if states.get(p) != reference[p]]
                    problems += [
                        f"{name} run {i + 1} port {p}: {states.get(p)}, nmap {reference[p]}"
                        for p in differ
                    ]
    if problems:
        print(f"agreement: DISAGREE on {len(problems)} counts: " + "; ".join(problems[:10]))
        return 1
    print(
        "agreement: every run of every tool gave every port the same state, and the "
        "states the kernel's bound ports allow"
    )
    return 0


def main() -> int:
    reexec_in_private_netns()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, choices=range(1, 21), metavar="N")
    parser.add_argument("--paces", help="comma-separated UDP paces to measure instead")
    parser.add_argument("--ration", type=int, metavar="N", help="ICMP errors a second at most")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--in-namespace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(engine_scan(None, None, "uvloop")))
        return 0
    if args.ration and not args.in_namespace:
        if os.geteuid() != 0 or shutil.which("unshare") is None:
            print("--ration needs root and unshare")
            return 2
        argv = ["unshare", "-n", sys.executable, *sys.argv, "--in-namespace"]
        return subprocess.run(argv, cwd=ROOT, timeout=1800).returncode
    if args.ration:
        ration_icmp(args.ration)
        print(f"In a fresh network namespace; ICMP unreachable rationed to {args.ration}/s")
    with private_history():
        return measure(args)


def measure(args: argparse.Namespace) -> int:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    answering, silent = pick_ports(3)[:2], pick_ports(3)[2:]
    with udp_services(answering=answering, silent=silent) as (answering, silent, _server):
        truth = {
            "answering": set(answering),
            "silent": set(silent),
            "bound": {p for p in bound_udp_ports_ipv4_loopback() if LOW <= p <= HIGH},
        }
        if args.paces:
            measure_paces([float(p) for p in args.paces.split(",")], truth)
            return 0
        return compare(args.runs, truth, env)


if __name__ == "__main__":
    sys.exit(main())
