"""Many processes writing one history at once, released together: each child imports
portwindow, says it is ready, waits for the go file, then opens the history and saves one
scan of 1,000 results (what ``portwindow scan`` does at its end). Used by the history's
tests and the fault suite."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from portwindow.engine.audit.history import History, NewScan
    from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
    path, go, number = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = [PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, p, PortState.CLOSED,
                       Reason.CONN_REFUSED, 0.0001, 1.79e9) for p in range(1, 1001)]
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(go) and time.monotonic() < deadline:
        time.sleep(0.001)
    with History(path) as history:
        scan = NewScan(1.79e9 + number, 1.79e9 + number, f"writer {number}", "1-1000", False, 1000)
        print(history.save(scan, rows), history.notice, flush=True)
    """
)


@dataclass(frozen=True)
class Writer:
    returncode: int
    out: str
    err: str


def concurrent_writers(path: Path, count: int = 10, timeout: float = 60) -> list[Writer]:
    """Start ``count`` writers on ``path``, release them together, and wait for them."""
    go = path.with_name(f"{path.name}.go")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *sys.path]))
    children = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(go), str(number)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for number in range(count)
    ]
    deadline = time.monotonic() + timeout
    try:
        for child in children:
            child.stdout.readline()  # "ready" (or "" if it died: communicate tells)
        go.touch()
        done = []
        for child in children:
            out, err = child.communicate(timeout=max(1.0, deadline - time.monotonic()))
            done.append(Writer(child.returncode, out, err))
        return done
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.communicate()
        go.unlink(missing_ok=True)
