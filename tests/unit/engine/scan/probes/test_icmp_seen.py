"""The ICMP counter looks (``icmp_seen.py``): a probe started after the last look at
which the counter moved may not have been refused by ICMP; one ICMP message in the
test's namespace (a datagram to a closed UDP port: a port unreachable) makes every
probe started before it suspect, and none started after the next look."""

import socket
import time

import pytest

from portwindow.engine.scan.probes.icmp_seen import IcmpSeen
from tests.support.listeners import ipv6_loopback_available
from tests.support.udp_listeners import free_udp_ports


def unreachable(host: str) -> None:
    """Make the kernel send itself one ICMP port unreachable (bounded wait for it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    (port,) = free_udp_ports(1, host=host)
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.connect((host, port))
        sock.send(b"x")
        sock.settimeout(2)
        with pytest.raises(ConnectionRefusedError):
            sock.recv(1)  # the ICMP error reached the socket: the counter moved before


@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_an_icmp_message_makes_earlier_probes_suspect_and_later_ones_not(host):
    if host == "::1" and not ipv6_loopback_available():
        pytest.skip("this machine has no ::1")
    seen = IcmpSeen(socket.AF_INET6 if ":" in host else socket.AF_INET)
    try:
        if seen._read() is None:
            pytest.skip("this kernel's ICMP counters cannot be read")
        before = seen.looks
        seen.look()
        assert not seen.may_have(before)  # nothing came in: a refusal is a reset
        unreachable(host)
        seen.look()
        assert seen.may_have(before)
        after = seen.looks
        time.sleep(0.01)
        seen.look()
        assert not seen.may_have(after)
        assert seen.may_have(before)  # still: its refusal may be that ICMP's
    finally:
        seen.close()


def test_without_a_counter_every_probe_is_suspect():
    seen = IcmpSeen(socket.AF_INET)
    seen.close()  # as where /proc cannot be read
    started = seen.looks
    seen.look()
    assert seen.may_have(started)
