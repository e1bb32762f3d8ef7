"""The host index: rows and addresses both ways, IPv4 at a few bytes a host."""

import random

from portwindow.engine.core import host_index
from portwindow.engine.core.host_index import HostIndex


def test_rows_and_addresses_both_ways_for_every_kind_of_address():
    index = HostIndex()
    addresses = ["192.0.2.7", "2001:db8::1", "0.0.0.0", "a name", "192.0.2.1", "fe80::1%eth0"]
    rows = [index.add(address) for address in addresses]
    assert rows == list(range(6))
    assert [index.address(row) for row in rows] == addresses
    assert [index.row(address) for address in addresses] == rows
    assert index.row("192.0.2.8") == index.row("2001:db8::2") == index.row("other") == -1
    assert [addresses[row] for row in index.by_address()] == [
        "0.0.0.0",
        "192.0.2.1",
        "192.0.2.7",
        "2001:db8::1",
        "fe80::1%eth0",
        "a name",
    ]


def test_a_host_seen_long_ago_is_found_by_a_search_then_by_a_full_table(monkeypatch):
    monkeypatch.setattr(host_index, "RECENT", 8)
    monkeypatch.setattr(host_index, "SEARCHES", 3)
    index = HostIndex()
    index.add("0.0.0.0")  # the number 0, which rows of other addresses hold too
    index.add("2001:db8::9")
    addresses = [f"10.0.{n >> 8}.{n & 255}" for n in range(1000)]
    for address in addresses:
        assert index.row(address) == -1
        index.add(address)
    rng = random.Random(4)
    for address in rng.sample(addresses, 50):
        assert index.row(address) == addresses.index(address) + 2
    assert index._full is not None
    assert index.row("0.0.0.0") == 0
    assert index.row("10.9.9.9") == -1
    index.add("10.9.9.9")
    assert index.row("10.9.9.9") == 1002


def test_addresses_in_arrival_order_come_back_in_address_order():
    index = HostIndex()
    numbers = random.Random(8).sample(range(2**32), 500)
    for number in numbers:
        index.add(".".join(str(number >> shift & 255) for shift in (24, 16, 8, 0)))
    assert [numbers[row] for row in index.by_address()] == sorted(numbers)


def test_hosts_that_came_in_address_order_are_their_range_and_one_late_host_sorts():
    """A wide scan's hosts arrive in address order: the order is the rows' range (no list
    of a million numbers while a report is written); one host out of place sorts them."""
    index = HostIndex()
    for n in range(300):
        index.add(f"198.51.100.{n % 256}" if n < 256 else f"203.0.113.{n - 256}")
    assert index.by_address() == range(300)
    assert host_index.is_run(index.by_address()[10:20])
    index.add("192.0.2.1")
    order = index.by_address()
    assert order[0] == 300
    assert list(order[1:]) == list(range(300))
    assert host_index.is_run([4, 5, 6])
    assert not host_index.is_run([4, 6, 5])
    assert not host_index.is_run(range(0, 10, 2))


def test_addresses_of_many_rows_at_once():
    index = HostIndex()
    addresses = [f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}" for n in range(0, 2**24, 9973)]
    for address in addresses:
        index.add(address)
    rows = list(range(len(addresses)))[::-3]
    assert index.addresses(rows) == [addresses[row] for row in rows]
    assert index.numeric(rows)
    index.add("2001:db8::1")
    assert index.addresses([len(addresses), 0]) == ["2001:db8::1", addresses[0]]
    assert not index.numeric([0, len(addresses)])
    assert index.numeric([0, 1])
