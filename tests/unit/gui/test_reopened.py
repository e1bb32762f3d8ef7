"""A scan reopened from the history puts its targets, ports and protocol back in the form."""

from portwindow.engine import ProtocolChoice
from portwindow.engine.audit.history import NewScan
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.gui.reopened import protocol_of
from tests.unit.gui.driving import run


def _result(port, protocol=Protocol.TCP):
    reason = Reason.SYN_ACK if protocol is Protocol.TCP else Reason.UDP_RESPONSE
    return PortResult("127.0.0.1", "127.0.0.1", protocol, port, PortState.OPEN, reason, None, 1.8e9)


def test_reopening_a_top1000_scan_restores_the_ports(window, history, qloop):
    saved = history.save(NewScan(1.8e9, 1.8e9 + 1, "127.0.0.1", "top1000", False, 1), [_result(22)])
    window.form.set_targets("127.0.0.9")
    window.form.set_ports("all")
    assert run(qloop, window.history_controller.open_scan(saved))
    assert window.form.targets.edit.text() == "127.0.0.1"
    assert window.form.ports.edit.text() == "top1000"
    assert window.form.presets.currentText() == "Top 1000"
    assert window.form.protocol_choice() is ProtocolChoice.TCP
    assert window.form.valid


def test_the_protocol_follows_the_doors_knocked_on():
    udp = [_result(53, Protocol.UDP)]
    both = [_result(53, Protocol.UDP), _result(53)]
    assert protocol_of("top100", udp) is ProtocolChoice.UDP
    assert protocol_of("53", both) is ProtocolChoice.BOTH
    assert protocol_of("22,U:53", both) is ProtocolChoice.TCP  # the text says it itself
    assert protocol_of("22", [_result(22)]) is ProtocolChoice.TCP
