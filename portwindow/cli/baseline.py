"""``portwindow baseline FILE --target T``: the doors a ufw status, an nft ruleset or a
compose file opens, as expected doors (``--write doors.toml``, to audit scans and watches
against), and with ``--against SCAN`` (a history id, or ``last``) the drift both ways:
open but not in the configuration, in it but not open (exit 3 when there is any).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from portwindow import engine

EXIT_OK, EXIT_DRIFT = 0, 3  # 3: drift, as a scan's findings


def add_baseline_parser(commands, value, file_name) -> None:
    parser = commands.add_parser(
        "baseline",
        help="expected doors from a firewall or compose file, and the drift from a scan",
        description="Read the doors a configuration opens (ufw status, nft list ruleset, a "
        "docker-compose file's published ports); write them as expected doors, and show "
        "the drift from a saved scan both ways.",
    )
    parser.add_argument("file", type=file_name, metavar="FILE", help="the configuration")
    parser.add_argument(
        "--kind", choices=("ufw", "nft", "compose"), help="what FILE is (default: guessed)"
    )
    parser.add_argument(
        "--target", type=value("the host the configuration is of"), required=True, metavar="T"
    )
    parser.add_argument("--write", type=file_name, metavar="OUT", help="write expected doors")
    parser.add_argument(
        "--against", type=value("a scan id or last"), metavar="SCAN", help="a history id or last"
    )
    parser.add_argument("--history", type=file_name, metavar="FILE", help="the history to read")


def run_baseline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    baseline = engine.read_baseline(args.file, args.kind)
    for note in baseline.notes:
        err.write(f"portwindow: {args.file}: {note}\n")
    rules = engine.Expectations([engine.Rule(args.target, baseline.doors)])
    out.write(
        f"{baseline.kind} opens on {args.target}: {engine.format_doors(baseline.doors) or 'none'}\n"
    )
    if args.write:
        engine.dump_rules(rules, args.write)
        out.write(f"Wrote the expected doors to {args.write}\n")
    if args.against is None:
        return EXIT_OK
    path = Path(args.history) if args.history else engine.default_path()
    if not path.exists():
        raise engine.InputError(f"no history at {path}")
    try:
        with engine.History(path, create=False) as history:
            if args.against == "last":
                scans = history.scans(limit=1)
                if not scans:
                    raise engine.InputError(f"the history {path} holds no scan")
                scan_id = scans[0].id
            elif args.against.isascii() and args.against.isdigit() and len(args.against) < 19:
                scan_id = int(args.against)
            else:
                raise engine.InputError(f"--against {args.against[:20]}: a scan id or last")
            results = history.results(scan_id)
    except engine.HistoryError as exc:
        raise engine.InputError(str(exc)) from None
    audit = engine.audit_results(results, rules)
    if not audit.hosts_checked:
        raise engine.InputError(f"scan {scan_id} has no results for {args.target}")
    for title, items in (
        ("Open but not in the configuration", audit.unexpected),
        ("In the configuration but not open", audit.missing),
    ):
        out.write(f"{title}: {len(items)}\n")
        for item in items:
            out.write(f"  {item.host}  {item.ports}/{item.protocol.value}  {item.state.value}\n")
    return EXIT_DRIFT if audit.failed else EXIT_OK
