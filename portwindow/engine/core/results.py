"""The one home of a scan's results once the engine yields them: a :class:`ResultSet`.

Every reader takes its results from here: the window's door and table views, the reports,
the audit, the history and the comparison of two scans. It keeps the rule that a later
result for a door (address, protocol, port) replaces the earlier one (a banner read after
the door was found open), so no reader has to.

Results are kept as bytes, not objects. Every host has the same doors: the scan's
:class:`Plan` (the ports to probe, per protocol, ascending), stored once. Each host keeps
compact columns indexed by door row: a byte for state and reason (see ``codes.py``; 0 is
"not probed yet"), the round-trip time as a 32-bit float and the time of the probe, about
13 bytes a door. Banners and a second name for an address are kept aside, per host, for
the doors that have them. :class:`~portwindow.engine.core.model.PortResult` objects are
made on demand, one at a time.

A result for a door the plan lacks makes the plan grow (a reopened report, an import):
every host's columns are spread to make room, and :class:`Delta.plan_change` says how the
rows moved. ``keep_order=True`` also logs the order in which doors got their first result
(8 bytes a door), for a view that lists them in arrival order. The log holds door keys
(:func:`door_key`: host row, protocol and port in one integer), which a grown plan leaves
as they are.
"""

from __future__ import annotations

import functools
import ipaddress
import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from math import isnan
from typing import TypeVar

from portwindow.engine.core.codes import (
    DOOR_REASON,
    DOOR_STATE,
    PROBED,
    PROTOCOL_CODE,
    PROTOCOLS,
    REASON_CODE,
    STATE_CODE,
    STATES,
)
from portwindow.engine.core.model import PortResult, PortState, Protocol

__all__ = ["Delta", "HostDoors", "Plan", "PlanChange", "ResultSet", "door_key"]

PORT_SPACE = 65536
_NAN = math.nan
_Column = TypeVar("_Column", bytearray, array)


_STATE_OF = DOOR_STATE
_REASON_OF = DOOR_REASON
#: state -> its door byte with reason 0; add the reason's code
_STATE_BASE = {state: PROBED + (code << 4) for state, code in STATE_CODE.items()}
#: a door byte's slot in the counts: 0 not probed, then 1 + its state's code
_COUNT_SLOT = tuple(0 if code < PROBED else 1 + ((code - PROBED) >> 4) for code in range(256))
_COUNT_STATES: tuple[PortState | None, ...] = (None, *STATES[: len(STATE_CODE)])


@functools.cache
def counting_arrays() -> tuple[array, array]:
    """0, 1, 2, ... as ports and as rows: slices of these plan a run of consecutive ports
    without a Python loop. Built once (7 ms)."""
    return array("H", range(PORT_SPACE)), array("i", range(2 * PORT_SPACE))


_UNPLANNED = array("i", [-1]) * PORT_SPACE  # the rows of a protocol without planned ports
_UDP_BIT = PROTOCOL_CODE[Protocol.UDP] << 16


def door_key(host_row: int, protocol: Protocol, port: int) -> int:
    """A door of a result set as one integer: host row, protocol and port. Unlike a door
    row, a key stays the same when the plan grows."""
    return host_row << 17 | PROTOCOL_CODE[protocol] << 16 | port


class Plan:
    """The doors every host has: ports per protocol (TCP first, each ascending), and
    row <-> (protocol, port)."""

    __slots__ = ("offsets", "ports", "rows", "size")

    def __init__(self, ports: Mapping[Protocol, Iterable[int]] | None = None) -> None:
        ports = ports or {}
        self.ports: dict[Protocol, array] = {}
        self.offsets: dict[Protocol, int] = {}
        self.rows: dict[Protocol, array] = {}
        offset = 0
        for protocol in Protocol:
            # sorted(set()) is C-speed and cheaper than checking a PortSet's tuple in Python.
            given = sorted(set(ports.get(protocol, ())))
            if given and not (given[0] >= 0 and given[-1] < PORT_SPACE):
                bad = given[0] if given[0] < 0 else given[-1]
                raise ValueError(f"port {bad} is out of range 0-65535")
            one_run = bool(given) and given[-1] - given[0] + 1 == len(given)  # as "1-65535"
            if one_run:
                counting_ports, counting_rows = counting_arrays()
                planned = counting_ports[given[0] : given[-1] + 1]
            else:
                planned = array("H", given)
            self.ports[protocol] = planned
            self.offsets[protocol] = offset
            if planned:
                rows = array("i", [-1]) * PORT_SPACE
                if one_run:
                    rows[given[0] : given[-1] + 1] = counting_rows[offset : offset + len(given)]
                else:
                    for row, port in enumerate(planned, offset):
                        rows[port] = row
                self.rows[protocol] = rows
            offset += len(planned)
        self.size = offset

    def row(self, protocol: Protocol, port: int) -> int:
        """The door row of (protocol, port), -1 when it is not planned."""
        rows = self.rows.get(protocol)
        return -1 if rows is None or not 0 <= port < PORT_SPACE else rows[port]

    def door(self, row: int) -> tuple[Protocol, int]:
        for protocol, ports in self.ports.items():
            offset = self.offsets[protocol]
            if row < offset + len(ports):
                return protocol, ports[row - offset]
        raise IndexError(row)

    def rows_of(self, results: Sequence[PortResult]) -> list[int]:
        """The door row of each result; -1 for a door the plan does not have."""
        tcp_rows = self.rows.get(Protocol.TCP, _UNPLANNED)
        udp_rows = self.rows.get(Protocol.UDP, _UNPLANNED)
        tcp = Protocol.TCP
        try:
            return [(tcp_rows if r.protocol is tcp else udp_rows)[r.port] for r in results]
        except IndexError:
            bad = next(r.port for r in results if r.port >= PORT_SPACE)
            raise ValueError(f"port {bad} is out of range 0-65535") from None

    def with_ports(self, extra: Mapping[Protocol, Iterable[int]]) -> Plan:
        return Plan(
            {protocol: {*self.ports[protocol], *extra.get(protocol, ())} for protocol in Protocol}
        )


@dataclass(frozen=True, slots=True)
class PlanChange:
    """The plan grew: every host's rows were spread by ``steps`` (rows kept, rows
    inserted), so a door's row in ``old`` is another row in ``new``."""

    old: Plan
    new: Plan
    steps: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Delta:
    """What one :meth:`ResultSet.add` changed, for the views to announce."""

    new_hosts: range  # host rows appended, in order
    changed: tuple[tuple[int, int, int], ...]  # (host row, first, last door row) of known hosts
    new_doors: int  # doors that got their first result
    plan_change: PlanChange | None = None
    order: range = range(0)  # positions added to the arrival log (keep_order)
    replaced: tuple[int, ...] = ()  # door keys of doors that had a result already


class HostDoors:
    """One host's doors, as columns indexed by door row."""

    __slots__ = ("address", "banners", "codes", "counts", "label", "names", "rtts", "times")

    def __init__(self, label: str, address: str, size: int) -> None:
        self.label = label
        self.address = address
        self.codes = bytearray(size)
        self.rtts = array("f", [_NAN]) * size
        self.times = array("d", [0.0]) * size
        self.counts = [size] + [0] * len(STATE_CODE)  # not probed, then per state code
        self.banners: dict[int, str] = {}  # door row -> what the program said
        self.names: dict[int, str] = {}  # door row -> another name given for this address

    def spread(self, steps: Sequence[tuple[int, int]]) -> None:
        """Make room for new doors: ``steps`` are (old rows to keep, new rows to insert)."""
        remap = _row_remap(steps)
        self.codes = _spread(self.codes, steps, bytearray(1))
        self.rtts = _spread(self.rtts, steps, array("f", [_NAN]))
        self.times = _spread(self.times, steps, array("d", [0.0]))
        self.counts[0] += sum(inserted for _, inserted in steps)
        if self.banners:
            self.banners = {remap(row): text for row, text in self.banners.items()}
        if self.names:
            self.names = {remap(row): name for row, name in self.names.items()}


def _spread(old: _Column, steps: Sequence[tuple[int, int]], filler: _Column) -> _Column:
    pieces = []
    start = 0
    for keep, inserted in steps:
        pieces.append(old[start : start + keep])
        pieces.append(filler * inserted)
        start += keep
    pieces.append(old[start:])
    new = pieces[0]
    for piece in pieces[1:]:
        new += piece
    return new


def _row_remap(steps: Sequence[tuple[int, int]]):
    """old row -> new row, for spread ``steps``."""
    bounds = []
    old_start = shift = 0
    for keep, inserted in steps:
        old_start += keep
        bounds.append((old_start, shift + inserted))
        shift += inserted

    def remap(row: int) -> int:
        moved = 0
        for bound, shift_after in bounds:
            if row < bound:
                break
            moved = shift_after
        return row + moved

    return remap


class ResultSet:
    """The latest result per door of one scan (or one loaded report), kept as columns."""

    def __init__(
        self, plan: Mapping[Protocol, Iterable[int]] | None = None, *, keep_order: bool = False
    ) -> None:
        self.plan = Plan(plan)
        self.hosts: list[HostDoors] = []
        self._host_rows: dict[str, int] = {}
        self._texts: dict[str, str] = {}  # one copy of each banner and name
        self._done = 0
        self._order: array | None = array("Q") if keep_order else None

    @classmethod
    def of(cls, results: Iterable[PortResult], *, keep_order: bool = False) -> ResultSet:
        """A result set holding ``results`` (a report, a saved scan), planned on their ports."""
        results = results if isinstance(results, Sequence) else list(results)
        ports: dict[Protocol, set[int]] = {protocol: set() for protocol in Protocol}
        for result in results:
            ports[result.protocol].add(result.port)
        found = cls(ports, keep_order=keep_order)
        found.add(results)
        return found

    def cleared(self) -> ResultSet:
        """An empty result set on the same plan, keeping the arrival order if this does."""
        return ResultSet(self.plan.ports, keep_order=self.keeps_order)

    @property
    def keeps_order(self) -> bool:
        return self._order is not None

    # Writing.

    def add_hosts(self, hosts: Iterable[tuple[str, str]]) -> range:
        """Hosts shown before any result, every door not probed yet; ``hosts`` are
        (label, address) pairs, known addresses skipped. Returns the new host rows."""
        first = len(self.hosts)
        size = self.plan.size
        for label, address in hosts:
            if address not in self._host_rows:
                self._host_rows[address] = len(self.hosts)
                self.hosts.append(HostDoors(label, address, size))
        return range(first, len(self.hosts))

    def add(self, results: Sequence[PortResult]) -> Delta:
        """Record a batch of results; a later result for a door replaces the earlier one.

        The window calls this on its own thread for every batch of a scan (thousands of
        results each 25 ms), so the loop is written for speed: no call per result, the
        host's columns held in locals while the results stay on one host."""
        first_host = len(self.hosts)
        if not results:
            return Delta(range(first_host, first_host), (), 0)
        plan_change = None
        rows = self.plan.rows_of(results)
        if -1 in rows:
            plan_change = self._grow_plan(results, rows)
            rows = self.plan.rows_of(results)
        host_rows, hosts, size = self._host_rows, self.hosts, self.plan.size
        order = self._order
        order_start = len(order) if order is not None else 0
        replaced: list[int] = []
        udp, udp_bit = Protocol.UDP, _UDP_BIT
        changed: dict[int, list[int]] = {}
        state_base, reason_code, slot_of, texts = _STATE_BASE, REASON_CODE, _COUNT_SLOT, self._texts
        address = host = span = None
        new_doors = 0
        host_row = 0
        for row, result in zip(rows, results, strict=True):
            if result.address != address:
                address = result.address
                host_row = host_rows.get(address, -1)
                if host_row < 0:
                    host_row = host_rows[address] = len(hosts)
                    host = HostDoors(result.host, address, size)
                    hosts.append(host)
                else:
                    host = hosts[host_row]
                span = None
                if host_row < first_host:
                    span = changed.get(host_row)
                    if span is None:
                        span = changed[host_row] = [row, row]
                codes, counts, label = host.codes, host.counts, host.label
                rtts, times = host.rtts, host.times
            code = state_base[result.state] + reason_code[result.reason]
            old = codes[row]
            if old:
                replaced.append(
                    host_row << 17 | (udp_bit if result.protocol is udp else 0) | result.port
                )
            else:
                new_doors += 1
                if order is not None:
                    order.append(
                        host_row << 17 | (udp_bit if result.protocol is udp else 0) | result.port
                    )
            if old != code:
                counts[slot_of[old]] -= 1
                counts[slot_of[code]] += 1
                codes[row] = code
            rtt = result.rtt
            rtts[row] = _NAN if rtt is None else rtt
            times[row] = result.scanned_at
            banner = result.banner
            if banner:
                host.banners[row] = texts.setdefault(banner, banner)
            elif host.banners:
                host.banners.pop(row, None)
            if result.host != label:
                host.names[row] = texts.setdefault(result.host, result.host)
            elif host.names:
                host.names.pop(row, None)
            if span is not None:
                if row < span[0]:
                    span[0] = row
                elif row > span[1]:
                    span[1] = row
        self._done += new_doors
        order_end = len(order) if order is not None else 0
        return Delta(
            range(first_host, len(hosts)),
            tuple((h, first, last) for h, (first, last) in sorted(changed.items())),
            new_doors,
            plan_change,
            range(order_start, order_end),
            tuple(replaced),
        )

    def _grow_plan(self, results: Sequence[PortResult], rows: list[int]) -> PlanChange:
        missing: dict[Protocol, set[int]] = {}
        for row, result in zip(rows, results, strict=True):
            if row < 0:
                if not 0 <= result.port < PORT_SPACE:
                    raise ValueError(f"port {result.port} is out of range 0-65535")
                missing.setdefault(result.protocol, set()).add(result.port)
        old = self.plan
        new = old.with_ports(missing)
        inserted = sorted(
            new.row(protocol, port) for protocol, ports in missing.items() for port in ports
        )
        steps: list[tuple[int, int]] = []
        kept = 0  # new rows accounted for so far
        for row in inserted:
            if steps and kept == row:
                steps[-1] = (steps[-1][0], steps[-1][1] + 1)
            else:
                steps.append((row - kept, 1))
            kept = row + 1
        for host in self.hosts:
            host.spread(steps)
        self.plan = new
        return PlanChange(old, new, tuple(steps))

    # Reading.

    def __len__(self) -> int:
        """How many doors have a result."""
        return self._done

    def host_row(self, address: str) -> int:
        """The row of the host with this address, -1 when it has no result."""
        return self._host_rows.get(address, -1)

    def result(self, host: HostDoors | int, row: int) -> PortResult | None:
        """The result for a door, None when it is not probed yet."""
        host_row = host if isinstance(host, int) else self._host_rows[host.address]
        return self.result_of(self.key(host_row, row))

    def get(self, address: str, protocol: Protocol, port: int) -> PortResult | None:
        host_row = self._host_rows.get(address)
        row = self.plan.row(protocol, port)
        if host_row is None or row < 0:
            return None
        return self.result(host_row, row)

    def __iter__(self) -> Iterator[PortResult]:
        """Every result, host by host in order of their first result, TCP then UDP, each
        by port."""
        for host in self.hosts:
            yield from self.host_results(host)

    def host_results(self, host: HostDoors | int) -> Iterator[PortResult]:
        """A host's results, TCP then UDP, each by port."""
        if isinstance(host, int):
            host = self.hosts[host]
        codes, rtts, times = host.codes, host.rtts, host.times
        label, address = host.label, host.address
        names, banners = host.names, host.banners
        state_of, reason_of = _STATE_OF, _REASON_OF
        for protocol, ports in self.plan.ports.items():
            offset = self.plan.offsets[protocol]
            for row in range(offset, offset + len(ports)):
                code = codes[row]
                if not code:
                    continue
                rtt = rtts[row]
                yield PortResult(
                    names.get(row, label) if names else label,
                    address,
                    protocol,
                    ports[row - offset],
                    state_of[code],
                    reason_of[code],
                    None if isnan(rtt) else rtt,
                    times[row],
                    banners.get(row, "") if banners else "",
                )

    def in_states(
        self, states: Iterable[PortState], *, by_address: bool = True
    ) -> Iterator[PortResult]:
        """The results in these states only (the open doors of a big scan are found at
        C speed: the columns are searched, not every door made a result)."""
        wanted = bytes(1 if _STATE_OF[code] in set(states) else 0 for code in range(256))
        hosts = self.by_address() if by_address else self.hosts
        for host in hosts:
            marks = host.codes.translate(wanted)
            row = marks.find(1)
            while row >= 0:
                yield self.result(host, row)
                row = marks.find(1, row + 1)

    def by_address(self) -> list[HostDoors]:
        """The hosts in address order (IPv4 before IPv6, numerically)."""
        return sorted(self.hosts, key=_address_key)

    def in_address_order(self) -> Iterator[PortResult]:
        """Every result by address, protocol and port: the order of reports."""
        for host in self.by_address():
            yield from self.host_results(host)

    def ordered(self, start: int = 0, stop: int | None = None) -> Iterator[tuple[int, int]]:
        """(host row, door row) of the doors in the order they got their first result
        (``keep_order=True``), from position ``start``."""
        for key in self.arrivals(start, stop):
            yield self.locate(key)

    def arrivals(self, start: int = 0, stop: int | None = None) -> array:
        """The door keys (see :func:`door_key`) in the order the doors got their first
        result (``keep_order=True``), positions ``start`` to ``stop``."""
        if self._order is None:
            raise ValueError("this result set does not keep the arrival order")
        return self._order[start:stop]

    def arrival(self, position: int) -> int:
        """The door key at ``position`` of the arrival order."""
        if self._order is None:
            raise ValueError("this result set does not keep the arrival order")
        return self._order[position]

    def order_length(self) -> int:
        return len(self._order) if self._order is not None else 0

    def locate(self, key: int) -> tuple[int, int]:
        """(host row, door row) of a door key; the door row is -1 when not planned."""
        protocol = PROTOCOLS[key >> 16 & 1]
        return key >> 17, self.plan.row(protocol, key & 0xFFFF)

    def key(self, host_row: int, row: int) -> int:
        """The door key of a host row and a door row."""
        protocol, port = self.plan.door(row)
        return door_key(host_row, protocol, port)

    def counts(self, *, unprobed: bool = False) -> dict[PortState | None, int]:
        """How many doors of all hosts are in each state; ``unprobed`` adds None, the
        doors not probed yet."""
        totals = [0] * (len(STATE_CODE) + 1)
        for host in self.hosts:
            for slot, count in enumerate(host.counts):
                totals[slot] += count
        first = 0 if unprobed else 1
        return dict(zip(_COUNT_STATES[first:], totals[first:], strict=True))

    def host_counts(self, host: HostDoors | int) -> dict[PortState | None, int]:
        """A host's doors per state; None counts the doors not probed yet."""
        if isinstance(host, int):
            host = self.hosts[host]
        return dict(zip(_COUNT_STATES, host.counts, strict=True))

    def result_of(self, key: int) -> PortResult | None:
        """The result for a door key (see :func:`door_key`), None when not probed yet."""
        return self.results_of((key,))[0]

    def results_of(self, keys: Iterable[int]) -> list[PortResult | None]:
        """The result for each door key (None: not probed yet), in one loop: a view sorts
        or searches its rows by what these say."""
        hosts, plan, state_of, reason_of = self.hosts, self.plan, _STATE_OF, _REASON_OF
        tcp_rows = plan.rows.get(Protocol.TCP, _UNPLANNED)
        udp_rows = plan.rows.get(Protocol.UDP, _UNPLANNED)
        tcp, udp = Protocol.TCP, Protocol.UDP
        found: list[PortResult | None] = []
        for key in keys:
            host = hosts[key >> 17]
            port = key & 0xFFFF
            is_udp = key & _UDP_BIT
            row = (udp_rows if is_udp else tcp_rows)[port]
            code = host.codes[row] if row >= 0 else 0
            if not code:
                found.append(None)
                continue
            rtt = host.rtts[row]
            found.append(
                PortResult(
                    host.names.get(row, host.label) if host.names else host.label,
                    host.address,
                    udp if is_udp else tcp,
                    port,
                    state_of[code],
                    reason_of[code],
                    None if isnan(rtt) else rtt,
                    host.times[row],
                    host.banners.get(row, "") if host.banners else "",
                )
            )
        return found

    def states_of(self, keys: Iterable[int]) -> list[PortState | None]:
        """The state of the door of each key (None: not probed yet), read straight from
        the columns: a view filtering by state asks this for every row."""
        hosts, plan, state_of = self.hosts, self.plan, _STATE_OF
        tcp = plan.rows.get(Protocol.TCP, _UNPLANNED)
        udp = plan.rows.get(Protocol.UDP, _UNPLANNED)
        return [
            state_of[hosts[key >> 17].codes[(udp if key & _UDP_BIT else tcp)[key & 0xFFFF]]]
            for key in keys
        ]

    def state(self, host: HostDoors | int, row: int) -> PortState | None:
        if isinstance(host, int):
            host = self.hosts[host]
        return _STATE_OF[host.codes[row]]


def _address_key(host: HostDoors) -> tuple[int, int]:
    try:
        address = ipaddress.ip_address(host.address)
    except ValueError:
        return (9, 0)
    return (address.version, int(address))
