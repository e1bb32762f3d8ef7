"""`portwindow` as a real process (``python -m portwindow``) of this checkout, its output
captured as text: for tests that send it signals or run many at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def portwindow_process(*argv: str, **popen) -> subprocess.Popen:
    """Start ``portwindow ARGV...``; stdout and stderr are pipes of text."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.update(popen.pop("env", {}))
    return subprocess.Popen(
        [sys.executable, "-m", "portwindow", *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **popen,
    )
