"""Expected doors: which ports are meant to be open on which targets, and the audit of a
scan against them.

A rule names a target (an address, a network or range, a host name, or ``*`` for every
host) and the doors meant to be open there (``22/tcp, 443/tcp, 53/udp``). A scan is
audited host by host against the union of the rules that match it: an open door no rule
expects is **unexpected**; an expected door found closed or filtered is **missing**; an
expected UDP door that gave no answer (open|filtered) is **unconfirmed**; an expected door
the scan did not probe is **not checked** (but a protocol the scan did not probe at all,
as TCP rules in a UDP scan, is not: the audit names it in ``protocols_not_scanned``).
Rules are kept in the history database and can be imported and exported as a small TOML
or CSV file.
"""

from __future__ import annotations

import csv
import enum
import io
import ipaddress
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.audit.doors import Door, DoorSet, format_doors, parse_doors
from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.text import excerpt
from portwindow.engine.input.files import MiB, read_text
from portwindow.engine.input.intervals import Intervals
from portwindow.engine.input.targets import TargetSet, parse_targets
from portwindow.engine.reports.atomic import write_text_atomically

ANY_HOST = "*"
RULES_FILE_LIMIT = 4 * MiB
"""The largest expected-doors file: about 100,000 targets in TOML, or 150,000 doors in CSV."""
MAX_RULES = 100_000
"""Most targets one expected-doors file may name."""

__all__ = [
    "ANY_HOST",
    "Audit",
    "AuditItem",
    "Door",
    "DoorSet",
    "Expectations",
    "Finding",
    "Rule",
    "audit_results",
    "dump_rules",
    "format_doors",
    "load_rules",
    "parse_doors",
]


@dataclass(frozen=True, slots=True)
class Rule:
    target: str
    doors: DoorSet


class Expectations:
    """A set of rules, and which of them apply to a host.

    Rules for ``*`` are merged once; rules for host names are found by name, rules for
    single addresses by address; only networks and ranges are tried one by one.
    """

    def __init__(self, rules: Mapping[str, Iterable[Door]] | Iterable[Rule] = ()) -> None:
        if isinstance(rules, Mapping):
            rules = [Rule(target, DoorSet.of(doors)) for target, doors in rules.items()]
        self.rules: tuple[Rule, ...] = tuple(
            rule if isinstance(rule.doors, DoorSet) else Rule(rule.target, DoorSet.of(rule.doors))
            for rule in rules
        )
        self._order = {id(rule): index for index, rule in enumerate(self.rules)}
        self._any: list[Rule] = []
        self._by_name: dict[str, list[Rule]] = {}
        self._by_address: dict[tuple[int, int], list[Rule]] = {}
        self._by_range: list[tuple[TargetSet, Rule]] = []
        for rule in self.rules:
            self._index(rule)

    def _index(self, rule: Rule) -> None:
        if rule.target == ANY_HOST:
            self._any.append(rule)
            return
        targets = _targets_of(rule.target)
        for name in targets.hostnames:
            self._by_name.setdefault(_name_key(name), []).append(rule)
        if targets.address_count == 1:
            (address,) = targets
            self._by_address.setdefault((address.version, int(address)), []).append(rule)
        elif targets.address_count:
            self._by_range.append((targets, rule))

    def __bool__(self) -> bool:
        return bool(self.rules)

    def rules_for(self, host: str, address: str) -> tuple[Rule, ...]:
        """The rules that name a host, in the order they were given."""
        matched = [*self._any, *self._by_name.get(_name_key(host), ())]
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            ip = None
        if ip is not None:
            matched += self._by_address.get((ip.version, int(ip)), ())
            matched += [rule for targets, rule in self._by_range if ip in targets]
        if len(matched) <= 1:
            return tuple(matched)
        unique = {id(rule): rule for rule in matched}
        return tuple(sorted(unique.values(), key=lambda rule: self._order[id(rule)]))

    def doors_for(self, host: str, address: str) -> DoorSet | None:
        """The doors expected open on a host, or None when no rule names it."""
        matched = self.rules_for(host, address)
        if not matched:
            return None
        return DoorSet.union_of(rule.doors for rule in matched)

    def as_dict(self) -> dict[str, DoorSet]:
        return {rule.target: rule.doors for rule in self.rules}


def _targets_of(target: str) -> TargetSet:
    try:
        return parse_targets(target)
    except InputError as error:
        raise InputError(f"expected doors: target {error}") from None


def _name_key(name: str) -> str:
    return name.lower().rstrip(".")


class Finding(enum.Enum):
    """What the audit found at a door: open but not expected, expected but not open, or
    (UDP) perhaps open; NOT_CHECKED: expected, but the scan did not probe it."""

    UNEXPECTED = "unexpected"
    MISSING = "missing"
    UNCONFIRMED = "unconfirmed"
    NOT_CHECKED = "not checked"


@dataclass(frozen=True, slots=True)
class AuditItem:
    """One finding about one door, or (not checked) about a run of ports up to
    ``last_port``, so that ``*`` = ["1-65535/tcp"] on a scan of ten ports is one item, not
    65,525."""

    finding: Finding
    host: str
    address: str
    protocol: Protocol
    port: int
    state: PortState | None  # None: not probed
    last_port: int | None = None  # the end of a run of not probed ports; None: just ``port``
    rules: tuple[str, ...] = ()  # the targets of the rules that expect the door open
    reason: Reason | None = None  # why the door got its state (None: not probed)

    @property
    def ports(self) -> str:
        """``22`` or ``1-21``."""
        last = self.last_port
        return str(self.port) if last is None or last == self.port else f"{self.port}-{last}"

    @property
    def doors(self) -> int:
        """How many doors the item is about."""
        return 1 if self.last_port is None else self.last_port - self.port + 1


@dataclass(frozen=True, slots=True)
class Audit:
    items: tuple[AuditItem, ...]
    hosts_checked: int
    # Protocols the rules name that the scan did not probe at all (no finding made there).
    protocols_not_scanned: tuple[Protocol, ...] = ()
    #: Findings an active waiver accepts (``waivers.py``): shown, never failing.
    waived: tuple = ()

    def of(self, finding: Finding) -> tuple[AuditItem, ...]:
        return tuple(item for item in self.items if item.finding is finding)

    def count(self, finding: Finding) -> int:
        """How many doors have this finding (a run of not probed ports counts each)."""
        return sum(item.doors for item in self.items if item.finding is finding)

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
        counts = ", ".join(f"{self.count(f):,} {f.value}" for f in Finding)
        if self.waived:
            counts += f", {len(self.waived):,} waived"
        text = f"expected doors on {self.hosts_checked} host(s): {counts}"
        if self.protocols_not_scanned:
            names = " and ".join(p.value.upper() for p in self.protocols_not_scanned)
            text += f" ({names} rules not checked: the scan probed no {names} port)"
        return text


def audit_results(results: Iterable[PortResult], expectations: Expectations) -> Audit:
    """Audit results (the last result per port wins) against the expected doors.

    The work is in the doors probed and the expected intervals, never in the expected
    doors one by one: the doors not probed come out as runs."""
    latest: dict[tuple[str, Protocol, int], PortResult] = {}
    for result in results:
        latest[(result.address, result.protocol, result.port)] = result
    scanned = {protocol for _, protocol, _ in latest}
    skipped: set[Protocol] = set()
    by_host: dict[str, dict[Door, PortResult]] = {}
    labels: dict[str, str] = {}
    for (address, protocol, port), result in latest.items():
        by_host.setdefault(address, {})[(protocol, port)] = result
        labels.setdefault(address, result.host)
    items: list[AuditItem] = []
    checked = 0
    for address, doors in by_host.items():
        host = labels[address]
        rules = expectations.rules_for(host, address)
        if not rules:
            continue
        expected = DoorSet.union_of(rule.doors for rule in rules)
        checked += 1
        for (protocol, port), result in doors.items():
            finding = _finding(result.state, (protocol, port) in expected)
            if finding is not None:
                why = _expecting(rules, protocol, port) if finding is not Finding.UNEXPECTED else ()
                items.append(
                    AuditItem(
                        finding, host, address, protocol, port, result.state,
                        rules=why, reason=result.reason,
                    )
                )  # fmt: skip
        for protocol in Protocol:
            if protocol not in scanned:
                if expected.intervals(protocol).spans:
                    skipped.add(protocol)
                continue
            probed = Intervals.of_sorted(sorted(port for p, port in doors if p is protocol))
            for first, last in expected.intervals(protocol).minus(probed).spans:
                why = _expecting(rules, protocol, first)
                item = AuditItem(
                    Finding.NOT_CHECKED, host, address, protocol, first, None, last, rules=why
                )
                items.append(item)
    order = {finding: index for index, finding in enumerate(Finding)}
    items.sort(key=lambda i: (order[i.finding], i.address, i.protocol.value, i.port))
    not_scanned = tuple(p for p in Protocol if p in skipped)
    return Audit(tuple(items), checked, not_scanned)


def _expecting(rules: Iterable[Rule], protocol: Protocol, port: int) -> tuple[str, ...]:
    """The targets of the rules that expect a door open."""
    return tuple(rule.target for rule in rules if (protocol, port) in rule.doors)


def _finding(state: PortState, expected: bool) -> Finding | None:
    if state is PortState.OPEN:
        return None if expected else Finding.UNEXPECTED
    if not expected:
        return None
    return Finding.UNCONFIRMED if state is PortState.OPEN_FILTERED else Finding.MISSING


# Files.


def load_rules(path: Path | str) -> Expectations:
    """Rules from a TOML file (``[expected]`` table: target = ["22/tcp", ...]) or a CSV file
    (columns target,port,protocol). Errors name the file and the bad part; the file is read
    bounded (:data:`RULES_FILE_LIMIT`, :data:`MAX_RULES`)."""
    path = Path(path)
    text = read_text(path, what="expected doors file", limit=RULES_FILE_LIMIT)
    if path.suffix.lower() == ".csv":
        return _rules_from_csv(text, path)
    return _rules_from_toml(text, path)


def _too_many(path: Path) -> InputError:
    return InputError(f"{path}: more than {MAX_RULES:,} targets, over the limit")


def _rules_from_toml(text: str, path: Path) -> Expectations:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise InputError(f"{path}: not valid TOML: nested too deeply") from None
    table = data.get("expected")
    if not isinstance(table, dict):
        raise InputError(f'{path}: needs an [expected] table, e.g. "127.0.0.1" = ["22/tcp"]')
    if len(table) > MAX_RULES:
        raise _too_many(path)
    rules = []
    for target, given in table.items():
        doors = [given] if isinstance(given, str) else given
        if not isinstance(doors, list) or not all(isinstance(d, str) for d in doors):
            raise InputError(f"{path}: {excerpt(target)}: give the doors as a list of strings")
        try:
            rules.append(Rule(target, parse_doors(", ".join(doors)) if doors else DoorSet()))
        except InputError as error:
            raise InputError(f"{path}: {excerpt(target)}: {error}") from None
    try:
        return Expectations(rules)  # a bad target is an error now, not at audit time
    except InputError as error:
        raise InputError(f"{path}: {error}") from None


def _rules_from_csv(text: str, path: Path) -> Expectations:
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    doors_of: dict[str, list[DoorSet]] = {}
    try:
        if reader.fieldnames is None or {"target", "port", "protocol"} - set(reader.fieldnames):
            raise InputError(f"{path}: the header must name the columns target,port,protocol")
        for row in reader:
            if any((row.get(column) or "").strip() for column in ("reason", "owner", "expires")):
                continue  # a waiver (waivers.py), not an expected door
            target = (row.get("target") or "").strip()
            protocol = (row.get("protocol") or "tcp").strip().lower()
            try:
                if not target:
                    raise InputError("the target is empty")
                if target not in doors_of:
                    if len(doors_of) == MAX_RULES:
                        raise _too_many(path)
                    if target != ANY_HOST:
                        _targets_of(target)
                    doors_of[target] = []
                port = (row.get("port") or "").strip()
                doors_of[target].append(parse_doors(f"{port}/{protocol}"))
            except InputError as error:
                raise InputError(f"{path} line {reader.line_num}: {error}") from None
    except csv.Error as error:  # the inner reader has counted the line it failed on
        raise InputError(f"{path} line {reader.reader.line_num}: {error}") from None
    return Expectations(
        [Rule(target, DoorSet.union_of(doors)) for target, doors in doors_of.items()]
    )


def dump_rules(expectations: Expectations, path: Path | str) -> None:
    """Write the rules as TOML, or as CSV when the file name ends in .csv (atomically);
    runs of ports are written as ranges (``1-65535``)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["target", "port", "protocol"])
        for rule in expectations.rules:
            for door in format_doors(rule.doors).split(", ") if rule.doors else ():
                ports, _, protocol = door.partition("/")
                writer.writerow([rule.target, ports, protocol])
        text = out.getvalue()
    else:
        lines = ["# Doors meant to be open, per target (portwindow).", "[expected]"]
        for rule in expectations.rules:
            doors = ", ".join(f'"{door}"' for door in format_doors(rule.doors).split(", ") if door)
            lines.append(f"{_toml_key(rule.target)} = [{doors}]")
        text = "\n".join(lines) + "\n"
    write_text_atomically(path, text)


def _toml_key(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'
