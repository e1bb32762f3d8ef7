"""``portwindow watch``: watches headless. ``add`` saves one (targets, ports, schedule,
expected doors, hooks), ``list`` shows each with its last run and next run, ``run NAME``
runs one now (a scan saved in the history; exit 3 on a finding, as ``scan``), ``install``
/ ``uninstall`` put it on a systemd user timer (or a crontab line), ``verify`` checks its
evidence chain, ``remove`` forgets it.

The files: the watches (``PORTWINDOW_WATCHES``, else the user's config folder), what their
last runs found (``PORTWINDOW_WATCH_STATE``, else the state folder, with ``watch.log``, the
alerts' log, beside it), and the history (``--history`` or ``PORTWINDOW_HISTORY``).
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from portwindow import engine
from portwindow.cli.interrupts import Interrupts

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_AUDIT_FAILED = 3


def add_watch_parser(
    commands, value: Callable, file_name: Callable, minutes: Callable, seconds: Callable
) -> None:
    parser = commands.add_parser(
        "watch",
        help="scans on a schedule that say when a door changes",
        description="Watches: a scan saved with its expected doors, run on a schedule; each "
        "run is a scan in the history, and a door that opened or closed since the last run, "
        "or an unexpected or missing one, raises one alert (a log line, a command, a URL).",
    )
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    add = actions.add_parser("add", help="add or replace a watch")
    add.add_argument("name", type=value("a watch name"), metavar="NAME")
    add.add_argument("targets", nargs="+", type=value("targets"), metavar="TARGET")
    add.add_argument("-p", "--ports", type=value("ports"), help="ports (default: top1000)")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--every", type=minutes, metavar="MIN", help="run every MIN minutes")
    when.add_argument("--at", type=value("times such as 08:00,18:00"), metavar="HH:MM,...")
    add.add_argument("--expect-file", type=file_name, metavar="FILE", help="expected doors")
    add.add_argument("--timing", type=value("a timing"), default="normal", metavar="T")
    add.add_argument("--timeout", type=seconds, metavar="S", help="longest wait for an answer")
    add.add_argument("--no-banners", action="store_true", help="do not read banners")
    add.add_argument(
        "--hook-command",
        type=value("a command"),
        metavar="CMD",
        help="run CMD (split as a shell would, run without one) with each alert as JSON on stdin",
    )
    add.add_argument("--hook-url", type=value("a URL"), metavar="URL", help="POST each alert")
    actions.add_parser("list", help="the watches, their last and next runs")
    for name, text in (
        ("run", "run a watch now"),
        ("verify", "check a watch's evidence chain"),
        ("remove", "forget a watch"),
        ("install", "run a watch on a systemd user timer (or a crontab line)"),
        ("uninstall", "remove the timer (or crontab line)"),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument("name", type=value("a watch name"), metavar="NAME")
        if name in ("run", "verify", "list"):
            action.add_argument("--history", type=file_name, metavar="FILE")
    for action in (actions.choices["install"], actions.choices["uninstall"]):
        action.add_argument(
            "--no-enable", action="store_true", help="write or remove files only (no systemctl)"
        )
    kind = actions.choices["install"].add_mutually_exclusive_group()
    kind.add_argument("--cron", action="store_true", help="a crontab line even where systemd is")
    kind.add_argument(
        "--systemd",
        action="store_true",
        help="systemd user units even where systemd is not running",
    )


def _history(args: argparse.Namespace) -> engine.History:
    path = getattr(args, "history", None)
    return engine.History(Path(path) if path else engine.default_path())


def run_watch_command(
    args: argparse.Namespace, out: TextIO, err: TextIO, *, exiting: bool = False
) -> int:
    """``exiting``: the process ends with this command (see interrupts.py)."""
    store, state = engine.WatchStore(), engine.WatchState()
    action = args.action
    if action == "add":
        return _add(args, store, out)
    if action == "list":
        return _list(store, state, out)
    if action == "remove":
        if not store.remove(args.name):
            raise engine.InputError(f'there is no watch "{args.name[:40]}"')
        state.forget(args.name)
        out.write(f"Removed watch {args.name} (its scans stay in the history).\n")
        return EXIT_OK
    if action == "install":
        watch = store.get(args.name)
        done = engine.watch_install.install(
            watch,
            systemd=False if args.cron else True if args.systemd else None,
            enable=not args.no_enable,
        )
        for path in done.files:
            out.write(f"Wrote {path}\n")
        for note in done.notes:
            err.write(f"portwindow: {note}\n")
        return EXIT_OK
    if action == "uninstall":
        done = engine.watch_install.uninstall(args.name, disable=not args.no_enable)
        for path in done.files:
            out.write(f"Removed {path}\n")
        if not done.files:
            out.write(f"Nothing was installed for watch {args.name}.\n")
        for note in done.notes:
            err.write(f"portwindow: {note}\n")
        return EXIT_OK
    try:
        with _history(args) as history:
            if action == "verify":
                return _verify(history, state, args.name, out)
            return _run(history, state, store.get(args.name), out, err, exiting)
    except (engine.HistoryError, sqlite3.Error) as exc:
        raise engine.InputError(str(exc)) from None


def _add(args: argparse.Namespace, store: engine.WatchStore, out: TextIO) -> int:
    if args.every is not None:
        schedule = engine.Schedule(every=args.every)
    else:
        schedule = engine.Schedule(at=tuple(t.strip() for t in args.at.split(",") if t.strip()))
    try:
        hook = tuple(shlex.split(args.hook_command)) if args.hook_command else ()
    except ValueError as exc:
        raise engine.InputError(f"--hook-command: {exc}") from None
    expected = str(Path(args.expect_file).resolve()) if args.expect_file else None
    if expected and not Path(expected).is_file():
        raise engine.InputError(f"--expect-file {args.expect_file}: no such file")
    watch = engine.Watch(
        args.name,
        " ".join(args.targets),
        schedule,
        ports=args.ports or engine.DEFAULT_PORTS,
        expected=expected,
        timing=args.timing,
        timeout=args.timeout,
        banners=not args.no_banners,
        hook_command=hook,
        hook_url=args.hook_url,
    )
    store.put(watch)
    out.write(f"Saved watch {watch.name}: {watch.targets}, {watch.schedule.checked().describe()}\n")
    return EXIT_OK


def _when(moment: float | None) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(moment)) if moment else "-"


def _list(store: engine.WatchStore, state: engine.WatchState, out: TextIO) -> int:
    watches = store.load()
    if not watches:
        out.write("No watches yet: portwindow watch add NAME TARGET --every 15\n")
        return EXIT_OK
    plan = engine.Scheduler(watches.values, state, lambda watch: None).plan()
    for due in sorted(plan, key=lambda d: d.watch.name):
        last = state.last(due.watch.name)
        out.write(
            f"{due.watch.name}  {due.watch.targets}  {due.watch.schedule.describe()}\n"
            f"  last run {_when(due.last_run)} ({last.status if last else 'never run'}), "
            f"next run {_when(due.next_run)}\n"
        )
        if last is not None:
            out.write(f"  {last.sentence}\n")
    return EXIT_OK


def _run(
    history: engine.History,
    state: engine.WatchState,
    watch: engine.Watch,
    out: TextIO,
    err: TextIO,
    exiting: bool,
) -> int:
    """Run the watch's scan as ``portwindow scan`` does: Ctrl-C, SIGTERM (a timer's
    stop) or SIGHUP stop it, and the partial scan is still saved and compared."""
    log_file = engine.log_to_file(state.path.parent / "watch.log")

    def log(line: str) -> None:
        log_file(line)
        err.write(f"portwindow: {line}\n")

    runner = engine.WatchRunner(history, state, log=log)
    session = engine.ScanSession(watch.request())
    with Interrupts(err, exiting=exiting) as interrupts, interrupts.saving():
        with interrupts.stopping(session.cancel):

            async def scan() -> None:
                interrupts.on_loop(asyncio.get_running_loop())
                await session.run()

            engine.loops.run(scan())
        run = runner.finish(watch, session)
    out.write(f"{run.sentence()}\n")
    audit = run.audit
    if audit is not None:
        for waived in audit.waived:
            item = waived.item
            out.write(
                f"  waived  {item.host}  {item.ports}/{item.protocol.value}  "
                f"{waived.waiver.describe()}\n"
            )
    out.write(f"Saved to the history as scan {run.scan_id} ({run.status}).\n")
    if interrupts.first is not None:
        return interrupts.exit_code
    if run.partial:
        return EXIT_FAILURE
    return EXIT_AUDIT_FAILED if run.failed else EXIT_OK


def _verify(history: engine.History, state: engine.WatchState, name: str, out: TextIO) -> int:
    last = state.last(name)
    chain = engine.verify_chain(history, name, last_known=last.sha256 if last else None)
    for link in chain.links:
        number = f"#{link.number}" if link.number is not None else "#?"
        scan = f"scan {link.scan_id}" if link.scan_id else "a scan"
        said = link.problem or "ok"
        out.write(
            f"  {number:>5}  {scan:<10} {_when(link.started_at or None)}  "
            f"{(link.sha256 or '-')[:16]}  {said}\n"
        )
    out.write(chain.summary().capitalize() + "\n")
    return EXIT_OK if chain.intact else EXIT_AUDIT_FAILED
