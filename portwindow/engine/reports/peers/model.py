"""What an imported report is: its results, and its :class:`Source` (which tool wrote it,
its version and command line, and which states the format reports at all).

Every reader in this package turns another scanner's words into portwindow's here, with
:func:`verdict`: a state and a reason by nmap's names (``open``/``syn-ack``...), since
nmap's vocabulary is the one the others borrow. A reason portwindow has no word for
becomes :attr:`Reason.OTHER` and is counted in :attr:`Source.other_reasons`; a state it
has no word for (nmap's ``unfiltered``, ``closed|filtered``) leaves the door not
reported, counted in :attr:`Source.unread_states`.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.input.ports import parse_ports

if TYPE_CHECKING:
    from portwindow.engine.audit.diff import Coverage

BATCH = 4096  # results handed to the result set at a time


class PeerFormat(enum.StrEnum):
    NMAP_XML = "nmap-xml"
    MASSCAN_XML = "masscan-xml"
    MASSCAN_JSON = "masscan-json"
    MASSCAN_LIST = "masscan-list"
    NAABU_JSONL = "naabu-jsonl"
    ZMAP_CSV = "zmap-csv"


#: What each format's tool is called.
TOOLS = {
    PeerFormat.NMAP_XML: "nmap",
    PeerFormat.MASSCAN_XML: "masscan",
    PeerFormat.MASSCAN_JSON: "masscan",
    PeerFormat.MASSCAN_LIST: "masscan",
    PeerFormat.NAABU_JSONL: "naabu",
    PeerFormat.ZMAP_CSV: "zmap",
}

_STATES = {state.value: state for state in PortState}
_REASONS = {reason.value: reason for reason in Reason if reason is not Reason.OTHER}
# Other tools' words for a reason portwindow has (portwindow itself says admin-prohibited
# for ICMP's host- and net-prohibited codes too).
_REASONS |= {
    "host-prohibited": Reason.ADMIN_PROHIBITED,
    "net-prohibited": Reason.ADMIN_PROHIBITED,
    "rst": Reason.RESET,  # masscan
}
#: The reason when a format names none: by (state, protocol).
DEFAULT_REASONS = {
    (PortState.OPEN, Protocol.TCP): Reason.SYN_ACK,
    (PortState.OPEN, Protocol.UDP): Reason.UDP_RESPONSE,
    (PortState.CLOSED, Protocol.TCP): Reason.RESET,
    (PortState.CLOSED, Protocol.UDP): Reason.PORT_UNREACH,
    (PortState.FILTERED, Protocol.TCP): Reason.NO_RESPONSE,
    (PortState.FILTERED, Protocol.UDP): Reason.NO_RESPONSE,
    (PortState.OPEN_FILTERED, Protocol.TCP): Reason.NO_RESPONSE,
    (PortState.OPEN_FILTERED, Protocol.UDP): Reason.NO_RESPONSE,
}


@dataclass(frozen=True, slots=True)
class Source:
    """Who wrote an imported report, and what its format can say.

    ``reported`` is None when the report lists every door it probed (nmap's XML), else
    the states it lists at all (masscan lists open ports only): a door it does not list
    is "not reported", never closed."""

    format: PeerFormat
    file: str
    version: str = ""
    command: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    reported: frozenset[PortState] | None = None
    other_reasons: tuple[tuple[str, int], ...] = ()  # reasons read as Reason.OTHER
    unread_states: tuple[tuple[str, int], ...] = ()  # doors left out: a state with no word
    ports: str = ""  # the ports the tool says it scanned (nmap's scaninfo), as T:/U: spec

    @property
    def tool(self) -> str:
        return TOOLS[self.format]

    def settings(self) -> dict:
        """The scan's settings in the history: where it came from (JSON-ready)."""
        return {
            "source": "import",
            "tool": self.tool,
            "version": self.version,
            "command": self.command,
            "format": self.format.value,
            "file": self.file,
            "reported": None if self.reported is None else sorted(s.value for s in self.reported),
            "other_reasons": dict(self.other_reasons),
            "unread_states": dict(self.unread_states),
        }

    def describe(self) -> str:
        """``masscan 1.3.2 (masscan -p80 ...)``: one line for people."""
        name = f"{self.tool} {self.version}".strip()
        return f"{name} ({self.command})" if self.command else name


def coverage(
    source: Source | None = None, settings: dict | None = None, ports: str = ""
) -> Coverage | None:
    """What an imported report would have listed, for :func:`diff`: from its
    :class:`Source`, or from a saved scan's settings and ports; None for portwindow's
    own scans (every door they probed)."""
    # audit.diff writes its CSV through reports: imported here, not at the top (a cycle)
    from portwindow.engine.audit.diff import Coverage  # noqa: PLC0415

    if source is not None:
        states, spec = source.reported, source.ports
    elif isinstance(settings, dict) and settings.get("source") == "import":
        states = reported_states(settings)
        spec = ports if settings.get("format") == PeerFormat.NMAP_XML.value else ""
    else:
        return None
    probed = None
    if spec:
        try:
            parsed = parse_ports(spec)
        except InputError:
            parsed = None
        if parsed is not None:
            probed = {Protocol.TCP: frozenset(parsed.tcp), Protocol.UDP: frozenset(parsed.udp)}
    return Coverage(states, probed)


def reported_states(settings: dict) -> frozenset[PortState] | None:
    """The states a saved scan's source reports (None: every door it probed)."""
    listed = settings.get("reported") if isinstance(settings, dict) else None
    if not isinstance(listed, list):
        return None
    return frozenset(_STATES[value] for value in listed if value in _STATES)


@dataclass
class Imported:
    """An imported report: its results (as a scan's, one per door) and its source."""

    results: ResultSet
    source: Source


@dataclass
class Collector:
    """Gathers a reader's results into a result set, a batch at a time, and counts what
    it could not say in portwindow's words."""

    name: str
    results: ResultSet = field(default_factory=ResultSet)
    pending: list[PortResult] = field(default_factory=list)
    other_reasons: Counter = field(default_factory=Counter)
    unread_states: Counter = field(default_factory=Counter)
    states_seen: set[PortState] = field(default_factory=set)
    first: float | None = None  # the earliest and latest time a result carries
    last: float | None = None

    def seen_at(self, seconds: float) -> None:
        if self.first is None or seconds < self.first:
            self.first = seconds
        if self.last is None or seconds > self.last:
            self.last = seconds

    def add(self, result: PortResult) -> None:
        self.pending.append(result)
        if len(self.pending) >= BATCH:
            self.flush()

    def extend(self, results: Iterable[PortResult]) -> None:
        for result in results:
            self.add(result)

    def flush(self) -> None:
        if self.pending:
            self.results.add(self.pending)
            self.pending = []

    def verdict(
        self, state: str, reason: str | None, protocol: Protocol, where: str
    ) -> tuple[PortState, Reason] | None:
        """nmap's state and reason names as portwindow's; None: a state it has no word
        for (counted, the door not reported). An unknown state that is no nmap state at
        all is an error naming ``where``."""
        found = _STATES.get(state)
        if found is None:
            if state in ("unfiltered", "closed|filtered"):
                self.unread_states[state] += 1
                return None
            raise InputError(f"{where}: state {state!r} is not a port state")
        self.states_seen.add(found)
        if not reason or reason == "none":
            return found, DEFAULT_REASONS[(found, protocol)]
        known = _REASONS.get(reason)
        if known is None:
            self.other_reasons[reason[:40]] += 1
            return found, Reason.OTHER
        return found, known

    def finish(self, source: Source) -> Imported:
        self.flush()
        return Imported(
            self.results,
            _with_counts(source, self.other_reasons, self.unread_states),
        )

    def finish_listing(self, kind: PeerFormat) -> Imported:
        """The end of a format that lists open doors only (and closed ones when told)."""
        return self.finish(
            Source(kind, self.name, started_at=self.first, finished_at=self.last,
                   reported=self.open_only())
        )  # fmt: skip

    def open_only(self) -> frozenset[PortState]:
        """For a format that lists open doors only (and closed ones when told to): the
        states it reported, open always among them."""
        return frozenset({PortState.OPEN, *self.states_seen})


def _with_counts(source: Source, other: Counter, unread: Counter) -> Source:
    from dataclasses import replace  # noqa: PLC0415 - one use

    return replace(
        source,
        other_reasons=tuple(sorted(other.items())),
        unread_states=tuple(sorted(unread.items())),
    )


def protocol_of(text: str, where: str) -> Protocol:
    if text == "tcp":
        return Protocol.TCP
    if text == "udp":
        return Protocol.UDP
    raise InputError(f"{where}: protocol {text!r} is not tcp or udp")


def port_of(text: object, where: str) -> int:
    if isinstance(text, int) and not isinstance(text, bool):
        port = text
    elif isinstance(text, str) and text.isascii() and text.isdigit() and len(text) <= 5:
        port = int(text)
    else:
        raise InputError(f"{where}: port {str(text)[:40]!r} is not a port number (0-65535)")
    if not 0 <= port <= 65535:
        raise InputError(f"{where}: port {port} is not a port number (0-65535)")
    return port
