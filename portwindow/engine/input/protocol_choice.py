"""The form's protocol choice (TCP, UDP or both) applied to the text of the Ports field.

The engine's :func:`~portwindow.engine.input.ports.parse_ports` reads ports without a ``T:`` or
``U:`` prefix as TCP. The window lets a person choose the protocol beside the field
instead: with UDP, ``22,80`` means UDP 22 and 80; with both, each of those ports is
probed over TCP and over UDP. Prefixes written in the text win for the items they
govern: ``22,U:53`` with TCP chosen is TCP 22 and UDP 53, with UDP chosen UDP 22 and 53.

The text is parsed again with a ``U:`` put in front of its first item rather than moving
parsed TCP ports to UDP, because service names and the top lists mean different ports, or
none, per protocol (``syslog`` is UDP 514 only; ``top1000`` is a TCP list). Qt-free.
"""

from __future__ import annotations

import enum
import re

from portwindow.engine.core.errors import InputError
from portwindow.engine.input.ports import PortSet, parse_ports

__all__ = ["ProtocolChoice", "parse_ports_for"]

# An item of a port spec, as parse_ports splits the text.
_ITEM = re.compile(r"[^,\s]+")
_UDP = "U:"


class ProtocolChoice(enum.Enum):
    """Which protocol the ports without a prefix are probed over."""

    TCP = "tcp"
    UDP = "udp"
    BOTH = "both"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ProtocolChoice.TCP: "TCP",
    ProtocolChoice.UDP: "UDP",
    ProtocolChoice.BOTH: "TCP and UDP",
}


def parse_ports_for(text: str, choice: ProtocolChoice) -> PortSet:
    """Parse a port spec with the ports before any prefix probed as ``choice`` says.

    Raises :class:`InputError` with a span into ``text``, as parse_ports does.
    """
    first = _ITEM.search(text)
    if choice is ProtocolChoice.TCP or first is None or ":" in first.group():
        return parse_ports(text)
    udp = _parse_as_udp(text, first.start(), choice)
    if choice is ProtocolChoice.UDP:
        return udp
    tcp = parse_ports(text)
    return PortSet(tcp=tcp.tcp + udp.tcp, udp=tcp.udp + udp.udp)


def _parse_as_udp(text: str, at: int, choice: ProtocolChoice) -> PortSet:
    """Parse ``text`` with a ``U:`` put in front of its first item, at ``at``."""
    try:
        return parse_ports(f"{text[:at]}{_UDP}{text[at:]}")
    except InputError as error:
        udp_error = error
    try:
        parse_ports(text)
    except InputError as tcp_error:
        if tcp_error.span is not None and tcp_error.span == _unshifted(udp_error.span, at):
            raise tcp_error from None  # the same mistake, whatever the protocol
    else:
        message = (
            f"{udp_error.message} (the protocol is {choice.label}, so ports without T: or "
            "U: are probed over UDP)"
        )
        raise InputError(
            message, token=udp_error.token, span=_unshifted(udp_error.span, at)
        ) from udp_error
    raise InputError(
        udp_error.message, token=udp_error.token, span=_unshifted(udp_error.span, at)
    ) from udp_error


def _unshifted(span: tuple[int, int] | None, at: int) -> tuple[int, int] | None:
    """A span in the text with ``U:`` put in at ``at``, as a span in the text without."""
    if span is None:
        return None
    start, end = span
    shift = len(_UDP)
    return (
        start - shift if start >= at + shift else min(start, at),
        end - shift if end >= at + shift else min(end, at),
    )
