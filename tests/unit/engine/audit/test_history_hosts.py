"""Names and MACs in the history: kept with each scan, read back, followed across
addresses; a history saved before schema 3 still reads."""

import sqlite3

from portwindow.engine.audit.history import SCHEMA_VERSION, History, NewScan
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.scan.discovery.model import HostReason, HostState, HostStatus

A, B = "198.51.100.7", "198.51.100.8"
MAC = "02:00:5e:10:00:01"


def scan(started, targets="198.51.100.0/29"):
    return NewScan(started, started + 1, targets, "22", False, 1)


def door(address):
    return PortResult(
        address, address, Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 0.001, 1.7e9
    )


def test_a_scan_s_hosts_come_back_with_their_names_and_macs(tmp_path):
    hosts = [
        HostStatus(A, HostState.UP, HostReason.ARP_RESPONSE, 0.0003, A, "nas.lan", MAC, "Acme"),
        HostStatus(B, HostState.DOWN, HostReason.NO_RESPONSE, label=B),
    ]
    with History(tmp_path / "h.sqlite3") as history:
        scan_id = history.save(scan(1.7e9), [door(A)], hosts)
        assert history.hosts(scan_id) == hosts
        assert [r.address for r in history.results(scan_id)] == [A]
        history.delete(scan_id)
        assert history.hosts(scan_id) == []


def test_a_device_is_followed_when_its_address_changes(tmp_path):
    with History(tmp_path / "h.sqlite3") as history:
        first = history.save(
            scan(1.7e9),
            [door(A)],
            [
                HostStatus(A, HostState.UP, HostReason.ARP_RESPONSE, name="nas.lan", mac=MAC),
            ],
        )
        second = history.save(
            scan(1.8e9),
            [door(B)],
            [
                HostStatus(
                    B, HostState.UP, HostReason.ARP_RESPONSE, name="nas.lan", mac=MAC.upper()
                ),
            ],
        )
        seen = history.device(MAC)
    assert [(s.scan_id, s.address, s.name) for s in seen] == [
        (second, B, "nas.lan"),
        (first, A, "nas.lan"),
    ]


def test_a_history_of_schema_2_is_migrated_and_its_scans_still_read(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        scan_id = history.save(scan(1.7e9), [door(A)])
    db = sqlite3.connect(path)
    db.execute("DROP TABLE identities")  # as a portwindow of schema 2 left it
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with History(path) as history:
        assert [r.address for r in history.results(scan_id)] == [A]
        assert history.hosts(scan_id) == []
        later = history.save(
            scan(1.8e9), [door(A)], [HostStatus(A, HostState.UP, HostReason.RESET)]
        )
        assert history.hosts(later)[0].reason is HostReason.RESET
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    db.close()


def test_a_row_that_does_not_parse_is_left_out(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        scan_id = history.save(
            scan(1.7e9),
            [door(A)],
            [
                HostStatus(A, HostState.UP, HostReason.RESET, mac="not a mac"),
                HostStatus(B, HostState.UP, HostReason.RESET),
            ],
        )
    db = sqlite3.connect(path)
    db.execute("UPDATE identities SET state = 'sideways' WHERE address = ?", (B,))
    db.commit()
    db.close()
    with History(path) as history:
        kept = history.hosts(scan_id)
    assert [(h.address, h.mac) for h in kept] == [(A, None)]  # a bad MAC is not kept
