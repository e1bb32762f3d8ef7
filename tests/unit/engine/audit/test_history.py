"""The scan history: round trips, compactness, search, crash safety, damaged files."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import tracemalloc
from array import array
from pathlib import Path

import pytest

from portwindow.engine.audit.history import History, HistoryError, NewScan
from portwindow.engine.core.codes import DOOR_CODE, PROTOCOLS
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from tests.support.history_v1 import save_v1, schema_1

ROOT = Path(__file__).resolve().parents[3]
T0 = 1_790_000_000.0


def result(port, state=PortState.CLOSED, address="127.0.0.1", protocol=Protocol.TCP, **kw):
    reason = {
        PortState.OPEN: Reason.SYN_ACK,
        PortState.CLOSED: Reason.CONN_REFUSED,
        PortState.FILTERED: Reason.NO_RESPONSE,
        PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
    }[state]
    values = {
        "host": address,
        "rtt": None if state in (PortState.FILTERED, PortState.OPEN_FILTERED) else 0.00012,
        "scanned_at": T0 + port / 1000,
        "banner": "",
    }
    values.update(kw)
    return PortResult(
        values["host"],
        address,
        protocol,
        port,
        state,
        reason,
        values["rtt"],
        values["scanned_at"],
        values["banner"],
    )


def new_scan(targets="127.0.0.1", ports="1-100", total=100, partial=False, started=T0):
    return NewScan(started, started + 1, targets, ports, partial, total, {"timeout": 1.0})


def test_round_trip_keeps_every_field(tmp_path):
    results = [
        result(22, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1"),
        result(23),
        result(53, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
        result(80, PortState.FILTERED),
        result(443, PortState.OPEN, address="::1", host="localhost", rtt=1.23456),
    ]
    with History(tmp_path / "h.sqlite3") as history:
        scan_id = history.save(new_scan(), results)
        back = history.results(scan_id)
        record = history.scan(scan_id)
    key = lambda r: (r.address, r.protocol.value, r.port)  # noqa: E731
    assert len(back) == len(results)
    for original, loaded in zip(sorted(results, key=key), sorted(back, key=key), strict=True):
        assert loaded.host == original.host
        assert (loaded.address, loaded.protocol, loaded.port) == (
            original.address,
            original.protocol,
            original.port,
        )
        assert (loaded.state, loaded.reason, loaded.banner) == (
            original.state,
            original.reason,
            original.banner,
        )
        if original.rtt is None:
            assert loaded.rtt is None
        else:
            assert loaded.rtt == pytest.approx(original.rtt, abs=1e-5)
        assert loaded.scanned_at == pytest.approx(original.scanned_at, abs=0.001)
    assert (record.open, record.closed, record.filtered, record.open_filtered) == (2, 1, 1, 1)
    assert record.settings == {"timeout": 1.0}
    assert record.targets == "127.0.0.1"


def test_a_later_result_for_the_same_port_wins(tmp_path):
    with History(tmp_path / "h.sqlite3") as history:
        scan_id = history.save(
            new_scan(), [result(22, PortState.OPEN), result(22, PortState.OPEN, banner="hi")]
        )
        (only,) = history.results(scan_id)
    assert only.banner == "hi"


def test_a_full_port_scan_costs_well_under_a_megabyte(tmp_path):
    rng = random.Random(5)
    opened = set(rng.sample(range(1, 65536), 20))
    results = [
        result(
            port,
            PortState.OPEN if port in opened else PortState.CLOSED,
            rtt=rng.uniform(0.00001, 0.0002),
            scanned_at=T0 + port / 90_000,
        )
        for port in range(1, 65536)
    ]
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        history.save(new_scan(ports="1-65535", total=65535), results)  # warm the schema
        before = path.stat().st_size + Path(f"{path}-wal").stat().st_size
        scan_id = history.save(new_scan(ports="1-65535", total=65535), results)
        estimated = history.size_of(scan_id)
        assert len(history.results(scan_id)) == 65535
    with History(path):
        pass  # reopening checkpoints the WAL into the file
    grown = path.stat().st_size - before / 2
    print(f"one 65,535-port scan: ~{estimated / 1024:.0f} KiB by row size")
    assert estimated < 256 * 1024
    assert path.stat().st_size < 2 * 1024 * 1024
    assert grown < 1024 * 1024


def many_hosts(count, ports, *, shuffled=False):
    """A result set of ``count`` hosts (in a shuffled order when asked), every door
    probed, made from its columns."""
    found = ResultSet({Protocol.TCP: ports, Protocol.UDP: [53]})
    found.epoch = round(T0 * 1000)
    size = found.plan.size
    rows = list(range(count))
    if shuffled:
        random.Random(3).shuffle(rows)
    hosts = [
        (
            f"name-{h}" if h % 7 == 0 else f"10.{h >> 16}.{h >> 8 & 255}.{h & 255}",
            f"10.{h >> 16}.{h >> 8 & 255}.{h & 255}",
        )
        for h in rows
    ]
    closed = DOOR_CODE[PortState.CLOSED, Reason.CONN_REFUSED]
    opened = DOOR_CODE[PortState.OPEN, Reason.SYN_ACK]
    codes = bytearray([closed]) * (count * size)
    codes[::97] = bytes([opened]) * len(codes[::97])
    rtts = array("I", [i % 1000 for i in range(count * size)])
    times = array("i", [i // 50 for i in range(count * size)])
    found.append_columns(hosts, bytes(codes), rtts, times)
    found.put_banner(0, 0, "SSH-2.0-x")
    return found


@pytest.mark.parametrize("shuffled", [False, True])
def test_a_result_set_reads_back_column_for_column(tmp_path, shuffled):
    """Thousands of hosts in several blocks, in address order or not."""
    found = many_hosts(5000, range(1, 201), shuffled=shuffled)
    with History(tmp_path / "h.sqlite3") as history:
        scan_id = history.save(new_scan(total=len(found)), found)
        back = history.result_set(scan_id)
        record = history.scan(scan_id)
    order = found.rows_by_address()
    assert [back.address(h) for h in range(len(back.hosts))] == [found.address(h) for h in order]
    assert [back.label(h) for h in range(len(back.hosts))] == [found.label(h) for h in order]
    assert list(back) == list(found.in_address_order())
    assert back.counts() == found.counts()
    opened = {(r.address, r.protocol, r.port) for r in found.in_states({PortState.OPEN})}
    assert record.open == len(opened) == found.counts()[PortState.OPEN]
    with sqlite3.connect(tmp_path / "h.sqlite3") as db:
        listed = db.execute("SELECT address, protocol, port, state FROM notable").fetchall()
    assert {(a, PROTOCOLS[p], port) for a, p, port, _state in listed} == opened
    assert back.get(found.address(0), Protocol.TCP, 1).banner == "SSH-2.0-x"


def test_saving_a_big_scan_holds_no_object_per_result(tmp_path):
    """65,536 hosts x 10 doors: the save's memory is a block's, not the scan's."""
    found = many_hosts(65_536, range(1, 10))
    with History(tmp_path / "h.sqlite3") as history:
        tracemalloc.start()
        try:
            scan_id = history.save(new_scan(total=len(found)), found)
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert history.scan(scan_id).done == 655_360
    assert peak < 24 << 20  # the scan's 655,360 results as objects would be 150 MB


def test_scans_saved_before_schema_2_stay_readable(tmp_path):
    path = tmp_path / "h.sqlite3"
    schema_1(path)
    results = [
        result(22, PortState.OPEN, banner="SSH-2.0-x"),
        result(23),
        result(53, protocol=Protocol.UDP, state=PortState.OPEN_FILTERED),
    ]
    old = save_v1(path, new_scan(), results, migrate=False)
    with History(path) as history:  # migrated to schema 2
        new = history.save(new_scan(started=T0 + 5), results)
        assert [s.id for s in history.scans()] == [new, old]
        assert len(history.results(old)) == len(history.results(new)) == 3
        assert list(history.result_set(old)) == list(history.result_set(new))
        assert [s.scan.id for s in history.search(22)] == [new, old]


def test_search_finds_the_scans_that_saw_a_port_open(tmp_path):
    with History(tmp_path / "h.sqlite3") as history:
        first = history.save(new_scan(started=T0), [result(3306, PortState.OPEN), result(22)])
        history.save(new_scan(started=T0 + 10), [result(3306), result(22, PortState.OPEN)])
        third = history.save(
            new_scan(started=T0 + 20), [result(3306, PortState.OPEN, address="127.0.0.2")]
        )
        hits = history.search(3306, Protocol.TCP)
        assert [(h.scan.id, h.address) for h in hits] == [
            (third, "127.0.0.2"),
            (first, "127.0.0.1"),
        ]
        assert history.search(3306, Protocol.UDP) == []
        with pytest.raises(HistoryError):
            history.search(22, states=[PortState.CLOSED])


def test_list_delete_and_last_two(tmp_path):
    with History(tmp_path / "h.sqlite3") as history:
        ids = [history.save(new_scan(started=T0 + i), [result(22)]) for i in range(3)]
        other = history.save(new_scan(targets="127.0.0.9", started=T0 + 5), [result(22)])
        assert [s.id for s in history.scans()] == [other, ids[2], ids[1], ids[0]]
        older, newer = history.last_two("127.0.0.1")
        assert (older.id, newer.id) == (ids[1], ids[2])
        assert history.last_two("127.0.0.9") is None
        assert history.delete(ids[2])
        assert not history.delete(ids[2])
        assert [s.id for s in history.scans()] == [other, ids[1], ids[0]]
        with pytest.raises(HistoryError, match="no scan"):
            history.results(ids[2])


def test_expected_rules_are_stored(tmp_path):
    with History(tmp_path / "h.sqlite3") as history:
        history.set_expected("127.0.0.0/29", [(Protocol.TCP, 22), (Protocol.TCP, 443)])
        history.set_expected("localhost", [(Protocol.UDP, 53)])
        history.set_expected("127.0.0.9", [])
        assert history.expected_rules() == {
            "127.0.0.0/29": {(Protocol.TCP, 22), (Protocol.TCP, 443)},
            "localhost": {(Protocol.UDP, 53)},
        }


WRITER = textwrap.dedent(
    """
    import sys, time
    from portwindow.engine.audit.history import History, NewScan
    from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
    rows = [PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, p, PortState.CLOSED,
                       Reason.CONN_REFUSED, 0.0001, 1.79e9) for p in range(1, 20001)]
    with History(sys.argv[1]) as history:
        for i in range(10_000):
            history.save(NewScan(1.79e9 + i, 1.79e9 + i, "127.0.0.1", "1-20000", False, 20000),
                         rows)
            print(i, flush=True)
    """
)


def test_killing_a_writer_mid_save_loses_nothing_already_saved(tmp_path):
    path = tmp_path / "h.sqlite3"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    saved = -1
    deadline = time.monotonic() + 30
    try:
        while saved < 5 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            saved = int(line)
        time.sleep(0.03)  # most likely inside the next save's transaction now
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        child.kill()
        child.stdout.close()
    assert saved >= 5
    with History(path) as history:
        assert history.notice is None
        scans = history.scans()
        assert len(scans) >= saved + 1
        for record in scans[:3]:
            assert len(history.results(record.id)) == 20000
