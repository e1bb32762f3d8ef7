"""How a hostile case runs and what it must show, for tests/hostile/cases.py.

A case names the command line (a string split like a shell's, or a tuple of arguments,
for the ones a shell cannot type), the files to create in its folder first, the exit code,
and a part of the one stderr line. Every case runs in-process (fast); those marked ``sub``
run again as a real process (true exit codes, real argv bytes). Each run must give the exit
code, exactly ``lines`` lines on stderr (one, unless the case says otherwise), that line
naming the bad part, no traceback, no raw control character on stdout or stderr, and leave
every file outside the case's folder as it was: a fake HOME and a neighbouring folder are
checksummed before and after.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from portwindow.cli import main

ROOT = Path(__file__).resolve().parents[2]
# C0 (but LF) and C1 controls, DEL, and the bidi controls and marks.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
FIFO = object()  # a file spec: a FIFO nobody writes to
DIR = object()  # a file spec: a folder


@dataclass(frozen=True)
class Link:
    """A file spec: a symbolic link to ``target``."""

    target: str


FileSpec = bytes | str | object | Link | Callable[[], bytes]


@dataclass(frozen=True)
class Case:
    name: str
    argv: str | tuple[str, ...]
    code: int
    says: str = ""  # a part of the stderr line (the bad part, the limit ...)
    files: dict[str, FileSpec] = field(default_factory=dict)
    lines: int = 1
    shows: str = ""  # a part of stdout, for cases that succeed
    sub: bool = False  # run as a real process too

    def args(self) -> list[str]:
        return shlex.split(self.argv) if isinstance(self.argv, str) else list(self.argv)


@dataclass(frozen=True)
class Outcome:
    code: int
    out: str
    err: str


def make_files(folder: Path, files: dict[str, FileSpec]) -> None:
    for name, spec in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if spec is FIFO:
            os.mkfifo(path)
        elif spec is DIR:
            path.mkdir()
        elif isinstance(spec, Link):
            path.symlink_to(spec.target)
        elif isinstance(spec, str):
            path.write_text(spec, encoding="utf-8", newline="")
        elif isinstance(spec, bytes):
            path.write_bytes(spec)
        else:
            path.write_bytes(spec())


def checksums(*roots: Path) -> dict[str, tuple]:
    """Every entry under ``roots`` (links not followed): its kind, mode and content hash."""
    seen: dict[str, tuple] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                path = Path(folder, name)
                info = path.lstat()
                digest = ""
                if path.is_file() and not path.is_symlink():
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
                seen[str(path)] = (info.st_mode, info.st_size, digest)
    return seen


def environment(home: Path, history: Path) -> dict[str, str]:
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PORTWINDOW_HISTORY": str(history),
    }


def run_in_process(args: list[str]) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return Outcome(code, out.getvalue(), err.getvalue())


def run_as_process(args: list[str], cwd: Path, env: dict[str, str]) -> Outcome:
    child = subprocess.run(
        [sys.executable, "-m", "portwindow", *args],
        cwd=cwd,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=60,
    )
    decode = lambda data: data.decode("utf-8", "surrogateescape")  # noqa: E731
    return Outcome(child.returncode, decode(child.stdout), decode(child.stderr))


def check(case: Case, outcome: Outcome) -> None:
    context = (
        f"{case.name}: exit {outcome.code}\n"
        f"stdout: {outcome.out[:500]!r}\nstderr: {outcome.err[:500]!r}"
    )
    assert "Traceback" not in outcome.err, context
    assert "internal error" not in outcome.err, context
    assert outcome.code == case.code, context
    assert len(outcome.err.splitlines()) == case.lines, context
    assert case.says in outcome.err, context
    assert case.shows in outcome.out, context
    for text in (outcome.out.replace("\r\n", "\n"), outcome.err):
        assert not RAW_CONTROL.search(text), context
