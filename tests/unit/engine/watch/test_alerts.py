"""Alerts: one per door, in one sentence, capped per run; a hook that hangs is stopped."""

import sys

from portwindow.engine.audit.diff import Change, DoorChange
from portwindow.engine.audit.expected import Audit, AuditItem, Finding
from portwindow.engine.core.model import PortState, Protocol
from portwindow.engine.watch.alerts import MAX_ALERTS, alerts_for, run_hook_command

TCP = Protocol.TCP


def opened(port, address="192.0.2.7"):
    return DoorChange(Change.OPENED, address, address, TCP, port, PortState.CLOSED, PortState.OPEN)


def test_a_door_opened_and_unexpected_is_one_alert_and_a_missing_one_another():
    audit = Audit(
        (
            AuditItem(Finding.UNEXPECTED, "192.0.2.7", "192.0.2.7", TCP, 8080, PortState.OPEN),
            AuditItem(Finding.MISSING, "192.0.2.7", "192.0.2.7", TCP, 22, PortState.FILTERED),
            AuditItem(Finding.NOT_CHECKED, "192.0.2.7", "192.0.2.7", TCP, 23, None),
        ),
        1,
    )
    alerts = alerts_for("web", [opened(8080)], audit, set(), scan_id=2, previous_id=1)
    assert [(a.port, a.kinds) for a in alerts] == [
        (22, ("missing",)),
        (8080, ("opened", "unexpected")),
    ]
    assert alerts[0].sentence == "Watch web: 22/tcp on 192.0.2.7 is expected open but filtered."
    told = {"missing 192.0.2.7 tcp 22", "unexpected 192.0.2.7 tcp 8080"}
    again = alerts_for("web", [], audit, told, scan_id=3, previous_id=2)
    assert again == []


def test_many_changes_are_capped_with_one_alert_that_counts_the_rest():
    changes = [opened(port) for port in range(1000, 1000 + MAX_ALERTS + 50)]
    alerts = alerts_for("web", changes, None, set(), scan_id=2, previous_id=1)
    assert len(alerts) == MAX_ALERTS
    assert alerts[-1].kinds == ("more",)
    assert alerts[-1].sentence.startswith("Watch web: 51 more doors changed")


def test_a_hook_command_that_hangs_is_stopped_and_said():
    (alert,) = alerts_for("web", [opened(80)], None, set(), scan_id=2, previous_id=1)
    lines = []
    hang = (sys.executable, "-c", "import time; time.sleep(30)")
    assert not run_hook_command(hang, alert, lines.append, seconds=0.5)
    assert lines == [f"watch web: the hook command {sys.executable} ran over 0.5 s, stopped"]
