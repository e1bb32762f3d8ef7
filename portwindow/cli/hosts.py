"""``portwindow hosts TARGETS``: host discovery alone (nmap's ``-sn``): which addresses
are there, why we think so, their names, MAC addresses and vendors; the same reports as
a scan's (CSV or JSON Lines, one row per address). ``portwindow scan`` runs the same
discovery before probing ports (``--no-discovery`` to scan every address).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys
import time
from pathlib import Path
from typing import TextIO

from portwindow.cli.targets import targets_from_args
from portwindow.engine import (
    DiscoverySettings,
    HostState,
    HostStatus,
    InputError,
    ReportFormat,
    Sweep,
    identify_hosts,
    loops,
    printable,
    resolve_hosts,
    write_host_report,
)

EXIT_OK = 0
EXIT_INTERRUPTED = 130


def add_hosts_parser(commands, count, positive_float) -> None:
    hosts = commands.add_parser(
        "hosts",
        help="find which hosts are there (no port scan)",
        description="Host discovery without root: TCP connects to common ports, UDP to a "
        "closed port, ICMP echo where allowed, and the local link's ARP/NDP answers.",
    )
    hosts.add_argument(
        "targets", nargs="*", metavar="TARGET", help="addresses, CIDR, ranges, names"
    )
    hosts.add_argument("--exclude", default="", metavar="T", help="targets to leave out")
    hosts.add_argument("-iL", dest="input_list", metavar="FILE", help="read targets from FILE")
    hosts.add_argument("--all", action="store_true", help="list the hosts found down too")
    hosts.add_argument("--no-names", action="store_true", help="no reverse DNS lookups")
    hosts.add_argument(
        "--retries", type=count(0, 10), default=1, metavar="N", help="tries again (default 1)"
    )
    hosts.add_argument(
        "--wait",
        type=positive_float,
        default=1.0,
        metavar="S",
        help="longest wait for a host's answer, seconds (default 1.0; shorter once its "
        "network has answered)",
    )
    hosts.add_argument("--csv", metavar="FILE|-", help="write a CSV report ('-' for stdout)")
    hosts.add_argument("--json", metavar="FILE|-", help="write a JSON Lines report")
    hosts.add_argument(
        "--allow-large", action="store_true", help="allow more than 65,536 addresses"
    )
    hosts.add_argument("--no-uvloop", action="store_true", help="use asyncio's own event loop")


def discovery_settings(retries: int = 1, wait: float = 1.0) -> DiscoverySettings:
    try:
        return DiscoverySettings(retries=retries, max_wait=wait, min_wait=min(0.25, wait))
    except ValueError as exc:
        raise InputError(str(exc)) from None


async def _discover(targets, settings: DiscoverySettings, names: bool):
    plan = await resolve_hosts(targets)
    sweep = Sweep(plan.hosts(), settings)
    loop = asyncio.get_running_loop()
    stopped = False

    def stop() -> None:
        nonlocal stopped
        stopped = True
        sweep.cancel()

    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGINT, stop)
    try:
        found = await sweep.run()
    finally:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
    if not stopped:
        found = await identify_hosts(found, names=names)
    return found, stopped, plan.errors


def format_hosts(statuses: list[HostStatus], *, all_hosts: bool) -> str:
    shown = [s for s in statuses if all_hosts or s.state is not HostState.DOWN]
    if not shown:
        return "No host answered.\n"
    header = ("HOST", "STATE", "REASON", "RTT", "NAME", "MAC", "VENDOR")
    rows = [header]
    for s in shown:
        label = s.label if s.label and s.label != s.address else ""
        host = f"{printable(label)} ({s.address})" if label else s.address
        rtt = "-" if s.rtt is None else f"{s.rtt * 1000:.2f} ms"
        name = printable(s.name) if s.name else "-"
        vendor = printable(s.vendor) if s.vendor else "-"
        rows.append((host, s.state.value, s.reason.value, rtt, name, s.mac or "-", vendor))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(f"{cell:<{w}}" for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return "\n".join(lines) + "\n"


def summary_line(statuses: list[HostStatus], seconds: float, *, stopped: bool) -> str:
    up = sum(s.state is HostState.UP for s in statuses)
    unknown = sum(s.state is HostState.UNKNOWN for s in statuses)
    down = len(statuses) - up - unknown
    parts = [f"{up:,} up"]
    if unknown:
        parts.append(f"{unknown:,} unknown")
    parts.append(f"{down:,} down")
    ended = "stopped early" if stopped else "done"
    count = len(statuses)
    addresses = "address" if count == 1 else "addresses"
    return f"{count:,} {addresses}: {', '.join(parts)} in {seconds:.2f} s ({ended})\n"


def run_hosts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    targets = targets_from_args(args)
    settings = discovery_settings(args.retries, args.wait)
    for dest in (args.csv, args.json):
        if dest and dest != "-" and not Path(dest).resolve().parent.is_dir():
            raise InputError(f"{dest}: folder {Path(dest).resolve().parent} does not exist")
    started = time.perf_counter()
    statuses, stopped, errors = loops.run(
        _discover(targets, settings, not args.no_names), prefer_uvloop=not args.no_uvloop
    )
    seconds = time.perf_counter() - started
    try:
        for dest, fmt in ((args.csv, ReportFormat.CSV), (args.json, ReportFormat.JSONL)):
            if dest:
                write_host_report(sys.stdout if dest == "-" else dest, statuses, fmt)
    except OSError as exc:
        err.write(f"portwindow: cannot write report: {exc.strerror or exc}\n")
        return 1
    table_out = err if "-" in (args.csv, args.json) else out
    table_out.write(format_hosts(statuses, all_hosts=args.all))
    table_out.write(summary_line(statuses, seconds, stopped=stopped))
    for error in errors:
        err.write(f"portwindow: {printable(error.host)}: {printable(error.message)}\n")
    return EXIT_INTERRUPTED if stopped else EXIT_OK
