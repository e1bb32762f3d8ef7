"""The printable report's sentences in the window's language (``printable_report.py``
lays them out): when the scan ran, what its doors were, what the audit found, the
colophon. Its headings are gui/headings.py's, its explanations gui/findings_words.py's.

The engine says the audit's summary in English (``Audit.summary``) for the command line;
the report says it from the same counts. Port numbers, states and banners stay as they
are.
"""

from __future__ import annotations

from collections.abc import Mapping

from portwindow.engine import Audit, Finding, PortState

from .i18n import QT_TRANSLATE_NOOP, number, translate
from .plurals import PLURALS
from .status_words import FINDING_COUNTS, state_count

_C = "ReportWords"
UNEXPECTED = (
    QT_TRANSLATE_NOOP("ReportWords", "Unexpected open doors"),
    QT_TRANSLATE_NOOP("ReportWords", "open, but no rule expects them."),
)
MISSING = (
    QT_TRANSLATE_NOOP("ReportWords", "Missing doors"),
    QT_TRANSLATE_NOOP("ReportWords", "expected open, found closed or filtered."),
)
_MADE_BY = QT_TRANSLATE_NOOP(
    "ReportWords",
    "Made by %1 %2. Service names from IANA's Service Name and Transport Protocol Port "
    "Number Registry (CC0).",
)
_NONE = QT_TRANSLATE_NOOP("ReportWords", "none")  # a host's picture without a notable door
_NOT_PROBED = QT_TRANSLATE_NOOP("ReportWords", "not probed")


def _and() -> str:
    return translate("StatusWords", ", ")


def word(text: str) -> str:
    """One of the texts marked here (UNEXPECTED's, MISSING's) in the window's language."""
    return translate(_C, text)


_SCANNED = QT_TRANSLATE_NOOP("ReportWords", "%1 to %2")
_PARTIAL = QT_TRANSLATE_NOOP("ReportWords", " (stopped early: partial results)")


def scanned(started: str, finished: str, partial: bool) -> str:
    """``2026-12-04 10:00:00 to 2026-12-04 10:00:02`` (and whether it stopped early)."""
    text = translate(_C, _SCANNED).replace("%1", started).replace("%2", finished)
    return text + translate(_C, _PARTIAL) if partial else text


_PROBED = QT_TRANSLATE_NOOP("ReportWords", "%1 probed: %2")


def doors(probed: int, counts: Mapping[PortState, int]) -> str:
    """``5 probed: 3 open, 1 closed, 1 filtered`` (open|filtered when there are some)."""
    states = [PortState.OPEN, PortState.CLOSED, PortState.FILTERED]
    if counts.get(PortState.OPEN_FILTERED):
        states.append(PortState.OPEN_FILTERED)
    listed = _and().join(state_count(state, counts.get(state, 0)) for state in states)
    return translate(_C, _PROBED).replace("%1", number(probed)).replace("%2", listed)


_WAIVED = QT_TRANSLATE_NOOP("ReportWords", "%1 waived")
_NOT_CHECKED = QT_TRANSLATE_NOOP(
    "ReportWords", " (%1 rules not checked: the scan probed no %1 port)"
)
_PROTOCOLS = QT_TRANSLATE_NOOP("ReportWords", " and ")  # between protocols' names
_SENTENCE = QT_TRANSLATE_NOOP("ReportWords", "%1.")  # the audit's summary as a sentence


def audit_summary(audit: Audit) -> str:
    """``Expected doors on 1 host: 1 unexpected, 1 missing, 0 unconfirmed, 0 not
    checked.`` (the engine's ``Audit.summary``)."""
    counts = [
        translate("StatusWords", FINDING_COUNTS[finding]).replace(
            "%1", number(audit.count(finding))
        )
        for finding in Finding
    ]
    if audit.waived:
        counts.append(translate(_C, _WAIVED).replace("%1", number(len(audit.waived))))
    text = PLURALS.expected_doors_on(audit.hosts_checked, _and().join(counts))
    if audit.protocols_not_scanned:
        names = translate(_C, _PROTOCOLS).join(
            protocol.value.upper() for protocol in audit.protocols_not_scanned
        )
        text += translate(_C, _NOT_CHECKED).replace("%1", names)
    return translate(_C, _SENTENCE).replace("%1", text)


def not_pictured(closed: int) -> str:
    return PLURALS.closed_not_pictured(closed)


def made_by(app: str, version: str) -> str:
    return translate(_C, _MADE_BY).replace("%1", app).replace("%2", version)


def none() -> str:
    return translate(_C, _NONE)


def not_probed() -> str:
    return translate(_C, _NOT_PROBED)
