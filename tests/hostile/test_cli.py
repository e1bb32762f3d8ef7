"""The hostile-input suite: every case of cases.py through the command line, in-process,
and the ones marked ``sub`` as a real process too (harness.py says what each must show).
Add a case by adding a line to cases.py."""

from __future__ import annotations

import subprocess

import pytest

from tests.hostile.cases import CASES
from tests.hostile.harness import (
    ROOT,
    Case,
    check,
    checksums,
    environment,
    make_files,
    run_as_process,
    run_in_process,
)

pytestmark = pytest.mark.timeout(60)


def test_the_table_is_large_and_its_names_unique():
    names = [case.name for case in CASES]
    assert len(names) >= 150
    assert len(set(names)) == len(names)
    assert sum(case.sub for case in CASES) >= 20


@pytest.fixture(scope="module", autouse=True)
def the_checkout_is_untouched():
    """Nothing a case does reaches the repository (reports and histories go to the case's
    folder): its status is the same after the whole table."""

    def status() -> str:
        return subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    before = status()
    yield
    assert status() == before


@pytest.fixture
def place(tmp_path, monkeypatch):
    """The case's folder (the current directory), and beside it a fake HOME and a
    neighbouring folder, each with files, which must not change."""
    folder, home, neighbour = tmp_path / "case", tmp_path / "home", tmp_path / "neighbour"
    folder.mkdir()
    history = home / ".local" / "share" / "portwindow" / "history.sqlite3"
    history.parent.mkdir(parents=True)
    history.write_bytes(b"not yet a history")
    (home / ".config").mkdir()
    (home / ".config" / "portwindow.conf").write_text("[General]\n")
    neighbour.mkdir()
    (neighbour / "report.csv").write_text("keep me\n")
    (neighbour / "doors.toml").write_text('[expected]\n"*" = ["22/tcp"]\n')
    env = environment(home, folder / "history.sqlite3")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(folder)
    return folder, env, (home, neighbour)


def _run(case: Case, place, runner) -> None:
    folder, env, watched = place
    make_files(folder, case.files)
    before = checksums(*watched)
    outcome = runner(case.args(), folder, env)
    check(case, outcome)
    assert checksums(*watched) == before, case.name


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_in_process(case: Case, place):
    _run(case, place, lambda args, _folder, _env: run_in_process(args))


@pytest.mark.parametrize("case", [c for c in CASES if c.sub], ids=lambda case: case.name)
def test_as_a_process(case: Case, place):
    _run(case, place, run_as_process)
