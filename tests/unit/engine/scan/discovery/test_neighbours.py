"""Reading the neighbour table: a netlink dump's entries, the states that count, and
/proc/net/arp where netlink is not there."""

import socket
import struct

from portwindow.engine.scan.discovery import neighbours as nb


def _attr(kind: int, payload: bytes) -> bytes:
    length = 4 + len(payload)
    return struct.pack("=HH", length, kind) + payload + bytes((-length) % 4)


def _message(family: int, state: int, address: bytes, mac: bytes | None) -> bytes:
    body = struct.pack("=BBHiHBB", family, 0, 0, 2, state, 0, 1) + _attr(1, address)
    if mac is not None:
        body += _attr(2, mac)
    return struct.pack("=IHHII", 16 + len(body), 28, 2, 1, 0) + body


def test_a_dump_gives_complete_entries_and_says_which_are_confirmed():
    data = b"".join(
        [
            _message(
                socket.AF_INET, 0x02, socket.inet_aton("198.51.100.7"), b"\x00\x11\x22\x33\x44\x55"
            ),
            _message(
                socket.AF_INET, 0x04, socket.inet_aton("198.51.100.8"), b"\x00\x11\x22\x33\x44\x66"
            ),
            _message(socket.AF_INET, 0x20, socket.inet_aton("198.51.100.9"), b"\x00" * 6),
            _message(socket.AF_INET, 0x01, socket.inet_aton("198.51.100.10"), None),
            _message(
                socket.AF_INET6,
                0x02,
                socket.inet_pton(socket.AF_INET6, "2001:db8::5"),
                b"\x02\x11\x22\x33\x44\x77",
            ),
            struct.pack("=IHHII", 16, 3, 2, 1, 0),  # NLMSG_DONE
        ]
    )
    found: dict = {}
    assert nb._parse_dump(data, found) is True
    assert found == {
        "198.51.100.7": nb.Neighbour("198.51.100.7", "00:11:22:33:44:55", True),
        "198.51.100.8": nb.Neighbour("198.51.100.8", "00:11:22:33:44:66", False),
        "2001:db8::5": nb.Neighbour("2001:db8::5", "02:11:22:33:44:77", True),
    }


def test_a_truncated_message_ends_the_read():
    whole = _message(socket.AF_INET, 0x02, socket.inet_aton("198.51.100.7"), b"\x00" * 6)
    found: dict = {}
    assert nb._parse_dump(whole[:-3], found) is True
    assert found == {}


def test_proc_arp_fallback(tmp_path, monkeypatch):
    table = tmp_path / "arp"
    table.write_text(
        "IP address       HW type     Flags       HW address            Mask     Device\n"
        "198.51.100.2     0x1         0x2         aa:bb:cc:dd:ee:ff     *        eth0\n"
        "198.51.100.3     0x1         0x0         00:00:00:00:00:00     *        eth0\n"
        "garbage\n"
    )
    monkeypatch.setattr(nb, "_PROC_ARP", str(table))
    assert nb._proc_arp_neighbours() == {
        "198.51.100.2": nb.Neighbour("198.51.100.2", "aa:bb:cc:dd:ee:ff", True)
    }


def test_the_kernels_table_reads_without_error():
    # In the test's own namespace there is only loopback: no entries with a MAC.
    assert nb.neighbours() == {}
