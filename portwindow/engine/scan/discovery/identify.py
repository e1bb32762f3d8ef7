"""Who the hosts that answered are: their link-layer address and its maker (hosts on
the local link only, from the neighbour table and the IEEE's registry) and their
reverse DNS name, within the scan's time budget for names (``enrich/names.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from portwindow.engine.input.vendors import default_vendors
from portwindow.engine.scan.discovery.model import HostState, HostStatus
from portwindow.engine.scan.discovery.neighbours import neighbours
from portwindow.engine.scan.enrich.names import DEFAULT_NAME_BUDGET, reverse_names


async def identify_hosts(
    statuses: Sequence[HostStatus], *, names: bool = True, budget: float = DEFAULT_NAME_BUDGET
) -> list[HostStatus]:
    """``statuses`` with MAC, vendor and name filled in where they are known (hosts
    found down are left as they are)."""
    present = [status.address for status in statuses if status.state is not HostState.DOWN]
    found = await reverse_names(present, budget) if names and present else {}
    table = neighbours() if present else {}
    vendors = default_vendors() if table else None
    identified = []
    for status in statuses:
        if status.state is HostState.DOWN:
            identified.append(status)
            continue
        neighbour = table.get(status.address)
        mac = neighbour.mac if neighbour is not None else None
        vendor = vendors.lookup(mac) if mac and vendors is not None else None
        identified.append(
            status.with_identity(name=found.get(status.address), mac=mac, vendor=vendor)
        )
    return identified
