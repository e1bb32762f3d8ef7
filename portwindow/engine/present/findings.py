"""What a scan found, in words: the open doors with their services, the audit's findings
each explained ("Missing: 5432/tcp is expected open (rule 127.0.0.0/29), found closed
(conn-refused)"), and the hosts that said nothing. The window's findings summary, its
tooltips, its details panel, its table's Finding column and the reports say the same
things: in English here, in the window's language through ``gui/findings_words.py``
(from the facts each summary entry carries). Qt-free.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from portwindow.engine.audit.expected import Audit, AuditItem, Finding
from portwindow.engine.core.model import HostError, PortResult, PortState, Protocol
from portwindow.engine.core.results import ResultSet
from portwindow.engine.core.text import printable
from portwindow.engine.input.services import ServiceRegistry, default_registry
from portwindow.engine.present.identification import detected_service

__all__ = [
    "HEADINGS",
    "EntryKind",
    "FindingsSummary",
    "SummaryEntry",
    "detected_service",
    "explain_finding",
    "finding_label",
    "summarize",
]

#: Entries of one kind listed in a summary; the rest are counted ("+12 more").
SUMMARY_LIMIT = 200


def _on(host: str, address: str) -> str:
    return address if not host or host == address else f"{host} ({address})"


def _rule_words(rules: tuple[str, ...]) -> str:
    if not rules:
        return ""
    word = "rule" if len(rules) == 1 else "rules"
    return f" ({word} {', '.join(printable(rule) for rule in rules)})"


def explain_finding(item: AuditItem) -> str:
    """One sentence on what the audit found at a door (or a run of doors not probed)."""
    door = f"{item.ports}/{item.protocol.value}"
    rules = _rule_words(item.rules)
    where = _on(printable(item.host), printable(item.address))
    state = item.state.value if item.state is not None else "not probed"
    found = f"{state} ({item.reason.value})" if item.reason is not None else state
    match item.finding:
        case Finding.UNEXPECTED:
            return f"Unexpected: no rule expects {door} on {where}"
        case Finding.MISSING:
            return f"Missing: {door} is expected open{rules}, found {found}"
        case Finding.UNCONFIRMED:
            return (
                f"Unconfirmed: {door} is expected open{rules}, found {found}: "
                "no answer, so it may be open or filtered"
            )
    return f"Not checked: {door} is expected open{rules}, but this scan did not probe it"


def finding_label(item: AuditItem | None) -> str:
    """The table's Finding cell: ``unexpected``, ``missing``; "" without a finding."""
    return "" if item is None else item.finding.value


class EntryKind(enum.Enum):
    """What a line of the findings summary is about."""

    OPEN = "open"
    UNEXPECTED = "unexpected"
    MISSING = "missing"
    UNCONFIRMED = "unconfirmed"
    NOT_CHECKED = "not checked"
    SILENT = "silent"


_KIND_OF = {finding: EntryKind(finding.value) for finding in Finding}
#: The headings of the summary's parts, in order.
HEADINGS = {
    EntryKind.OPEN: "Open doors",
    EntryKind.UNEXPECTED: "Unexpected doors",
    EntryKind.MISSING: "Missing doors",
    EntryKind.UNCONFIRMED: "Unconfirmed doors",
    EntryKind.NOT_CHECKED: "Expected but not checked",
    EntryKind.SILENT: "Silent hosts",
}


@dataclass(frozen=True, slots=True)
class SummaryEntry:
    """One line of the summary; ``port`` None: about a whole host (a silent one).
    ``text`` is the line in English; ``about`` the facts it is made of (the open door's
    result, the audit's item, the host's error; None for a host no door answered on),
    from which the window says it in its own language (``gui/findings_words.py``)."""

    kind: EntryKind
    host: str
    address: str
    protocol: Protocol | None
    port: int | None
    text: str
    about: PortResult | AuditItem | HostError | None = None


@dataclass(frozen=True, slots=True)
class FindingsSummary:
    entries: tuple[SummaryEntry, ...]
    totals: dict[EntryKind, int]  # how many of each kind there are (listed or not)
    open_hosts: int = 0  # hosts with an open door

    def of(self, kind: EntryKind) -> tuple[SummaryEntry, ...]:
        return tuple(entry for entry in self.entries if entry.kind is kind)

    def more(self, kind: EntryKind) -> int:
        """How many of a kind the summary does not list."""
        return self.totals.get(kind, 0) - len(self.of(kind))

    def __bool__(self) -> bool:
        return any(self.totals.values())

    def headline(self) -> str:
        """``3 open doors on 2 hosts; 1 unexpected, 1 missing; 1 silent host``."""
        opened, hosts = self.totals.get(EntryKind.OPEN, 0), self.open_hosts
        parts = [f"{opened:,} open door{'s' if opened != 1 else ''}"]
        if opened:
            parts[0] += f" on {hosts:,} host{'s' if hosts != 1 else ''}"
        found = [
            f"{self.totals[kind]:,} {kind.value}"
            for kind in (EntryKind.UNEXPECTED, EntryKind.MISSING, EntryKind.UNCONFIRMED)
            if self.totals.get(kind)
        ]
        if found:
            parts.append(", ".join(found))
        silent = self.totals.get(EntryKind.SILENT, 0)
        if silent:
            parts.append(f"{silent:,} silent host{'s' if silent != 1 else ''}")
        return "; ".join(parts)

    def text(self) -> str:
        """The summary as plain lines: the headline, then each part and its lines."""
        lines = [self.headline()]
        for kind, heading in HEADINGS.items():
            entries = self.of(kind)
            if not entries:
                continue
            lines.append(f"{heading}:")
            lines.extend(f"  {entry.text}" for entry in entries)
            if more := self.more(kind):
                lines.append(f"  +{more:,} more")
        return "\n".join(lines)


def open_door_text(result: PortResult, registry: ServiceRegistry | None = None) -> str:
    """``127.0.0.1 22/tcp ssh — OpenSSH 9.2p1``; the detected service beside IANA's name
    when they differ (``2222/tcp EtherNet-IP-1, answers as ssh (OpenSSH 9.2p1)``)."""
    name = (registry or default_registry()).lookup(result.port, result.protocol).name
    door = f"{_on(printable(result.host), printable(result.address))} {result.port}/"
    door += result.protocol.value
    service, product = detected_service(result.banner, name)
    if service and service != name:
        answers = f"{service} ({product})" if product else service
        return f"{door} {printable(name) or 'unregistered'}, answers as {answers}"
    text = f"{door} {printable(name)}".rstrip()
    return f"{text} — {product}" if product else text


def summarize(
    results: ResultSet,
    audit: Audit | None = None,
    host_errors: Iterable[HostError] = (),
    limit: int = SUMMARY_LIMIT,
) -> FindingsSummary:
    """What a scan found: its open doors (by address), the audit's findings, and the
    hosts that answered on no door (every door filtered) or could not be scanned."""
    registry = default_registry()
    entries: list[SummaryEntry] = []
    totals = dict.fromkeys(EntryKind, 0)
    hosts: set[str] = set()
    for result in results.in_states({PortState.OPEN}):
        hosts.add(result.address)
        totals[EntryKind.OPEN] += 1
        if totals[EntryKind.OPEN] <= limit:
            text = open_door_text(result, registry)
            entry = SummaryEntry(
                EntryKind.OPEN, result.host, result.address, result.protocol, result.port,
                text, result,
            )  # fmt: skip
            entries.append(entry)
    for item in audit.items if audit is not None else ():
        kind = _KIND_OF[item.finding]
        totals[kind] += 1
        if totals[kind] <= limit:
            entries.append(
                SummaryEntry(
                    kind, item.host, item.address, item.protocol,
                    None if kind is EntryKind.NOT_CHECKED else item.port,
                    explain_finding(item), item,
                )
            )  # fmt: skip
    for host in results.by_address():
        counts = results.host_counts(host)
        answered = counts.get(PortState.OPEN, 0) + counts.get(PortState.CLOSED, 0)
        probed = sum(n for state, n in counts.items() if state is not None)
        if probed and not answered:
            totals[EntryKind.SILENT] += 1
            if totals[EntryKind.SILENT] <= limit:
                text = f"{_on(printable(host.label), printable(host.address))}: no door "
                text += "answered (every door filtered)"
                entries.append(
                    SummaryEntry(EntryKind.SILENT, host.label, host.address, None, None, text)
                )
    for error in host_errors:
        totals[EntryKind.SILENT] += 1
        if totals[EntryKind.SILENT] <= limit:
            text = f"{printable(error.host)}: {printable(error.message)}"
            entries.append(SummaryEntry(EntryKind.SILENT, error.host, "", None, None, text, error))
    return FindingsSummary(tuple(entries), totals, len(hosts))
