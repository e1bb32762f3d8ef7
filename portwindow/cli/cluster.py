"""``portwindow scan``'s cluster options: ``--cluster tcp://SCHEDULER:8786`` runs the scan
on a Dask cluster (``pip install portwindow[cluster]``), ``--vantage lan,wan`` from each
of those vantage points (workers started with ``--resources vantage-NAME=1``),
``--cluster-budget each`` gives every task the whole budget instead of a share, and
``--exposure FILE`` writes which doors are reachable from where (``--exposure-differs``:
only the doors some points reach and others do not).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from portwindow.engine import (
    CLUSTER_CONNECT_TIMEOUT,
    Budget,
    ClusterSettings,
    InputError,
    check_cluster_address,
    parse_vantages,
)


def add_cluster_options(
    scan: argparse.ArgumentParser,
    text: Callable[[str], str],
    report_name: Callable[[str], str],
    seconds: Callable[[str], float],
) -> None:
    group = scan.add_argument_group("cluster (Dask distributed)")
    group.add_argument(
        "--cluster",
        type=text,
        metavar="tcp://HOST:PORT",
        help="run the scan on the Dask cluster of this scheduler (implies -Pn)",
    )
    group.add_argument(
        "--vantage",
        type=text,
        metavar="NAME[,NAME]",
        help="scan from each of these vantage points (workers with --resources vantage-NAME=1)",
    )
    group.add_argument(
        "--cluster-budget",
        choices=[b.value for b in Budget],
        default=Budget.SHARED.value,
        help="shared (default): the tasks running at once share one scan's window, "
        "per-host cap and rate; each: every task has them whole (a target's probes "
        "multiplied by the workers)",
    )
    group.add_argument(
        "--cluster-timeout",
        type=seconds,
        default=CLUSTER_CONNECT_TIMEOUT,
        metavar="S",
        help=f"seconds to reach the scheduler, then for the workers needed to be there "
        f"(default {CLUSTER_CONNECT_TIMEOUT:g})",
    )
    group.add_argument(
        "--exposure",
        type=report_name,
        metavar="FILE|-",
        help="with --vantage: write each door's state from each vantage point (CSV)",
    )
    group.add_argument(
        "--exposure-differs",
        action="store_true",
        help="the exposure report lists only the doors reachable from some points, not all",
    )


def cluster_from_args(args: argparse.Namespace) -> ClusterSettings | None:
    if args.cluster is None:
        for option, given in (("--vantage", args.vantage), ("--exposure", args.exposure)):
            if given:
                raise InputError(f"{option} needs --cluster tcp://SCHEDULER:8786")
        if args.cluster_budget != Budget.SHARED.value:
            raise InputError("--cluster-budget needs --cluster tcp://SCHEDULER:8786")
        return None
    if args.shard:
        raise InputError("--shard and --cluster do not go together (the cluster shards itself)")
    try:
        address = check_cluster_address(args.cluster)
        vantages = parse_vantages(args.vantage) if args.vantage else ()
    except InputError as error:
        raise InputError(f"--{'vantage' if args.vantage else 'cluster'}: {error}") from None
    if args.exposure and not vantages:
        raise InputError("--exposure needs --vantage NAME,NAME (the points to compare)")
    return ClusterSettings(address, vantages, Budget(args.cluster_budget), args.cluster_timeout)


def write_exposure(args: argparse.Namespace, exposure, out: TextIO, err: TextIO) -> bool:
    """Write the ``--exposure`` report when asked for; False (said on ``err``) on failure."""
    if not args.exposure or exposure is None:
        return True
    from portwindow.engine import exposure_csv, write_exposure_csv  # noqa: PLC0415

    differs = args.exposure_differs
    try:
        if args.exposure == "-":
            out.write(exposure_csv(exposure, differs_only=differs))
        else:
            write_exposure_csv(exposure, args.exposure, differs_only=differs)
    except OSError as exc:
        err.write(f"portwindow: cannot write report {args.exposure}: {exc.strerror or exc}\n")
        return False
    return True


def format_exposure(exposure) -> str:
    """The doors reachable from some vantage points and not from others, for the table."""
    if exposure is None:
        return ""
    lines = [
        f"  {door.address}  {door.port}/{door.protocol.value}  open from "
        f"{', '.join(door.reachable_from(exposure.vantages))}"
        for door in exposure.doors()
        if door.differs
    ]
    if not lines:
        return f"Every door looks the same from {', '.join(exposure.vantages)}\n"
    return "Reachable from some vantage points only:\n" + "\n".join(lines) + "\n"
