"""Where tests and benchmarks may scan: a network namespace of their own, whose only
interface is its loopback (``tools/in-netns.sh`` makes one). The machine's own loopback
has other programs' ports, so nothing here scans it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IN_NETNS = ROOT / "tools" / "in-netns.sh"


def in_private_netns() -> bool:
    """True when this process sees no network interface but loopback."""
    return [name for _index, name in socket.if_nameindex()] == ["lo"]


def reexec_in_private_netns() -> None:
    """Run this script again inside a private network namespace, unless it is in one."""
    if in_private_netns():
        return
    argv = ["sh", str(IN_NETNS), sys.executable, *sys.argv]
    os.execvp(argv[0], argv)


def not_permitted(*argv: str) -> str | None:
    """Why ``argv`` cannot run here (its error, shortened), or None when it ran."""
    probe = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    return None if probe.returncode == 0 else (probe.stderr.strip() or "refused")[:200]
