"""The Doors view's words in the window's language: a host band's counts (``3 open,
65,532 closed``), its open doors (``22 ssh, 80 http, +4 more``) and its tooltip, and a
door's tooltip and accessible text. The host list's columns say the same counts, the
details panel the same reading of a door's banner.

The engine writes them in English (``engine/present/door_texts.py``) for the command
line and the tests of its facts; the window says them through Qt's translation, with
the locale's digit grouping. Port numbers, protocols, service names, states and reasons
stay as they are (``22/tcp ssh``, ``closed (conn-refused)``): they are the doors' names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from portwindow.engine import (
    BannerReading,
    PortClass,
    PortState,
    Protocol,
    door_texts,
    printable,
)

from .i18n import QT_TRANSLATE_NOOP, number, translate
from .plurals import PLURALS
from .status_words import STATE_COUNTS

_C = "BandWords"
_NOT_PROBED_YET = QT_TRANSLATE_NOOP("BandWords", "%1 not probed yet")  # a host's counts
_NOT_PROBED = QT_TRANSLATE_NOOP("BandWords", "%1 not probed")  # a band's chip
_MORE = QT_TRANSLATE_NOOP("BandWords", "+%1 more")
_AND = QT_TRANSLATE_NOOP("BandWords", ", ")
_CLASS = {
    PortClass.WELL_KNOWN: QT_TRANSLATE_NOOP("BandWords", "well-known port (0-1023)"),
    PortClass.REGISTERED: QT_TRANSLATE_NOOP("BandWords", "registered port (1024-49151)"),
    PortClass.DYNAMIC: QT_TRANSLATE_NOOP("BandWords", "dynamic port (49152-65535)"),
}
_UNREGISTERED = QT_TRANSLATE_NOOP("BandWords", "no service registered with IANA")
_STATE_NOT_PROBED = QT_TRANSLATE_NOOP("BandWords", "not probed yet")
_RTT = QT_TRANSLATE_NOOP("BandWords", "RTT %1 ms")
_NO_RTT = QT_TRANSLATE_NOOP("BandWords", "no RTT")
_BANNER = QT_TRANSLATE_NOOP("BandWords", "banner: %1")
_ANSWERS_AS = QT_TRANSLATE_NOOP("BandWords", "answers as %1")
_DISAGREES = QT_TRANSLATE_NOOP(
    "BandWords", "This door is registered for %1 but the program behind it speaks %2."
)
_IANA = QT_TRANSLATE_NOOP("BandWords", "%1 (IANA)")  # a service IANA registered
_NOT_REGISTERED = QT_TRANSLATE_NOOP("BandWords", "not registered with IANA")
_PORT = QT_TRANSLATE_NOOP("BandWords", "port %1")  # the accessible text's start
_WARNING = QT_TRANSLATE_NOOP("BandWords", "warning: %1")
#: The states a band counts, in order ("open" always, the others when there are some).
ORDER: tuple[PortState | None, ...] = (
    PortState.OPEN,
    PortState.CLOSED,
    PortState.FILTERED,
    PortState.OPEN_FILTERED,
    None,
)


def _tr(text: str, *args: str) -> str:
    out = translate(_C, text)
    for n in range(len(args), 0, -1):  # highest first: %1 must not eat the start of %10
        out = out.replace(f"%{n}", args[n - 1])
    return out


def count(state: PortState | None, n: int, chip: bool = False) -> str:
    """``3 open``; ``5 not probed yet`` (a band's chip: ``5 not probed``)."""
    if state is None:
        return _tr(_NOT_PROBED if chip else _NOT_PROBED_YET, number(n))
    return translate("StatusWords", STATE_COUNTS[state]).replace("%1", number(n))


def counts_text(counts: Mapping[PortState | None, int]) -> str:
    """``3 open, 65,532 closed``: open always, the other states when there are any."""
    return translate(_C, _AND).join(
        count(state, counts.get(state, 0))
        for state in ORDER
        if state is PortState.OPEN or counts.get(state, 0)
    )


def open_doors_text(
    doors: Sequence[tuple[Protocol, int, str]],
    shown: int = door_texts.OPEN_DOORS_SHOWN,
    total: int | None = None,
) -> str:
    """:func:`portwindow.engine.door_texts.open_doors_text` in the window's language."""
    parts = [door_texts.open_door_word(*door) for door in doors[:shown]]
    total = len(doors) if total is None else total
    if total > shown:
        parts.append(_tr(_MORE, number(total - shown)))
    return translate(_C, _AND).join(parts)


def listed(parts: Sequence[str]) -> str:
    """``a, b, c`` with the language's separator."""
    return translate(_C, _AND).join(parts)


def host_tooltip(title: str, doors: int, counts: Mapping[PortState | None, int]) -> str:
    """``localhost (127.0.0.1)`` then ``65,535 doors: 3 open, 65,532 closed``."""
    return f"{title}\n{PLURALS.doors_of_host(doors, counts_text(counts))}"


def rtt_text(rtt: float | None) -> str:
    """:func:`portwindow.engine.door_texts.format_rtt`: ``RTT 0.05 ms``, ``no RTT``."""
    if rtt is None:
        return translate(_C, _NO_RTT)
    ms = rtt * 1000
    return _tr(_RTT, number(ms, 2 if ms < 10 else 1 if ms < 100 else 0))


def state_text(state: PortState | None, reason) -> str:
    """``open (syn-ack)`` as the engine says it, or ``not probed yet`` translated."""
    if state is None:
        return translate(_C, _STATE_NOT_PROBED)
    return door_texts.state_text(state, reason)


def answers_as(reading: BannerReading | None) -> str:
    """``answers as ssh (OpenSSH 9.2p1)``; "" when there is no banner or it names nothing."""
    if reading is None or reading.identification is None:
        return ""
    return _tr(_ANSWERS_AS, printable(reading.identification.label()))


def disagreement(reading: BannerReading | None) -> str:
    """The warning when the program behind a door speaks another service than IANA's."""
    if reading is None or not reading.disagrees or reading.identification is None:
        return ""
    return _tr(
        _DISAGREES, printable(reading.registry_name), printable(reading.identification.service)
    )


def not_registered() -> str:
    return translate(_C, _NOT_REGISTERED)


def service_line(reading: BannerReading) -> str:
    """``http-alt (IANA) — answers as ssh (OpenSSH 9.2p1)`` (the details' service row)."""
    name = reading.registry_name
    registered = _tr(_IANA, name) if name else not_registered()
    answers = answers_as(reading)
    return f"{registered} — {answers}" if answers else registered


def door_tooltip(door: door_texts.DoorFacts) -> str:
    """:func:`portwindow.engine.door_texts.door_tooltip` in the window's language (IANA's
    description of the port stays as IANA wrote it)."""
    service = door.service
    lines = [door_texts.door_name(door.protocol, door.port, service)]
    if service.description and service.description != service.name:
        lines.append(service.description)
    elif not service.name:
        lines.append(translate(_C, _UNREGISTERED))
    lines.append(translate(_C, _CLASS[service.port_class]))
    lines.append(state_text(door.state, door.reason))
    if door.state is not None:
        lines.append(rtt_text(door.rtt))
    if door.banner:
        answers = answers_as(door.reading)
        lines.append(answers or _tr(_BANNER, door_texts.banner_preview(door.banner)))
    if warning := disagreement(door.reading):
        lines.append(f"⚠ {warning}")
    return "\n".join(lines)


def door_accessible_text(door: door_texts.DoorFacts) -> str:
    """:func:`portwindow.engine.door_texts.door_accessible_text` in the window's
    language."""
    parts = [
        _tr(_PORT, door_texts.door_name(door.protocol, door.port, door.service)),
        state_text(door.state, door.reason),
    ]
    if door.state is not None and door.rtt is not None:
        parts.append(rtt_text(door.rtt))
    if answers := answers_as(door.reading):
        parts.append(answers)
    if warning := disagreement(door.reading):
        parts.append(_tr(_WARNING, warning))
    return translate(_C, _AND).join(parts)
