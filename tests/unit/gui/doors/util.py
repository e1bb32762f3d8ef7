"""Results for the Doors view's tests."""

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason

REASONS = {
    PortState.OPEN: Reason.SYN_ACK,
    PortState.CLOSED: Reason.CONN_REFUSED,
    PortState.FILTERED: Reason.NO_RESPONSE,
    PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
}
UDP_REASONS = {
    PortState.OPEN: Reason.UDP_RESPONSE,
    PortState.CLOSED: Reason.PORT_UNREACH,
    PortState.FILTERED: Reason.ADMIN_PROHIBITED,
    PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
}
NO_ANSWER = frozenset({PortState.FILTERED, PortState.OPEN_FILTERED})


def kept_rtt(value: float) -> float:
    """``value`` as a result set keeps a round-trip time: to the microsecond."""
    return round(value * 1e6) / 1e6


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
        reason=(UDP_REASONS if protocol is Protocol.UDP else REASONS)[state],
        rtt=None if state in NO_ANSWER or rtt is None else kept_rtt(rtt),
        scanned_at=1_700_000_000.25,
        banner=banner,
    )


def plan(ports) -> list[tuple[Protocol, int]]:
    return [(Protocol.TCP, port) for port in ports]
