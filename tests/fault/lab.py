"""The fault lab: portwindow's files under a full disk, a held lock, a read-only mount,
SIGKILL mid-save and ten writers at once, in a private mount and network namespace.

    unshare -m -n python -m tests.fault.lab SCENARIO [SEED]

mounts small tmpfs file systems of its own (a full disk is a tmpfs's ``size=``), brings up
the new namespace's loopback, scans only listeners it opened there, and prints one JSON
object of facts (exit codes, stderr lines, what the files hold, ``PRAGMA
integrity_check``) for tests/fault/test_faults.py to judge. Every loop is bounded.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from tests.support.listeners import listeners

ROOT = Path(__file__).resolve().parents[2]
LISTENERS = 8
# The wrapper that runs `portwindow ARGV` with a short lock wait (the tests' only change).
SHORT_WAIT = (
    "import sys; from portwindow.engine.audit import history_file; "
    "history_file.BUSY_TIMEOUT = 1.0; from portwindow.cli import main; sys.exit(main())"
)


def sh(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=30)


def tmpfs(size: str) -> Path:
    """A fresh tmpfs of ``size`` (e.g. "256k"), mounted in this namespace only."""
    folder = Path(tempfile.mkdtemp(prefix="pw-fault-"))
    sh("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder))
    return folder


def fill(folder: Path) -> Path:
    """Fill the file system under ``folder`` until it is full; return the filler."""
    filler = folder / "filler"
    chunk = b"\xff" * 4096
    with open(filler, "wb", buffering=0) as file:
        for _ in range(1 << 20):  # bounded: 4 GiB at most
            try:
                file.write(chunk)
            except OSError:
                break
    return filler


def portwindow(*argv: str, short_wait: bool = False, timeout: float = 120) -> dict:
    """Run the command; its exit code and stderr's lines."""
    head = ["-c", SHORT_WAIT] if short_wait else ["-m", "portwindow"]
    child = subprocess.run(
        [sys.executable, *head, *argv],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    return {"code": child.returncode, "err": child.stderr.splitlines(), "out": child.stdout}


def scan_argv(ports: list[int] | str, history: Path | None, *more: str) -> list[str]:
    """``portwindow scan`` of 127.0.0.1's ``ports`` (a list, or a spec such as 1-65535)."""
    spec = ports if isinstance(ports, str) else ",".join(map(str, ports))
    where = ["--history", str(history)] if history else ["--no-history"]
    return ["scan", "127.0.0.1", "-p", spec, "--no-banners", "-q", *where, *more]


def integrity(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def history_facts(path: Path, *, read_all: bool = True) -> dict:
    """What the history holds, as portwindow reads it (and whether it had to repair)."""
    from portwindow.engine.audit.history import History

    facts: dict = {"integrity": integrity(path)}
    with History(path) as history:
        scans = history.scans()
        facts["notice"] = history.notice
        facts["skipped"] = list(history.skipped)
        facts["scans"] = [
            {"id": s.id, "targets": s.targets, "done": s.done, "partial": s.partial} for s in scans
        ]
        if read_all:
            facts["results"] = {str(s.id): len(history.results(s.id)) for s in scans}
    facts["aside"] = sorted(p.name for p in path.parent.iterdir() if ".damaged-" in p.name)
    return facts


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


HOLDER = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    if sys.argv[2] == "exclusive":
        db.execute("PRAGMA locking_mode = EXCLUSIVE")
        db.execute("BEGIN EXCLUSIVE")
    elif sys.argv[2] == "immediate":
        db.execute("BEGIN IMMEDIATE")
    else:  # only open, as the window keeps it
        db.execute("SELECT count(*) FROM scans").fetchone()
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
    if db.in_transaction:
        db.execute("ROLLBACK")
    db.close()
    """
)


def hold(path: Path, mode: str, seconds: float) -> subprocess.Popen:
    """Another program holding the history's lock for ``seconds``."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


# Scenarios.


def scenario_disk_full_save(_seed: int) -> dict:
    """The history's disk fills up: a full scan's save fails with one warning, the report
    (on another disk) is written, the history keeps every earlier scan."""
    small, big = tmpfs("1m"), tmpfs("32m")
    history = small / "h.sqlite3"
    facts: dict = {"full": {}, "aside_while_full": [], "report_rows": []}
    with listeners(LISTENERS) as ports:
        facts["earlier"] = [portwindow(*scan_argv(ports, history)) for _ in range(2)]
        # Nobody else has it open (SQLite cannot make its -shm), then while another
        # program (the window) has it open (the WAL cannot grow).
        for case in ("closed", "open"):
            keeper = hold(history, "open", 60) if case == "open" else None
            filler = fill(small)
            report = big / f"full-{case}.csv"
            facts["full"][case] = portwindow(*scan_argv("1-65535", history, "--csv", str(report)))
            facts["aside_while_full"] += [p.name for p in small.iterdir() if ".damaged-" in p.name]
            with open(report, encoding="utf-8") as rows:
                facts["report_rows"].append(sum(1 for _ in rows) - 1)
            filler.unlink()
            if keeper is not None:
                keeper.kill()
                keeper.wait(30)
        facts["after_full"] = history_facts(history)
        facts["after"] = portwindow(*scan_argv(ports, history))
    facts["history"] = history_facts(history)
    return facts


PDF_ON_FULL_DISK = textwrap.dedent(
    """
    import sys
    from portwindow.gui.qt import QtWidgets
    app = QtWidgets.QApplication([])
    from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
    from portwindow.gui.printable_report import ReportData, write_pdf_report
    rows = [PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, p, PortState.OPEN,
                       Reason.SYN_ACK, 0.001, 1.79e9, "banner " * 40) for p in range(1, 400)]
    data = ReportData("Fault lab", "127.0.0.1", "1-400", 1.79e9, 1.79e9 + 1, False, rows)
    try:
        write_pdf_report(data, sys.argv[1])
    except OSError as exc:
        print("failed:", exc.strerror or exc)
    else:
        print("exported")
    """
)


def scenario_disk_full_export(_seed: int) -> dict:
    """The reports' disk fills up: the CSV of a full scan and the window's PDF export both
    fail, say so, and leave the old report as it was; the scan is still saved."""
    small, big = tmpfs("256k"), tmpfs("16m")
    history = big / "h.sqlite3"
    old_csv, old_pdf = small / "report.csv", small / "report.pdf"
    old_csv.write_text("the old report\n")
    old_pdf.write_bytes(b"%PDF-1.4 the old PDF %%EOF")
    before = {"csv": digest(old_csv), "pdf": digest(old_pdf)}
    fill(small)
    with listeners(LISTENERS):
        csv = portwindow(*scan_argv("1-65535", history, "--csv", str(old_csv)))
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    pdf = subprocess.run(
        [sys.executable, "-c", PDF_ON_FULL_DISK, str(old_pdf)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    return {
        "csv": csv,
        "pdf": {"code": pdf.returncode, "out": pdf.stdout.strip(), "err": pdf.stderr[-2000:]},
        "unchanged": {name: digest(small / f"report.{name}") == before[name] for name in before},
        "leftovers": leftovers(small),
        "history": history_facts(history),
    }


def scenario_lock_held(_seed: int) -> dict:
    """A lock held by another process: a short one is waited for (the scan lands); one
    held past the wait is one warning, the report written, the file kept byte for byte."""
    disk = tmpfs("16m")
    history = disk / "h.sqlite3"
    facts: dict = {}
    with listeners(LISTENERS) as ports:
        facts["first"] = portwindow(*scan_argv(ports, history))
        holder = hold(history, "immediate", 1.5)
        facts["waited"] = portwindow(*scan_argv(ports, history))
        holder.wait(30)
        for mode in ("immediate", "exclusive"):
            before = digest(history)
            holder = hold(history, mode, 6)
            report = disk / f"{mode}.csv"
            run = portwindow(*scan_argv(ports, history, "--csv", str(report)), short_wait=True)
            run["unchanged"] = digest(history) == before
            run["report"] = report.exists()
            facts[mode] = run
            holder.kill()
            holder.wait(30)
    facts["history"] = history_facts(history)
    return facts


def scenario_read_only(_seed: int) -> dict:
    """A read-only history is a warning (kept); a report into a read-only folder is
    refused before the scan."""
    disk, other = tmpfs("16m"), tmpfs("16m")
    history = disk / "h.sqlite3"
    with listeners(LISTENERS) as ports:
        first = portwindow(*scan_argv(ports, history))
        before = digest(history)
        sh("mount", "-o", "remount,ro", str(disk))
        report = other / "r.csv"
        saved = portwindow(*scan_argv(ports, history, "--csv", str(report)))
        saved["report"] = report.exists()
        refused = portwindow(*scan_argv(ports, None, "--csv", str(disk / "r.csv")))
        unchanged = digest(history) == before
        sh("mount", "-o", "remount,rw", str(disk))
    return {
        "first": first,
        "saved": saved,
        "refused": refused,
        "unchanged": unchanged,
        "history": history_facts(history),
    }


SAVER = textwrap.dedent(
    """
    import pickle, sys
    from portwindow.engine.audit.history import History, NewScan
    path, results_file, first = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(results_file, "rb") as file:
        results = pickle.load(file)
    with History(path) as history:
        for number in range(first, first + 3):
            scan = NewScan(1.79e9 + number, 1.79e9 + number + 1, f"save {number}",
                           "1-65535", False, len(results))
            print("saving", number, flush=True)
            history.save(scan, results)
            print("saved", number, flush=True)
    """
)


def _numbers(scans: list[dict]) -> set[int]:
    """The savers' numbers of the scans in a history (their targets: "save N")."""
    return {int(scan["targets"].split()[1]) for scan in scans}


def _full_scan_results(folder: Path) -> Path:
    """One real scan of every port (with listeners open), its results pickled for the
    savers (a JSON Lines report read back)."""
    from portwindow.engine.reports.readers import load_report

    report = folder / "full.jsonl"
    with listeners(LISTENERS) as ports:
        run = portwindow(*scan_argv("1-65535", None, "--json", str(report)))
    assert run["code"] == 0, run
    results = list(load_report(report).results)
    assert len(results) == 65535
    assert sum(r.port in ports for r in results) == LISTENERS
    pickled = folder / "full.pickle"
    pickled.write_bytes(pickle.dumps(results))
    return pickled


def scenario_kill_during_save(seed: int) -> dict:
    """SIGKILL at random points (seeded) of full scans' saves, again and again: after each
    kill the file passes integrity_check, is not moved aside, and holds every scan whose
    save finished, whole (65,535 results), and never half of one."""
    disk = tmpfs("256m")
    results = _full_scan_results(disk)
    history = disk / "h.sqlite3"
    rng = random.Random(seed)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    finished: set[int] = set()
    in_flight: set[int] = set()  # being saved when killed: there whole, or not at all
    kills, during, number, checks = 0, 0, 0, []
    save_time = None
    for _ in range(40):  # bounded; stops at 25 kills
        if kills >= 25:
            break
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(history), str(results), str(number)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        line = saver.stdout.readline().split()  # "saving N" (the results are loaded)
        started = time.monotonic()
        if save_time is None:  # the first saver runs whole: how long one save takes
            for line in saver.stdout:
                word, n = line.split()
                if word == "saved":
                    finished.add(int(n))
                    save_time = save_time or time.monotonic() - started
            saver.wait(60)
            number += 3
            continue
        time.sleep(rng.uniform(0, 2.5 * save_time))  # inside the 1st, 2nd or 3rd save
        saver.send_signal(signal.SIGKILL)
        out, _ = saver.communicate(timeout=30)
        kills += 1
        lines = [line, *(entry.split() for entry in out.splitlines())]
        lines = [entry for entry in lines if len(entry) == 2 and entry[1].isdigit()]
        saving = [int(n) for word, n in lines if word == "saving"]
        done = {int(n) for word, n in lines if word == "saved"}
        finished |= done
        if saving[-1] not in done:
            during += 1
            in_flight.add(saving[-1])
        facts = history_facts(history, read_all=False)
        present = _numbers(facts["scans"])
        checks.append(
            {
                "integrity": facts["integrity"],
                "notice": facts["notice"],
                "aside": facts["aside"],
                "missing": sorted(finished - present),
                "extra": sorted(present - finished - in_flight),
                "whole": all(s["done"] == 65535 for s in facts["scans"]),
            }
        )
        number += 3
    facts = history_facts(history)
    return {
        "seed": seed,
        "kills": kills,
        "killed_inside_a_save": during,
        "in_flight_that_landed": len(
            in_flight & {int(s["targets"].split()[1]) for s in facts["scans"]}
        ),
        "save_time": save_time,
        "finished": len(finished),
        "checks": checks,
        "final": {k: facts[k] for k in ("integrity", "notice", "aside", "skipped")},
        "final_results": sorted(set(facts["results"].values())),
        "final_scans": len(facts["scans"]),
        "final_missing": sorted(finished - {int(s["targets"].split()[1]) for s in facts["scans"]}),
    }


RELEASED_TOGETHER = textwrap.dedent(
    """
    import os, sys, time
    from portwindow.cli import main
    from portwindow.engine.audit import history
    from portwindow.engine.reports import writers
    from portwindow.engine.scan import scheduler
    go = sys.argv.pop(1)
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(go) and time.monotonic() < deadline:
        time.sleep(0.001)
    sys.exit(main())
    """
)


def scenario_ten_writers(_seed: int) -> dict:
    """Ten `portwindow scan` processes released together on a new history (so they open,
    create and save it at the same moment), then ten more on it."""
    disk = tmpfs("64m")
    history = disk / "new.sqlite3"
    rounds = []
    with listeners(LISTENERS) as ports:
        for round_number in range(2):
            go = disk / f"go-{round_number}"
            children = [
                subprocess.Popen(
                    [sys.executable, "-c", RELEASED_TOGETHER, str(go), *scan_argv(ports, history)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    cwd=ROOT,
                    env=dict(os.environ, PYTHONPATH=str(ROOT)),
                )
                for _ in range(10)
            ]
            for child in children:
                child.stdout.readline()  # "ready": imported, waiting for the go
            go.touch()
            runs = []
            for child in children:
                _out, err = child.communicate(timeout=120)
                runs.append({"code": child.returncode, "err": err.splitlines()})
            rounds.append(runs)
    return {"rounds": rounds, "history": history_facts(history)}


SCENARIOS = {
    name.removeprefix("scenario_"): function
    for name, function in globals().items()
    if name.startswith("scenario_")
}


def main() -> None:
    name = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    sh("ip", "link", "set", "lo", "up")
    json.dump(SCENARIOS[name](seed), sys.stdout)


if __name__ == "__main__":
    main()
