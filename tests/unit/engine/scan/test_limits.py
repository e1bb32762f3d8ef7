"""The window of connects in flight, sized from RLIMIT_NOFILE. Each case runs in a child
process, whose descriptor limits it may change without touching the test run's."""

import json
import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from portwindow.engine.scan import limits
from portwindow.engine.scan.config import DEFAULT_CONCURRENCY

ROOT = Path(__file__).resolve().parents[4]


def in_child(soft: int, hard: int, code: str) -> dict:
    """Run ``code`` (which prints JSON) with RLIMIT_NOFILE set to (soft, hard) first."""
    program = textwrap.dedent(
        f"""
        import json, resource
        resource.setrlimit(resource.RLIMIT_NOFILE, ({soft}, {hard}))
        from portwindow.engine.scan import limits
        """
    ) + textwrap.dedent(code)
    child = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert child.returncode == 0, child.stderr
    return json.loads(child.stdout)


def test_the_soft_limit_is_raised_to_the_hard_one():
    got = in_child(
        1024,
        4096,
        """
        raised = limits.raise_nofile_limit()
        print(json.dumps({"raised": raised, "now": resource.getrlimit(resource.RLIMIT_NOFILE)}))
        """,
    )
    assert got == {"raised": 4096, "now": [4096, 4096]}


class FakeResource:
    """``resource`` with a hard limit this machine may not grant, for the cap at 65,536."""

    RLIMIT_NOFILE = resource.RLIMIT_NOFILE
    RLIM_INFINITY = resource.RLIM_INFINITY

    def __init__(self, soft, hard):
        self.limits = (soft, hard)

    def getrlimit(self, _which):
        return self.limits

    def setrlimit(self, _which, limits):
        self.limits = limits


@pytest.mark.parametrize("hard", [200_000, resource.RLIM_INFINITY])
def test_the_soft_limit_is_raised_no_further_than_65536(monkeypatch, hard):
    fake = FakeResource(1024, hard)
    monkeypatch.setattr(limits, "resource", fake)
    assert limits.raise_nofile_limit() == 65_536
    assert fake.limits == (65_536, hard)


def test_the_window_is_what_was_asked_within_the_descriptor_budget():
    got = in_child(
        16384,
        16384,
        """
        fds = limits.open_fd_count()
        print(json.dumps({
            "default": limits.window_size(None),
            "asked": limits.window_size(100),
            "greedy": limits.window_size(60_000),
            "fds": fds,
        }))
        """,
    )
    budget = 16384 - (max(32, 16384 // 8) + got["fds"])
    assert got["default"] == DEFAULT_CONCURRENCY
    assert got["asked"] == 100
    assert budget - 2 <= got["greedy"] <= budget


def test_a_tiny_descriptor_limit_still_leaves_the_smallest_window():
    got = in_child(40, 40, 'print(json.dumps({"window": limits.window_size(512)}))')
    assert got["window"] == limits.MIN_WINDOW


def test_open_fd_count_sees_a_new_descriptor():
    before = limits.open_fd_count()
    with open(__file__) as f:
        assert limits.open_fd_count() == before + 1
        assert f.readable()
    assert limits.open_fd_count() == before
