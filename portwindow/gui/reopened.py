"""A scan reopened from the history puts what it scanned back in the form: its targets,
its ports as they were typed (``top1000`` stays ``top1000``), and the protocol its doors
were knocked on with, so that Scan runs the same scan again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portwindow.engine import Protocol, ProtocolChoice, ResultSet

if TYPE_CHECKING:
    from .scan_form import ScanForm


def protocol_of(ports_text: str, results: ResultSet) -> ProtocolChoice:
    """The choice that makes ``ports_text`` mean the doors ``results`` holds: TCP when the
    text names its protocols itself (``T:``/``U:``) or only TCP doors were knocked on."""
    protocols = {r.protocol for r in results}
    if ":" in ports_text or protocols <= {Protocol.TCP}:
        return ProtocolChoice.TCP
    if protocols == {Protocol.UDP}:
        return ProtocolChoice.UDP
    return ProtocolChoice.BOTH


def refill_form(form: ScanForm, targets: str, ports: str, results: ResultSet) -> None:
    form.set_protocol_choice(protocol_of(ports, results))
    form.set_targets(targets)
    form.set_ports(ports)
