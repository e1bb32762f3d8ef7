"""The status line's words in the window's language: how a scan ended, the counts per
state, what the audit found.

The engine writes them in English (``engine/present/status.py``) for the command line
and the log (``packaging/measure.py`` waits for the log's ``Finished:``); the window
says the same things through Qt's translation, with the locale's digit grouping.
"""

from __future__ import annotations

from portwindow.engine import (
    Audit,
    Finding,
    PortState,
    ScanSummary,
    counted_states,
    progress_counts,
)

from .i18n import QT_TRANSLATE_NOOP, number, translate

# "%1" is the count: a language puts it where it goes.
STATE_COUNTS = {
    PortState.OPEN: QT_TRANSLATE_NOOP("StatusWords", "%1 open"),
    PortState.CLOSED: QT_TRANSLATE_NOOP("StatusWords", "%1 closed"),
    PortState.FILTERED: QT_TRANSLATE_NOOP("StatusWords", "%1 filtered"),
    PortState.OPEN_FILTERED: QT_TRANSLATE_NOOP("StatusWords", "%1 open|filtered"),
}
FINDING_COUNTS = {
    Finding.UNEXPECTED: QT_TRANSLATE_NOOP("StatusWords", "%1 unexpected"),
    Finding.MISSING: QT_TRANSLATE_NOOP("StatusWords", "%1 missing"),
    Finding.UNCONFIRMED: QT_TRANSLATE_NOOP("StatusWords", "%1 unconfirmed"),
    Finding.NOT_CHECKED: QT_TRANSLATE_NOOP("StatusWords", "%1 not checked"),
}
_AND = QT_TRANSLATE_NOOP("StatusWords", ", ")  # between the counts


def state_count(state: PortState, n: int) -> str:
    """``4 open``."""
    return translate("StatusWords", STATE_COUNTS[state]).replace("%1", number(n))


def counts_text(counts) -> str:
    """``4 open, 96 closed, 0 filtered`` (open|filtered only when there are some)."""
    return translate("StatusWords", _AND).join(
        state_count(state, n) for state, n, _word in counted_states(counts)
    )


def summary_line(summary: ScanSummary) -> str:
    """The engine's summary_text in the window's language."""
    p = summary.progress
    verb = (
        translate("StatusWords", "Stopped: %1 of %2 ports in %3 s; %4")
        if summary.partial
        else translate("StatusWords", "Finished: %1 of %2 ports in %3 s; %4")
    )
    text = (
        verb.replace("%1", number(p.done))
        .replace("%2", number(p.total))
        .replace("%3", number(p.elapsed, 2))
        .replace("%4", counts_text(progress_counts(p)))
    )
    for error in summary.host_errors:
        text += f"; {error.host}: {error.message}"
    return text


def _found(count: int, finding: Finding) -> str:
    return translate("StatusWords", FINDING_COUNTS[finding]).replace("%1", number(count))


def audit_line(result: Audit) -> str:
    """``2 unexpected, 1 missing`` (and the other findings when there are any)."""
    parts = [
        _found(len(result.unexpected), Finding.UNEXPECTED),
        _found(len(result.missing), Finding.MISSING),
    ]
    for finding in (Finding.UNCONFIRMED, Finding.NOT_CHECKED):
        if count := result.count(finding):
            parts.append(_found(count, finding))
    return translate("StatusWords", _AND).join(parts)
