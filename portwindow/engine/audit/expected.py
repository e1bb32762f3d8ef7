"""Expected doors: which ports are meant to be open on which targets, and the audit of a
scan against them.

A rule names a target (an address, a network or range, a host name, or ``*`` for every
host) and the doors meant to be open there (``22/tcp, 443/tcp, 53/udp``). A scan is
audited host by host against the union of the rules that match it: an open door no rule
expects is **unexpected**; an expected door found closed or filtered is **missing**; an
expected UDP door that gave no answer (open|filtered) is **unconfirmed**; an expected door
the scan did not probe is **not checked**. Rules are kept in the history database and can
be imported and exported as a small TOML or CSV file.
"""

from __future__ import annotations

import csv
import enum
import io
import ipaddress
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import TargetSet, parse_targets
from portwindow.engine.reports.atomic import write_text_atomically

ANY_HOST = "*"
Door = tuple[Protocol, int]
_SLASH_DOOR = re.compile(r"(?i)^(\d+(?:-\d+)?)/(tcp|udp)$")


def parse_doors(text: str) -> frozenset[Door]:
    """``22/tcp, 443/tcp, 53/udp`` or any port spec (``22,443``, ``T:22,U:53``, ``ssh``)."""
    items = [item for item in re.split(r"[,\s]+", text.strip()) if item]
    if not items:
        raise InputError("no doors given (for example 22/tcp, 443/tcp)")
    converted = []
    for item in items:
        match = _SLASH_DOOR.match(item)
        if match:
            prefix = "T" if match.group(2).lower() == "tcp" else "U"
            converted.append(f"{prefix}:{match.group(1)}")
        else:
            converted.append(item)
    ports = parse_ports(",".join(converted))
    return frozenset(
        [(Protocol.TCP, p) for p in ports.tcp] + [(Protocol.UDP, p) for p in ports.udp]
    )


def format_doors(doors: Iterable[Door]) -> str:
    return ", ".join(f"{port}/{protocol.value}" for protocol, port in sorted(doors, key=_door_key))


def _door_key(door: Door) -> tuple[str, int]:
    return door[0].value, door[1]


@dataclass(frozen=True, slots=True)
class Rule:
    target: str
    doors: frozenset[Door]


class Expectations:
    """A set of rules, and which of them apply to a host."""

    def __init__(self, rules: Mapping[str, Iterable[Door]] | Iterable[Rule] = ()) -> None:
        if isinstance(rules, Mapping):
            rules = [Rule(target, frozenset(doors)) for target, doors in rules.items()]
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._matchers = [(_matcher(rule.target), rule) for rule in self.rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def doors_for(self, host: str, address: str) -> frozenset[Door] | None:
        """The doors expected open on a host, or None when no rule names it."""
        matched = [rule.doors for matches, rule in self._matchers if matches(host, address)]
        if not matched:
            return None
        return frozenset().union(*matched)

    def as_dict(self) -> dict[str, frozenset[Door]]:
        return {rule.target: rule.doors for rule in self.rules}


def _matcher(target: str):
    if target == ANY_HOST:
        return lambda host, address: True
    try:
        targets: TargetSet | None = parse_targets(target)
    except InputError as error:
        raise InputError(f"expected doors: target {error}") from None
    if targets.hostnames and not targets.address_count:
        names = {name.lower().rstrip(".") for name in targets.hostnames}
        return lambda host, address: host.lower().rstrip(".") in names

    def matches(host: str, address: str) -> bool:
        try:
            return ipaddress.ip_address(address) in targets
        except ValueError:
            return False

    return matches


class Finding(enum.Enum):
    """What the audit found at a door: open but not expected, expected but not open, or
    (UDP) perhaps open; NOT_CHECKED: expected, but the scan did not probe it."""

    UNEXPECTED = "unexpected"
    MISSING = "missing"
    UNCONFIRMED = "unconfirmed"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One finding at one door of one host; ``state`` is the door's, None if not probed."""

    finding: Finding
    host: str
    address: str
    protocol: Protocol
    port: int
    state: PortState | None  # None: not probed


@dataclass(frozen=True, slots=True)
class Audit:
    items: tuple[AuditItem, ...]
    hosts_checked: int

    def of(self, finding: Finding) -> tuple[AuditItem, ...]:
        return tuple(item for item in self.items if item.finding is finding)

    @property
    def unexpected(self) -> tuple[AuditItem, ...]:
        return self.of(Finding.UNEXPECTED)

    @property
    def missing(self) -> tuple[AuditItem, ...]:
        return self.of(Finding.MISSING)

    @property
    def failed(self) -> bool:
        """True when an unexpected open door or a missing one was found."""
        return bool(self.unexpected or self.missing)

    def summary(self) -> str:
        counts = ", ".join(f"{len(self.of(f))} {f.value}" for f in Finding)
        return f"expected doors on {self.hosts_checked} host(s): {counts}"


def audit_results(results: Iterable[PortResult], expectations: Expectations) -> Audit:
    """Audit results (the last result per port wins) against the expected doors."""
    latest: dict[tuple[str, Protocol, int], PortResult] = {}
    for result in results:
        latest[(result.address, result.protocol, result.port)] = result
    by_host: dict[str, dict[Door, PortResult]] = {}
    labels: dict[str, str] = {}
    for (address, protocol, port), result in latest.items():
        by_host.setdefault(address, {})[(protocol, port)] = result
        labels.setdefault(address, result.host)
    items: list[AuditItem] = []
    checked = 0
    for address, doors in by_host.items():
        host = labels[address]
        expected = expectations.doors_for(host, address)
        if expected is None:
            continue
        checked += 1
        for (protocol, port), result in doors.items():
            if result.state is PortState.OPEN and (protocol, port) not in expected:
                items.append(
                    AuditItem(Finding.UNEXPECTED, host, address, protocol, port, result.state)
                )
        for protocol, port in expected:
            result = doors.get((protocol, port))
            if result is None:
                finding, state = Finding.NOT_CHECKED, None
            elif result.state is PortState.OPEN:
                continue
            elif result.state is PortState.OPEN_FILTERED:
                finding, state = Finding.UNCONFIRMED, result.state
            else:
                finding, state = Finding.MISSING, result.state
            items.append(AuditItem(finding, host, address, protocol, port, state))
    items.sort(key=lambda i: (list(Finding).index(i.finding), i.address, i.protocol.value, i.port))
    return Audit(tuple(items), checked)


# Files.


def load_rules(path: Path | str) -> Expectations:
    """Rules from a TOML file (``[expected]`` table: target = ["22/tcp", ...]) or a CSV file
    (columns target,port,protocol). Errors name the file and the bad part."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read expected doors: {exc}") from None
    if path.suffix.lower() == ".csv":
        return _rules_from_csv(text, path)
    return _rules_from_toml(text, path)


def _rules_from_toml(text: str, path: Path) -> Expectations:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    table = data.get("expected")
    if not isinstance(table, dict):
        raise InputError(f'{path}: needs an [expected] table, e.g. "127.0.0.1" = ["22/tcp"]')
    rules = []
    for target, given in table.items():
        doors = [given] if isinstance(given, str) else given
        if not isinstance(doors, list) or not all(isinstance(d, str) for d in doors):
            raise InputError(f"{path}: {target}: give the doors as a list of strings")
        try:
            rules.append(Rule(target, parse_doors(", ".join(doors)) if doors else frozenset()))
        except InputError as error:
            raise InputError(f"{path}: {target}: {error}") from None
    try:
        return Expectations(rules)  # a bad target is an error now, not at audit time
    except InputError as error:
        raise InputError(f"{path}: {error}") from None


def _rules_from_csv(text: str, path: Path) -> Expectations:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or {"target", "port", "protocol"} - set(reader.fieldnames):
        raise InputError(f"{path}: the header must name the columns target,port,protocol")
    rules: dict[str, set[Door]] = {}
    for line, row in enumerate(reader, start=2):
        target = (row.get("target") or "").strip()
        protocol = (row.get("protocol") or "tcp").strip().lower()
        try:
            if not target:
                raise InputError("the target is empty")
            _matcher(target)
            doors = parse_doors(f"{(row.get('port') or '').strip()}/{protocol}")
        except InputError as error:
            raise InputError(f"{path} line {line}: {error}") from None
        rules.setdefault(target, set()).update(doors)
    return Expectations({target: frozenset(doors) for target, doors in rules.items()})


def dump_rules(expectations: Expectations, path: Path | str) -> None:
    """Write the rules as TOML, or as CSV when the file name ends in .csv (atomically)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["target", "port", "protocol"])
        for rule in expectations.rules:
            for protocol, port in sorted(rule.doors, key=_door_key):
                writer.writerow([rule.target, port, protocol.value])
        text = out.getvalue()
    else:
        lines = ["# Doors meant to be open, per target (portwindow).", "[expected]"]
        for rule in expectations.rules:
            doors = ", ".join(
                f'"{port}/{protocol.value}"' for protocol, port in sorted(rule.doors, key=_door_key)
            )
            lines.append(f"{_toml_key(rule.target)} = [{doors}]")
        text = "\n".join(lines) + "\n"
    write_text_atomically(path, text)


def _toml_key(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
