"""Who is behind a door, in the words the details panel and the printable report share."""

from __future__ import annotations

from portwindow.engine import Behind, PortResult, PortState


def listener_lines(behind: Behind, result: PortResult) -> list[str]:
    """What the window and the printable report say of a door's listener ([] when the
    door is not an open door of this machine)."""
    if result.state is not PortState.OPEN or not behind.is_this_machine(result.address):
        return []
    listener = behind.listener(result)
    if listener is None:
        return ["No listening socket was seen for this door (it may have closed since)."]
    return listener.lines()
