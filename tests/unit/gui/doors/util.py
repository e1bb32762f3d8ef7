"""Results for the Doors view's tests."""

from portwindow.engine.model import PortResult, PortState, Protocol, Reason

REASONS = {
    PortState.OPEN: Reason.SYN_ACK,
    PortState.CLOSED: Reason.CONN_REFUSED,
    PortState.FILTERED: Reason.NO_RESPONSE,
}


def result(
    port: int,
    state: PortState = PortState.CLOSED,
    address: str = "127.0.0.1",
    *,
    host: str | None = None,
    protocol: Protocol = Protocol.TCP,
    rtt: float | None = 0.00005,
    banner: str = "",
) -> PortResult:
    return PortResult(
        host=host or address,
        address=address,
        protocol=protocol,
        port=port,
        state=state,
        reason=REASONS[state],
        rtt=None if state is PortState.FILTERED else rtt,
        scanned_at=1_700_000_000.25,
        banner=banner,
    )


def plan(ports) -> list[tuple[Protocol, int]]:
    return [(Protocol.TCP, port) for port in ports]
