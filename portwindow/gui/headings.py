"""Every heading of the window's tables and forms (the results table's columns, the
history's, the comparison's, the watches', the details' captions, the Show filter's
choices, the port classes), marked for translation in one context, "Headings".

The tables keep their headings in English where they are defined (the results table's
are the engine's, ``engine/present/table.py``, the CSV's words); :func:`heading` says
one in the window's language where it is shown. ``tests/unit/gui/test_headings.py``
checks that every heading shown is listed here.
"""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP, translate

HEADINGS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("Headings", "Host"),
    QT_TRANSLATE_NOOP("Headings", "Address"),
    QT_TRANSLATE_NOOP("Headings", "Protocol"),
    QT_TRANSLATE_NOOP("Headings", "Port"),
    QT_TRANSLATE_NOOP("Headings", "State"),
    QT_TRANSLATE_NOOP("Headings", "Reason"),
    QT_TRANSLATE_NOOP("Headings", "Service"),
    QT_TRANSLATE_NOOP("Headings", "Description"),
    QT_TRANSLATE_NOOP("Headings", "Class"),
    QT_TRANSLATE_NOOP("Headings", "RTT (ms)"),
    QT_TRANSLATE_NOOP("Headings", "Banner"),
    QT_TRANSLATE_NOOP("Headings", "Scanned at"),
    QT_TRANSLATE_NOOP("Headings", "Detected"),
    QT_TRANSLATE_NOOP("Headings", "Product"),
    QT_TRANSLATE_NOOP("Headings", "Finding"),
    QT_TRANSLATE_NOOP("Headings", "Process"),
    QT_TRANSLATE_NOOP("Headings", "PID"),
    QT_TRANSLATE_NOOP("Headings", "Listens on"),
    QT_TRANSLATE_NOOP("Headings", "Change"),
    QT_TRANSLATE_NOOP("Headings", "Door"),
    QT_TRANSLATE_NOOP("Headings", "Before"),
    QT_TRANSLATE_NOOP("Headings", "After"),
    QT_TRANSLATE_NOOP("Headings", "Watch"),
    QT_TRANSLATE_NOOP("Headings", "Last run"),
    QT_TRANSLATE_NOOP("Headings", "Status"),
    QT_TRANSLATE_NOOP("Headings", "Next run"),
    QT_TRANSLATE_NOOP("Headings", "What changed"),
    QT_TRANSLATE_NOOP("Headings", "When"),
    QT_TRANSLATE_NOOP("Headings", "Targets"),
    QT_TRANSLATE_NOOP("Headings", "Ports"),
    QT_TRANSLATE_NOOP("Headings", "Open"),
    QT_TRANSLATE_NOOP("Headings", "Closed"),
    QT_TRANSLATE_NOOP("Headings", "Filtered"),
    QT_TRANSLATE_NOOP("Headings", "Partial"),
    QT_TRANSLATE_NOOP("Headings", "Round trip"),
    QT_TRANSLATE_NOOP("Headings", "All doors"),
    QT_TRANSLATE_NOOP("Headings", "Open only"),
    QT_TRANSLATE_NOOP("Headings", "Open and filtered"),
    QT_TRANSLATE_NOOP("Headings", "Open|filtered"),
    QT_TRANSLATE_NOOP("Headings", "Not probed yet"),
    QT_TRANSLATE_NOOP("Headings", "Findings (unexpected, missing)"),
    QT_TRANSLATE_NOOP("Headings", "Name"),
    QT_TRANSLATE_NOOP("Headings", "MAC / vendor"),
    QT_TRANSLATE_NOOP("Headings", "Open doors"),
    QT_TRANSLATE_NOOP("Headings", "Counts"),
    QT_TRANSLATE_NOOP("Headings", "Findings"),
    QT_TRANSLATE_NOOP("Headings", "Scanned"),
    QT_TRANSLATE_NOOP("Headings", "Doors"),
    QT_TRANSLATE_NOOP("Headings", "Why"),
    QT_TRANSLATE_NOOP("Headings", "Who is behind"),
    QT_TRANSLATE_NOOP("Headings", "Evidence"),
    QT_TRANSLATE_NOOP("Headings", "Expected doors"),
    QT_TRANSLATE_NOOP("Headings", "Every door is as expected."),
    QT_TRANSLATE_NOOP("Headings", "No open doors."),
    QT_TRANSLATE_NOOP("Headings", "Not confirmed or not checked"),
    QT_TRANSLATE_NOOP("Headings", "well-known (0-1023)"),
    QT_TRANSLATE_NOOP("Headings", "registered (1024-49151)"),
    QT_TRANSLATE_NOOP("Headings", "dynamic (49152-65535)"),
)


def heading(text: str) -> str:
    """``text`` (one of HEADINGS) in the window's language."""
    return translate("Headings", text)
