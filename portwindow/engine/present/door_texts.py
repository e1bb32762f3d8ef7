"""The words the Doors view shows for a door or a host: tooltips, accessible text, counts.

Qt-free, so that the side panel and the tests can use the same phrases as the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from portwindow.engine.core.model import PortClass, PortState, Protocol, Reason
from portwindow.engine.core.text import printable
from portwindow.engine.input.services import ServiceInfo
from portwindow.engine.present.identification import BannerReading

CLASS_TEXT = {
    PortClass.WELL_KNOWN: "well-known port (0-1023)",
    PortClass.REGISTERED: "registered port (1024-49151)",
    PortClass.DYNAMIC: "dynamic port (49152-65535)",
}

NOT_PROBED = "not probed yet"
BANNER_PREVIEW = 60  # characters of a banner shown in a tooltip
# The states after "open" in counts, in the order of the status bar.
_COUNTED: tuple[tuple[PortState | None, str], ...] = (
    (PortState.CLOSED, "closed"),
    (PortState.FILTERED, "filtered"),
    (PortState.OPEN_FILTERED, "open|filtered"),
    (None, "not probed yet"),
)


@dataclass(frozen=True, slots=True)
class DoorFacts:
    """What the Doors view knows about one door; ``state`` None: not probed yet."""

    protocol: Protocol
    port: int
    service: ServiceInfo
    state: PortState | None
    reason: Reason | None
    rtt: float | None
    banner: str = ""
    reading: BannerReading | None = None  # the banner read, when there is one


def format_count(n: int) -> str:
    return f"{n:,}"


def format_rtt(rtt: float | None) -> str:
    """A round-trip time in seconds as ``RTT 0.05 ms``; ``no RTT`` when nothing answered."""
    if rtt is None:
        return "no RTT"
    ms = rtt * 1000
    if ms < 10:
        return f"RTT {ms:.2f} ms"
    if ms < 100:
        return f"RTT {ms:.1f} ms"
    return f"RTT {ms:,.0f} ms"


def door_name(protocol: Protocol, port: int, service: ServiceInfo) -> str:
    """``22/tcp ssh``, or ``54321/tcp`` for a port IANA has no name for."""
    name = f"{port}/{protocol.value}"
    return f"{name} {service.name}" if service.name else name


def state_text(state: PortState | None, reason: Reason | None) -> str:
    """``open (syn-ack)``, or ``not probed yet``."""
    if state is None:
        return NOT_PROBED
    return f"{state.value} ({reason.value})" if reason is not None else state.value


def banner_preview(banner: str) -> str:
    """The start of a banner, control characters escaped, cut at BANNER_PREVIEW."""
    text = printable(banner)
    return text if len(text) <= BANNER_PREVIEW else text[: BANNER_PREVIEW - 1] + "…"


def door_tooltip(door: DoorFacts) -> str:
    service = door.service
    lines = [door_name(door.protocol, door.port, service)]
    if service.description and service.description != service.name:
        lines.append(service.description)
    elif not service.name:
        lines.append("no service registered with IANA")
    lines.append(CLASS_TEXT[service.port_class])
    lines.append(state_text(door.state, door.reason))
    if door.state is not None:
        lines.append(format_rtt(door.rtt))
    # What the identification quotes comes from the remote program: escaped, as banners are.
    if door.banner:
        answers = door.reading.answers_as() if door.reading is not None else ""
        lines.append(printable(answers) if answers else f"banner: {banner_preview(door.banner)}")
    if door.reading is not None and door.reading.disagrees:
        lines.append(f"⚠ {printable(door.reading.warning())}")
    return "\n".join(lines)


def door_accessible_text(door: DoorFacts) -> str:
    parts = [
        f"port {door_name(door.protocol, door.port, door.service)}",
        state_text(door.state, door.reason),
    ]
    if door.state is not None and door.rtt is not None:
        parts.append(format_rtt(door.rtt))
    if door.reading is not None and door.reading.identification is not None:
        parts.append(printable(door.reading.answers_as()))
    if door.reading is not None and door.reading.disagrees:
        parts.append(f"warning: {printable(door.reading.warning())}")
    return ", ".join(parts)


def host_title(label: str, address: str) -> str:
    """``localhost (127.0.0.1)``, or just the address when the label is the address."""
    return address if not label or label == address else f"{label} ({address})"


OPEN_DOORS_SHOWN = 6  # the open doors a host's line names; the rest are counted


def open_door_word(protocol: Protocol, port: int, service: str) -> str:
    """An open door in a host's line: ``22 ssh``, ``53/udp domain``, ``54321``."""
    door = str(port) if protocol is Protocol.TCP else f"{port}/{protocol.value}"
    return f"{door} {printable(service)}" if service else door


def open_doors_text(
    doors: Sequence[tuple[Protocol, int, str]],
    shown: int = OPEN_DOORS_SHOWN,
    total: int | None = None,
) -> str:
    """A host's open doors in one line: ``22 ssh, 80 http, 53/udp domain, +4 more`` (the
    first ``shown``; a UDP door says so, a door without a service is its number).
    ``total`` is how many there are when ``doors`` holds only the first ones."""
    parts = [open_door_word(protocol, port, service) for protocol, port, service in doors[:shown]]
    total = len(doors) if total is None else total
    if total > shown:
        parts.append(f"+{format_count(total - shown)} more")
    return ", ".join(parts)


def counts_text(counts: Mapping[PortState | None, int]) -> str:
    """``3 open, 65,532 closed``: open always, the other states when there are any."""
    parts = [f"{format_count(counts.get(PortState.OPEN, 0))} open"]
    for state, word in _COUNTED:
        if counts.get(state, 0):
            parts.append(f"{format_count(counts[state])} {word}")
    return ", ".join(parts)
