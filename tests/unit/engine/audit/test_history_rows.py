"""Damaged or hostile history content: one line naming the file and the scan, never a
traceback, and the other scans stay usable."""

import array
import random
import sqlite3
import tracemalloc
import zlib

import pytest

from portwindow.engine.audit.history import DamagedScan, History, HistoryError
from portwindow.engine.audit.history_rows import MAX_PORTS, unpack
from portwindow.engine.core.model import Protocol
from tests.support.damaged import save_old_scans, save_scans, tamper


@pytest.fixture
def three(tmp_path):
    """A history of three healthy scans; the test damages the middle one."""
    path = tmp_path / "h.sqlite3"
    ids = save_scans(path, 3)
    return path, ids


@pytest.fixture
def three_old(tmp_path):
    """``three`` as saved before schema 2: a hosts row per host and protocol."""
    path = tmp_path / "h.sqlite3"
    ids = save_old_scans(path, 3)
    return path, ids


def assert_names(error, path, scan_id):
    message = str(error)
    assert f"scan {scan_id}" in message
    assert str(path) in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("settings", "{not json", "settings are not JSON"),
        ("settings", "[1, 2]", "not a JSON object"),
        ("settings", "[" * 100_000, "settings"),
        ("started_at", "yesterday", "started_at is str"),
        ("started_at", 1e300, "out of range"),
        ("targets", b"\x00\x01", "targets is bytes"),
        ("total", -5, "total is negative"),
        ("partial", "maybe", "partial is str"),
    ],
)
def test_a_bad_scans_row_is_skipped_and_named_not_a_traceback(three, column, value, problem):
    """A JSON settings column broke the History dock (JSONDecodeError)."""
    path, (first, bad, last) = three
    tamper(path, f"UPDATE scans SET {column} = ? WHERE id = ?", value, bad)
    with History(path) as history:
        assert [s.id for s in history.scans()] == [last, first]
        (skipped,) = history.skipped
        assert problem in skipped
        assert_names(skipped, path, bad)
        with pytest.raises(DamagedScan) as damaged:
            history.results(bad)
        assert_names(damaged.value, path, bad)
        assert len(history.results(first)) == 100
        history.scans()
        assert history.skipped  # listing again says it again


def _blob(kind, values):
    return zlib.compress(array.array(kind, values).tobytes())


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("ports", b"garbage, not zlib", "ports are corrupt"),
        ("codes", zlib.compress(bytes(100))[:-6], "states are cut short"),
        ("ports", zlib.compress(b"\x01\x00\x02"), "end in the middle of an entry"),
        ("rtts", _blob("I", range(50)), "differ in length"),
        ("codes", bytes(zlib.compress(bytes([0xF0] * 100))), "not a state and reason"),
        ("times", "text, not bytes", "times are str"),
        ("protocol", 7, "protocol code 7"),
        ("address", b"\x01\x02", "not text"),
    ],
)
def test_corrupted_blobs_are_one_line_naming_the_file_and_scan(three_old, column, value, problem):
    """A corrupted zlib blob gave zlib.error, a truncated array IndexError: tracebacks."""
    path, (first, bad, last) = three_old
    tamper(path, f"UPDATE hosts SET {column} = ? WHERE scan_id = ?", value, bad)
    assert_damage_named(path, first, bad, last, problem)


def assert_damage_named(path, first, bad, last, problem):
    with History(path) as history:
        with pytest.raises(DamagedScan) as damaged:
            history.results(bad)
        assert problem in str(damaged.value)
        assert_names(damaged.value, path, bad)
        assert len(history.results(first)) == len(history.results(last)) == 100
        assert len(history.scans()) == 3


def _shuffled(kind, values):
    raw = array.array(kind, values).tobytes()
    width = array.array(kind).itemsize
    return zlib.compress(b"".join(raw[i::width] for i in range(width)))


@pytest.mark.parametrize(
    ("table", "column", "value", "problem"),
    [
        ("blocks", "hosts", b"garbage, not zlib", "hosts are corrupt"),
        ("blocks", "hosts", zlib.compress(b'{"a": 1}\n'), "not a count, addresses and names"),
        ("blocks", "hosts", zlib.compress(b'[1, ["127.0.0.1"], [[0, 5]]]\n'), "not a host's name"),
        ("blocks", "hosts", zlib.compress(b"[1, [1], []]\n"), "an address is not text"),
        ("blocks", "hosts", zlib.compress(b'[2, ["a", "a"], []]\n'), "there twice"),
        ("blocks", "hosts", zlib.compress(b"[1, null, []]\n\x01\x02"), "IPv4 addresses are not 1"),
        ("blocks", "hosts", zlib.compress(b"[0, null, []]\n"), "not 1 to 4,096"),
        ("blocks", "hosts", zlib.compress(b"[1, null, [[3, 1]]]\n\x7f\0\0\1"), "name at 3"),
        ("blocks", "codes", zlib.compress(bytes([0x21] * 100))[:-6], "states are cut short"),
        ("blocks", "codes", zlib.compress(bytes([0x21] * 101)), "inflate past"),
        ("blocks", "codes", zlib.compress(bytes([0x21] * 99)), "not 100 rows each"),
        ("blocks", "codes", zlib.compress(bytes([0xF0] * 100)), "not a state and reason"),
        ("blocks", "rtts", _shuffled("I", range(50)), "not 100 rows each"),
        ("blocks", "rtts", zlib.compress(b"\x01\x00\x02"), "middle of an entry"),
        ("blocks", "times", "text, not bytes", "times are str"),
        ("plans", "tcp", zlib.compress(bytes(range(8))[::-1]), "not in ascending order"),
        ("plans", "udp", zlib.compress(b"\x01"), "middle of an entry"),
        ("plans", "epoch", "yesterday", "epoch is not a time"),
        ("plans", "time_bytes", 3, "3 bytes each"),
    ],
)
def test_corrupted_blocks_are_one_line_naming_the_file_and_scan(
    three, table, column, value, problem
):
    path, (first, bad, last) = three
    tamper(path, f"UPDATE {table} SET {column} = ? WHERE scan_id = ?", value, bad)
    assert_damage_named(path, first, bad, last, problem)


def test_a_scan_without_its_rows_is_damage(three):
    """A deleted plans row made the scan read as an old one without hosts: no results."""
    path, (first, bad, last) = three
    tamper(path, "DELETE FROM plans WHERE scan_id = ?", bad)
    assert_damage_named(path, first, bad, last, "holds 0 results, not the 100")


def _bomb(inflated: int) -> bytes:
    """A zlib stream of ``inflated`` zero bytes (about a thousandth of that in size)."""
    deflater = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [deflater.compress(chunk) for _ in range(inflated >> 20)]
    return b"".join(parts) + deflater.flush()


@pytest.mark.parametrize(
    ("layout", "table", "column"),
    [("three_old", "hosts", "ports"), ("three", "blocks", "codes"), ("three", "blocks", "hosts")],
)
def test_a_blob_that_inflates_past_the_bound_stops_there(request, layout, table, column):
    """A 150 KB blob inflating to 150 MB was inflated whole (1.5 MB -> 1.5 GB likewise)."""
    path, (_first, bad, _last) = request.getfixturevalue(layout)
    tamper(path, f"UPDATE {table} SET {column} = ? WHERE scan_id = ?", _bomb(150 << 20), bad)
    with History(path) as history:
        tracemalloc.start()
        try:
            with pytest.raises(DamagedScan, match="inflate past"):
                history.results(bad)
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < 16 << 20  # a bounded buffer, not 150 MB


def test_unpack_reads_up_to_the_bound_exactly():
    full = _blob("H", [7] * MAX_PORTS)
    assert len(unpack("H", full, "ports")) == MAX_PORTS
    with pytest.raises(ValueError, match="inflate past"):
        unpack("H", _blob("H", [7] * (MAX_PORTS + 1)), "ports")


def test_more_results_than_the_scan_counts_is_damage(three):
    path, (_first, bad, _last) = three
    tamper(path, "UPDATE scans SET done = 10 WHERE id = ?", bad)
    with History(path) as history, pytest.raises(DamagedScan, match="more results"):
        history.results(bad)


def test_a_bad_banner_row_is_damage_of_that_scan_only(three):
    path, (first, bad, _last) = three
    tamper(
        path,
        "INSERT INTO banners (scan_id, address, protocol, port, banner) VALUES (?, ?, ?, ?, ?)",
        bad,
        "127.0.0.1",
        9,
        22,
        "SSH",
    )
    with History(path) as history:
        with pytest.raises(DamagedScan, match=f"scan {bad}"):
            history.results(bad)
        assert len(history.results(first)) == 100


def test_search_skips_an_unreadable_scan_and_names_it(three):
    path, (first, bad, last) = three
    tamper(path, "UPDATE scans SET settings = 'oops' WHERE id = ?", bad)
    with History(path) as history:
        sightings = history.search(10, Protocol.TCP)
        assert [s.scan.id for s in sightings] == [last, first]
        (skipped,) = history.skipped
        assert_names(skipped, path, bad)


def test_damaged_expected_doors_are_one_clear_error(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        history.set_expected("127.0.0.1", [(Protocol.TCP, 22)])
    tamper(path, "UPDATE expected SET protocol = 5")
    with History(path) as history, pytest.raises(HistoryError, match="expected doors") as bad:
        history.expected_rules()
    assert str(path) in str(bad.value)


@pytest.mark.parametrize(
    ("layout", "table", "columns"),
    [
        ("three_old", "hosts", ("ports", "codes", "rtts", "times")),
        ("three", "blocks", ("hosts", "codes", "rtts", "times")),
    ],
)
def test_any_mutation_of_a_scans_blobs_reads_or_is_named(request, layout, table, columns):
    """Seeded mutations of every blob: results() returns, or raises DamagedScan."""
    path, (_first, bad, _last) = request.getfixturevalue(layout)
    with History(path) as history:
        history.results(bad)
    rng = random.Random(10)
    db = sqlite3.connect(path)
    originals = db.execute(
        f"SELECT id, {', '.join(columns)} FROM {table} WHERE scan_id = ?", (bad,)
    ).fetchone()
    outcomes = {"read": 0, "damaged": 0}
    try:
        for _ in range(300):
            column = rng.randrange(1, 5)
            blob = bytearray(originals[column])
            for _ in range(rng.randrange(1, 4)):
                if blob and rng.random() < 0.7:
                    blob[rng.randrange(len(blob))] = rng.randrange(256)
                else:
                    del blob[rng.randrange(len(blob) + 1) :]
            name = columns[column - 1]
            db.execute(f"UPDATE {table} SET {name} = ? WHERE id = ?", (bytes(blob), originals[0]))
            db.commit()
            with History(path) as history:
                try:
                    history.results(bad)
                    outcomes["read"] += 1
                except DamagedScan as exc:
                    assert_names(exc, path, bad)
                    outcomes["damaged"] += 1
            db.execute(
                f"UPDATE {table} SET {name} = ? WHERE id = ?", (originals[column], originals[0])
            )
            db.commit()
    finally:
        db.close()
    assert outcomes["damaged"] > 100
