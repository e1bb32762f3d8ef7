"""Report rows made straight from a :class:`~portwindow.engine.core.results.ResultSet`'s
columns, without a result object per row: the fast path of every report of a scan.

A row is mostly what repeats: the host's two cells (once per host; an IPv4 address's
text at C speed from its /24's); the protocol and port, and the service's three cells
(once per door row of the plan, most at C speed since most ports have no service); the state and
reason (once per door byte); the round trip time (once per microsecond value, and a
scan's are few); the date and time (once per millisecond). So the rows of most hosts are
those pieces looked up and joined at C speed, many rows at a time; a host with a banner,
another name or a door not probed yet is written row by row. The text is the same, byte
for byte, as
:class:`~portwindow.engine.reports.rows._RowMaker` makes it from each
:class:`~portwindow.engine.core.model.PortResult` the set reads back (the tests hold the
two to each other).
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, cycle, islice, repeat
from operator import add, and_, getitem, mul, rshift

from portwindow.engine.core.codes import DOOR_REASON, DOOR_STATE
from portwindow.engine.core.host_index import is_run
from portwindow.engine.core.model import PortClass, PortState, Protocol
from portwindow.engine.core.results import NO_RTT, ResultSet
from portwindow.engine.core.text import printable
from portwindow.engine.present.identification import detected_service
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
#: Doors a host has at least for its rows to be joined at C speed (``_whole_host``).
_WHOLE_HOST = 16


class _Rows:
    """What a report's rows repeat, worked out once; subclasses say how cells are written."""

    # The host cells of an IPv4 address without a name: before, between and after it.
    _plain_host: tuple[str, str, str]

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
        self._heads: list[str] = []  # door row -> the cells before the state (port)
        self._tails: list[str] = []  # door row -> the cells after the reason (service)
        self._states: list[str | None] = [None] * 256  # door byte -> state and reason
        self._middles: dict[int, list[str]] = {}  # door byte -> a small plan's middles
        self._rtts: dict[int, str] = {}  # microseconds -> the cell
        self._ends: dict[int, str] = {}  # milliseconds from the epoch -> banner-less end
        self._seconds: dict[int, str] = {}
        # The host cells of an IPv4 address without a name, its text twice.
        self._plain_format = "{0}".join(
            piece.replace("{", "{{").replace("}", "}}") for piece in self._plain_host
        )
        self._nets = _Nets()
        self._no_banner = self._banner("")

    def chunks(self, host_rows: Sequence[int], wanted: bytes | None) -> Iterator[tuple[str, int]]:
        """The rows of the hosts of ``host_rows`` as text of about :data:`CHUNK` rows at a
        time, with how many rows each holds; ``wanted`` marks the door bytes to write (all
        probed doors when None)."""
        size = self._results.plan.size
        if not size:
            return
        step = max(1, CHUNK // size)
        pieces: list[str] = []
        count = 0
        for start in range(0, len(host_rows), step):
            batch = host_rows[start : start + step]
            small = (
                self._small_hosts(batch)
                if wanted is None and size < _WHOLE_HOST and self._results.plain(batch)
                else None
            )
            parts = (
                [(small, len(batch) * size)] if small is not None else self._parts(batch, wanted)
            )
            for part, rows in parts:
                pieces.extend(part)
                count += rows
                if count >= CHUNK:
                    yield "".join(pieces), count
                    pieces, count = [], 0
        if count:
            yield "".join(pieces), count

    def _parts(
        self, host_rows: Iterable[int], wanted: bytes | None
    ) -> Iterator[tuple[Iterable[str], int]]:
        """The pieces of these hosts' rows, host by host, at most :data:`CHUNK` rows a
        part, with how many rows each holds."""
        results = self._results
        size = results.plan.size
        codes = results.columns()[0]
        for host_row in host_rows:
            base = host_row * size
            host_codes = codes[base : base + size]
            if wanted is None and size >= _WHOLE_HOST and not host_codes.count(0):
                # Every door probed: runs of rows joined at C speed, between the rows with
                # a banner or another name (a few), written one by one.
                self._door_cells()
                self._states_of(host_codes)
                own = sorted(results.banners_of(host_row).keys() | results.names_of(host_row))
                start = 0
                for row in [*own, size]:
                    for first in range(start, row, CHUNK):
                        stop = min(row, first + CHUNK)
                        yield (
                            self._whole_host(host_row, host_codes, base, first, stop),
                            stop - first,
                        )
                    if row < size:
                        yield list(self._host_rows(host_row, host_codes, base, (row,))), 1
                    start = row + 1
                continue
            if wanted is not None:
                rows = _marked(host_codes.translate(wanted))
            elif host_codes.count(0):
                rows = _marked(host_codes.translate(_PROBED))
            else:
                rows = range(size)
            made = self._host_rows(host_row, host_codes, base, rows)
            while part := list(islice(made, CHUNK)):
                yield part, len(part)

    def _small_hosts(self, host_rows: Sequence[int]) -> Iterator[str] | None:
        """The pieces of the rows of many hosts of a small plan (a wide scan of a few
        ports), four a row, at C speed; None when a host has a door not probed."""
        results = self._results
        size = results.plan.size
        codes, rtts, times = results.columns()
        first = host_rows[0]
        if is_run(host_rows):
            # Hosts met in address order (a scan's): their doors are one run of columns.
            start, stop = first * size, (first + len(host_rows)) * size
            door_codes = bytes(codes[start:stop])
            door_rtts, door_times = rtts[start:stop], times[start:stop]
        else:
            doors = self._doors(host_rows)
            door_codes = bytes(map(codes.__getitem__, doors))
            door_rtts = array("I", map(rtts.__getitem__, doors))
            door_times = array(times.typecode, map(times.__getitem__, doors))
        if door_codes.count(0):
            return None
        for micros in set(door_rtts).difference(self._rtts):
            self._rtt_cell(micros)
        for offset in set(door_times).difference(self._ends):
            self._end_cell(offset)
        middles = self._middles_of_codes(set(door_codes))
        # An IPv4 address's text as its /24's ("192.0.2.", made once) and its last number.
        numbers = results.ipv4_numbers(host_rows)
        texts = map(
            add,
            map(self._nets.__getitem__, map(rshift, numbers, repeat(8))),
            map(_LOWS.__getitem__, map(and_, numbers, repeat(255))),
        )
        hosts: Iterable[str] = map(self._plain_format.format, texts)
        if size > 1:
            hosts = chain.from_iterable(map(repeat, hosts, repeat(size)))
        cells = map(getitem, map(middles.__getitem__, door_codes), cycle(range(size)))
        return chain.from_iterable(
            zip(
                hosts,
                cells,
                map(self._rtts.__getitem__, door_rtts),
                map(self._ends.__getitem__, door_times),
                strict=False,  # cycle() never ends
            )
        )

    def _doors(self, host_rows: Sequence[int]) -> Iterable[int]:
        """The doors (places in the columns) of ``host_rows``, host after host."""
        size = self._results.plan.size
        if size == 1:
            return host_rows
        starts = list(map(mul, host_rows, repeat(size)))
        ends = map(add, starts, repeat(size))
        return list(chain.from_iterable(map(range, starts, ends)))

    def _host_rows(
        self, host_row: int, host_codes: bytearray, base: int, rows: Iterable[int]
    ) -> Iterator[str]:
        """A host's rows of door rows ``rows``, one at a time."""
        results = self._results
        _codes, rtts, times = results.columns()
        self._door_cells()
        heads, tails, states = self._heads, self._tails, self._states_of(host_codes)
        rtt_cells, rtt_cell = self._rtts, self._rtt_cell
        ends, end = self._ends, self._end_cell
        no_banner = self._no_banner
        banners, names = results.banners_of(host_row), results.names_of(host_row)
        address = results.address(host_row)
        prefix = self._host_cells(results.label(host_row), address)
        plain = not banners and not names
        for row in rows:
            door = base + row
            code = host_codes[row]
            cells = f"{heads[row]}{states[code]}{tails[row]}"
            rtt = rtt_cells.get(rtts[door])
            if rtt is None:
                rtt = rtt_cell(rtts[door])
            when = ends.get(times[door])
            if when is None:
                when = end(times[door])
            if plain:
                yield f"{prefix}{cells}{rtt}{when}"
            else:
                name = names.get(row)
                head = prefix if name is None else self._host_cells(name, address)
                banner = banners.get(row)
                tail = self._banner(banner) + when[len(no_banner) :] if banner else when
                yield f"{head}{cells}{rtt}{tail}"

    def _whole_host(
        self, host_row: int, host_codes: bytearray, base: int, start: int, stop: int
    ) -> Iterator[str]:
        """The pieces of rows ``start`` to ``stop`` of a host with every door probed and no
        banner nor other name (most hosts of a scan), six a row, at C speed: no Python
        code runs per row, and the pieces are joined once, with the chunk."""
        results = self._results
        _codes, rtts, times = results.columns()
        part_rtts, part_times = rtts[base + start : base + stop], times[base + start : base + stop]
        # difference() with the dict looks each value up; "- self._rtts.keys()" would walk
        # the whole cache for every host (6.5M rows of a scan: 36 s more CPU).
        for micros in set(part_rtts).difference(self._rtts):
            self._rtt_cell(micros)
        for offset in set(part_times).difference(self._ends):
            self._end_cell(offset)
        prefix = self._host_cells(results.label(host_row), results.address(host_row))
        return chain.from_iterable(
            zip(
                repeat(prefix, stop - start),
                self._heads[start:stop],
                map(self._states.__getitem__, host_codes[start:stop]),
                self._tails[start:stop],
                map(self._rtts.__getitem__, part_rtts),
                map(self._ends.__getitem__, part_times),
                strict=True,
            )
        )

    def _door_cells(self) -> None:
        """The cells of every door row before the state and after the reason: the same
        for every host, made once (most at C speed: most ports have no service)."""
        if self._heads:
            return
        for protocol, ports in self._results.plan.ports.items():
            if not ports:
                continue
            self._heads.extend(map(self._head_format(protocol).format, ports))
            self._tails.extend(self._tails_of(protocol, ports))

    def _tails_of(self, protocol: Protocol, ports: Sequence[int]) -> list[str]:
        registered, dynamic = bisect_left(ports, 1024), bisect_left(ports, 49152)
        tails = (
            [self._service_cells("", "", PortClass.WELL_KNOWN)] * registered
            + [self._service_cells("", "", PortClass.REGISTERED)] * (dynamic - registered)
            + [self._service_cells("", "", PortClass.DYNAMIC)] * (len(ports) - dynamic)
        )
        if self._assigned is not None:
            assigned = self._assigned(protocol)
            named = ((port, *assigned[port]) for port in assigned.keys() & set(ports))
            rows = self._results.plan.rows[protocol]
            first = self._results.plan.offsets[protocol]
        else:
            described = ((port, self._describe(port, protocol)) for port in ports)
            named = ((port, info.name, info.description) for port, info in described)
            rows, first = {port: i for i, port in enumerate(ports)}, 0
        for port, name, description in named:
            if name or description:
                tails[rows[port] - first] = self._service_cells(
                    name, description, PortClass.of(port)
                )
        return tails

    def _states_of(self, codes: Iterable[int]) -> list[str | None]:
        """door byte -> its state and reason cells, made for each probed one of ``codes``."""
        states = self._states
        for code in set(codes):
            if code and states[code] is None:
                states[code] = self._code_cells(code)
        return states

    def _middles_of_codes(self, door_codes: set[int]) -> dict[int, list[str]]:
        """A small plan's cells from the protocol to the one before the round-trip time,
        by door byte and door row, for each of these bytes."""
        self._door_cells()
        states = self._states_of(door_codes)
        for code in door_codes.difference(self._middles):
            self._middles[code] = [
                f"{head}{states[code]}{tail}"
                for head, tail in zip(self._heads, self._tails, strict=True)
            ]
        return self._middles

    def _rtt_cell(self, micros: int) -> str:
        cell = self._rtts[micros] = self._rtt(None if micros == NO_RTT else micros / 1e6)
        return cell

    def _end_cell(self, offset: int) -> str:
        """The cells after the round-trip time of a row without a banner."""
        second, millisecond = divmod(self._results.epoch + offset, 1000)
        when = self._seconds.get(second)
        if when is None:
            when = self._seconds[second] = _iso_second(second)
        cell = self._ends[offset] = self._no_banner + self._end(when, millisecond)
        return cell

    def _head_format(self, protocol: Protocol) -> str:
        """The cells before the state, a format of the port."""
        raise NotImplementedError

    def _service_cells(self, name: str, description: str, port_class: PortClass) -> str:
        raise NotImplementedError

    def _code_cells(self, code: int) -> str:
        raise NotImplementedError

    def _host_cells(self, label: str, address: str) -> str:
        raise NotImplementedError

    def _rtt(self, rtt: float | None) -> str:
        raise NotImplementedError

    def _banner(self, banner: str) -> str:
        raise NotImplementedError

    def _end(self, when: str, millisecond: int) -> str:
        raise NotImplementedError


class CsvRows(_Rows):
    """CSV rows (CRLF), as ``csv.writer`` with ``_RowMaker.csv_line`` writes them."""

    _plain_host = ("", ",", ",")  # an IPv4 address, its own name: nothing to quote

    def _host_cells(self, label: str, address: str) -> str:
        return (
            f"{_csv_cell(_neutralise(printable(label)))},"
            f"{_csv_cell(_neutralise(printable(address)))},"
        )

    def _head_format(self, protocol: Protocol) -> str:
        return f"{_VALUES[protocol]},{{}},"

    def _service_cells(self, name: str, description: str, port_class: PortClass) -> str:
        return (
            f",{_csv_cell(_neutralise(printable(name))) if name else ''}"
            f",{_csv_cell(_neutralise(printable(description))) if description else ''}"
            f",{_VALUES[port_class]},"
        )

    def _code_cells(self, code: int) -> str:
        return f"{_VALUES[self._door_state[code]]},{_VALUES[self._door_reason[code]]}"

    def _rtt(self, rtt: float | None) -> str:
        # A round-trip time in a result set is never negative: nothing to neutralise.
        return "" if rtt is None else f"{rtt * 1000:.3f}"

    def _banner(self, banner: str) -> str:
        """The banner and what it names (the detected service and product)."""
        if not banner:
            return ",,,,"
        cells = (printable(banner), *detected_service(banner))
        return "," + ",".join(_csv_cell(_neutralise(c)) if c else "" for c in cells) + ","

    def _end(self, when: str, millisecond: int) -> str:
        return f"{when}.{millisecond:03d}Z\r\n"


class JsonRows(_Rows):
    """JSON Lines rows, as ``_json_line`` writes them."""

    _plain_host = ('{"host": "', '", "address": "', '", ')  # IPv4: nothing to escape

    def _host_cells(self, label: str, address: str) -> str:
        return f'{{"host": {_json(printable(label))}, "address": {_json(printable(address))}, '

    def _head_format(self, protocol: Protocol) -> str:
        return f'"protocol": "{_VALUES[protocol]}", "port": {{}}, '

    def _service_cells(self, name: str, description: str, port_class: PortClass) -> str:
        return (
            f', "service": {_json(printable(name))}'
            f', "description": {_json(printable(description))}'
            f', "port_class": "{_VALUES[port_class]}", "rtt_ms": '
        )

    def _code_cells(self, code: int) -> str:
        state, reason = self._door_state[code], self._door_reason[code]
        return f'"state": "{_VALUES[state]}", "reason": "{_VALUES[reason]}"'

    def _rtt(self, rtt: float | None) -> str:
        return "null" if rtt is None else repr(float(f"{rtt * 1000:.3f}"))

    def _banner(self, banner: str) -> str:
        """The banner and what it names (the detected service and product)."""
        service, product = detected_service(banner) if banner else ("", "")
        return (
            f', "banner": {_json(printable(banner)) if banner else chr(34) * 2}'
            f', "detected_service": {_json(service)}, "detected_product": {_json(product)}, '
        )

    def _end(self, when: str, millisecond: int) -> str:
        return f'"scanned_at": "{when}.{millisecond:03d}Z"}}\n'


_PROBED = bytes([0] + [1] * 255)  # marks every probed door
_LOWS = [str(number) for number in range(256)]  # an IPv4 address's last number as text


class _Nets(dict):
    """An IPv4 /24's number (the address >> 8) -> its text, "192.0.2."."""

    def __missing__(self, net: int) -> str:
        text = self[net] = f"{net >> 16}.{net >> 8 & 255}.{net & 255}."
        return text


def _marked(marks: bytes | bytearray) -> Iterator[int]:
    """The rows marked 1, found with ``find`` (the open doors of a full scan are a few
    of its rows)."""
    row = marks.find(1)
    while row >= 0:
        yield row
        row = marks.find(1, row + 1)


def wanted_codes(states: Iterable[PortState] | None) -> bytes | None:
    """A translation table marking the door bytes of ``states`` with 1 (None: all)."""
    if states is None:
        return None
    chosen = frozenset(states)
    return bytes(1 if DOOR_STATE[code] in chosen else 0 for code in range(256))


RowsFactory = Callable[[ResultSet, Describe], _Rows]
