"""Waivers in the expected-doors file (TOML and CSV): read, checked, applied by date."""

import datetime as dt

import pytest

from portwindow.engine.audit.expected import Finding, audit_results, load_rules
from portwindow.engine.audit.waivers import apply_waivers, load_waivers
from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason

TOML = """[expected]
"192.0.2.0/24" = ["22/tcp"]

[[waived]]
target = "192.0.2.7"
doors = ["8080/tcp"]
reason = "the migration"
owner = "ana"
expires = 2026-12-31
"""
CSV = """target,port,protocol,reason,owner,expires
192.0.2.0/24,22,tcp,,,
192.0.2.7,8080,tcp,the migration,ana,2026-12-31
"""


def results():
    def door(port, state):
        return PortResult(
            "192.0.2.7", "192.0.2.7", Protocol.TCP, port, state, Reason.SYN_ACK, None, 0.0
        )

    return [door(22, PortState.OPEN), door(8080, PortState.OPEN), door(9090, PortState.OPEN)]


@pytest.mark.parametrize(("name", "text"), [("doors.toml", TOML), ("doors.csv", CSV)])
def test_a_waiver_moves_its_finding_aside_until_it_expires(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    rules = load_rules(path)
    assert rules.as_dict().keys() == {"192.0.2.0/24"}  # a waiver row is not an expected door
    (waiver,) = load_waivers(path)
    assert (waiver.owner, waiver.expires) == ("ana", dt.date(2026, 12, 31))
    audit = audit_results(results(), rules)
    held = apply_waivers(audit, [waiver], dt.date(2026, 12, 31))
    assert [i.port for i in held.unexpected] == [9090]
    assert [w.item.port for w in held.waived] == [8080]
    assert "1 waived" in held.summary()
    expired = apply_waivers(audit, [waiver], dt.date(2027, 1, 1))
    assert [i.port for i in expired.of(Finding.UNEXPECTED)] == [8080, 9090]
    assert expired.waived == ()


@pytest.mark.parametrize(
    ("waiver", "named"),
    [
        ('target = "192.0.2.7"\ndoors = ["1/tcp"]\nowner = "a"\nexpires = 2026-01-01', "reason"),
        ('target = "192.0.2.7"\ndoors = ["1/tcp"]\nreason = "r"\nexpires = 2026-01-01', "owner"),
        ('target = "192.0.2.7"\ndoors = ["1/tcp"]\nreason = "r"\nowner = "a"', "expiry"),
        (
            'target = "192.0.2.7"\ndoors = ["1/tcp"]\nreason = "r"\nowner = "a"\nexpires = "soon"',
            "soon",
        ),
        (
            'target = "192.0.2.7"\ndoors = ["99999/tcp"]\nreason = "r"\nowner = "a"\n'
            "expires = 2026-01-01",
            "99999",
        ),
    ],
)
def test_a_bad_waiver_is_one_line_naming_it(tmp_path, waiver, named):
    path = tmp_path / "doors.toml"
    path.write_text(f'[expected]\n"*" = []\n[[waived]]\n{waiver}\n')
    with pytest.raises(InputError, match="waiver 1") as caught:
        load_waivers(path)
    assert named in str(caught.value)
