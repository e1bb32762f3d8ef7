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
import contextlib
import re
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from portwindow.cli import formats
from portwindow.cli.cluster import cluster_from_args, format_exposure, write_exposure
from portwindow.cli.hosts import discovery_settings, run_hosts
from portwindow.cli.interrupts import Interrupts
from portwindow.cli.options import UsageError, build_parser
from portwindow.cli.output import ForPeople, ProgressLine, format_summary, format_table
from portwindow.cli.targets import targets_from_args
from portwindow.engine import (
    ANY_HOST,
    DEFAULT_PORTS,
    Audit,
    Coverage,
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
    apply_waivers,
    check_history_path,
    check_writable,
    default_path,
    diff,
    diff_csv,
    excerpt,
    load_report,
    load_rules,
    load_waivers,
    loops,
    parse_doors,
    parse_ports,
    workers_for,
    write_diff_csv,
)

if TYPE_CHECKING:
    from portwindow.engine import Behind

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_AUDIT_FAILED = 3
EXIT_INTERRUPTED = 130

GRAB_BANNERS = True
"""Whether ``portwindow scan`` reads the banners of open TCP ports unless ``--no-banners``."""
_REPORTED_STATES = (PortState.OPEN, PortState.OPEN_FILTERED)
_SCAN_ID = re.compile(r"[0-9]+")
_LONGEST_SCAN_ID = 18  # digits: SQLite's integers are 64-bit


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
    return ScanConfig.with_timing(
        targets,
        ports,
        args.timing,
        timeout=args.timeout,
        retries=args.retries,
        concurrency=args.concurrency,
        rate=args.rate,
        per_host=args.per_host,
        order=PortOrder.SHUFFLED if args.shuffle else PortOrder.SEQUENTIAL,
        grab_banners=GRAB_BANNERS and not args.no_banners,
        udp_pace=args.udp_pace,
        shard=formats.shard_from_args(args),
        workers=workers_for(targets.address_count * len(ports.tcp), args.workers),
    )


def request_from_args(args: argparse.Namespace) -> ScanRequest:
    """The scan the arguments ask for, with the targets and ports as typed."""
    cluster = cluster_from_args(args)
    return ScanRequest(
        config_from_args(args),
        targets=" ".join(args.targets) or f"-iL {args.input_list}",
        ports=args.ports if args.ports is not None else DEFAULT_PORTS,
        discovery=None if args.no_discovery or args.shard or cluster else discovery_settings(),
        cluster=cluster,
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
    dest: str,
    results: ResultSet,
    fmt: str,
    *,
    bom: bool,
    states: Iterable[PortState] | None,
    behind: Behind | None = None,
) -> None:
    """Write a report of ``results`` (only the doors in ``states``, when given); with
    ``behind``, who listens behind this machine's open doors too."""
    stream = sys.stdout if dest == "-" else Path(dest)
    report_format = ReportFormat.CSV if fmt == "csv" else ReportFormat.JSONL
    with ReportWriter(stream, report_format, bom=bom, behind=behind) as writer:
        writer.write_set(results, states)
    if dest == "-":
        sys.stdout.flush()


def expectations_from_args(args: argparse.Namespace) -> Expectations | None:
    rules: list[Rule] = []
    if args.expect is not None:
        try:
            rules.append(Rule(ANY_HOST, parse_doors(args.expect)))
        except InputError as error:
            raise InputError(f"--expect: {error}") from None
    if args.expect_file is not None:
        loaded = load_rules(args.expect_file).rules
        if not loaded:  # an audit against nothing would pass: a CI gate must not
            raise InputError(f"expected doors file {args.expect_file}: names no targets")
        rules.extend(loaded)
    return Expectations(rules) if rules else None


def _history_path(path: str | None) -> Path:
    return Path(path) if path else default_path()


def _history(path: str | None, *, create: bool = True) -> History:
    return History(_history_path(path), create=create)


def check_destinations(args: argparse.Namespace) -> None:
    """Before anything is scanned: every report can be written where it was asked for,
    and the history is one (a locked or full one is only a warning, at the end)."""
    to_stdout = [
        name
        for name, dest in (
            ("--csv", args.csv),
            ("--json", args.json),
            ("--xml", args.xml),
            ("--exposure", args.exposure),
        )
        if dest == "-"
    ]
    if len(to_stdout) > 1:
        raise InputError(f"{' and '.join(to_stdout)} cannot all write to stdout (-)")
    for dest in (args.csv, args.json, args.xml, args.exposure):
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
    # One look at this machine's sockets, right after the scan, for every report.
    behind = None
    if args.csv or args.json:
        from portwindow.engine import Behind  # noqa: PLC0415 - psutil: only for a report

        behind = Behind.for_results(results)
    for dest, fmt in ((args.csv, "csv"), (args.json, "json")):
        if dest:
            try:
                _write_report(
                    dest, results, fmt, bom=args.bom and fmt == "csv", states=states, behind=behind
                )
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
                lines.append(f"  {item.host}  {item.ports}/{item.protocol.value}  {state}")
    if result.waived:
        lines.append("Waived (accepted until they expire):")
        for waived in result.waived:
            item = waived.item
            state = item.state.value if item.state else "not probed"
            lines.append(
                f"  {item.host}  {item.ports}/{item.protocol.value}  {state}  "
                f"{waived.waiver.describe()}"
            )
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
    progress = ProgressLine(sys.stderr) if err.isatty() else None  # its own \r and ESC[K
    session = ScanSession(request)
    with interrupts.saving():  # from the scan's start: no signal falls between the two
        with interrupts.stopping(session.cancel):
            scan = _scan(session, progress, interrupts)
            summary = loops.run(scan, prefer_uvloop=not args.no_uvloop)
        results = session.results
        reported = write_reports(args, results, err)
        reported = formats.write_xml(args, results, session.summary, err) and reported
        reported = write_exposure(args, session.exposure, sys.stdout, err) and reported
        scan_id = None if args.no_history else save_to_history(args, session, err)
    table_out = err if "-" in (args.csv, args.json, args.xml, args.exposure) else out
    if not args.quiet:
        from portwindow.cli.behind import format_behind  # noqa: PLC0415 - psutil: not with -q

        shown = list(results.in_states(_REPORTED_STATES))
        table_out.write(format_table(shown))
        table_out.write(format_behind(shown))
        table_out.write(format_exposure(session.exposure))
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
    if checked is not None and args.expect_file is not None:
        checked = apply_waivers(checked, load_waivers(args.expect_file), date.today())
    if checked is not None:
        table_out.write(format_audit(checked))
        if checked.failed:
            return EXIT_AUDIT_FAILED
    return EXIT_OK


def _load_side(spec: str, history_path: str | None) -> tuple[str, list, Coverage | None]:
    """A side of a diff: its name, its results, and what its format lists (None: every
    door it probed)."""
    from portwindow.engine import coverage  # noqa: PLC0415 - other scanners' readers: diff only

    if _SCAN_ID.fullmatch(spec):  # ASCII digits: "²".isdigit() is true, int("²") fails
        if len(spec.lstrip("0")) > _LONGEST_SCAN_ID:
            raise InputError(f"there is no scan {excerpt(spec, 24)} in the history")
        if not _history_path(history_path).exists():
            raise InputError(
                f"there is no scan {spec}: no history at {_history_path(history_path)}"
            )
        with _history(history_path, create=False) as history:
            record = history.scan(int(spec))
            results = history.results(record.id)
            covers = coverage(settings=record.settings, ports=record.ports)
            return f"scan {record.id} ({record.targets})", results, covers
    report = load_report(spec)
    return spec, list(report.results), coverage(report.source)


def run_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.csv and args.csv != "-":
        try:
            check_writable(args.csv)
        except DestinationError as exc:
            raise InputError(f"cannot write the changes: {exc}") from None
    try:
        before_name, before, before_covers = _load_side(args.before, args.history)
        after_name, after, after_covers = _load_side(args.after, args.history)
    except HistoryError as exc:
        raise InputError(str(exc)) from None
    result = diff(before, after, before_covers=before_covers, after_covers=after_covers)
    if args.csv == "-":
        sys.stdout.write(diff_csv(result))  # cells made printable by the writer
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
        missing = "not reported" if change.change.value == "not reported" else "-"
        before_state = change.before.value if change.before else missing
        after_state = change.after.value if change.after else missing
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
    """Run the command line; every line for people passes through :func:`printable`
    (:class:`ForPeople`), so nothing from outside reaches the terminal raw."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="backslashreplace")  # a terminal that is not UTF-8
    out, err = ForPeople(sys.stdout), ForPeople(sys.stderr)
    try:
        args = build_parser().parse_args(argv)
        args.argv = list(argv) if argv is not None else None  # for the XML report's args
        if args.command == "scan":
            return run_scan(args, out, err, exiting=argv is None)
        if args.command == "diff":
            return run_diff(args, out, err)
        if args.command == "hosts":
            return run_hosts(args, out, err)
        if args.command == "import":
            from portwindow.cli.imports import run_import  # noqa: PLC0415 - other scanners' readers

            return run_import(args, out, err)
        if args.command == "baseline":
            from portwindow.cli.baseline import run_baseline  # noqa: PLC0415 - baselines only

            return run_baseline(args, out, err)
        if args.command == "watch":
            from portwindow.cli.watch import run_watch_command  # noqa: PLC0415 - watches only

            return run_watch_command(args, out, err, exiting=argv is None)
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
    except MemoryError:
        err.write("portwindow: out of memory\n")
        return EXIT_FAILURE
    except RecursionError:
        err.write("portwindow: input nested too deeply\n")
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
