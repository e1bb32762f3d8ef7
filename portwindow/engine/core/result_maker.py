""":func:`make_result`: a :class:`~portwindow.engine.core.model.PortResult` made as fast
as Python can, for the scan's lanes (``scan/lanes/base.py``), which make one per door.

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__`` (the
frozen class refuses its own), about 2.4 times the cost of calling each slot's own
setter, as this does: the same object, equal to the one the class makes. Should
``PortResult`` stop being a slots dataclass with these fields, the class itself is used.
"""

from __future__ import annotations

import dataclasses

from portwindow.engine.core.model import PortResult

_FIELDS = ("host", "address", "protocol", "port", "state", "reason", "rtt", "scanned_at", "banner")


def _maker():
    fields = tuple(field.name for field in dataclasses.fields(PortResult))
    if fields != _FIELDS or set(getattr(PortResult, "__slots__", ())) != set(_FIELDS):
        return PortResult
    new = object.__new__
    host_, address_, protocol_, port_, state_, reason_, rtt_, at_, banner_ = (
        PortResult.__dict__[name].__set__ for name in _FIELDS
    )

    def make_result(host, address, protocol, port, state, reason, rtt, scanned_at, banner=""):
        result = new(PortResult)
        host_(result, host)
        address_(result, address)
        protocol_(result, protocol)
        port_(result, port)
        state_(result, state)
        reason_(result, reason)
        rtt_(result, rtt)
        at_(result, scanned_at)
        banner_(result, banner)
        return result

    return make_result


make_result = _maker()
