"""The discovery probes against this namespace's own loopback: an accepted connect, a
reset, a UDP port unreachable, and how ICMP errors read."""

import asyncio
import socket

from portwindow.engine.scan.discovery import pings
from portwindow.engine.scan.discovery.model import HostReason, HostState


def _closed_port(kind: int) -> int:
    holder = socket.socket(socket.AF_INET, kind)
    holder.bind(("127.0.0.1", 0))
    port = holder.getsockname()[1]
    holder.close()
    return port


async def _ask(start, address: str, port: int):
    loop = asyncio.get_running_loop()
    answer = loop.create_future()
    start(loop, address, socket.AF_INET, port, answer.set_result)
    return await asyncio.wait_for(answer, 5)


def test_tcp_accepted_and_refused():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        assert asyncio.run(_ask(pings.tcp_ping, "127.0.0.1", port)) == (
            HostState.UP,
            HostReason.SYN_ACK,
        )
    closed = _closed_port(socket.SOCK_STREAM)
    assert asyncio.run(_ask(pings.tcp_ping, "127.0.0.1", closed)) == (
        HostState.UP,
        HostReason.RESET,
    )


def test_udp_port_unreachable_from_the_host_itself_means_up():
    closed = _closed_port(socket.SOCK_DGRAM)
    assert asyncio.run(_ask(pings.udp_ping, "127.0.0.2", closed)) == (
        HostState.UP,
        HostReason.PORT_UNREACH,
    )


def test_icmp_errors_read_by_who_sent_them(monkeypatch):
    def queued(error):
        monkeypatch.setattr(pings.icmp, "read_error_from", lambda sock: error)
        return pings.icmp_verdict(None, "198.51.100.4")

    assert queued((2, 3, 13, "198.51.100.4")) == (
        HostState.UP,
        HostReason.ADMIN_PROHIBITED,
    )
    assert queued((2, 3, 13, "198.51.100.1")) == (
        HostState.UNKNOWN,
        HostReason.ADMIN_PROHIBITED,
    )
    assert queued((2, 3, 1, "198.51.100.1")) == (HostState.DOWN, HostReason.HOST_UNREACH)
    assert queued((2, 3, 3, "198.51.100.4")) == (HostState.UP, HostReason.PORT_UNREACH)
    assert queued((2, 11, 0, "198.51.100.1")) is None
    assert queued(None) is None


def test_echo_checksum():
    # RFC 1071's example: the one's complement of the one's complement sum.
    assert pings._checksum(b"\x00\x01\xf2\x03\xf4\xf5\xf6\xf7") == 0x220D
    packet = b"\x08\x00\x00\x00\x12\x34\x00\x01abc"
    checksum = pings._checksum(packet)
    filled = packet[:2] + checksum.to_bytes(2, "big") + packet[4:]
    assert pings._checksum(filled) == 0
