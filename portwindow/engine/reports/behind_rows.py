"""Who is behind the doors of this machine, as report columns: ``process``, ``pid`` and
``listen_address`` after a report's usual columns (``rows.py``), in a report of a scan
whose open doors include one of this machine's (loopback, or an address of its own).

The columns come from one snapshot of this machine's listening sockets
(``scan/enrich/listeners.py``), taken when the report is written, right after the scan.
Each is empty for a door of another machine, a door that is not open, or a door whose
socket was not seen; ``pid`` and ``process`` are empty too for another user's socket
(this user may not see whose it is): nothing is guessed.
"""

from __future__ import annotations

from collections.abc import Iterable

from portwindow.engine.core.model import PortResult, PortState
from portwindow.engine.core.results import ResultSet
from portwindow.engine.core.text import printable
from portwindow.engine.reports.rows import BEHIND_COLUMNS
from portwindow.engine.scan.enrich.listeners import (
    Listener,
    ListenerTable,
    is_this_machine,
    this_machines_addresses,
)

#: Hosts looked through for a loopback address with an open door (beyond: own addresses).
_LOOKED_THROUGH = 65_536


__all__ = ["BEHIND_COLUMNS", "Behind"]


class Behind:
    """Looks up who is behind each open door of this machine in one snapshot."""

    def __init__(self, table: ListenerTable, own: Iterable[str] | None = None) -> None:
        self.table = table
        self._own = frozenset(own) if own is not None else this_machines_addresses()

    @classmethod
    def for_results(cls, results: ResultSet | Iterable[PortResult]) -> Behind | None:
        """A snapshot when an open door of ``results`` is this machine's; else None (the
        report keeps its usual columns)."""
        own = this_machines_addresses()
        if isinstance(results, ResultSet):
            hosts = results.hosts
            if len(hosts) > _LOOKED_THROUGH:  # a wide scan: this machine's own addresses only
                hosts = [hosts[row] for row in map(results.host_row, own) if row >= 0]
            addresses: Iterable[str] = (
                host.address for host in hosts if results.host_counts(host)[PortState.OPEN]
            )
        else:
            addresses = (r.address for r in results if r.state is PortState.OPEN)
        if not any(is_this_machine(address, own) for address in addresses):
            return None
        return cls(ListenerTable.snapshot(), own)

    def is_this_machine(self, address: str) -> bool:
        return is_this_machine(address, self._own)

    def listener(self, result: PortResult) -> Listener | None:
        if result.state is not PortState.OPEN or not self.is_this_machine(result.address):
            return None
        return self.table.behind(result.address, result.protocol, result.port)

    def fields(self, result: PortResult) -> dict[str, str | int | None]:
        """The three columns' values: "" (or a None pid) where nothing is known."""
        listener = self.listener(result)
        if listener is None:
            return {"process": "", "pid": None, "listen_address": ""}
        return {
            "process": printable(listener.process or "") if listener.pid is not None else "",
            "pid": listener.pid,
            "listen_address": listener.listen_address,
        }
