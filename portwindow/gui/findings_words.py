"""The findings summary and the audit's explanations in the window's language.

The engine writes them in English (``engine/present/findings.py``) for the command line,
the reports' machine-readable parts and the log; the window builds the same sentences
from the same facts (the summary's entries carry the result, audit item or host error
they are about) through Qt's translation, ``%1``, ``%2``... where a language puts them.
Port numbers, states and reasons stay as the engine writes them (``closed
(conn-refused)``): they are the door's technical name, as on its label.
"""

from __future__ import annotations

from portwindow.engine import (
    AuditItem,
    EntryKind,
    Finding,
    FindingsSummary,
    HostError,
    PortResult,
    ServiceRegistry,
    SummaryEntry,
    default_registry,
    detected_service,
    printable,
)

from .i18n import QT_TRANSLATE_NOOP, number, translate
from .plurals import PLURALS
from .status_words import FINDING_COUNTS

_C = "FindingsWords"
HEADINGS = {
    EntryKind.OPEN: QT_TRANSLATE_NOOP("FindingsWords", "Open doors"),
    EntryKind.UNEXPECTED: QT_TRANSLATE_NOOP("FindingsWords", "Unexpected doors"),
    EntryKind.MISSING: QT_TRANSLATE_NOOP("FindingsWords", "Missing doors"),
    EntryKind.UNCONFIRMED: QT_TRANSLATE_NOOP("FindingsWords", "Unconfirmed doors"),
    EntryKind.NOT_CHECKED: QT_TRANSLATE_NOOP("FindingsWords", "Expected but not checked"),
    EntryKind.SILENT: QT_TRANSLATE_NOOP("FindingsWords", "Silent hosts"),
}
_EXPLAINED = {
    Finding.UNEXPECTED: QT_TRANSLATE_NOOP("FindingsWords", "Unexpected: no rule expects %1 on %2"),
    Finding.MISSING: QT_TRANSLATE_NOOP("FindingsWords", "Missing: %1 is expected open%2, found %3"),
    Finding.UNCONFIRMED: QT_TRANSLATE_NOOP(
        "FindingsWords",
        "Unconfirmed: %1 is expected open%2, found %3: no answer, so it may be open or filtered",
    ),
    Finding.NOT_CHECKED: QT_TRANSLATE_NOOP(
        "FindingsWords", "Not checked: %1 is expected open%2, but this scan did not probe it"
    ),
}
_RULE = QT_TRANSLATE_NOOP("FindingsWords", " (rule %1)")
_RULES = QT_TRANSLATE_NOOP("FindingsWords", " (rules %1)")
_NOT_PROBED = QT_TRANSLATE_NOOP("FindingsWords", "not probed")
_ON = QT_TRANSLATE_NOOP("FindingsWords", "%1 (%2)")  # a host's name (its address)
_ANSWERS = QT_TRANSLATE_NOOP("FindingsWords", "%1 %2, answers as %3")
_UNREGISTERED = QT_TRANSLATE_NOOP("FindingsWords", "unregistered")
_SILENT = QT_TRANSLATE_NOOP("FindingsWords", "%1: no door answered (every door filtered)")
_MORE = QT_TRANSLATE_NOOP("FindingsWords", "+%1 more")
_PARTS = QT_TRANSLATE_NOOP("FindingsWords", "; ")  # between the headline's parts
_LIST = QT_TRANSLATE_NOOP("FindingsWords", ", ")  # between the findings' counts
_HEADING = QT_TRANSLATE_NOOP("FindingsWords", "%1:")  # a part's heading


def _tr(text: str, *args: str) -> str:
    out = translate(_C, text)
    # Highest first, so that %1 does not eat the start of %10.
    for n in range(len(args), 0, -1):
        out = out.replace(f"%{n}", args[n - 1])
    return out


def heading(kind: EntryKind) -> str:
    return translate(_C, HEADINGS[kind])


def more(n: int) -> str:
    """``+12 more``: what a part of the summary counts but does not list."""
    return _tr(_MORE, number(n))


def _on(host: str, address: str) -> str:
    host, address = printable(host), printable(address)
    return address if not host or host == address else _tr(_ON, host, address)


def explain(item: AuditItem) -> str:
    """:func:`portwindow.engine.explain_finding` in the window's language."""
    door = f"{item.ports}/{item.protocol.value}"
    if item.finding is Finding.UNEXPECTED:
        return _tr(_EXPLAINED[item.finding], door, _on(item.host, item.address))
    rules = ""
    if item.rules:
        listed = translate(_C, _LIST).join(printable(rule) for rule in item.rules)
        rules = _tr(_RULE if len(item.rules) == 1 else _RULES, listed)
    state = item.state.value if item.state is not None else translate(_C, _NOT_PROBED)
    found = f"{state} ({item.reason.value})" if item.reason is not None else state
    if item.finding is Finding.NOT_CHECKED:
        return _tr(_EXPLAINED[item.finding], door, rules)
    return _tr(_EXPLAINED[item.finding], door, rules, found)


def open_door(result: PortResult, registry: ServiceRegistry | None = None) -> str:
    """``127.0.0.1 22/tcp ssh — OpenSSH 9.2p1`` (see the engine's ``open_door_text``)."""
    name = (registry or default_registry()).lookup(result.port, result.protocol).name
    door = f"{_on(result.host, result.address)} {result.port}/{result.protocol.value}"
    service, product = detected_service(result.banner, name)
    if service and service != name:
        answers = f"{service} ({product})" if product else service
        return _tr(_ANSWERS, door, printable(name) or translate(_C, _UNREGISTERED), answers)
    text = f"{door} {printable(name)}".rstrip()
    return f"{text} — {product}" if product else text


def entry_text(entry: SummaryEntry, registry: ServiceRegistry | None = None) -> str:
    """A line of the findings summary in the window's language."""
    about = entry.about
    if isinstance(about, PortResult):
        return open_door(about, registry)
    if isinstance(about, AuditItem):
        return explain(about)
    if isinstance(about, HostError):
        return f"{printable(about.host)}: {printable(about.message)}"
    if entry.kind is EntryKind.SILENT:
        return _tr(_SILENT, _on(entry.host, entry.address))
    return entry.text  # an entry made without its facts: the engine's words


def headline(summary: FindingsSummary) -> str:
    """``3 open doors on 2 hosts; 1 unexpected, 1 missing; 1 silent host``."""
    totals = summary.totals
    opened = totals.get(EntryKind.OPEN, 0)
    parts = [PLURALS.open_doors_on(opened, summary.open_hosts) if opened else PLURALS.open_doors(0)]
    found = [
        translate("StatusWords", FINDING_COUNTS[Finding(kind.value)]).replace(
            "%1", number(totals[kind])
        )
        for kind in (EntryKind.UNEXPECTED, EntryKind.MISSING, EntryKind.UNCONFIRMED)
        if totals.get(kind)
    ]
    if found:
        parts.append(translate(_C, _LIST).join(found))
    if silent := totals.get(EntryKind.SILENT, 0):
        parts.append(PLURALS.silent_hosts(silent))
    return translate(_C, _PARTS).join(parts)


def summary_text(summary: FindingsSummary) -> str:
    """The summary as plain lines (see the engine's ``FindingsSummary.text``)."""
    registry = default_registry()
    lines = [headline(summary)]
    for kind in HEADINGS:
        entries = summary.of(kind)
        if not entries:
            continue
        lines.append(_tr(_HEADING, heading(kind)))
        lines.extend(f"  {entry_text(entry, registry)}" for entry in entries)
        if n := summary.more(kind):
            lines.append(f"  {more(n)}")
    return "\n".join(lines)


__all__ = [
    "HEADINGS",
    "entry_text",
    "explain",
    "heading",
    "headline",
    "more",
    "open_door",
    "summary_text",
]
