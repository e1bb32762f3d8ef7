"""The command line's options: the parser, and every value checked as it is parsed.

A value that does not fit gives one line naming the option and the value (quoted short,
:func:`excerpt`), and exit code 2, before anything is read or scanned: numbers are ASCII
decimals within the ranges the engine declares (``--timeout inf``, ``--rate 1e-300`` and a
5000-digit count are refused here, not deep in a scan), and an option that takes a value
never takes an empty one (``--expect ""`` from an unset variable must not skip the audit).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import NoReturn

from portwindow import __version__
from portwindow.cli.baseline import add_baseline_parser
from portwindow.cli.cluster import add_cluster_options
from portwindow.cli.formats import add_scan_options
from portwindow.cli.hosts import add_hosts_parser
from portwindow.cli.imports import add_import_parser
from portwindow.cli.watch import add_watch_parser
from portwindow.engine import (
    CONCURRENCY_RANGE,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_UDP_PACE,
    MAX_WORKERS,
    RATE_RANGE,
    RETRIES_RANGE,
    TIMEOUT_RANGE,
    UDP_PACE_RANGE,
    InputError,
    TimingPreset,
    excerpt,
    parse_timing,
)

MESSAGE_LIMIT = 300
"""The longest usage line argparse may give (it repeats unknown arguments whole)."""


class UsageError(Exception):
    """Bad command-line usage; the message is the one line shown."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {excerpt(message, MESSAGE_LIMIT)}")


_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_WHOLE = re.compile(r"[+-]?[0-9]+")
_LONGEST_NUMBER = 40


def _quoted(text: str) -> str:
    return f'"{excerpt(text, 40)}"'


def decimal(low: float, high: float, unit: str = "") -> Callable[[str], float]:
    """A number in ``low``-``high``: ASCII digits, a point and an exponent (no inf or nan)."""
    shown = f"{low:g}-{high:g}{f' {unit}' if unit else ''}"

    def parse(text: str) -> float:
        spelled = text.strip()
        if len(spelled) > _LONGEST_NUMBER or not _DECIMAL.fullmatch(spelled):
            raise argparse.ArgumentTypeError(f"{_quoted(text)} is not a number ({shown})")
        value = float(spelled)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{spelled} is out of range {shown}")
        return value

    return parse


def whole(low: int, high: int) -> Callable[[str], int]:
    """A whole number in ``low``-``high``, in ASCII digits."""

    def parse(text: str) -> int:
        spelled = text.strip()
        if not _WHOLE.fullmatch(spelled):
            raise argparse.ArgumentTypeError(f"{_quoted(text)} is not a whole number")
        digits = spelled.lstrip("+-").lstrip("0")
        if len(digits) > len(str(max(abs(low), abs(high)))) or not low <= int(spelled) <= high:
            raise argparse.ArgumentTypeError(f"{excerpt(spelled, 40)} is out of range {low}-{high}")
        return int(spelled)

    return parse


def value(what: str) -> Callable[[str], str]:
    """Any text but an empty one (or one that is only spaces)."""

    def parse(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(f"the value is empty; give {what}")
        return text

    return parse


def file_option(
    parser, flag: str, purpose: str, metavar: str = "FILE", what: str = "a file name"
) -> None:
    """An option whose value is a file name, checked by :func:`file_name`."""
    parser.add_argument(flag, type=file_name(what), metavar=metavar, help=purpose)


def file_name(what: str = "a file name") -> Callable[[str], str]:
    """A file name: not empty, and no NUL character (no system call takes one)."""
    not_empty = value(what)

    def parse(text: str) -> str:
        not_empty(text)
        if "\0" in text:
            raise argparse.ArgumentTypeError(f"{_quoted(text)} has a NUL character")
        return text

    return parse


def timing(text: str) -> TimingPreset:
    try:
        return parse_timing(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def shard(text: str) -> str:
    """``I/N`` as typed (the engine parses it): not empty, and short."""
    value("a shard, such as 2/4")(text)
    if len(text) > _LONGEST_NUMBER:
        raise argparse.ArgumentTypeError(f"{_quoted(text)} is not of the form I/N, such as 2/4")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="portwindow", description="A port scanner: every port a door.")
    parser.add_argument("--version", action="version", version=f"portwindow {__version__}")
    parser.add_argument("--targets", type=value("targets"), help="pre-fill the window's targets")
    parser.add_argument("--ports", type=value("ports"), help="pre-fill the window's ports field")
    parser.add_argument("--start", action="store_true", help="start scanning at once")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    _add_scan(commands)
    _add_diff(commands)
    add_hosts_parser(commands, whole, decimal(*TIMEOUT_RANGE, "seconds"))
    add_import_parser(commands, file_name())
    add_baseline_parser(commands, value, file_name())
    seconds = decimal(*TIMEOUT_RANGE, "seconds")
    add_watch_parser(commands, value, file_name(), whole(1, 7 * 24 * 60), seconds)
    return parser


_SCAN_DESCRIPTION = (
    "TCP connect and UDP scan (no root needed). Results on stdout; reports as CSV or JSON Lines."
)
_DIFF_DESCRIPTION = (
    "What changed between two scans: history ids (see the window's History) or report files "
    "(CSV or JSON Lines)."
)


def _add_scan(commands) -> None:
    scan = commands.add_parser(
        "scan", help="scan without the window", description=_SCAN_DESCRIPTION
    )
    scan.add_argument("targets", nargs="*", metavar="TARGET", help="addresses, CIDR, ranges, names")
    scan.add_argument(
        "-p",
        "--ports",
        type=value("ports, such as 22,80 or 1-1024"),
        help="ports, TCP unless prefixed: 22,80 or T:22,U:53 (default: top1000)",
    )
    scan.add_argument(
        "-u",
        "--udp",
        action="store_true",
        help="ports without a T:/U: prefix are UDP (needs -p; prefixed ports keep theirs)",
    )
    scan.add_argument(
        "--exclude", type=value("targets to leave out"), metavar="T", help="targets to leave out"
    )
    scan.add_argument(
        "-iL", dest="input_list", type=file_name(), metavar="FILE", help="read targets from FILE"
    )
    scan.add_argument(
        "--timing",
        type=timing,
        default=TimingPreset.NORMAL,
        metavar="T",
        help="paranoid, polite, normal (the default: learns the path) or aggressive; "
        "--timeout, --retries, --concurrency, --rate and --udp-pace override its values",
    )
    scan.add_argument(
        "--timeout",
        type=decimal(*TIMEOUT_RANGE, "seconds"),
        metavar="S",
        help=f"longest wait for an answer, seconds (default {DEFAULT_TIMEOUT})",
    )
    scan.add_argument(
        "--retries",
        type=whole(*RETRIES_RANGE),
        metavar="N",
        help=f"retries at most for ports that gave no answer (default {DEFAULT_RETRIES})",
    )
    scan.add_argument(
        "--concurrency", type=whole(*CONCURRENCY_RANGE), metavar="N", help="connects in flight"
    )
    scan.add_argument(
        "--rate", type=decimal(*RATE_RANGE, "probes/s"), metavar="N", help="probes per second"
    )
    scan.add_argument(
        "--udp-pace",
        type=decimal(*UDP_PACE_RANGE, "probes/s"),
        metavar="N",
        help=f"UDP probes per second to start at; lowered when ICMP answers go missing "
        f"(default {DEFAULT_UDP_PACE:.0f})",
    )
    scan.add_argument(
        "--no-banners", action="store_true", help="do not read the banners of open TCP ports"
    )
    scan.add_argument(
        "--per-host", type=whole(*CONCURRENCY_RANGE), metavar="N", help="in flight per host"
    )
    scan.add_argument(
        "--workers",
        type=whole(0, MAX_WORKERS),
        default=1,
        metavar="N",
        help="scanning processes, each a shard of the TCP doors; 0: one per core, for "
        "scans of at least 8,192 TCP doors a core (default 1: see the README's figures)",
    )
    scan.add_argument("--shuffle", action="store_true", help="probe ports in random order")
    scan.add_argument(
        "--open",
        action="store_true",
        help="reports list open (and UDP open|filtered) ports only",
    )
    report_name = file_name("a file name, or - for stdout")
    scan.add_argument(
        "--csv", type=report_name, metavar="FILE|-", help="write a CSV report ('-' for stdout)"
    )
    scan.add_argument(
        "--json", type=report_name, metavar="FILE|-", help="write a JSON Lines report"
    )
    scan.add_argument("--bom", action="store_true", help="start the CSV with a BOM (for Excel)")
    add_scan_options(scan, report_name, shard, whole(0, 2**64 - 1))
    add_cluster_options(scan, value("a value"), report_name, decimal(0.1, 3600.0, "seconds"))
    scan.add_argument("--allow-large", action="store_true", help="allow more than 65,536 addresses")
    scan.add_argument("--no-uvloop", action="store_true", help="use asyncio's own event loop")
    scan.add_argument("-q", "--quiet", action="store_true", help="no table, summary only")
    scan.add_argument(
        "--expect",
        type=value("the doors meant to be open, such as 22/tcp,443/tcp"),
        metavar="DOORS",
        help="doors meant to be open on every target, e.g. 22/tcp,443/tcp (exit 3 otherwise)",
    )
    file_option(scan, "--expect-file", "expected doors per target (TOML or CSV)")
    file_option(scan, "--history", "the history database to save into")
    scan.add_argument("--no-history", action="store_true", help="do not save this scan")
    scan.add_argument(
        "-Pn",
        "--no-discovery",
        action="store_true",
        help="probe every address's ports, even those that do not answer discovery",
    )


def _add_diff(commands) -> None:
    compare = commands.add_parser("diff", help="compare two scans", description=_DIFF_DESCRIPTION)
    side = value("a history id or a report file")
    compare.add_argument(
        "before", type=side, metavar="SCAN_A", help="the older scan: an id or a report"
    )
    compare.add_argument(
        "after", type=side, metavar="SCAN_B", help="the newer scan: an id or a report"
    )
    file_option(
        compare, "--csv", "write the changes as CSV", "FILE|-", "a file name, or - for stdout"
    )
    file_option(compare, "--history", "the history database to read")
