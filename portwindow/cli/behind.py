"""What ``portwindow scan`` says behind each open door when the target is this machine:
the listening process and who can reach it (``engine/scan/enrich/listeners.py``)."""

from __future__ import annotations

from collections.abc import Iterable

from portwindow.engine import ListenerTable, PortResult, PortState, is_this_machine, printable


def format_behind(results: Iterable[PortResult], table: ListenerTable | None = None) -> str:
    """A "Behind the open doors" block for the open doors of this machine ("" if none)."""
    local = [r for r in results if r.state is PortState.OPEN and is_this_machine(r.address)]
    if not local:
        return ""
    table = table if table is not None else ListenerTable.snapshot()
    lines = ["Behind the open doors:"]
    for result in local:
        listener = table.behind(result.address, result.protocol, result.port)
        door = f"{result.address}  {result.port}/{result.protocol.value}"
        if listener is None:
            lines.append(f"  {door}  no listening socket seen (it may have closed since)")
            continue
        lines.append(f"  {door}  {printable(listener.owner)}; {listener.reach}")
        if listener.command:
            lines.append(f"      {printable(listener.command)}")
    return "\n".join(lines) + "\n"
