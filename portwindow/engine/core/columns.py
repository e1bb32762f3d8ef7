"""How a result's values are kept in a :class:`~portwindow.engine.core.results.ResultSet`'s
columns, and read back: door bytes and their count slots, round-trip times in
microseconds, times in milliseconds, and the order of hosts by address.
"""

from __future__ import annotations

import ipaddress
import math
import socket
from collections.abc import Mapping
from types import MappingProxyType

from portwindow.engine.core.codes import PROBED, STATE_CODE, STATES
from portwindow.engine.core.model import PortState

NO_RTT = 0xFFFFFFFF
"""The round-trip time column's value for a door without one."""
MAX_RTT = NO_RTT - 1  # about 71 minutes, in microseconds

#: state -> its door byte with reason 0; add the reason's code
STATE_BASE = {state: PROBED + (code << 4) for state, code in STATE_CODE.items()}
#: a door byte's slot in the counts: 0 not probed, then 1 + its state's code
COUNT_SLOT = tuple(0 if code < PROBED else 1 + ((code - PROBED) >> 4) for code in range(256))
SLOT_BYTES = bytes(COUNT_SLOT)
COUNT_STATES: tuple[PortState | None, ...] = (None, *STATES[: len(STATE_CODE)])
NONE: Mapping[int, str] = MappingProxyType({})


def milliseconds(moment: float) -> int:
    """A time in seconds as whole milliseconds (0 for one that is not a number)."""
    try:
        return round(moment * 1000)
    except (OverflowError, ValueError):  # a time that is not a number: the epoch's
        return 0


def clamped_rtt(rtt: float) -> int:
    """The column's value for a round-trip time out of its range."""
    if math.isnan(rtt):
        return NO_RTT
    return 0 if rtt < 0 else MAX_RTT


def address_key(address: str) -> tuple[int, bytes]:
    """How hosts sort: IPv4 before IPv6, each numerically, then anything else."""
    try:
        return (4, socket.inet_pton(socket.AF_INET, address))
    except OSError:
        pass
    try:
        return (6, socket.inet_pton(socket.AF_INET6, address))
    except OSError:
        pass
    try:
        parsed = ipaddress.ip_address(address)  # one with a scope (fe80::1%eth0)
    except ValueError:
        return (9, b"")
    return (parsed.version, parsed.packed)
