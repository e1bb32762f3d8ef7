"""The codes that saved scans are read back with: every one pinned here. Changing one of
these numbers makes every history on disk read wrong, so the test must never be edited to
follow the code; a new member gets a new, higher number."""

import pytest

from portwindow.engine.core import codes
from portwindow.engine.core.model import PortState, Protocol, Reason

PINNED_STATES = {"open": 0, "closed": 1, "filtered": 2, "open|filtered": 3}
PINNED_REASONS = {
    "syn-ack": 0,
    "conn-refused": 1,
    "udp-response": 2,
    "port-unreach": 3,
    "no-response": 4,
    "host-unreach": 5,
    "net-unreach": 6,
    "admin-prohibited": 7,
    "proto-unreach": 8,
    "error": 9,
    "reset": 10,
    "other": 11,
}
PINNED_PROTOCOLS = {"tcp": 0, "udp": 1}


@pytest.mark.parametrize(
    ("table", "kind", "pinned"),
    [
        (codes.STATE_CODE, PortState, PINNED_STATES),
        (codes.REASON_CODE, Reason, PINNED_REASONS),
        (codes.PROTOCOL_CODE, Protocol, PINNED_PROTOCOLS),
    ],
)
def test_every_code_is_pinned(table, kind, pinned):
    assert {member.value: code for member, code in table.items()} == pinned
    assert set(table) == set(kind)


def test_the_inverse_tables_read_every_code_back():
    for member, code in codes.STATE_CODE.items():
        assert codes.STATES[code] is member
    for member, code in codes.REASON_CODE.items():
        assert codes.REASONS[code] is member
    for member, code in codes.PROTOCOL_CODE.items():
        assert codes.PROTOCOLS[code] is member


def test_a_door_packs_state_and_reason():
    assert codes.door_code(PortState.OPEN, Reason.SYN_ACK) == 0x00
    assert codes.door_code(PortState.CLOSED, Reason.CONN_REFUSED) == 0x11
    assert codes.door_code(PortState.OPEN_FILTERED, Reason.NO_RESPONSE) == 0x34
    assert codes.PROBED == 0x10


def test_a_member_without_a_code_fails_loudly():
    import enum

    class Grown(enum.Enum):
        A = "a"
        B = "b"

    with pytest.raises(RuntimeError, match="no code for"):
        codes._inverse({Grown.A: 0}, Grown, 16)
    with pytest.raises(RuntimeError, match="unique and below 16"):
        codes._inverse({Grown.A: 0, Grown.B: 16}, Grown, 16)
