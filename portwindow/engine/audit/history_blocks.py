"""A scan in the history as its result set's columns (schema 2): ``history.py`` saves
with :func:`plan_values` and :func:`blocks`, and reads back with :func:`read_scan`.

The scan's plan (its ports per protocol) and the epoch its times count from are one
``plans`` row. Its hosts, in address order, are ``blocks`` rows of up to
:data:`BLOCK_HOSTS` hosts and :data:`BLOCK_DOORS` doors: the hosts (IPv4 addresses as 4
bytes each, any other as text, and the names besides addresses), and their door bytes
(0: not probed), round-trip times (microseconds) and times (milliseconds from the epoch)
for every door of the plan, each zlib-compressed, the multi-byte ones byte-shuffled
first (all first bytes, then all second bytes...: the high bytes of small numbers are
runs of zeros). Nothing is made per door on either side: the columns are sliced, joined
and compressed as they are, and nothing per host for IPv4 hosts without a name, so a /16
of 100 ports or the 400,000 hosts of a stopped /8 save in well under a second.

Nothing read is trusted (see ``history_rows.py``): every blob inflates to at most the
size its block can have, and a row that does not read raises ValueError saying what,
which the history turns into :class:`~portwindow.engine.audit.history_rows.DamagedScan`.
"""

from __future__ import annotations

import itertools
import json
import zlib
from array import array
from collections.abc import Iterable, Iterator, Sequence

from portwindow.engine.audit.history_rows import MAX_PORTS, inflate, protocol_of
from portwindow.engine.core.host_index import ipv4_texts, is_run
from portwindow.engine.core.model import Protocol
from portwindow.engine.core.results import ResultSet

BLOCK_HOSTS = 4096
BLOCK_DOORS = 1 << 20
BLOCK_TEXT = 1 << 18  # characters of addresses and names in one block, at most
MAX_HOSTS_JSON = 16 * BLOCK_TEXT  # bytes a block's hosts may inflate to (escapes included)
_LEVEL = 1  # zlib's fastest: the columns are runs and small numbers


def plan_values(results: ResultSet) -> tuple[bytes, bytes, int, int]:
    """The plans row: TCP ports, UDP ports, the epoch and the width of a time in bytes."""
    plan = results.plan
    _codes, _rtts, times = results.columns()
    return (
        zlib.compress(plan.ports[Protocol.TCP].tobytes(), _LEVEL),
        zlib.compress(plan.ports[Protocol.UDP].tobytes(), _LEVEL),
        results.epoch if results.epoch is not None else 0,
        times.itemsize,
    )


def blocks(results: ResultSet) -> Iterator[tuple[bytes, bytes, bytes, bytes]]:
    """The blocks rows (hosts, codes, rtts, times) of every host, by address."""
    size = results.plan.size
    if not size:
        return
    per_block = max(1, min(BLOCK_HOSTS, BLOCK_DOORS // size))
    order = results.rows_by_address()
    start = 0
    while start < len(order):
        rows = order[start : start + per_block]
        hosts = _hosts_blob(results, rows)
        while hosts is None:  # too much text for one block: fewer hosts
            rows = rows[: max(1, len(rows) // 2)]
            hosts = _hosts_blob(results, rows)
        start += len(rows)
        yield (hosts, *_columns(results, rows, size))


def _hosts_blob(results: ResultSet, rows: Sequence[int]) -> bytes | None:
    """A block's hosts: a JSON line ``[count, addresses or null, [[position, name]...]]``,
    then, when the addresses are all IPv4, their 4 bytes each; None when the text of the
    hosts is more than a block holds (a block of one host always fits)."""
    packed = results.packed_addresses(rows)
    addresses = None if packed is not None else results.addresses(rows)
    names = results.names_of_hosts(rows)
    text = sum(map(len, addresses)) if addresses is not None else 0
    text += sum(len(name) for _position, name in names)
    if text > BLOCK_TEXT and len(rows) > 1:
        return None
    line = json.dumps([len(rows), addresses, names], ensure_ascii=False).encode()
    return zlib.compress(line + b"\n" + (packed or b""), _LEVEL)


def _columns(results: ResultSet, rows: Sequence[int], size: int) -> tuple[bytes, bytes, bytes]:
    codes, rtts, times = results.columns()
    if is_run(rows):
        spans = [slice(rows[0] * size, (rows[-1] + 1) * size)]  # hosts in a row: one slice
    else:
        spans = [slice(row * size, (row + 1) * size) for row in rows]
    return (
        zlib.compress(b"".join(codes[span] for span in spans), _LEVEL),
        zlib.compress(_shuffled(b"".join(rtts[span].tobytes() for span in spans), 4), _LEVEL),
        zlib.compress(
            _shuffled(b"".join(times[span].tobytes() for span in spans), times.itemsize), _LEVEL
        ),
    )


def read_scan(
    plan_row: Sequence,
    block_rows: Iterable[Sequence],
    banner_rows: Iterable[Sequence],
    done: int,
) -> ResultSet:
    """A saved scan's result set; ValueError or TypeError says what does not read."""
    tcp_blob, udp_blob, epoch, width = plan_row
    if not isinstance(epoch, int) or isinstance(epoch, bool) or not -(2**52) < epoch < 2**52:
        raise ValueError("its epoch is not a time")
    if width not in (4, 8):
        raise ValueError(f"its times are {width!r} bytes each, not 4 or 8")
    ports = {
        Protocol.TCP: _ascending(_inflate_block(tcp_blob, 2 * MAX_PORTS, "TCP ports"), "TCP ports"),
        Protocol.UDP: _ascending(_inflate_block(udp_blob, 2 * MAX_PORTS, "UDP ports"), "UDP ports"),
    }
    results = ResultSet(ports)
    results.epoch = epoch
    size = results.plan.size
    for hosts_blob, codes_blob, rtts_blob, times_blob in block_rows:
        hosts = _hosts(_inflate_block(hosts_blob, MAX_HOSTS_JSON, "hosts"))
        doors = len(hosts) * size
        if len(hosts) > BLOCK_HOSTS or doors > BLOCK_DOORS:
            raise ValueError(
                f"a block holds more than {BLOCK_HOSTS:,} hosts or {BLOCK_DOORS:,} doors"
            )
        codes = _inflate_block(codes_blob, doors, "states")
        rtts = _column("I", _inflate_block(rtts_blob, 4 * doors, "round-trip times"), 4)
        times = _column(
            "i" if width == 4 else "q", _inflate_block(times_blob, width * doors, "times"), width
        )
        results.append_columns(hosts, codes, rtts, times)
        if len(results) > max(done, 0):
            raise ValueError(f"it holds more results than the {done:,} it counts")
    for address, protocol, port, banner in banner_rows:
        if not isinstance(banner, str) or not isinstance(port, int):
            raise ValueError("a banner is not text")
        row = results.plan.row(protocol_of(protocol, "banner's protocol"), port)
        results.put_banner(results.host_row(address), row, banner)
    return results


def _shuffled(raw: bytes, width: int) -> bytes:
    return b"".join(raw[i::width] for i in range(width)) if width > 1 else raw


def _column(kind: str, shuffled: bytes, width: int) -> array:
    if len(shuffled) % width:
        raise ValueError("a column ends in the middle of an entry")
    count = len(shuffled) // width
    raw = bytearray(len(shuffled))
    for i in range(width):
        raw[i::width] = shuffled[i * count : (i + 1) * count]
    column = array(kind)
    column.frombytes(raw)
    return column


def _inflate_block(blob: object, limit: int, what: str) -> bytes:
    return inflate(blob, limit, what, " (what its block can hold)")


def _ascending(raw: bytes, what: str) -> array:
    if len(raw) % 2:
        raise ValueError(f"its {what} end in the middle of an entry")
    ports = array("H")
    ports.frombytes(raw)
    if any(a >= b for a, b in itertools.pairwise(ports)):
        raise ValueError(f"its {what} are not in ascending order")
    return ports


def _hosts(raw: bytes) -> list[tuple[str, str]]:
    """(label, address) of each host of a block (see ``_hosts_blob``)."""
    line, _newline, packed = raw.partition(b"\n")
    try:
        head = json.loads(line.decode())
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ValueError("its hosts are not JSON") from None
    if not (isinstance(head, list) and len(head) == 3 and isinstance(head[0], int)):
        raise ValueError("its hosts are not a count, addresses and names")
    count, addresses, names = head
    if not 0 < count <= BLOCK_HOSTS:
        raise ValueError(f"its hosts are {count!r}, not 1 to {BLOCK_HOSTS:,}")
    if addresses is None:
        if len(packed) != 4 * count:
            raise ValueError(f"its IPv4 addresses are not {count:,}")
        addresses = ipv4_texts(packed)
    elif packed or not isinstance(addresses, list) or len(addresses) != count:
        raise ValueError(f"its addresses are not {count:,} texts")
    elif not all(isinstance(address, str) for address in addresses):
        raise ValueError("an address is not text")
    labels = list(addresses)
    if not isinstance(names, list):
        raise ValueError("its names are not a list")
    for name in names:
        if not (isinstance(name, list) and len(name) == 2 and isinstance(name[0], int)):
            raise ValueError("a name is not a position and a text")
        position, label = name
        if not 0 <= position < count or not isinstance(label, str):
            raise ValueError(f"the name at {position!r} is not a host's name")
        labels[position] = label
    return list(zip(labels, addresses, strict=True))
