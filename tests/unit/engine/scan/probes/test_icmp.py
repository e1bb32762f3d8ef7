"""The error-queue reader (``probes/icmp.py``) against a real ICMP port unreachable on
loopback, and the reading of types, codes and the sender's address."""

import socket
import struct
import sys
import time

import pytest

from portwindow.engine.core.model import Reason
from portwindow.engine.scan.probes import icmp
from portwindow.engine.scan.probes.icmp import ORIGIN_ICMP, ORIGIN_ICMP6


def icmp_reason(origin, icmp_type, code):
    found = icmp.unreachable(origin, icmp_type, code)
    return None if found is None else found[0]


linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="IP_RECVERR")


@pytest.mark.parametrize(
    ("origin", "icmp_type", "code", "reason"),
    [
        (ORIGIN_ICMP, 3, 3, Reason.PORT_UNREACH),
        (ORIGIN_ICMP, 3, 1, Reason.HOST_UNREACH),
        (ORIGIN_ICMP, 3, 13, Reason.ADMIN_PROHIBITED),
        (ORIGIN_ICMP, 3, 99, Reason.HOST_UNREACH),
        (ORIGIN_ICMP6, 1, 4, Reason.PORT_UNREACH),
        (ORIGIN_ICMP6, 1, 1, Reason.ADMIN_PROHIBITED),
        (ORIGIN_ICMP, 11, 0, None),
        (1, 3, 3, None),
    ],
)
def test_types_and_codes(origin, icmp_type, code, reason):
    assert icmp_reason(origin, icmp_type, code) is reason


def test_offender_of_both_families():
    v4 = struct.pack("=H", socket.AF_INET) + b"\0\0" + socket.inet_aton("192.0.2.7") + bytes(8)
    v6 = (
        struct.pack("=H", socket.AF_INET6)
        + bytes(6)
        + socket.inet_pton(socket.AF_INET6, "2001:db8::9")
        + bytes(4)
    )
    assert icmp._offender(v4) == "192.0.2.7"
    assert icmp._offender(v6) == "2001:db8::9"
    assert icmp._offender(b"\x02") is None
    assert icmp._offender(struct.pack("=H", socket.AF_INET) + b"\0") is None


@linux_only
def test_a_port_unreachable_is_read_with_its_sender():
    holder = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    holder.bind(("127.0.0.1", 0))
    closed = holder.getsockname()[1]
    holder.close()  # nothing listens there now, inside this test's own namespace
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        icmp.set_recverr(sock, socket.AF_INET)
        sock.connect(("127.0.0.1", closed))
        sock.send(b"x")
        deadline = time.monotonic() + 5
        error = None
        while error is None and time.monotonic() < deadline:
            error = icmp.read_error_from(sock)
            if error is None:
                time.sleep(0.01)
    assert error is not None
    origin, icmp_type, code, offender = error
    assert icmp_reason(origin, icmp_type, code) is Reason.PORT_UNREACH
    assert offender == "127.0.0.1"


def test_nothing_queued_reads_none():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        icmp.set_recverr(sock, socket.AF_INET)
        assert icmp.read_error_from(sock) is None
