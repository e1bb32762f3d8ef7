""":func:`make_result`: a :class:`~portwindow.engine.core.model.PortResult` made as fast
as Python can, for the scan's lanes (``scan/lanes/base.py``) and the merge of the
workers' batches (``scan/workers.py``), which make one per door.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (the
frozen class refuses its own), about four times the cost of this: a plain class with
the same slots sets them as any object does, then becomes a ``PortResult`` (the
``__class__`` assignment Python allows between classes of one layout). The result is
the class's own, equal to the one it makes, frozen from then on. Should ``PortResult``
stop being a slots dataclass with these fields, the class itself is used.
"""

from __future__ import annotations

import dataclasses

from portwindow.engine.core.model import PortResult

_FIELDS = ("host", "address", "protocol", "port", "state", "reason", "rtt", "scanned_at", "banner")


class _Unfrozen:
    """A ``PortResult`` before it is one: the same slots, set as on any object."""

    __slots__ = _FIELDS

    def __init__(self, host, address, protocol, port, state, reason, rtt, scanned_at, banner=""):
        self.host = host
        self.address = address
        self.protocol = protocol
        self.port = port
        self.state = state
        self.reason = reason
        self.rtt = rtt
        self.scanned_at = scanned_at
        self.banner = banner
        self.__class__ = PortResult


def _maker():
    fields = tuple(field.name for field in dataclasses.fields(PortResult))
    if fields != _FIELDS or getattr(PortResult, "__slots__", None) != _FIELDS:
        return PortResult
    return _Unfrozen


make_result = _maker()
