"""Waivers: an unexpected (or missing) door accepted for a while, with a reason, an owner
and an expiry date. Until the end of its expiry day a waived door is shown as waived, not
as a finding (the audit passes); from the next day it is a finding again.

Waivers live in the expected-doors file itself: in TOML as ``[[waived]]`` tables
(``target``, ``doors``, ``reason``, ``owner``, ``expires = 2026-12-31``), in CSV as rows
that fill the optional ``reason,owner,expires`` columns (rows that leave them empty are
expected doors, ``expected.py``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.audit.doors import DoorSet, parse_doors
from portwindow.engine.audit.expected import (
    ANY_HOST,
    RULES_FILE_LIMIT,
    Audit,
    AuditItem,
    Expectations,
    Finding,
    Rule,
)
from portwindow.engine.core.errors import InputError
from portwindow.engine.core.text import excerpt
from portwindow.engine.input.files import read_text

WAIVED_FINDINGS = (Finding.UNEXPECTED, Finding.MISSING)
MAX_WAIVERS = 10_000
WAIVER_COLUMNS = ("reason", "owner", "expires")


@dataclass(frozen=True, slots=True)
class Waiver:
    target: str
    doors: DoorSet
    reason: str
    owner: str
    expires: dt.date

    def active(self, today: dt.date) -> bool:
        return today <= self.expires

    def describe(self) -> str:
        return f"waived until {self.expires.isoformat()} by {self.owner}: {self.reason}"


@dataclass(frozen=True, slots=True)
class WaivedItem:
    item: AuditItem
    waiver: Waiver


def is_waiver_row(row: dict) -> bool:
    """A CSV row that is a waiver, not an expected door."""
    return any((row.get(column) or "").strip() for column in WAIVER_COLUMNS)


def load_waivers(path: Path | str) -> tuple[Waiver, ...]:
    """The waivers of an expected-doors file (none: an empty tuple)."""
    path = Path(path)
    text = read_text(path, what="expected doors file", limit=RULES_FILE_LIMIT)
    if path.suffix.lower() == ".csv":
        return _from_csv(text, path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    tables = data.get("waived", [])
    if not isinstance(tables, list) or len(tables) > MAX_WAIVERS:
        raise InputError(f"{path}: waivers are [[waived]] tables (at most {MAX_WAIVERS:,})")
    waivers = []
    for number, table in enumerate(tables, 1):
        if not isinstance(table, dict):
            raise InputError(f"{path}: waiver {number} is not a table")
        doors = table.get("doors")
        doors = [doors] if isinstance(doors, str) else doors
        if not isinstance(doors, list) or not doors or not all(isinstance(d, str) for d in doors):
            raise InputError(f"{path}: waiver {number}: give doors as a list of strings")
        try:
            waivers.append(_waiver(table, ", ".join(doors)))
        except InputError as error:
            raise InputError(f"{path}: waiver {number}: {error}") from None
    return tuple(waivers)


def _from_csv(text: str, path: Path) -> tuple[Waiver, ...]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    waivers: list[Waiver] = []
    try:
        for row in reader:
            if not is_waiver_row(row):
                continue
            if len(waivers) == MAX_WAIVERS:
                raise InputError(f"more than {MAX_WAIVERS:,} waivers")
            port = (row.get("port") or "").strip()
            protocol = (row.get("protocol") or "tcp").strip().lower()
            waivers.append(_waiver(row, f"{port}/{protocol}"))
    except InputError as error:
        raise InputError(f"{path} line {reader.line_num}: {error}") from None
    except csv.Error as error:
        raise InputError(f"{path} line {reader.line_num}: {error}") from None
    return tuple(waivers)


def _waiver(fields: dict, doors: str) -> Waiver:
    target = fields.get("target")
    if not isinstance(target, str) or not target.strip():
        raise InputError("the waiver names no target")
    target = target.strip()
    texts = {}
    for key in ("reason", "owner"):
        value = fields.get(key)
        if not isinstance(value, str) or not value.strip():
            raise InputError(f"{excerpt(target)}: a waiver needs a {key}")
        texts[key] = value.strip()
    expires = fields.get("expires")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires.strip())
        except ValueError:
            raise InputError(
                f'{excerpt(target)}: expires "{excerpt(expires, 20)}" is not a date '
                "such as 2026-12-31"
            ) from None
    if isinstance(expires, dt.datetime):
        expires = expires.date()
    if not isinstance(expires, dt.date):
        raise InputError(f"{excerpt(target)}: a waiver needs an expiry date (expires)")
    if target != ANY_HOST:
        Expectations([Rule(target, DoorSet())])  # a bad target is an error now
    return Waiver(target, parse_doors(doors), texts["reason"], texts["owner"], expires)


def apply_waivers(audit: Audit | None, waivers: Iterable[Waiver], today: dt.date) -> Audit | None:
    """The audit with the findings an active waiver covers moved to ``waived``."""
    if audit is None:
        return None
    active = [(waiver, Expectations([Rule(waiver.target, waiver.doors)])) for waiver in waivers]
    active = [(waiver, rules) for waiver, rules in active if waiver.active(today)]
    if not active:
        return audit
    kept, waived = [], list(audit.waived)
    for item in audit.items:
        covering = None
        if item.finding in WAIVED_FINDINGS:
            for waiver, rules in active:
                doors = rules.doors_for(item.host, item.address)
                if doors is not None and (item.protocol, item.port) in doors:
                    covering = waiver
                    break
        if covering is None:
            kept.append(item)
        else:
            waived.append(WaivedItem(item, covering))
    return dataclasses.replace(audit, items=tuple(kept), waived=tuple(waived))
