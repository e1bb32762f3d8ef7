"""Other scanners' reports, read as portwindow's: nmap's XML (``-oX``), masscan's list,
JSON and XML (``-oL``, ``-oJ``, ``-oX``), naabu's JSON Lines and ZMap's CSV.

The formats are told apart by their first bytes (:func:`detect`, the readers' detection
registry: ``readers.load_report`` asks it first and reads portwindow's own CSV and JSON
Lines when no other format claims the file). Each reader streams the file into a
:class:`~portwindow.engine.core.results.ResultSet` and says who wrote it
(:class:`~portwindow.engine.reports.peers.model.Source`): ``portwindow import`` saves
that as a scan in the history, ``portwindow diff`` and the window read it as a report.
Nothing in a file is trusted: XML is parsed by defusedxml (``safe_xml.py``), lines are
bounded (``lines.py``), and every fault is one :class:`InputError` line naming the file.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass

from portwindow.engine.core.errors import InputError
from portwindow.engine.reports.peers.masscan import read_masscan_json, read_masscan_list
from portwindow.engine.reports.peers.model import (
    Imported,
    PeerFormat,
    Source,
    coverage,
    reported_states,
)
from portwindow.engine.reports.peers.naabu import read_naabu
from portwindow.engine.reports.peers.nmap_xml import read_nmap_xml
from portwindow.engine.reports.peers.zmap import read_zmap

__all__ = [
    "Imported",
    "PeerFormat",
    "PeerReader",
    "Source",
    "coverage",
    "detect",
    "is_peer_report",
    "read_peer",
    "reported_states",
]

HEAD = 8192  # bytes looked at to tell a format


@dataclass(frozen=True, slots=True)
class PeerReader:
    """One format of the registry: whether a file's head is its, and how to read it."""

    name: str
    claims: Callable[[str], bool]  # the head's text, BOM and leading blanks removed
    read: Callable[[str, str], Imported]  # (path, name for messages)


def _first_object(head: str) -> dict | None:
    line = head.split("\n", 1)[0].strip().rstrip(",")
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _masscan_json(head: str) -> bool:
    if head.startswith("["):
        return True
    first = _first_object(head)
    return first is not None and "ip" in first and "ports" in first


def _naabu(head: str) -> bool:
    first = _first_object(head)
    return first is not None and "ip" in first and "port" in first and "address" not in first


def _zmap(head: str) -> bool:
    header = head.split("\n", 1)[0].strip().split(",")
    return "saddr" in (cell.strip() for cell in header)


REGISTRY: tuple[PeerReader, ...] = (
    PeerReader("nmap or masscan XML", lambda head: head.startswith("<"), read_nmap_xml),
    PeerReader("masscan list", lambda head: head.startswith("#masscan"), read_masscan_list),
    PeerReader("masscan JSON", _masscan_json, read_masscan_json),
    PeerReader("naabu JSON Lines", _naabu, read_naabu),
    PeerReader("ZMap CSV", _zmap, read_zmap),
)


def detect(path: str) -> PeerReader | None:
    """The reader of the format whose first bytes ``path`` has; None for anything else
    (portwindow's own CSV and JSON Lines, or what no reader knows). Reads only the head
    of a regular file; anything else is left to the caller."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        with open(path, "rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return None
    text = head.decode("utf-8", errors="replace").removeprefix("\ufeff").lstrip()
    for reader in REGISTRY:
        if reader.claims(text):
            return reader
    return None


def is_peer_report(path: str) -> bool:
    """Whether ``path`` is another scanner's report that :func:`read_peer` reads."""
    return detect(str(path)) is not None


def read_peer(path: str) -> Imported:
    """Read another scanner's report; :class:`InputError` when no reader knows it."""
    name = str(path)
    reader = detect(name)
    if reader is None:
        raise InputError(
            f"{name}: not a report portwindow imports (nmap XML, masscan -oL/-oJ/-oX, "
            "naabu JSON Lines, ZMap CSV)"
        )
    return reader.read(name, name)
