"""Report rows made straight from a :class:`~portwindow.engine.core.results.ResultSet`'s
columns, without a result object per row: the fast path of every report of a scan.

A row is mostly what repeats: the host's two cells (once per host); the protocol, port,
state, reason and the service's three cells (once per door row and door byte); the round
trip time (once per microsecond value, and a scan's are few); the date and time (once per
millisecond). So a row is four look-ups and one join, and a banner or another name where
there is one. The text is the same, byte for byte, as
:class:`~portwindow.engine.reports.rows._RowMaker` makes it from each
:class:`~portwindow.engine.core.model.PortResult` the set reads back (the tests hold the
two to each other).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, cycle, repeat
from operator import add, and_, getitem, mul, rshift

from portwindow.engine.core.codes import DOOR_REASON, DOOR_STATE
from portwindow.engine.core.model import PortClass, PortState, Protocol
from portwindow.engine.core.results import NO_RTT, ResultSet
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
        self._doors: dict[int, tuple[str, str]] = {}  # door row -> cells around the state
        self._middles: dict[int, str] = {}  # door row << 8 | door byte -> its cells
        self._rtts: dict[int, str] = {}  # microseconds -> the cell
        self._ends: dict[int, str] = {}  # milliseconds from the epoch -> banner-less end
        self._seconds: dict[int, str] = {}
        self._unnamed: dict[PortClass, str] = {}
        self._no_banner = self._banner("")
        self._by_code: list[list | None] = [None] * 256  # see _middles_of
        self._complete: set[int] = set()
        self._nets = _Nets()

    def chunks(self, host_rows: Sequence[int], wanted: bytes | None) -> Iterator[tuple[str, int]]:
        """The rows of the hosts of ``host_rows`` as text of about :data:`CHUNK` rows at a
        time, with how many rows each holds; ``wanted`` marks the door bytes to write (all
        probed doors when None)."""
        size = self._results.plan.size
        if not size:
            return
        step = max(1, CHUNK // size)
        for start in range(0, len(host_rows), step):
            batch = host_rows[start : start + step]
            pieces = (
                self._small_hosts(batch)
                if wanted is None and size < _WHOLE_HOST and self._results.plain(batch)
                else None
            )
            if pieces is not None:
                yield "".join(pieces), len(batch) * size
                continue
            pieces, count = [], 0
            for host_row in batch:
                count += self._host(host_row, wanted, pieces)
            if count:
                yield "".join(pieces), count

    def _host(self, host_row: int, wanted: bytes | None, pieces: list[str]) -> int:
        """Put a host's rows in ``pieces``; how many rows."""
        results = self._results
        size = results.plan.size
        base = host_row * size
        host_codes = results.columns()[0][base : base + size]
        if (
            wanted is None
            and size >= _WHOLE_HOST
            and not host_codes.count(0)
            and not results.banners_of(host_row)
            and not results.names_of(host_row)
        ):
            pieces.extend(self._whole_host(host_row, host_codes, base))
            return size
        if wanted is not None:
            rows = _marked(host_codes.translate(wanted))
        elif host_codes.count(0):
            rows = _marked(host_codes.translate(_PROBED))
        else:
            rows = range(size)
        before = len(pieces)
        pieces.extend(self._host_rows(host_row, host_codes, base, rows))
        return len(pieces) - before

    def _small_hosts(self, host_rows: Sequence[int]) -> Iterator[str] | None:
        """The pieces of the rows of many hosts of a small plan (a wide scan of a few
        ports), four a row, at C speed; None when a host has a door not probed."""
        results = self._results
        size = results.plan.size
        codes, rtts, times = results.columns()
        if size == 1:
            doors: Iterable[int] = host_rows
        else:
            starts = list(map(mul, host_rows, repeat(size)))
            ends = map(add, starts, repeat(size))
            doors = list(chain.from_iterable(map(range, starts, ends)))
        door_codes = bytes(map(codes.__getitem__, doors))
        if door_codes.count(0):
            return None
        door_rtts = array("I", map(rtts.__getitem__, doors))
        door_times = array(times.typecode, map(times.__getitem__, doors))
        for micros in set(door_rtts) - self._rtts.keys():
            self._rtt_cell(micros)
        for offset in set(door_times) - self._ends.keys():
            self._end_cell(offset)
        middles = self._middles_of_codes(set(door_codes), size)
        # The host cells of an IPv4 address without a name: its /24 ("192.0.2.") and its
        # last number as texts made once, twice a row (host and address).
        numbers = results.ipv4_numbers(host_rows)
        if size > 1:
            numbers = array("I", chain.from_iterable(map(repeat, numbers, repeat(size))))
        before, between, after = self._plain_host
        nets, lows = self._nets.__getitem__, _LOWS.__getitem__
        cells = map(getitem, map(middles.__getitem__, door_codes), cycle(range(size)))
        return chain.from_iterable(
            zip(
                repeat(before),
                map(nets, map(rshift, numbers, repeat(8))),
                map(lows, map(and_, numbers, repeat(255))),
                repeat(between),
                map(nets, map(rshift, numbers, repeat(8))),
                map(lows, map(and_, numbers, repeat(255))),
                repeat(after),
                cells,
                map(self._rtts.__getitem__, door_rtts),
                map(self._ends.__getitem__, door_times),
                strict=False,  # repeat() and cycle() never end
            )
        )

    def _middles_of_codes(self, door_codes: set[int], size: int) -> list:
        """``_middles_of`` for a small plan: every row of each of these bytes."""
        table = self._by_code
        for code in door_codes - self._complete:
            table[code] = [self._middle(row, code) for row in range(size)]
            self._complete.add(code)
        return table

    def _host_rows(
        self, host_row: int, host_codes: bytearray, base: int, rows: Iterable[int]
    ) -> Iterator[str]:
        """A host's rows of door rows ``rows``, one at a time."""
        results = self._results
        _codes, rtts, times = results.columns()
        middles, middle = self._middles, self._middle
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
            cells = middles.get(row << 8 | code)
            if cells is None:
                cells = middle(row, code)
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

    def _whole_host(self, host_row: int, host_codes: bytearray, base: int) -> Iterator[str]:
        """The pieces of the rows of a host with every door probed and no banner nor
        other name (most hosts of a scan), four a row, at C speed: no Python code runs
        per row, and the pieces are joined once, with the chunk."""
        results = self._results
        size = len(host_codes)
        _codes, rtts, times = results.columns()
        host_rtts, host_times = rtts[base : base + size], times[base : base + size]
        middles = self._middles_of(host_codes)
        for micros in set(host_rtts) - self._rtts.keys():
            self._rtt_cell(micros)
        for offset in set(host_times) - self._ends.keys():
            self._end_cell(offset)
        prefix = self._host_cells(results.label(host_row), results.address(host_row))
        cells = map(getitem, map(middles.__getitem__, host_codes), range(size))
        return chain.from_iterable(
            zip(
                repeat(prefix, size),
                cells,
                map(self._rtts.__getitem__, host_rtts),
                map(self._ends.__getitem__, host_times),
                strict=True,
            )
        )

    def _middles_of(self, host_codes: bytearray) -> list:
        """door byte -> the list of middle cells by door row, every row a host with
        these bytes uses made (a byte that most rows have: all of its rows, once)."""
        table, complete = self._by_code, self._complete
        size = len(host_codes)
        for code in set(host_codes) - complete:
            cells = table[code]
            if cells is None:
                cells = table[code] = [None] * size
            if host_codes.count(code) * 4 >= size:
                for row in range(size):
                    if cells[row] is None:
                        cells[row] = self._middle(row, code)
                complete.add(code)
                continue
            row = host_codes.find(code)
            while row >= 0:
                if cells[row] is None:
                    cells[row] = self._middle(row, code)
                row = host_codes.find(code, row + 1)
        return table

    def _middle(self, row: int, code: int) -> str:
        """The cells from the protocol to the one before the round-trip time."""
        door = self._doors.get(row)
        if door is None:
            door = self._doors[row] = self._door_cells(*self._results.plan.door(row))
        cells = self._middles[row << 8 | code] = f"{door[0]}{self._code_cells(code)}{door[1]}"
        return cells

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

    def _rtt(self, rtt: float | None) -> str:
        # A round-trip time in a result set is never negative: nothing to neutralise.
        return "" if rtt is None else f"{rtt * 1000:.3f}"

    def _banner(self, banner: str) -> str:
        return "," + (_csv_cell(_neutralise(printable(banner))) if banner else "") + ","

    def _end(self, when: str, millisecond: int) -> str:
        return f"{when}.{millisecond:03d}Z\r\n"


class JsonRows(_Rows):
    """JSON Lines rows, as ``_json_line`` writes them."""

    _plain_host = ('{"host": "', '", "address": "', '", ')  # IPv4: nothing to escape

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

    def _rtt(self, rtt: float | None) -> str:
        return "null" if rtt is None else repr(float(f"{rtt * 1000:.3f}"))

    def _banner(self, banner: str) -> str:
        return f', "banner": {_json(printable(banner)) if banner else chr(34) * 2}, '

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
