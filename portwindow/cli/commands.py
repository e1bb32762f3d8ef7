"""The command line: ``portwindow scan ...`` runs the engine headless; ``portwindow`` alone
starts the window.

Ports are TCP unless prefixed (``-p T:22,80,U:53,161``); ``--udp`` makes the ports
without a prefix UDP instead (``--udp -p 53,123``), and a prefix still wins
(``--udp -p 53,T:22`` is UDP 53 and TCP 22).

``--expect`` / ``--expect-file`` audit the scan against the doors meant to be open; every
finished or stopped scan is saved to the history (``--no-history`` to skip), and
``portwindow diff A B`` compares two scans (history ids or report files).

Exit codes: 0 done; 2 bad input or usage (one line on stderr, never a traceback);
3 an unexpected open door or a missing expected one was found (for cron and CI);
130, 143, 129 stopped by Ctrl-C, SIGTERM or SIGHUP (the partial report is still written,
and valid, and the scan saved: see interrupts.py); 1 any other failure (a report that
could not be written: the scan is saved all the same).

Report destinations and the history are checked before anything is scanned.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from portwindow import __version__
from portwindow.cli.hosts import add_hosts_parser, discovery_settings, run_hosts
from portwindow.cli.interrupts import Interrupts
from portwindow.cli.output import ProgressLine, format_summary, format_table
from portwindow.cli.targets import targets_from_args
from portwindow.engine import (
    ANY_HOST,
    DEFAULT_PORTS,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    DEFAULT_UDP_PACE,
    Audit,
    DestinationError,
    Expectations,
    Finding,
    History,
    HistoryError,
    HistoryRefused,
    InputError,
    PortOrder,
    PortState,
    ReportFormat,
    ReportWriter,
    ResultSet,
    Rule,
    ScanBatch,
    ScanConfig,
    ScanRequest,
    ScanSession,
    ScanSummary,
    check_history_path,
    check_writable,
    default_path,
    diff,
    diff_csv,
    load_report,
    load_rules,
    loops,
    parse_doors,
    parse_ports,
    write_diff_csv,
)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_AUDIT_FAILED = 3
EXIT_INTERRUPTED = 130

GRAB_BANNERS = True
"""Whether ``portwindow scan`` reads the banners of open TCP ports unless ``--no-banners``."""
_REPORTED_STATES = (PortState.OPEN, PortState.OPEN_FILTERED)


class UsageError(Exception):
    """Bad command-line usage; the message is the one line shown."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be above 0")
    return value


def _count(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range {low}-{high}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="portwindow", description="A port scanner: every port a door.")
    parser.add_argument("--version", action="version", version=f"portwindow {__version__}")
    parser.add_argument("--targets", help="pre-fill the window's targets field")
    parser.add_argument("--ports", help="pre-fill the window's ports field")
    parser.add_argument("--start", action="store_true", help="start scanning at once")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    scan = commands.add_parser(
        "scan",
        help="scan without the window",
        description="TCP connect and UDP scan (no root needed). Results on stdout; reports "
        "as CSV or JSON Lines.",
    )
    scan.add_argument("targets", nargs="*", metavar="TARGET", help="addresses, CIDR, ranges, names")
    scan.add_argument(
        "-p",
        "--ports",
        help="ports, TCP unless prefixed: 22,80 or T:22,U:53 (default: top1000)",
    )
    scan.add_argument(
        "-u",
        "--udp",
        action="store_true",
        help="ports without a T:/U: prefix are UDP (needs -p; prefixed ports keep theirs)",
    )
    scan.add_argument("--exclude", default="", metavar="T", help="targets to leave out")
    scan.add_argument("-iL", dest="input_list", metavar="FILE", help="read targets from FILE")
    scan.add_argument(
        "--timeout",
        type=_positive_float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"longest wait for an answer, seconds (default {DEFAULT_TIMEOUT})",
    )
    scan.add_argument(
        "--retries",
        type=_count(0, 20),
        default=DEFAULT_RETRIES,
        metavar="N",
        help=f"retries for ports that gave no answer (default {DEFAULT_RETRIES})",
    )
    scan.add_argument(
        "--concurrency", type=_count(1, 65535), metavar="N", help="connects in flight at most"
    )
    scan.add_argument("--rate", type=_positive_float, metavar="N", help="probes per second at most")
    scan.add_argument(
        "--udp-pace",
        type=_positive_float,
        default=DEFAULT_UDP_PACE,
        metavar="N",
        help=f"UDP probes per second to start at; lowered when ICMP answers go missing "
        f"(default {DEFAULT_UDP_PACE:.0f})",
    )
    scan.add_argument(
        "--no-banners", action="store_true", help="do not read the banners of open TCP ports"
    )
    scan.add_argument("--per-host", type=_count(1, 65535), metavar="N", help="in flight per host")
    scan.add_argument("--shuffle", action="store_true", help="probe ports in random order")
    scan.add_argument(
        "--open",
        action="store_true",
        help="reports list open (and UDP open|filtered) ports only",
    )
    scan.add_argument("--csv", metavar="FILE|-", help="write a CSV report ('-' for stdout)")
    scan.add_argument("--json", metavar="FILE|-", help="write a JSON Lines report")
    scan.add_argument("--bom", action="store_true", help="start the CSV with a BOM (for Excel)")
    scan.add_argument("--allow-large", action="store_true", help="allow more than 65,536 addresses")
    scan.add_argument("--no-uvloop", action="store_true", help="use asyncio's own event loop")
    scan.add_argument("-q", "--quiet", action="store_true", help="no table, summary only")
    scan.add_argument(
        "--expect",
        metavar="DOORS",
        help="doors meant to be open on every target, e.g. 22/tcp,443/tcp (exit 3 otherwise)",
    )
    scan.add_argument(
        "--expect-file", metavar="FILE", help="expected doors per target (TOML or CSV)"
    )
    scan.add_argument("--history", metavar="FILE", help="the history database to save into")
    scan.add_argument("--no-history", action="store_true", help="do not save this scan")
    scan.add_argument(
        "-Pn",
        "--no-discovery",
        action="store_true",
        help="probe every address's ports, even those that do not answer discovery",
    )
    compare = commands.add_parser(
        "diff",
        help="compare two scans",
        description="What changed between two scans: history ids (see the window's History) "
        "or report files (CSV or JSON Lines).",
    )
    compare.add_argument("before", metavar="SCAN_A", help="the older scan: an id or a report")
    compare.add_argument("after", metavar="SCAN_B", help="the newer scan: an id or a report")
    compare.add_argument("--csv", metavar="FILE|-", help="write the changes as CSV")
    compare.add_argument("--history", metavar="FILE", help="the history database to read")
    add_hosts_parser(commands, _count, _positive_float)
    return parser


def config_from_args(args: argparse.Namespace) -> ScanConfig:
    targets = targets_from_args(args)
    if args.udp:
        if args.ports is None:
            raise InputError("--udp needs -p PORTS: the top lists hold TCP ports")
        # A lone prefix switches the items after it, up to the next prefix; a spec that
        # starts with a prefix has no unprefixed items.
        starts_prefixed = re.match(r"\s*[A-Za-z]+:", args.ports) is not None
        ports = parse_ports(args.ports if starts_prefixed else f"U: {args.ports}")
    else:
        ports = parse_ports(args.ports if args.ports is not None else DEFAULT_PORTS)
    return ScanConfig(
        targets=targets,
        ports=ports,
        timeout=args.timeout,
        retries=args.retries,
        concurrency=args.concurrency,
        rate=args.rate,
        per_host=args.per_host,
        order=PortOrder.SHUFFLED if args.shuffle else PortOrder.SEQUENTIAL,
        grab_banners=GRAB_BANNERS and not args.no_banners,
        udp_pace=args.udp_pace,
    )


def request_from_args(args: argparse.Namespace) -> ScanRequest:
    """The scan the arguments ask for, with the targets and ports as typed."""
    return ScanRequest(
        config_from_args(args),
        targets=" ".join(args.targets) or f"-iL {args.input_list}",
        ports=args.ports if args.ports is not None else DEFAULT_PORTS,
        discovery=None if args.no_discovery else discovery_settings(),
    )


async def _scan(
    session: ScanSession, progress: ProgressLine | None, interrupts: Interrupts
) -> ScanSummary:
    def on_batch(batch: ScanBatch, _delta) -> None:
        if progress is not None:
            progress.update(batch.progress)

    interrupts.on_loop(asyncio.get_running_loop())
    summary = await session.run(on_batch)
    if progress is not None:
        progress.clear()
    return summary


def _write_report(
    dest: str, results: ResultSet, fmt: str, *, bom: bool, states: Iterable[PortState] | None
) -> None:
    """Write a report of ``results`` (only the doors in ``states``, when given)."""
    stream = sys.stdout if dest == "-" else Path(dest)
    report_format = ReportFormat.CSV if fmt == "csv" else ReportFormat.JSONL
    with ReportWriter(stream, report_format, bom=bom) as writer:
        writer.write_set(results, states)
    if dest == "-":
        sys.stdout.flush()


def expectations_from_args(args: argparse.Namespace) -> Expectations | None:
    rules: list[Rule] = []
    if args.expect:
        try:
            rules.append(Rule(ANY_HOST, parse_doors(args.expect)))
        except InputError as error:
            raise InputError(f"--expect: {error}") from None
    if args.expect_file:
        rules.extend(load_rules(args.expect_file).rules)
    return Expectations(rules) if rules else None


def _history_path(path: str | None) -> Path:
    return Path(path) if path else default_path()


def _history(path: str | None, *, create: bool = True) -> History:
    return History(_history_path(path), create=create)


def check_destinations(args: argparse.Namespace) -> None:
    """Before anything is scanned: every report can be written where it was asked for,
    and the history is one (a locked or full one is only a warning, at the end)."""
    for dest in (args.csv, args.json):
        if dest and dest != "-":
            try:
                check_writable(dest)
            except DestinationError as exc:
                raise InputError(f"cannot write the report: {exc}") from None
    if not args.no_history:
        try:
            check_history_path(_history_path(args.history))
        except HistoryRefused as exc:
            raise InputError(f"{exc} (--no-history to scan without it)") from None
        except HistoryError:
            pass  # kept, and said when the scan is saved


def write_reports(args: argparse.Namespace, results: ResultSet, err: TextIO) -> bool:
    """Write the reports asked for; False (said on ``err``) when one could not be."""
    states = _REPORTED_STATES if args.open else None
    for dest, fmt in ((args.csv, "csv"), (args.json, "json")):
        if dest:
            try:
                _write_report(dest, results, fmt, bom=args.bom and fmt == "csv", states=states)
            except OSError as exc:
                err.write(f"portwindow: cannot write report {dest}: {exc.strerror or exc}\n")
                return False
    return True


def save_to_history(args: argparse.Namespace, session: ScanSession, err) -> int | None:
    """Save the scan; a history that cannot be written is a warning, never a failure."""
    try:
        with _history(args.history) as history:
            if history.notice:
                err.write(f"portwindow: {history.notice}\n")
            return session.save(history)
    except (HistoryError, sqlite3.Error, OSError) as exc:
        err.write(f"portwindow: the scan was not saved: {exc}\n")
        return None


def format_audit(result: Audit) -> str:
    lines = []
    for title, items in (
        ("Unexpected open doors", result.unexpected),
        ("Missing doors (expected open)", result.missing),
        ("Not confirmed (no answer)", result.of(Finding.UNCONFIRMED)),
        ("Not checked (not probed)", result.of(Finding.NOT_CHECKED)),
    ):
        if items:
            lines.append(f"{title}:")
            for item in items:
                state = item.state.value if item.state else "not probed"
                lines.append(f"  {item.host}  {item.port}/{item.protocol.value}  {state}")
    lines.append(result.summary().capitalize())
    return "\n".join(lines) + "\n"


def run_scan(args: argparse.Namespace, out: TextIO, err: TextIO, *, exiting: bool = False) -> int:
    """``exiting``: the process ends with this command (see interrupts.py)."""
    with Interrupts(err, exiting=exiting) as interrupts:
        return _run_scan(args, out, err, interrupts)


def _run_scan(args: argparse.Namespace, out: TextIO, err: TextIO, interrupts: Interrupts) -> int:
    request = request_from_args(args)
    expectations = expectations_from_args(args)
    check_destinations(args)
    progress = ProgressLine(err) if err.isatty() else None
    session = ScanSession(request)
    with interrupts.saving():  # from the scan's start: no signal falls between the two
        with interrupts.stopping(session.cancel):
            scan = _scan(session, progress, interrupts)
            summary = loops.run(scan, prefer_uvloop=not args.no_uvloop)
        results = session.results
        reported = write_reports(args, results, err)
        scan_id = None if args.no_history else save_to_history(args, session, err)
    table_out = err if "-" in (args.csv, args.json) else out
    if not args.quiet:
        from portwindow.cli.behind import format_behind  # noqa: PLC0415 - psutil: not with -q

        shown = list(results.in_states(_REPORTED_STATES))
        table_out.write(format_table(shown))
        table_out.write(format_behind(shown))
    table_out.write(format_summary(summary, udp=bool(request.config.ports.udp)))
    for host_error in summary.host_errors:
        err.write(f"portwindow: {host_error.host}: {host_error.message}\n")
    if session.discovery_skipped:
        err.write(
            "portwindow: more than 65,536 addresses: every one was scanned, without discovery "
            "(portwindow hosts finds who is there)\n"
        )
    if session.hosts_down:
        table_out.write(
            f"{session.hosts_down:,} of {len(session.hosts):,} hosts did not answer discovery "
            "and were not scanned (-Pn scans them)\n"
        )
    if scan_id is not None and not args.quiet:
        err.write(f"portwindow: saved to the history as scan {scan_id}\n")
    if not reported:
        return EXIT_FAILURE
    if summary.partial or interrupts.first is not None:
        return interrupts.exit_code
    checked = session.audit(expectations)
    if checked is not None:
        table_out.write(format_audit(checked))
        if checked.failed:
            return EXIT_AUDIT_FAILED
    return EXIT_OK


def _load_side(spec: str, history_path: str | None) -> tuple[str, list]:
    if spec.isdigit():
        if not _history_path(history_path).exists():
            raise InputError(
                f"there is no scan {spec}: no history at {_history_path(history_path)}"
            )
        with _history(history_path, create=False) as history:
            record = history.scan(int(spec))
            return f"scan {record.id} ({record.targets})", history.results(record.id)
    return spec, list(load_report(spec).results)


def run_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.csv and args.csv != "-":
        try:
            check_writable(args.csv)
        except DestinationError as exc:
            raise InputError(f"cannot write the changes: {exc}") from None
    try:
        before_name, before = _load_side(args.before, args.history)
        after_name, after = _load_side(args.after, args.history)
    except HistoryError as exc:
        raise InputError(str(exc)) from None
    result = diff(before, after)
    if args.csv == "-":
        out.write(diff_csv(result))
        table_out = err
    else:
        if args.csv:
            try:
                write_diff_csv(result, args.csv)
            except OSError as exc:
                err.write(f"portwindow: cannot write {args.csv}: {exc.strerror or exc}\n")
                return EXIT_FAILURE
        table_out = out
    table_out.write(f"From {before_name} to {after_name}:\n")
    for change in result.changes:
        before_state = change.before.value if change.before else "-"
        after_state = change.after.value if change.after else "-"
        host = change.host if change.host == change.address else f"{change.host} ({change.address})"
        table_out.write(
            f"  {change.change.value:<9} {host}  {change.port}/{change.protocol.value}  "
            f"{before_state} -> {after_state}\n"
        )
    table_out.write(result.summary().capitalize() + "\n")
    return EXIT_OK


def start_gui(args: argparse.Namespace) -> int:
    from portwindow.gui.app import run_app  # noqa: PLC0415 - Qt loads only when the window is wanted

    return run_app(targets=args.targets, ports=args.ports, start=args.start)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    out, err = sys.stdout, sys.stderr
    try:
        args = parser.parse_args(argv)
        if args.command == "scan":
            return run_scan(args, out, err, exiting=argv is None)
        if args.command == "diff":
            return run_diff(args, out, err)
        if args.command == "hosts":
            return run_hosts(args, out, err)
        return start_gui(args)
    except UsageError as exc:
        err.write(f"{exc}\n")
        return EXIT_USAGE
    except InputError as exc:
        err.write(f"portwindow: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        err.write(f"portwindow: {getattr(exc, 'message', 'interrupted')}\n")
        return getattr(exc, "exit_code", EXIT_INTERRUPTED)


if __name__ == "__main__":
    sys.exit(main())
