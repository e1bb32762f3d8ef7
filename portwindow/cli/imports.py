"""``portwindow import FILE... [--history H] [--merge]``: other scanners' reports (nmap
XML, masscan -oL/-oJ/-oX, naabu JSON Lines, ZMap CSV) and portwindow's own, saved in
the history as scans, each with its source (the tool, its version and command line) in
the scan's settings. ``--merge`` makes one scan of them all: the reports of
``portwindow scan --shard I/N`` run on N boxes, put back together.
"""

from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from portwindow.engine import (
    History,
    HistoryError,
    HistoryRefused,
    InputError,
    NewScan,
    Protocol,
    ResultSet,
    check_history_path,
    default_path,
    load_report,
)

if TYPE_CHECKING:
    from portwindow.engine import Source

EXIT_OK = 0
EXIT_FAILURE = 1


@dataclass
class _Report:
    """One file read: its doors, who wrote it (None: portwindow), and when."""

    name: str
    results: ResultSet
    source: Source | None
    started_at: float
    finished_at: float


def add_import_parser(commands, file_name: Callable[[str], str]) -> None:
    """The ``import`` command; ``file_name`` checks each file name (cli/options.py)."""
    parser = commands.add_parser(
        "import",
        help="save other scanners' reports in the history",
        description="Save reports as scans in the history: nmap XML (-oX), masscan "
        "(-oL, -oJ, -oX), naabu JSON Lines, ZMap CSV (saddr,sport,...) and portwindow's "
        "CSV or JSON Lines. A format that lists open doors only leaves the others not "
        "reported, never closed.",
    )
    parser.add_argument(
        "files", nargs="+", type=file_name, metavar="FILE", help="the reports to import"
    )
    parser.add_argument(
        "--history", type=file_name, metavar="FILE", help="the history database to save into"
    )
    parser.add_argument(
        "--merge",
        action="store_true",
        help="one scan of all the files (the shards of portwindow scan --shard I/N)",
    )


def _read(name: str) -> _Report:
    # Other scanners' readers only for this command: not on every start of the CLI.
    from portwindow.engine import is_peer_report, read_peer  # noqa: PLC0415

    if is_peer_report(name):
        imported = read_peer(name)
        results, source = imported.results, imported.source
    else:
        results, source = ResultSet.of(load_report(name).results), None
    started = source.started_at if source else None
    finished = source.finished_at if source else None
    if started is None or finished is None:
        first, last = _times(results)
        started = first if started is None else started
        finished = last if finished is None else finished
    return _Report(name, results, source, started, max(started, finished))


def _times(results: ResultSet) -> tuple[float, float]:
    """The first and the last time a door of ``results`` was probed (0 when none)."""
    first = last = 0.0
    for host in results.hosts:
        known = [t for t in host.times if t]
        if known:
            low, high = min(known), max(known)
            first = low if not first else min(first, low)
            last = max(last, high)
    return first, last


def _settings(report: _Report, merged: tuple[str, ...] = ()) -> dict:
    if report.source is not None:
        settings = report.source.settings()
    else:
        settings = {"source": "import", "tool": "portwindow", "file": report.name}
    if merged:
        settings["merged"] = list(merged)
    return settings


def _targets(results: ResultSet) -> str:
    addresses = [host.address for host in results.by_address()]
    if len(addresses) <= 3:
        return " ".join(addresses)
    return f"{addresses[0]} and {len(addresses) - 1:,} more"


def _ports(results: ResultSet, source: Source | None) -> str:
    if source is not None and source.ports:
        return source.ports
    parts = []
    for protocol, prefix in ((Protocol.TCP, "T:"), (Protocol.UDP, "U:")):
        ports = list(results.plan.ports[protocol])
        if ports:
            parts.append(prefix + _ranges(ports))
    return ",".join(parts)


def _ranges(ports: list[int]) -> str:
    out, start, prev = [], None, None
    for port in [*ports, None]:
        if port is not None and prev is not None and port == prev + 1:
            prev = port
            continue
        if start is not None:
            out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = port
    return ",".join(out)


def _merge(reports: list[_Report]) -> tuple[_Report, int]:
    """One report of all; how many doors were in more than one file."""
    merged = ResultSet()
    twice = 0
    for report in reports:
        seen = len(merged)
        merged.add(list(report.results))
        twice += len(report.results) - (len(merged) - seen)
    first = reports[0]
    whole = _Report(
        "+".join(r.name for r in reports),
        merged,
        first.source if all(r.source == first.source for r in reports) else None,
        min(r.started_at for r in reports),
        max(r.finished_at for r in reports),
    )
    return whole, twice


def _what(report: _Report) -> str:
    source = report.source
    who = f"{source.tool} {source.format.value}" if source else "portwindow report"
    doors = len(report.results)
    hosts = len(report.results.hosts)
    text = f"{doors:,} door{'s' if doors != 1 else ''} on {hosts:,} host{'s' if hosts != 1 else ''}"
    if source is not None and source.reported is not None:
        listed = "/".join(sorted(state.value for state in source.reported))
        text += f" ({listed} only: the others are not reported)"
    return f"{who} {report.name}: {text}"


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    path = Path(args.history) if args.history else default_path()
    try:
        check_history_path(path)
    except HistoryRefused as exc:
        raise InputError(str(exc)) from None
    except HistoryError:
        pass  # said when saving
    reports = [_read(name) for name in args.files]
    twice = 0
    if args.merge and len(reports) > 1:
        merged, twice = _merge(reports)
        saves = [(merged, _settings(merged, tuple(r.name for r in reports)))]
    else:
        saves = [(report, _settings(report)) for report in reports]
    try:
        with History(path) as history:
            if history.notice:
                err.write(f"portwindow: {history.notice}\n")
            for report, settings in saves:
                scan = NewScan(
                    report.started_at,
                    report.finished_at,
                    _targets(report.results),
                    _ports(report.results, report.source),
                    False,
                    len(report.results),
                    settings,
                )
                scan_id = history.save(scan, report.results)
                out.write(f"{_what(report)}: saved as scan {scan_id}\n")
    except (HistoryError, sqlite3.Error, OSError) as exc:
        err.write(f"portwindow: the import was not saved: {exc}\n")
        return EXIT_FAILURE
    if twice:
        err.write(f"portwindow: {twice:,} doors were in more than one file (the last kept)\n")
    return EXIT_OK
