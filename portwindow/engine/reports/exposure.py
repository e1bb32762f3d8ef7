"""The exposure report of a scan from several vantage points (``scan/cluster/exposure.py``):
one CSV row per door, with the column ``reachable_from`` (the points from which the door
is open, space-separated) and each point's state of it (``state@NAME``; empty: that
point did not report the door). ``--differs`` keeps only the doors that some points
reach and others do not. Cells are made printable and formula-safe as every report's.
"""

from __future__ import annotations

import csv
import io
import ipaddress
from pathlib import Path

from portwindow.engine.reports.atomic import write_text_atomically
from portwindow.engine.reports.rows import safe_cell
from portwindow.engine.scan.cluster.exposure import Exposure


def exposure_columns(exposure: Exposure) -> list[str]:
    return [
        "host",
        "address",
        "protocol",
        "port",
        "reachable_from",
        *(f"state@{name}" for name in exposure.vantages),
    ]


def exposure_csv(exposure: Exposure, *, differs_only: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(exposure_columns(exposure))
    doors = sorted(exposure.doors(), key=_door_order)
    for door in doors:
        if differs_only and not door.differs:
            continue
        writer.writerow(
            [
                safe_cell(door.host),
                safe_cell(door.address),
                door.protocol.value,
                door.port,
                " ".join(door.reachable_from(exposure.vantages)),
                *("" if state is None else state.value for state in door.states),
            ]
        )
    return out.getvalue()


def _door_order(door) -> tuple:
    address = ipaddress.ip_address(door.address)
    return (address.version, int(address), door.protocol.value, door.port)


def write_exposure_csv(exposure: Exposure, path: Path | str, *, differs_only: bool = False) -> None:
    write_text_atomically(path, exposure_csv(exposure, differs_only=differs_only))
