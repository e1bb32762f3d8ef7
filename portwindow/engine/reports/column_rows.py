"""Report rows made straight from a :class:`~portwindow.engine.core.results.ResultSet`'s
columns, without a result object per row: the fast path of every report of a scan.

A row is mostly what repeats: the host's two cells (once per host), the protocol and port
and the service's three cells (once per door row of the plan), the state and reason (once
per door byte), the date and time (once per second). What is left per row is the round
trip time, a banner when there is one, and the milliseconds. The text is the same, byte
for byte, as :class:`~portwindow.engine.reports.rows._RowMaker` makes it row by row (the
tests hold the two to each other).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from math import isnan

from portwindow.engine.core.codes import DOOR_REASON, DOOR_STATE
from portwindow.engine.core.model import PortClass, PortState, Protocol
from portwindow.engine.core.results import HostDoors, ResultSet
from portwindow.engine.core.text import printable
from portwindow.engine.reports.rows import _VALUES, Describe, _iso_second, _neutralise


def _csv_cell(text: str) -> str:
    """A cell as the csv module writes it (QUOTE_MINIMAL, the excel dialect)."""
    if "," in text or '"' in text or "\r" in text or "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


# json.dumps(text, ensure_ascii=False) makes a new encoder each call; this is its C core.
_json = json.encoder.encode_basestring


#: Rows gathered before a write: big enough for few writes, small enough to stay small.
CHUNK = 4096


class _Rows:
    """What a report's rows repeat, worked out once; subclasses say how cells are written."""

    def __init__(
        self,
        results: ResultSet,
        describe: Describe,
        assigned: Callable[[Protocol], dict[int, tuple[str, str]]] | None = None,
    ) -> None:
        self._results = results
        self._describe = describe
        # With the registry's table of assigned ports, an unassigned port (most of a full
        # scan's) is labelled without a look-up.
        self._assigned = assigned
        self._door_state, self._door_reason = DOOR_STATE, DOOR_REASON
        self._doors: dict[int, str] = {}  # door row -> its protocol, port and service cells
        self._codes: dict[int, str] = {}  # door byte -> its state and reason cells
        self._seconds: dict[int, str] = {}
        self._unnamed: dict[PortClass, str] = {}

    def chunks(self, hosts: Iterable[HostDoors], wanted: bytes | None) -> Iterator[list[str]]:
        """The rows of ``hosts`` in lists of at most :data:`CHUNK` rows; ``wanted`` marks
        the door bytes to write (all probed doors when None)."""
        plan = self._results.plan
        spans = [
            (protocol, plan.offsets[protocol], ports)
            for protocol, ports in plan.ports.items()
            if ports
        ]
        chunk: list[str] = []
        for host in hosts:
            for row in self._host_rows(host, spans, wanted):
                chunk.append(row)
                if len(chunk) >= CHUNK:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def _host_rows(self, host: HostDoors, spans, wanted: bytes | None) -> Iterator[str]:
        codes, rtts, times = host.codes, host.rtts, host.times
        banners, names = host.banners, host.names
        prefix = self._host_cells(host.label, host.address)
        doors, door_cells = self._doors, self._door_cells
        code_cells, code_text = self._codes, self._code_cells
        seconds, rtt_cell, banner_cell, end = self._seconds, self._rtt, self._banner, self._end
        marks = codes.translate(wanted) if wanted is not None else codes
        for protocol, offset, ports in spans:
            for row in _marked(marks, offset, offset + len(ports), sparse=wanted is not None):
                code = codes[row]
                door = doors.get(row)
                if door is None:
                    door = doors[row] = door_cells(protocol, ports[row - offset])
                state = code_cells.get(code)
                if state is None:
                    state = code_cells[code] = code_text(code)
                rtt = rtts[row]
                moment = round(times[row] * 1000)
                second, millisecond = divmod(moment, 1000)
                when = seconds.get(second)
                if when is None:
                    when = seconds[second] = _iso_second(second)
                head = prefix
                if names and row in names:
                    head = self._host_cells(names[row], host.address)
                banner = banners.get(row, "") if banners else ""
                yield (
                    f"{head}{door[0]}{state}{door[1]}{rtt_cell(rtt)}"
                    f"{banner_cell(banner)}{end(when, millisecond)}"
                )

    def _door_cells(self, protocol: Protocol, port: int) -> tuple[str, str]:
        """The cells before the state (protocol, port) and after the reason (service,
        description, class): the same for every host."""
        name, description = self._service(protocol, port)
        port_class = PortClass.of(port)
        if name or description:
            tail = self._service_cells(name, description, port_class)
        else:  # unassigned, as most ports are: the cells of its class
            tail = self._unnamed.get(port_class)
            if tail is None:
                tail = self._unnamed[port_class] = self._service_cells("", "", port_class)
        return self._door_head(protocol, port), tail

    def _service(self, protocol: Protocol, port: int) -> tuple[str, str]:
        if self._assigned is not None:
            return self._assigned(protocol).get(port, ("", ""))
        info = self._describe(port, protocol)
        return info.name, info.description

    def _door_head(self, protocol: Protocol, port: int) -> str:
        raise NotImplementedError

    def _service_cells(self, name: str, description: str, port_class: PortClass) -> str:
        raise NotImplementedError

    def _code_cells(self, code: int) -> str:
        raise NotImplementedError

    def _host_cells(self, label: str, address: str) -> str:
        raise NotImplementedError

    def _rtt(self, rtt: float) -> str:
        raise NotImplementedError

    def _banner(self, banner: str) -> str:
        raise NotImplementedError

    def _end(self, when: str, millisecond: int) -> str:
        raise NotImplementedError


class CsvRows(_Rows):
    """CSV rows (CRLF), as ``csv.writer`` with ``_RowMaker.csv_line`` writes them."""

    def _host_cells(self, label: str, address: str) -> str:
        return (
            f"{_csv_cell(_neutralise(printable(label)))},"
            f"{_csv_cell(_neutralise(printable(address)))},"
        )

    def _door_head(self, protocol: Protocol, port: int) -> str:
        return f"{_VALUES[protocol]},{port},"

    def _service_cells(self, name: str, description: str, port_class: PortClass) -> str:
        return (
            f",{_csv_cell(_neutralise(printable(name))) if name else ''}"
            f",{_csv_cell(_neutralise(printable(description))) if description else ''}"
            f",{_VALUES[port_class]},"
        )

    def _code_cells(self, code: int) -> str:
        return f"{_VALUES[self._door_state[code]]},{_VALUES[self._door_reason[code]]}"

    def _rtt(self, rtt: float) -> str:
        # A round-trip time is never negative: nothing to quote or neutralise.
        return "" if isnan(rtt) else f"{rtt * 1000:.3f}"

    def _banner(self, banner: str) -> str:
        return "," + (_csv_cell(_neutralise(printable(banner))) if banner else "") + ","

    def _end(self, when: str, millisecond: int) -> str:
        return f"{when}.{millisecond:03d}Z\r\n"


class JsonRows(_Rows):
    """JSON Lines rows, as ``_json_line`` writes them."""

    def _host_cells(self, label: str, address: str) -> str:
        return f'{{"host": {_json(printable(label))}, "address": {_json(printable(address))}, '

    def _door_head(self, protocol: Protocol, port: int) -> str:
        return f'"protocol": "{_VALUES[protocol]}", "port": {port}, '

    def _service_cells(self, name: str, description: str, port_class: PortClass) -> str:
        return (
            f', "service": {_json(printable(name))}'
            f', "description": {_json(printable(description))}'
            f', "port_class": "{_VALUES[port_class]}", "rtt_ms": '
        )

    def _code_cells(self, code: int) -> str:
        state, reason = self._door_state[code], self._door_reason[code]
        return f'"state": "{_VALUES[state]}", "reason": "{_VALUES[reason]}"'

    def _rtt(self, rtt: float) -> str:
        return "null" if isnan(rtt) else repr(float(f"{rtt * 1000:.3f}"))

    def _banner(self, banner: str) -> str:
        return f', "banner": {_json(printable(banner)) if banner else chr(34) * 2}, '

    def _end(self, when: str, millisecond: int) -> str:
        return f'"scanned_at": "{when}.{millisecond:03d}Z"}}\n'


def _marked(marks: bytes | bytearray, start: int, stop: int, *, sparse: bool) -> Iterator[int]:
    """The rows from ``start`` to ``stop`` whose mark is not 0; found with ``find`` when
    few are marked (the open doors of a full scan)."""
    if sparse:
        row = marks.find(1, start, stop)
        while row >= 0:
            yield row
            row = marks.find(1, row + 1, stop)
    else:
        for row in range(start, stop):
            if marks[row]:
                yield row


def wanted_codes(states: Iterable[PortState] | None) -> bytes | None:
    """A translation table marking the door bytes of ``states`` with 1 (None: all)."""
    if states is None:
        return None
    chosen = frozenset(states)
    return bytes(1 if DOOR_STATE[code] in chosen else 0 for code in range(256))


RowsFactory = Callable[[ResultSet, Describe], _Rows]
