"""The table's Detected, Product and Finding cells: their text, tooltip and order."""

from portwindow.engine.audit.expected import Expectations, audit_results, parse_doors
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.input.services import default_registry
from portwindow.engine.present.table import HEADERS, Column, cell_text, cell_tooltip, sort_value

SSH = "SSH-2.0-OpenSSH_9.2p1\r\n"


def door(port, state=PortState.OPEN, banner=""):
    reason = Reason.SYN_ACK if state is PortState.OPEN else Reason.CONN_REFUSED
    return PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.TCP, port, state, reason, None, 1.0, banner
    )


def test_the_detected_service_and_product_beside_ianas():
    result = door(2222, banner=SSH)
    info = default_registry().lookup(2222, Protocol.TCP)
    assert HEADERS[Column.DETECTED_SERVICE] == "Detected"
    assert cell_text(result, Column.SERVICE, info) == "EtherNet-IP-1"
    assert cell_text(result, Column.DETECTED_SERVICE, info) == "ssh"
    assert cell_text(result, Column.DETECTED_PRODUCT, info) == "OpenSSH 9.2p1"
    assert "answers as ssh" in cell_tooltip(result, Column.DETECTED_SERVICE, info)
    plain = door(2223)
    assert cell_text(plain, Column.DETECTED_SERVICE, info) == ""
    # doors with a detected service sort first
    assert sort_value(result, Column.DETECTED_SERVICE, info) < sort_value(
        plain, Column.DETECTED_SERVICE, info
    )


def test_the_finding_cell_names_it_and_its_tooltip_explains_it():
    results = [door(21), door(5432, PortState.CLOSED)]
    audit = audit_results(results, Expectations({"127.0.0.0/29": parse_doors("5432")}))
    (missing,) = audit.missing
    info = default_registry().lookup(5432, Protocol.TCP)
    assert HEADERS[Column.FINDING] == "Finding"
    assert cell_text(results[1], Column.FINDING, info, missing) == "missing"
    assert cell_text(results[1], Column.FINDING, info) == ""
    tip = cell_tooltip(results[1], Column.FINDING, info, missing)
    assert "Missing: 5432/tcp is expected open (rule 127.0.0.0/29)" in tip
    assert cell_tooltip(results[1], Column.FINDING, info) is None
    assert sort_value(results[1], Column.FINDING, info, missing) < sort_value(
        results[0], Column.FINDING, info
    )
