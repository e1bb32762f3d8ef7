"""The Table view's columns and what a cell of one result says: its text, its tooltip and
the value it sorts by. Qt-free: :mod:`portwindow.gui.results_model` asks these for the
rows on screen.
"""

from __future__ import annotations

import enum
import html
import re
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias

from portwindow.engine.audit.expected import AuditItem
from portwindow.engine.core.model import PortClass, PortResult, PortState, Protocol
from portwindow.engine.core.text import printable
from portwindow.engine.input.services import ServiceInfo
from portwindow.engine.present.findings import explain_finding, finding_label
from portwindow.engine.present.identification import detected_service, read_banner

if TYPE_CHECKING:  # psutil is read when this machine's sockets are, not before
    from portwindow.engine.scan.enrich.listeners import Listener

__all__ = [
    "COLUMN_COUNT",
    "HEADERS",
    "LISTENER_COLUMNS",
    "PORT_AND_PROTOCOL",
    "STATE_ORDER",
    "Column",
    "cell_text",
    "cell_tooltip",
    "sort_value",
]


class Column(enum.IntEnum):
    """The table's columns: first :data:`portwindow.engine.COLUMNS`, upper-cased, then
    the audit's finding (the window's own: a report file has no audit), then who is
    behind an open door of this machine (the report's ``BEHIND_COLUMNS``)."""

    HOST = 0
    ADDRESS = 1
    PROTOCOL = 2
    PORT = 3
    STATE = 4
    REASON = 5
    SERVICE = 6
    DESCRIPTION = 7
    PORT_CLASS = 8
    RTT_MS = 9
    BANNER = 10
    DETECTED_SERVICE = 11
    DETECTED_PRODUCT = 12
    SCANNED_AT = 13
    FINDING = 14
    PROCESS = 15
    PID = 16
    LISTEN_ADDRESS = 17


HEADERS: Mapping[Column, str] = MappingProxyType(
    {
        Column.HOST: "Host",
        Column.ADDRESS: "Address",
        Column.PROTOCOL: "Protocol",
        Column.PORT: "Port",
        Column.STATE: "State",
        Column.REASON: "Reason",
        Column.SERVICE: "Service",
        Column.DESCRIPTION: "Description",
        Column.PORT_CLASS: "Class",
        Column.RTT_MS: "RTT (ms)",
        Column.BANNER: "Banner",
        Column.SCANNED_AT: "Scanned at",
        Column.DETECTED_SERVICE: "Detected",
        Column.DETECTED_PRODUCT: "Product",
        Column.FINDING: "Finding",
        Column.PROCESS: "Process",
        Column.PID: "PID",
        Column.LISTEN_ADDRESS: "Listens on",
    }
)
COLUMN_COUNT = len(Column)
#: The columns that say who is behind a door: they need its :class:`Listener`.
LISTENER_COLUMNS = frozenset({Column.PROCESS, Column.PID, Column.LISTEN_ADDRESS})
#: "53/udp": exactly that port over that protocol.
PORT_AND_PROTOCOL = re.compile(r"(\d{1,5})/(tcp|udp)")

_TOOLTIP_COLUMNS = frozenset({Column.DESCRIPTION, Column.BANNER, Column.DETECTED_PRODUCT})
STATE_ORDER = {
    PortState.OPEN: 0,
    PortState.OPEN_FILTERED: 1,
    PortState.FILTERED: 2,
    PortState.CLOSED: 3,
}
#: What the audit found at a door, and the socket behind it (None: nothing, not seen).
Found: TypeAlias = "AuditItem | None"
Who: TypeAlias = "Listener | None"
_CLASS_ORDER = {PortClass.WELL_KNOWN: 0, PortClass.REGISTERED: 1, PortClass.DYNAMIC: 2}
_PROTOCOL_ORDER = {Protocol.TCP: 0, Protocol.UDP: 1}


def cell_text(
    result: PortResult, column: int, info: ServiceInfo, finding: Found = None, who: Who = None
) -> str:
    """What the cell shows; ``info`` is the registry's entry for the result's port,
    ``finding`` what the audit found there (None: nothing), ``who`` the socket
    behind it when it is an open door of this machine (None: not one, or not seen)."""
    if column in LISTENER_COLUMNS:
        return _behind_text(column, who)
    match column:
        case Column.HOST:
            return printable(result.host)
        case Column.ADDRESS:
            return printable(result.address)
        case Column.PROTOCOL:
            return result.protocol.value
        case Column.PORT:
            return str(result.port)
        case Column.STATE:
            return result.state.value
        case Column.REASON:
            return result.reason.value
        case Column.SERVICE:
            return printable(info.name)
        case Column.DESCRIPTION:
            return printable(info.description)
        case Column.PORT_CLASS:
            return PortClass.of(result.port).value
        case Column.RTT_MS:
            return "" if result.rtt is None else f"{result.rtt * 1000:.3f}"
        case Column.BANNER:
            return printable(result.banner)
        case Column.SCANNED_AT:
            return _local_time(result.scanned_at)
        case Column.DETECTED_SERVICE:
            return detected_service(result.banner)[0]
        case Column.DETECTED_PRODUCT:
            return detected_service(result.banner)[1]
        case Column.FINDING:
            return finding_label(finding)
    return ""


def cell_tooltip(
    result: PortResult, column: int, info: ServiceInfo, finding: Found = None, who: Who = None
) -> str | None:
    """The cell's tooltip (rich text, escaped here), None for a cell without one."""
    if column in LISTENER_COLUMNS:
        return None if who is None else _behind_tooltip(who)
    if column in (Column.SERVICE, Column.DETECTED_SERVICE):
        return _service_tooltip(result, info)
    if column == Column.FINDING:
        return None if finding is None else f"<p>{html.escape(explain_finding(finding))}</p>"
    if column not in _TOOLTIP_COLUMNS:
        return None
    text = cell_text(result, column, info)
    if not text:
        return None
    # Rich text that we escape ourselves: a banner such as "<b>" must show as it is,
    # and rich tooltips wrap long lines.
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def sort_value(
    result: PortResult,
    column: int,
    info: ServiceInfo | None,
    finding: Found = None,
    who: Who = None,
) -> Any:
    """What the cell sorts by (not for the address, which the model ranks numerically);
    ``info`` is needed for the service and its description only, ``finding`` for the
    finding (doors with one first), ``who`` for who is behind (known ones first;
    the pid as a number)."""
    if column == Column.PID:
        pid = who.pid if who is not None else None
        return (pid is None, pid or 0)
    if column in LISTENER_COLUMNS:
        text = _behind_text(column, who)
        return (not text, text.casefold())
    match column:
        case Column.HOST:
            return result.host.casefold()
        case Column.PROTOCOL:
            return _PROTOCOL_ORDER[result.protocol]
        case Column.PORT:
            return result.port
        case Column.STATE:
            return STATE_ORDER[result.state]
        case Column.REASON:
            return result.reason.value
        case Column.SERVICE if info is not None:
            return (not info.name, info.name.casefold())
        case Column.DESCRIPTION if info is not None:
            return (not info.description, info.description.casefold())
        case Column.PORT_CLASS:
            return _CLASS_ORDER[PortClass.of(result.port)]
        case Column.RTT_MS:
            return (result.rtt is None, result.rtt or 0.0)
        case Column.BANNER:
            return (not result.banner, result.banner.casefold())
        case Column.SCANNED_AT:
            return result.scanned_at
        case Column.DETECTED_SERVICE | Column.DETECTED_PRODUCT:
            text = cell_text(result, column, info)  # type: ignore[arg-type]
            return (not text, text.casefold())
        case Column.FINDING:
            return (finding is None, finding_label(finding))
    raise ValueError(f"no sort value for column {column}")


def _behind_text(column: int, listener: Listener | None) -> str:
    """The report's ``process``, ``pid`` and ``listen_address`` (``behind_rows.py``):
    empty where nothing is known, and the process too for another user's socket."""
    if listener is None:
        return ""
    if column == Column.LISTEN_ADDRESS:
        return listener.listen_address
    if listener.pid is None:
        return ""
    return str(listener.pid) if column == Column.PID else printable(listener.process or "")


def _behind_tooltip(listener: Listener) -> str:
    """The details panel's words: who, run how, reachable from where."""
    text = "\n".join(listener.lines())
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def _service_tooltip(result: PortResult, info: ServiceInfo) -> str | None:
    """Who answers on the port beside the registry's name, when the banner says."""
    if not result.banner:
        return None
    reading = read_banner(result.banner, info.name)
    if reading.identification is None:
        return None
    lines = [reading.service_line()]
    if reading.disagrees:
        lines.append(f"⚠ {reading.warning()}")
    # The identification quotes the remote program: escape it as the banner is.
    text = "\n".join(printable(line) for line in lines)
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


def _local_time(timestamp: float) -> str:
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))
    except (OverflowError, OSError, ValueError):
        return ""
