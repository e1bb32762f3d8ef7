"""Histories damaged on purpose: a real SQLite file whose pages were overwritten (only
that counts as damage), and hostile rows in an otherwise healthy file."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from portwindow.engine.audit.history import History, NewScan
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from tests.support.history_v1 import save_v1

T0 = 1_790_000_000.0


def some_results(count: int = 100, address: str = "127.0.0.1") -> list[PortResult]:
    """``count`` results on ``address``: every tenth port open, the rest closed."""
    return [
        PortResult(
            address,
            address,
            Protocol.TCP,
            port,
            PortState.OPEN if port % 10 == 0 else PortState.CLOSED,
            Reason.SYN_ACK if port % 10 == 0 else Reason.CONN_REFUSED,
            0.0001,
            T0 + port / 1000,
        )
        for port in range(1, count + 1)
    ]


def save_scans(path: Path, count: int, targets: str = "127.0.0.1") -> list[int]:
    """Save ``count`` scans of 100 results each; return their ids."""
    with History(path) as history:
        return [history.save(_scan(i, targets), some_results()) for i in range(count)]


def save_old_scans(path: Path, count: int, targets: str = "127.0.0.1") -> list[int]:
    """``save_scans`` as portwindow saved scans before schema 2 (``history_v1.py``)."""
    return [save_v1(path, _scan(i, targets), some_results()) for i in range(count)]


def _scan(i: int, targets: str) -> NewScan:
    return NewScan(T0 + i, T0 + i + 1, targets, "1-100", False, 100)


def damaged_sqlite(path: Path) -> None:
    """A real SQLite history whose pages were then overwritten: quick_check fails."""
    save_scans(path, 20)
    size = path.stat().st_size
    with open(path, "r+b") as file:
        file.seek(4096 * 2)
        file.write(os.urandom(min(16384, size - 8192)))


def tamper(path: Path, sql: str, *params) -> None:
    """Change a history's rows behind portwindow's back."""
    db = sqlite3.connect(path)
    try:
        db.execute(sql, params)
        db.commit()
    finally:
        db.close()
