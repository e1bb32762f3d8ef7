"""Benchmark: portwindow against nmap on real networks (issue 12), in the two-namespace
lab of tests/lab/wan.py: a scanner namespace (198.18.0.1) and a target namespace
(198.18.0.2, or 198.18.0.16/28) joined by a user-space relay over two TUN devices that
delays and drops packets, with iptables on the target for firewalls and rations.

For each scenario of tests/lab/wan_scenarios.py (A LAN, A16 LAN with 16 hosts, B WAN
behind a DROP firewall, C the same with 2% loss, D a host rationing its resets and ICMP
errors to 200/s, E top-1000 lists over the WAN, F ICMP admin-prohibited, U UDP against
Linux's ICMP ration, U2 the same with a second sender sharing it) it builds the lab
once, then runs, in turn, ``--runs`` times each (default 3), each as a whole process in
the scanner's namespace and bounded by the scenario's timeout:

- ``python -m portwindow scan TARGET -p PORTS --csv FILE --history FILE`` (defaults);
- ``nmap -sT`` and ``nmap -sS`` (B, C, D, E, F also ``-sS -T4`` and ``-sS --min-rate
  5000``; U and U2 ``nmap -sU`` instead), all ``-n -Pn -oX FILE``.

``--baseline DIR`` adds the portwindow of another tree (an older commit's files, from
``git archive``), run the same way in turn with the others: old and new side by side.

It prints per scenario each tool's median wall time (min-max), its ratio to ``nmap -sT``
(and to the scenario's reference run), its median CPU time (user and system, which a
machine loaded by other work changes less) and its ratio to nmap -sT's, and how many
ports each run got wrong against
the lab's ground truth (what the lab built: listeners, REJECT and DROP rules), then a
summary. ``--relay`` measures the wire itself instead: packets a second through the
relay and the round trip it gives. nmap is installed with apt where missing (root).

    python bench/realnet_vs_nmap.py [--scenario A,B,...] [--runs N] [--quick] [--json FILE]
        [--tools portwindow,"nmap -sS --min-rate 5000"] [--baseline DIR]
    python bench/realnet_vs_nmap.py --relay

Every address is in 198.18.0.0/15, inside namespaces this bench creates and removes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.lab import wan  # noqa: E402
from tests.lab.wan import SCANNER, TARGET, Host, Lab, compare, read_portwindow_csv  # noqa: E402
from tests.lab.wan_scenarios import SCENARIOS, Scenario  # noqa: E402
from tests.support.nmap import ensure_nmap, parse_nmap_xml  # noqa: E402

PORTWINDOW = "portwindow"
BASELINE = "portwindow (baseline)"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(
    lab: Lab, argv: list[str], timeout: float, tree: Path = wan.ROOT
) -> tuple[float, float, int | None, str]:
    """Run ``argv`` in the scanner's namespace with ``tree``'s portwindow: wall time, CPU
    time (user and system, its workers' too), exit code (None: timed out, killed),
    stderr's tail."""
    with tempfile.TemporaryFile("w+") as err:
        cpu0 = _children_cpu()
        t0 = time.perf_counter()
        child = subprocess.Popen(
            lab.scanner_argv(argv),
            stdout=subprocess.DEVNULL,
            stderr=err,
            cwd=tree,  # python -m puts the working folder first on the path
            env=dict(os.environ, PYTHONPATH=str(tree)),
            start_new_session=True,
        )
        try:
            code = child.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait(10)
            code = None
        wall = time.perf_counter() - t0
        err.seek(0)
        return wall, _children_cpu() - cpu0, code, err.read()[-400:]


def commands(
    scenario: Scenario, lab: Lab, nmap: str | None, folder: Path, baseline: Path | None = None
) -> dict:
    """Each tool's argv and where its report goes (and, for the baseline, its tree)."""
    tools = {PORTWINDOW: scenario.portwindow_command(lab, folder)}
    if baseline is not None:
        (folder / "baseline").mkdir(exist_ok=True)
        argv, report = scenario.portwindow_command(lab, folder / "baseline")
        tools[BASELINE] = (argv, report, baseline)
    for name, options in scenario.nmap.items() if nmap else ():
        xml = folder / (name.replace(" ", "_").replace("-", "") + ".xml")
        argv = [nmap, *options, "-n", "-Pn", *scenario.nmap_port_args(), "-oX", str(xml)]
        tools[name] = ([*argv, scenario.target(lab)], xml)
    return tools


def run_scenario(
    scenario: Scenario,
    runs: int,
    nmap: str | None,
    only: set[str] | None = None,
    baseline: Path | None = None,
) -> dict:
    print(f"\n== {scenario.name}: {scenario.title}", flush=True)
    figures: dict[str, dict] = {}
    with (
        scenario.make_lab() as lab,
        tempfile.TemporaryDirectory(prefix="portwindow-realnet-") as tmp,
    ):
        folder = Path(tmp)
        tools = commands(scenario, lab, nmap, folder, baseline)
        if only:
            tools = {name: tool for name, tool in tools.items() if name in only or name == BASELINE}
        for name in tools:
            figures[name] = {
                "walls": [],
                "codes": [],
                "wrong": [],
                "verdicts": [],
                "pps": [],
                "cpu": [],
            }
        for run in range(runs):
            for name, (argv, report, *tree) in tools.items():
                report.unlink(missing_ok=True)
                (report.parent / "history.sqlite3").unlink(missing_ok=True)
                time.sleep(scenario.settle)
                before = lab.relay_stats()
                with scenario.second_sender(lab):
                    wall, cpu, code, err = timed(lab, argv, scenario.timeout, *tree)
                after = lab.relay_stats()
                sent = after["ab"]["rx"] - before["ab"]["rx"]
                back = after["ba"]["rx"] - before["ba"]["rx"]
                f = figures[name]
                f["walls"].append(wall)
                f["cpu"].append(cpu)
                f["codes"].append(code)
                f["pps"].append([sent / wall, back / wall])
                if code != 0 or not report.exists():
                    f["wrong"].append(None)
                    f["verdicts"].append({"error": "timeout" if code is None else err})
                    shown = "timeout" if code is None else f"failed ({code}): {err.strip()}"
                    print(f"  run {run + 1} {name}: {wall:.2f} s, {shown}", flush=True)
                    continue
                if name in (PORTWINDOW, BASELINE):
                    found = read_portwindow_csv(report)
                else:
                    found = parse_nmap_xml(report.read_text())
                verdict = compare(lab, found, scenario.proto, scenario.port_numbers())
                f["wrong"].append(verdict.wrong)
                f["verdicts"].append(verdict.as_dict())
                kinds = ", ".join(f"{k} {v}" for k, v in sorted(verdict.kinds.items()))
                print(
                    f"  run {run + 1} {name}: {wall:.2f} s, {verdict.checked} ports, "
                    f"{verdict.wrong} wrong{' (' + kinds + ')' if kinds else ''}, "
                    f"{verdict.reasons} other reasons; {sent / wall:,.0f} pkt/s out; "
                    f"CPU {cpu:.2f} s",
                    flush=True,
                )
    summarise(scenario, figures)
    return {"title": scenario.title, "tools": figures}


def median_wall(f: dict) -> float | None:
    walls = [w for w, c in zip(f["walls"], f["codes"], strict=True) if c is not None]
    return statistics.median(walls) if len(walls) == len(f["walls"]) and walls else None


def _median_cpu(f: dict) -> float:
    """The median CPU time (user and system) of a tool's runs: what a machine busy with
    other work changes less than wall times."""
    return statistics.median(f["cpu"])


def wrong_text(f: dict) -> str:
    return "/".join("timeout" if w is None else str(w) for w in f["wrong"])


def summarise(scenario: Scenario, figures: dict) -> None:
    print(f"-- {scenario.name}: median of {len(next(iter(figures.values()))['walls'])} runs")
    ref_names = ["nmap -sT"] + ([scenario.reference] if scenario.reference != "nmap -sT" else [])
    refs = {r: median_wall(figures[r]) for r in ref_names if r in figures}
    header = f"  {'tool':<26} {'median':>9} {'min-max':>17}"
    header += "".join(f" {'x ' + r:>12}" for r in refs)
    ref_cpu = _median_cpu(figures[ref_names[0]]) if ref_names[0] in figures else None
    header += f" {'CPU':>7} {'x CPU':>6}  wrong per run (other reasons)"
    print(header)
    for name, f in figures.items():
        m = median_wall(f)
        shown = f"{m:8.2f}s" if m is not None else f"{'timeout':>9}"
        span = f"{min(f['walls']):.2f}-{max(f['walls']):.2f} s"
        ratios = "".join(
            f" {m / r:12.2f}" if m is not None and r else f" {'-':>12}" for r in refs.values()
        )
        reasons = [v.get("reasons") for v in f["verdicts"] if "reasons" in v]
        others = f" ({max(reasons)})" if reasons else ""
        cpu = _median_cpu(f)
        cpus = f" {cpu:6.2f}s" + (f" {cpu / ref_cpu:6.2f}" if ref_cpu else f" {'-':>6}")
        print(f"  {name:<26} {shown} {span:>17}{ratios}{cpus}  {wrong_text(f)}{others}")
        f["median"] = m
    for f in figures.values():
        f.setdefault("median", median_wall(f))


def print_summary(results: dict) -> None:
    print("\n== Summary: median wall time (wrong states, worst run)")
    for name, scenario in results.items():
        cells = []
        for tool, f in scenario["tools"].items():
            m = f["median"]
            wrong = [w for w in f["wrong"] if w is not None]
            worst = max(wrong) if wrong else "-"
            timeouts = f["wrong"].count(None)
            time_text = f"{m:.2f} s" if m is not None else f"timeout x{timeouts}"
            cells.append(f"{tool} {time_text} ({worst})")
        print(f"  {name:<4} " + "; ".join(cells))


def measure_relay() -> dict:
    """The wire itself: connect round trips to a closed port across the relay at each
    configured RTT, and packets a second through it (one way, and both ways at once)."""
    figures: dict = {"rtt": {}, "throughput": {}}
    print("Round trip across the relay: 50 TCP connects to a closed port (SYN, RST)")
    for rtt in (0.0, 0.5, 40.0):
        with Lab([Host(TARGET)], rtt_ms=rtt) as lab:
            got = lab.agent("connect-rtt", TARGET, "9", "50", timeout=60)
        figures["rtt"][rtt] = got
        print(f"  configured {rtt:5.1f} ms: min {got['min']:.3f} ms, median {got['median']:.3f} ms")
    with Lab([Host(TARGET)], rtt_ms=0.5) as lab:
        drop = [["-A", "INPUT", "-p", "udp", "--dport", "9", "-j", "DROP"]]
        lab.target.iptables(drop)
        lab.scanner.iptables(drop)
        print("Throughput (0.5 ms RTT): Python senders blasting 46-byte datagrams for 3 s")
        for both in (False, True):
            before = lab.relay_stats()
            blasters = [(lab.scanner, TARGET)] + ([(lab.target, SCANNER)] if both else [])
            children = [
                subprocess.Popen(
                    [
                        *ns.enter,
                        sys.executable,
                        "-m",
                        "tests.lab.wan_agents",
                        "blast",
                        to,
                        "9",
                        "3",
                    ],
                    stdout=subprocess.DEVNULL,
                    cwd=wan.ROOT,
                    env=dict(os.environ, PYTHONPATH=str(wan.ROOT)),
                )
                for ns, to in blasters
            ]
            for child in children:
                child.wait(60)
            after = lab.relay_stats()
            seconds = after["elapsed"] - before["elapsed"]
            rates = {d: (after[d]["tx"] - before[d]["tx"]) / 3.0 for d in ("ab", "ba")}
            label = "both ways" if both else "one way"
            figures["throughput"][label] = rates
            shown = ", ".join(f"{d} {r:,.0f} pkt/s" for d, r in rates.items() if r)
            print(f"  {label}: {shown} (over {seconds:.1f} s of relay time)")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default=",".join(SCENARIOS), help="comma-separated")
    parser.add_argument("--runs", type=int, default=3, choices=range(1, 21), metavar="N")
    parser.add_argument("--quick", action="store_true", help="the lab tests' smaller sizes")
    parser.add_argument("--relay", action="store_true", help="measure the relay instead")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    parser.add_argument(
        "--baseline",
        metavar="DIR",
        type=Path,
        help="also run the portwindow of this tree (an older commit's files, e.g. from "
        "git archive), in turn with the others",
    )
    parser.add_argument(
        "--tools",
        metavar="NAMES",
        help="only these tools, comma-separated as printed ('portwindow', 'nmap -sS -T4'...)",
    )
    args = parser.parse_args()
    reason = wan.unavailable()
    if reason:
        print(f"the lab cannot run here: {reason}")
        return 1
    if args.relay:
        results = measure_relay()
    else:
        names = [n.strip() for n in args.scenario.split(",") if n.strip()]
        unknown = [n for n in names if n not in SCENARIOS]
        if unknown:
            parser.error(f"unknown scenario {unknown[0]}; known: {', '.join(SCENARIOS)}")
        nmap = ensure_nmap()
        if nmap is None:
            print("nmap is not installed and cannot be installed here: portwindow alone")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {os.uname().release}")
        results = {}
        for name in names:
            only = {t.strip() for t in args.tools.split(",")} if args.tools else None
            scenario = SCENARIOS[name](quick=args.quick)
            results[name] = run_scenario(scenario, args.runs, nmap, only, args.baseline)
        print_summary(results)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
