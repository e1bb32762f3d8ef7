"""Saved scans for the find tests: results put in the history and reopened, so that the
window shows them as after a scan (no probe is sent)."""

from portwindow.engine.audit.history import NewScan
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from tests.unit.gui.driving import run

TCP, UDP = Protocol.TCP, Protocol.UDP
REASONS = {
    PortState.OPEN: Reason.SYN_ACK,
    PortState.CLOSED: Reason.CONN_REFUSED,
    PortState.FILTERED: Reason.NO_RESPONSE,
}


def result(port, state, address="127.0.0.1", banner=""):
    return PortResult(address, address, TCP, port, state, REASONS[state], 0.001, 1000.0, banner)


def reopen(window, history, qloop, results, targets="127.0.0.1"):
    """Save ``results`` as a scan and reopen it in the window."""
    record = NewScan(1000.0, 1001.0, targets, "1-65535", False, len(results))
    scan_id = history.save(record, results)
    assert run(qloop, window.history_controller.open_scan(scan_id))
    return scan_id


def spread(open_ports, last=3000, address="127.0.0.1"):
    """Ports 1-``last`` closed but ``open_ports``: open doors among many rows."""
    return [
        result(port, PortState.OPEN if port in open_ports else PortState.CLOSED, address)
        for port in range(1, last + 1)
    ]
