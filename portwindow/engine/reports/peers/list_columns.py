"""A line-by-line report read into a result set's columns without a result object per
line (``masscan.py``'s list reader: a million lines is a million doors).

Each line adds four numbers to four arrays: its host's number, its door's number (a
(protocol, port) pair), the door's byte (its state and reason, ``core/codes.py``) and
its time's number. At the end the plan is the ports seen, and each host's whole
columns are filled in one pass and handed to
:meth:`~portwindow.engine.core.results.ResultSet.append_columns`; a door listed twice
keeps its later line, as :meth:`ResultSet.add` would.
"""

from __future__ import annotations

from array import array

from portwindow.engine.core.codes import REASON_CODE
from portwindow.engine.core.columns import NO_RTT, STATE_BASE, milliseconds
from portwindow.engine.core.model import PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet

_INT32 = 2**31 - 1


def door_code(state: PortState, reason: Reason) -> int:
    """A door's byte in a result set's columns."""
    return STATE_BASE[state] + REASON_CODE[reason]


class ListColumns:
    """The lines of one report, as numbers (see the module docstring)."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self._host_numbers: dict[str, int] = {}
        self.doors: list[tuple[Protocol, int]] = []
        self._door_numbers: dict[tuple[Protocol, int], int] = {}
        self._moments: list[int] = []  # milliseconds of each time's number
        self._hosts = array("I")
        self._door_of = array("I")
        self._codes = bytearray()
        self._times = array("I")

    def host(self, address: str) -> int:
        """The number of a host (its canonical address; two texts may name one)."""
        number = self._host_numbers.get(address)
        if number is None:
            number = self._host_numbers[address] = len(self.addresses)
            self.addresses.append(address)
        return number

    def door(self, protocol: Protocol, port: int) -> int:
        key = (protocol, port)
        number = self._door_numbers.get(key)
        if number is None:
            number = self._door_numbers[key] = len(self.doors)
            self.doors.append(key)
        return number

    def moment(self, seconds: float) -> int:
        """The number of a time first seen."""
        self._moments.append(milliseconds(seconds))
        return len(self._moments) - 1

    def add(self, host: int, door: int, code: int, moment: int) -> None:
        self._hosts.append(host)
        self._door_of.append(door)
        self._codes.append(code)
        self._times.append(moment)

    def result_set(self) -> ResultSet:
        """The lines' doors as one result set, planned on the ports the lines name."""
        listed = sorted({self.doors[d] for d in set(self._door_of)}, key=_by_port)
        plan: dict[Protocol, list[int]] = {protocol: [] for protocol in Protocol}
        for protocol, port in listed:
            plan[protocol].append(port)
        found = ResultSet(plan)
        if not self._codes:
            return found
        used = sorted(set(self._hosts))  # hosts of banner lines alone are not here yet
        row_of_host = [0] * len(self.addresses)
        for row, host in enumerate(used):
            row_of_host[host] = row
        size = found.plan.size
        door_row = [found.plan.row(protocol, port) for protocol, port in self.doors]
        epoch = min(self._moments)
        spans = max(self._moments) - epoch > _INT32
        offsets = [moment - epoch for moment in self._moments]
        codes = bytearray(len(used) * size)
        rtts = array("I", [NO_RTT]) * (len(used) * size)
        times = array("q" if spans else "i", [0]) * (len(used) * size)
        for host, door, code, moment in zip(
            self._hosts, self._door_of, self._codes, self._times, strict=True
        ):
            cell = row_of_host[host] * size + door_row[door]
            codes[cell] = code
            times[cell] = offsets[moment]
        found.epoch = epoch
        addresses = self.addresses
        found.append_columns(
            [(addresses[h], addresses[h]) for h in used], bytes(codes), rtts, times
        )
        return found


def _by_port(door: tuple[Protocol, int]) -> tuple[str, int]:
    return door[0].value, door[1]
