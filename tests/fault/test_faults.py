"""The fault suite (issue 10): portwindow's files under a full disk, a held lock, a
read-only mount, SIGKILL at random points of saves, and ten writers at once, each in a
private mount and network namespace of its own (tests/fault/lab.py). After each, the
history passes ``PRAGMA integrity_check``, was not moved aside, and holds every scan
that finished."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.netns import not_permitted

ROOT = Path(__file__).resolve().parents[2]
SEED = 20_251_203
pytestmark = pytest.mark.fault


def why_not_here() -> str | None:
    for tool in ("unshare", "mount", "ip"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    error = not_permitted("unshare", "-m", "-n", "mount", "-t", "tmpfs", "tmpfs", "/mnt")
    if error:
        return f"unshare -m -n with a tmpfs is not permitted here: {error}"
    return None


@pytest.fixture(scope="module", autouse=True)
def _permitted():
    reason = why_not_here()
    if reason:
        pytest.skip(reason)


def lab(scenario: str, seed: int = SEED) -> dict:
    child = subprocess.run(
        ["unshare", "-m", "-n", sys.executable, "-m", "tests.fault.lab", scenario, str(seed)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert child.returncode == 0, child.stderr[-4000:]
    return json.loads(child.stdout)


def assert_whole(history: dict, scans: int) -> None:
    """integrity_check ok, nothing moved aside or skipped, ``scans`` scans all readable."""
    assert history["integrity"] == "ok"
    assert history["notice"] is None
    assert history["aside"] == []
    assert history["skipped"] == []
    assert len(history["scans"]) == scans
    assert all(history["results"][str(s["id"])] == s["done"] for s in history["scans"])


def warnings(run: dict) -> list[str]:
    return [line for line in run["err"] if line.startswith("portwindow:")]


def test_disk_full_during_save_is_one_warning_and_loses_nothing():
    facts = lab("disk_full_save")
    assert [run["code"] for run in facts["earlier"]] == [0, 0]
    for case in ("closed", "open"):
        full = facts["full"][case]
        assert full["code"] == 0
        (warning,) = warnings(full)
        assert "not saved" in warning
        assert "disk is full" in warning
        assert "kept" in warning
    assert facts["report_rows"] == [65535, 65535]  # the reports (on another disk) written
    assert facts["aside_while_full"] == []
    assert_whole(facts["after_full"], 2)
    assert facts["after"]["code"] == 0
    assert_whole(facts["history"], 3)  # room again: the history is still in use


def test_disk_full_during_export_fails_says_so_and_keeps_the_old_reports():
    facts = lab("disk_full_export")
    csv = facts["csv"]
    assert csv["code"] == 1
    (line,) = [line for line in warnings(csv) if "report" in line]
    assert "No space left on device" in line
    assert facts["pdf"]["code"] == 0, facts["pdf"]["err"]
    assert facts["pdf"]["out"] == "failed: No space left on device"
    assert facts["unchanged"] == {"csv": True, "pdf": True}
    assert facts["leftovers"] == []  # no temporary file left on the full disk
    assert_whole(facts["history"], 1)  # the scan was saved all the same


def test_a_lock_held_by_another_process_is_waited_for_or_one_warning():
    facts = lab("lock_held")
    assert facts["first"]["code"] == 0
    assert facts["waited"]["code"] == 0
    assert warnings(facts["waited"]) == []
    for mode in ("immediate", "exclusive"):
        run = facts[mode]
        assert run["code"] == 0
        (warning,) = warnings(run)
        assert "locked by another program" in warning
        assert run["unchanged"]
        assert run["report"]
    assert_whole(facts["history"], 2)


def test_a_read_only_history_is_kept_and_a_read_only_report_folder_refused():
    facts = lab("read_only")
    assert facts["first"]["code"] == 0
    saved = facts["saved"]
    assert saved["code"] == 0
    (warning,) = warnings(saved)
    assert "not saved" in warning
    assert "read-only" in warning
    assert saved["report"]
    refused = facts["refused"]
    assert refused["code"] == 2
    (line,) = refused["err"]
    assert "Read-only file system" in line
    assert facts["unchanged"]
    assert_whole(facts["history"], 1)


def test_sigkill_at_random_points_of_saves_never_loses_or_halves_a_scan():
    facts = lab("kill_during_save")
    assert facts["kills"] >= 20
    assert facts["killed_inside_a_save"] >= 10
    for check in facts["checks"]:
        assert check == {
            "integrity": "ok",
            "notice": None,
            "aside": [],
            "missing": [],
            "extra": [],
            "whole": True,
        }
    assert facts["final"] == {"integrity": "ok", "notice": None, "aside": [], "skipped": []}
    assert facts["final_missing"] == []
    assert facts["final_results"] == [65535]
    assert facts["final_scans"] >= facts["finished"]


def test_ten_writers_at_once_on_a_new_history_all_land():
    facts = lab("ten_writers")
    for runs in facts["rounds"]:
        assert [run["code"] for run in runs] == [0] * 10
        assert all(warnings(run) == [] for run in runs), runs
    assert_whole(facts["history"], 20)
