"""The one home of a scan's results once the engine yields them: a :class:`ResultSet`.

Every reader takes its results from here: the window's door and table views, the reports,
the audit, the history and the comparison of two scans. It keeps the rule that a later
result for a door (address, protocol, port) replaces the earlier one (a banner read after
the door was found open), so no reader has to.

Results are kept as bytes, not objects. Every host has the same doors: the scan's
:class:`~portwindow.engine.core.plan.Plan`, stored once. The set keeps three columns for
all its hosts together, host after host, each host a run of ``plan.size`` door rows: a
byte for state and reason (see ``codes.py``; 0 is "not probed yet"), the round-trip time
in microseconds (:data:`NO_RTT`: none) and the time of the probe in milliseconds from the
set's epoch (its first result's time), 9 bytes a door. A host costs its address and a
place in an index besides, about 140 bytes, so that a scan of millions of addresses with
one port each stays small. Banners and a second name for an address are kept aside, per
host, for the doors that have them. A :class:`HostDoors` is a view of one host's rows, and
:class:`~portwindow.engine.core.model.PortResult` objects are made on demand, one at a
time: a round-trip time reads back to the microsecond and a time to the millisecond, as
the reports and the history write them.

A result for a door the plan lacks makes the plan grow (a reopened report, an import):
every host's rows are spread to make room, and :class:`Delta.plan_change` says how the
rows moved. ``keep_order=True`` also logs the order in which doors got their first result
(8 bytes a door), for a view that lists them in arrival order. The log holds door keys
(:func:`~portwindow.engine.core.plan.door_key`), which a grown plan leaves as they are.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from portwindow.engine.core.codes import DOOR_REASON, DOOR_STATE, REASON_CODE, STATE_CODE
from portwindow.engine.core.column_reads import ColumnReads
from portwindow.engine.core.columns import (
    COUNT_SLOT,
    COUNT_STATES,
    NO_RTT,
    SLOT_BYTES,
    STATE_BASE,
    address_key,
    clamped_rtt,
    milliseconds,
)
from portwindow.engine.core.host_doors import HostDoors, Hosts
from portwindow.engine.core.host_index import HostIndex
from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.core.plan import (
    PORT_SPACE,
    UDP_BIT,
    UNPLANNED,
    Plan,
    PlanChange,
    counting_arrays,
    door_key,
    grown,
    row_remap,
    spread,
)

#: 1 for a door byte that is neither "not probed" nor a state and reason
_BAD_CODES = bytes(
    0 if code == 0 or (DOOR_STATE[code] is not None and DOOR_REASON[code] is not None) else 1
    for code in range(256)
)

__all__ = [
    "NO_RTT",
    "Delta",
    "HostDoors",
    "Plan",
    "PlanChange",
    "ResultSet",
    "counting_arrays",
    "door_key",
]


@dataclass(frozen=True, slots=True)
class Delta:
    """What one :meth:`ResultSet.add` changed, for the views to announce."""

    new_hosts: range  # host rows appended, in order
    changed: tuple[tuple[int, int, int], ...]  # (host row, first, last door row) of known hosts
    new_doors: int  # doors that got their first result
    plan_change: PlanChange | None = None
    order: range = range(0)  # positions added to the arrival log (keep_order)
    replaced: tuple[int, ...] = ()  # door keys of doors that had a result already


class ResultSet(ColumnReads):
    """The latest result per door of one scan (or one loaded report), kept as columns."""

    def __init__(
        self, plan: Mapping[Protocol, Iterable[int]] | None = None, *, keep_order: bool = False
    ) -> None:
        self.plan = Plan(plan)
        self._index = HostIndex()  # host row <-> address
        self._labels: dict[int, str] = {}  # host row -> its name, when not its address
        self._codes = bytearray()
        self._rtts = array("I")
        self._times = array("i")  # widened to 64 bits when a time is far from the epoch
        self._banners: dict[int, dict[int, str]] = {}  # host row -> door row -> banner
        self._names: dict[int, dict[int, str]] = {}  # host row -> door row -> another name
        self._texts: dict[str, str] = {}  # one copy of each banner and name
        self._totals = [0] * (len(STATE_CODE) + 1)  # not probed, then per state code
        #: The time the columns count from, in milliseconds (the first result's).
        self.epoch: int | None = None
        self._done = 0
        self._order: array | None = array("Q") if keep_order else None
        self._blanks()

    def _blanks(self) -> None:
        """A new host's rows, as they are before any result."""
        size = self.plan.size
        self._blank_codes = bytes(size)
        self._blank_rtts = array("I", [NO_RTT]) * size
        self._blank_times = array(self._times.typecode, [0]) * size

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

    @property
    def hosts(self) -> Sequence[HostDoors]:
        return Hosts(self)

    # Writing.

    def _new_host(self, label: str, address: str) -> int:
        row = self._index.add(address)
        if label != address:
            self._labels[row] = label
        self._codes += self._blank_codes
        self._rtts += self._blank_rtts
        self._times += self._blank_times
        self._totals[0] += self.plan.size
        return row

    def add_hosts(self, hosts: Iterable[tuple[str, str]]) -> range:
        """Hosts shown before any result, every door not probed yet; ``hosts`` are
        (label, address) pairs, known addresses skipped. Returns the new host rows."""
        first = len(self._index)
        for label, address in hosts:
            if self._index.row(address) < 0:
                self._new_host(label, address)
        return range(first, len(self._index))

    def append_columns(
        self, hosts: Sequence[tuple[str, str]], codes: bytes, rtts: array, times: array
    ) -> None:
        """Hosts with their whole columns (``plan.size`` rows each, times from
        :attr:`epoch`), as :meth:`columns` gave them: a saved scan read back without a
        result object per door. Raises ValueError for columns that do not fit, a door
        byte that is no state and reason, or an address already here."""
        if len({address for _label, address in hosts}) < len(hosts):
            raise ValueError("an address is there twice")
        size = self.plan.size
        if not len(codes) == len(rtts) == len(times) == len(hosts) * size:
            raise ValueError(f"the columns of {len(hosts):,} hosts are not {size:,} rows each")
        if codes.translate(_BAD_CODES).count(1):
            raise ValueError("a door's code is not a state and reason")
        if self.epoch is None:
            raise ValueError("the columns' epoch is not set")
        for _label, address in hosts:
            if self._index.row(address) >= 0:
                raise ValueError(f"the address {address} is there twice")
        for label, address in hosts:
            row = self._index.add(address)
            if label != address:
                self._labels[row] = label
        self._codes += codes
        self._rtts += rtts
        if times.typecode == "q" and self._times.typecode != "q":
            self._widen_times()
        self._times += times if times.typecode == self._times.typecode else array("q", times)
        slots = codes.translate(SLOT_BYTES)
        for slot in range(len(self._totals)):
            self._totals[slot] += slots.count(slot)
        self._done += len(codes) - slots.count(0)

    def put_banner(self, host_row: int, row: int, banner: str) -> None:
        """The banner of a probed door (a saved scan read back); ValueError otherwise."""
        if not 0 <= host_row < len(self._index) or not 0 <= row < self.plan.size:
            raise ValueError("a banner is for a door the scan does not have")
        if not self._codes[host_row * self.plan.size + row]:
            raise ValueError("a banner is for a door that was not probed")
        self._banners.setdefault(host_row, {})[row] = self._texts.setdefault(banner, banner)

    def add(self, results: Sequence[PortResult]) -> Delta:
        """Record a batch of results; a later result for a door replaces the earlier one.

        Every scan's every result passes here (the window's on its own thread, in batches
        of thousands each 25 ms), so the loop is written for speed: no call per result
        but the rounding of its times, the host's place held while the results stay on
        one host."""
        first_host = len(self._index)
        if not results:
            return Delta(range(first_host, first_host), (), 0)
        plan_change = None
        rows = self.plan.rows_of(results)
        if -1 in rows:
            plan_change = self._grow_plan(results, rows)
            rows = self.plan.rows_of(results)
        if self.epoch is None:
            self.epoch = milliseconds(results[0].scanned_at)
        host_row_of, labels, size = self._index.row, self._labels, self.plan.size
        codes, rtts, times = self._codes, self._rtts, self._times
        all_banners, all_names, totals = self._banners, self._names, self._totals
        order = self._order
        order_start = len(order) if order is not None else 0
        replaced: list[int] = []
        udp, udp_bit = Protocol.UDP, UDP_BIT
        changed: dict[int, list[int]] = {}
        state_base, reason_code, slot_of, texts = STATE_BASE, REASON_CODE, COUNT_SLOT, self._texts
        epoch = self.epoch
        address = span = banners = names = None
        label = ""
        new_doors = host_row = base = 0
        last_time, offset = None, 0
        for row, result in zip(rows, results, strict=True):
            if result.address != address:
                address = result.address
                host_row = host_row_of(address)
                if host_row < 0:
                    host_row = self._new_host(result.host, address)
                span = None
                if host_row < first_host:
                    span = changed.get(host_row)
                    if span is None:
                        span = changed[host_row] = [row, row]
                label = labels.get(host_row, address) if labels else address
                base = host_row * size
                banners = all_banners.get(host_row)
                names = all_names.get(host_row)
            door = base + row
            code = state_base[result.state] + reason_code[result.reason]
            old = codes[door]
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
                totals[slot_of[old]] -= 1
                totals[slot_of[code]] += 1
                codes[door] = code
            rtt = result.rtt
            if rtt is None:
                rtts[door] = NO_RTT
            else:
                try:
                    rtts[door] = round(rtt * 1e6)
                except (OverflowError, ValueError):
                    rtts[door] = clamped_rtt(rtt)
            moment = result.scanned_at
            if moment != last_time:
                last_time, offset = moment, milliseconds(moment) - epoch
            try:
                times[door] = offset
            except OverflowError:
                times = self._widen_times()
                times[door] = offset
            banner = result.banner
            if banner:
                if banners is None:
                    banners = all_banners[host_row] = {}
                banners[row] = texts.setdefault(banner, banner)
            elif banners:
                banners.pop(row, None)
            if result.host != label:
                if names is None:
                    names = all_names[host_row] = {}
                names[row] = texts.setdefault(result.host, result.host)
            elif names:
                names.pop(row, None)
            if span is not None:
                if row < span[0]:
                    span[0] = row
                elif row > span[1]:
                    span[1] = row
        self._done += new_doors
        order_end = len(order) if order is not None else 0
        return Delta(
            range(first_host, len(self._index)),
            tuple((h, first, last) for h, (first, last) in sorted(changed.items())),
            new_doors,
            plan_change,
            range(order_start, order_end),
            tuple(replaced),
        )

    def _widen_times(self) -> array:
        """A time too far from the epoch for 32 bits: every time gets 64."""
        if self._times.typecode == "q":
            raise OverflowError("a result's time is out of range")
        self._times = array("q", self._times)
        self._blanks()
        return self._times

    def _grow_plan(self, results: Sequence[PortResult], rows: list[int]) -> PlanChange:
        missing: dict[Protocol, set[int]] = {}
        for row, result in zip(rows, results, strict=True):
            if row < 0:
                if not 0 <= result.port < PORT_SPACE:
                    raise ValueError(f"port {result.port} is out of range 0-65535")
                missing.setdefault(result.protocol, set()).add(result.port)
        change = grown(self.plan, missing)
        old_size, steps = self.plan.size, change.steps
        codes, rtts, times = bytearray(), array("I"), array(self._times.typecode)
        no_code, no_rtt, no_time = bytearray(1), array("I", [NO_RTT]), array(times.typecode, [0])
        for host_row in range(len(self._index)):
            start, stop = host_row * old_size, (host_row + 1) * old_size
            codes += spread(self._codes[start:stop], steps, no_code)
            rtts += spread(self._rtts[start:stop], steps, no_rtt)
            times += spread(self._times[start:stop], steps, no_time)
        self._codes, self._rtts, self._times = codes, rtts, times
        self._totals[0] += len(self._index) * (change.new.size - old_size)
        remap = row_remap(steps)
        for kept in (self._banners, self._names):
            for host_row, by_row in kept.items():
                kept[host_row] = {remap(row): text for row, text in by_row.items()}
        self.plan = change.new
        self._blanks()
        return change

    # Reading.

    def __len__(self) -> int:
        """How many doors have a result."""
        return self._done

    def host_row(self, address: str) -> int:
        """The row of the host with this address, -1 when it has no result."""
        return self._index.row(address)

    def address(self, host_row: int) -> str:
        return self._index.address(host_row)

    def label(self, host_row: int) -> str:
        label = self._labels.get(host_row) if self._labels else None
        return self._index.address(host_row) if label is None else label

    def result(self, host: HostDoors | int, row: int) -> PortResult | None:
        """The result for a door, None when it is not probed yet."""
        host_row = host if isinstance(host, int) else host.row
        protocol, port = self.plan.door(row)
        return self._result(host_row, row, protocol, port)

    def _result(self, host_row: int, row: int, protocol: Protocol, port: int) -> PortResult | None:
        door = host_row * self.plan.size + row
        code = self._codes[door]
        if not code:
            return None
        rtt = self._rtts[door]
        names = self._names.get(host_row)
        banners = self._banners.get(host_row)
        return PortResult(
            names.get(row, self.label(host_row)) if names else self.label(host_row),
            self._index.address(host_row),
            protocol,
            port,
            DOOR_STATE[code],
            DOOR_REASON[code],
            None if rtt == NO_RTT else rtt / 1e6,
            (self.epoch + self._times[door]) / 1000,
            banners.get(row, "") if banners else "",
        )

    def get(self, address: str, protocol: Protocol, port: int) -> PortResult | None:
        host_row = self._index.row(address)
        row = self.plan.row(protocol, port)
        if host_row < 0 or row < 0:
            return None
        return self._result(host_row, row, protocol, port)

    def __iter__(self) -> Iterator[PortResult]:
        """Every result, host by host in order of their first result, TCP then UDP, each
        by port."""
        for host_row in range(len(self._index)):
            yield from self.host_results(host_row)

    def host_results(self, host: HostDoors | int) -> Iterator[PortResult]:
        """A host's results, TCP then UDP, each by port."""
        host_row = host if isinstance(host, int) else host.row
        plan = self.plan
        base = host_row * plan.size
        codes = self._codes[base : base + plan.size]
        if not any(codes):
            return
        rtts, times, epoch = self._rtts, self._times, self.epoch
        label, address = self.label(host_row), self._index.address(host_row)
        names, banners = self._names.get(host_row), self._banners.get(host_row)
        state_of, reason_of = DOOR_STATE, DOOR_REASON
        for protocol, ports in plan.ports.items():
            offset = plan.offsets[protocol]
            for row in range(offset, offset + len(ports)):
                code = codes[row]
                if not code:
                    continue
                rtt = rtts[base + row]
                yield PortResult(
                    names.get(row, label) if names else label,
                    address,
                    protocol,
                    ports[row - offset],
                    state_of[code],
                    reason_of[code],
                    None if rtt == NO_RTT else rtt / 1e6,
                    (epoch + times[base + row]) / 1000,
                    banners.get(row, "") if banners else "",
                )

    def marked(self, wanted: bytes) -> dict[int, list[int]]:
        """host row -> the door rows whose byte ``wanted`` (a translation table) marks
        with 1, found at C speed: the open doors of a big scan without a loop per door."""
        size = self.plan.size
        found: dict[int, list[int]] = {}
        if not size:
            return found
        marks = self._codes.translate(wanted)
        position = marks.find(1)
        while position >= 0:
            host_row, row = divmod(position, size)
            found.setdefault(host_row, []).append(row)
            position = marks.find(1, position + 1)
        return found

    def in_states(
        self, states: Iterable[PortState], *, by_address: bool = True
    ) -> Iterator[PortResult]:
        """The results in these states only, by address (or in order of the hosts' first
        results)."""
        chosen = set(states)
        found = self.marked(bytes(1 if DOOR_STATE[c] in chosen else 0 for c in range(256)))
        host_rows = sorted(found)
        if by_address:
            host_rows.sort(key=lambda h: address_key(self._index.address(h)))
        for host_row in host_rows:
            for row in found[host_row]:
                yield self.result(host_row, row)

    def by_address(self) -> list[HostDoors]:
        """The hosts in address order (IPv4 before IPv6, numerically)."""
        return [HostDoors(self, row) for row in self.rows_by_address()]

    def rows_by_address(self) -> Sequence[int]:
        """The host rows in address order."""
        return self._index.by_address()

    def in_address_order(self) -> Iterator[PortResult]:
        """Every result by address, protocol and port: the order of reports."""
        for host_row in self.rows_by_address():
            yield from self.host_results(host_row)

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
        protocol = Protocol.UDP if key & UDP_BIT else Protocol.TCP
        return key >> 17, self.plan.row(protocol, key & 0xFFFF)

    def key(self, host_row: int, row: int) -> int:
        """The door key of a host row and a door row."""
        protocol, port = self.plan.door(row)
        return door_key(host_row, protocol, port)

    def counts(self, *, unprobed: bool = False) -> dict[PortState | None, int]:
        """How many doors of all hosts are in each state; ``unprobed`` adds None, the
        doors not probed yet."""
        first = 0 if unprobed else 1
        return dict(zip(COUNT_STATES[first:], self._totals[first:], strict=True))

    def host_counts(self, host: HostDoors | int) -> dict[PortState | None, int]:
        """A host's doors per state; None counts the doors not probed yet."""
        host_row = host if isinstance(host, int) else host.row
        size = self.plan.size
        slots = self._codes[host_row * size : (host_row + 1) * size].translate(SLOT_BYTES)
        return {state: slots.count(slot) for slot, state in enumerate(COUNT_STATES)}

    def result_of(self, key: int) -> PortResult | None:
        """The result for a door key (see :func:`door_key`), None when not probed yet."""
        return self.results_of((key,))[0]

    def results_of(self, keys: Iterable[int]) -> list[PortResult | None]:
        """The result for each door key (None: not probed yet), in one loop: a view sorts
        or searches its rows by what these say."""
        plan = self.plan
        tcp_rows = plan.rows.get(Protocol.TCP, UNPLANNED)
        udp_rows = plan.rows.get(Protocol.UDP, UNPLANNED)
        tcp, udp = Protocol.TCP, Protocol.UDP
        found: list[PortResult | None] = []
        for key in keys:
            is_udp = key & UDP_BIT
            port = key & 0xFFFF
            row = (udp_rows if is_udp else tcp_rows)[port]
            found.append(
                None if row < 0 else self._result(key >> 17, row, udp if is_udp else tcp, port)
            )
        return found

    def states_of(self, keys: Iterable[int]) -> list[PortState | None]:
        """The state of the door of each key (None: not probed yet), read straight from
        the columns: a view filtering by state asks this for every row."""
        plan, codes, state_of, size = self.plan, self._codes, DOOR_STATE, self.plan.size
        tcp = plan.rows.get(Protocol.TCP, UNPLANNED)
        udp = plan.rows.get(Protocol.UDP, UNPLANNED)
        return [
            state_of[codes[(key >> 17) * size + (udp if key & UDP_BIT else tcp)[key & 0xFFFF]]]
            for key in keys
        ]

    def state(self, host: HostDoors | int, row: int) -> PortState | None:
        host_row = host if isinstance(host, int) else host.row
        return DOOR_STATE[self._codes[host_row * self.plan.size + row]]
