"""The engine's result types (portwindow/engine/core/model.py)."""

import copy
import pickle

import pytest

from portwindow.engine.core.model import PortClass, PortState, Protocol, Reason


@pytest.mark.parametrize("kind", [Protocol, PortState, Reason, PortClass])
def test_members_hash_by_identity_and_stay_singletons(kind):
    members = list(kind)
    index = {member: position for position, member in enumerate(members)}
    for position, member in enumerate(members):
        assert index[member] == position
        assert hash(member) == object.__hash__(member)
        assert kind(member.value) is member
        assert pickle.loads(pickle.dumps(member)) is member
        assert copy.deepcopy(member) is member
    assert len(set(members)) == len(members)
    assert members[0] != members[0].value  # plain Enums: a member is not its value


@pytest.mark.parametrize(
    ("port", "kind"),
    [
        (0, PortClass.WELL_KNOWN),
        (1023, PortClass.WELL_KNOWN),
        (1024, PortClass.REGISTERED),
        (49151, PortClass.REGISTERED),
        (49152, PortClass.DYNAMIC),
        (65535, PortClass.DYNAMIC),
    ],
)
def test_port_classes_follow_rfc_6335(port, kind):
    assert PortClass.of(port) is kind
