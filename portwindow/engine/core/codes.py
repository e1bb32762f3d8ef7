"""The numbers that stand for states, reasons and protocols wherever results are kept as
bytes: in a :class:`~portwindow.engine.core.results.ResultSet` in memory and in the
history on disk.

The tables are explicit and frozen: a code, once given, keeps its meaning forever, since
saved scans are read back with it (``tests/unit/engine/core/test_codes.py`` pins every one).
A new member gets the next free code; reordering the enums changes nothing here; a member
without a code fails at import, never at the next save.

A door's byte packs both: ``state << 4 | reason`` (the history's "codes" column), and in
memory :data:`PROBED` is added so that 0 means "not probed yet".
"""

from __future__ import annotations

from types import MappingProxyType

from portwindow.engine.core.model import PortState, Protocol, Reason

STATE_CODE = MappingProxyType(
    {
        PortState.OPEN: 0,
        PortState.CLOSED: 1,
        PortState.FILTERED: 2,
        PortState.OPEN_FILTERED: 3,
    }
)
REASON_CODE = MappingProxyType(
    {
        Reason.SYN_ACK: 0,
        Reason.CONN_REFUSED: 1,
        Reason.UDP_RESPONSE: 2,
        Reason.PORT_UNREACH: 3,
        Reason.NO_RESPONSE: 4,
        Reason.HOST_UNREACH: 5,
        Reason.NET_UNREACH: 6,
        Reason.ADMIN_PROHIBITED: 7,
        Reason.PROTO_UNREACH: 8,
        Reason.ERROR: 9,
        Reason.RESET: 10,
        Reason.OTHER: 11,
    }
)
PROTOCOL_CODE = MappingProxyType({Protocol.TCP: 0, Protocol.UDP: 1})

#: Added to a door's byte in memory, so that 0 is "not probed yet".
PROBED = 1 << 4


def _inverse(table, kind, width: int) -> tuple:
    missing = [member for member in kind if member not in table]
    if missing:
        raise RuntimeError(f"no code for {missing}: give each new member the next free code")
    if len(set(table.values())) != len(table) or max(table.values()) >= width:
        raise RuntimeError(f"the codes of {kind.__name__} must be unique and below {width}")
    inverse = [None] * width
    for member, code in table.items():
        inverse[code] = member
    return tuple(inverse)


#: code -> member (None for a code not given yet)
STATES: tuple[PortState | None, ...] = _inverse(STATE_CODE, PortState, 15)
REASONS: tuple[Reason | None, ...] = _inverse(REASON_CODE, Reason, 16)
PROTOCOLS: tuple[Protocol | None, ...] = _inverse(PROTOCOL_CODE, Protocol, 2)


def door_code(state: PortState, reason: Reason) -> int:
    """The history's byte for a door: ``state << 4 | reason``."""
    return STATE_CODE[state] << 4 | REASON_CODE[reason]


#: a door byte in memory -> its state and reason (None for 0: not probed)
DOOR_STATE: tuple[PortState | None, ...] = tuple(
    None if code < PROBED or code - PROBED >= 0xF0 else STATES[(code - PROBED) >> 4]
    for code in range(256)
)
DOOR_REASON: tuple[Reason | None, ...] = tuple(
    None if code < PROBED else REASONS[code & 0x0F] for code in range(256)
)
#: (state, reason) -> a door byte in memory
DOOR_CODE = MappingProxyType(
    {
        (state, reason): PROBED + door_code(state, reason)
        for state in STATE_CODE
        for reason in REASON_CODE
    }
)
#: for bytes.translate: door bytes in memory <-> the history's bytes
TO_HISTORY = bytes((code - PROBED) & 0xFF for code in range(256))
FROM_HISTORY = bytes((code + PROBED) & 0xFF for code in range(256))
