"""``portwindow scan``'s options for the ecosystem: ``--xml FILE|-`` (nmap's XML report,
for ndiff, Zenmap, Metasploit ...) and ``--shard I/N --seed S`` (scan one shard of the
(host, port) space, for runners that are not a cluster: cron on N boxes, a Kubernetes
Indexed Job; ``portwindow import --merge`` puts their reports back together).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from typing import TextIO

from portwindow import __version__
from portwindow.engine import InputError, ResultSet, ScanSummary, Shard, parse_shard


def add_scan_options(
    scan: argparse.ArgumentParser,
    report_name: Callable[[str], str],
    shard: Callable[[str], str],
    seed: Callable[[str], int],
) -> None:
    """The options of this module, their values checked by the type functions given
    (cli/options.py's)."""
    scan.add_argument(
        "--xml",
        type=report_name,
        metavar="FILE|-",
        help="write nmap's XML report (for ndiff, Zenmap ...)",
    )
    scan.add_argument(
        "--shard",
        type=shard,
        metavar="I/N",
        help="scan only shard I of N of the (host, port) space (implies -Pn: every box "
        "must see the same hosts); merge the reports with portwindow import --merge",
    )
    scan.add_argument(
        "--seed",
        type=seed,
        metavar="S",
        help="shuffle the ports of the shards with this seed (the same on every box)",
    )


def shard_from_args(args: argparse.Namespace) -> Shard | None:
    seed = args.seed  # a whole number in 0 .. 2**64 - 1 (checked as it was parsed)
    if seed is not None and args.shard is None:
        raise InputError("--seed needs --shard I/N (it shuffles the shards' ports)")
    if args.shard is None:
        return None
    try:
        return parse_shard(args.shard, seed)
    except InputError as error:
        raise InputError(f"--shard: {error}") from None


def command_line(args: argparse.Namespace) -> str:
    argv = getattr(args, "argv", None)
    return shlex.join(["portwindow", *(sys.argv[1:] if argv is None else argv)])


def write_xml(
    args: argparse.Namespace, results: ResultSet, summary: ScanSummary | None, err: TextIO
) -> bool:
    """Write the ``--xml`` report when asked for; False (said on ``err``) when it failed."""
    if not args.xml:
        return True
    from portwindow.engine import XmlRun, write_nmap_xml  # noqa: PLC0415 - only with --xml

    run = XmlRun(
        args=command_line(args),
        started_at=summary.started_at if summary else None,
        finished_at=summary.finished_at if summary else None,
        version=__version__,
    )
    try:
        write_nmap_xml(results, sys.stdout if args.xml == "-" else args.xml, run)
    except OSError as exc:
        err.write(f"portwindow: cannot write report {args.xml}: {exc.strerror or exc}\n")
        return False
    return True
