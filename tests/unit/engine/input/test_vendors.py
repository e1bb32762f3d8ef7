"""The MAC vendor table: longest prefix wins, locally administered addresses say so,
and the shipped table is the IEEE's listing."""

import pytest

from portwindow.engine.input.vendors import LOCALLY_ADMINISTERED, VendorTable, default_vendors

TABLE = VendorTable(
    "# comment\n"
    "001122\tBig Block Inc.\n"
    "0011223\tMiddle Block GmbH\n"
    "001122334\tSmall Block KK\n"
    "A4B1C1\tAnother\n"
)


@pytest.mark.parametrize(
    ("mac", "vendor"),
    [
        ("00:11:22:ff:ff:ff", "Big Block Inc."),
        ("00:11:22:3f:ff:ff", "Middle Block GmbH"),
        ("00-11-22-33-4f-ff", "Small Block KK"),
        ("001122334abc", "Small Block KK"),
        ("a4:b1:c1:00:00:01", "Another"),
        ("a4:b1:c2:00:00:01", None),
        ("02:11:22:33:44:55", LOCALLY_ADMINISTERED),
        ("not a mac", None),
        ("00:11:22:33:44", None),
        ("00:11:22:33:44:zz", None),
    ],
)
def test_lookup(mac, vendor):
    assert TABLE.lookup(mac) == vendor


def test_the_shipped_table_is_the_ieee_listing():
    vendors = default_vendors()
    assert len(vendors) > 30_000
    assert vendors.lookup("00:00:00:00:00:01") == "XEROX CORPORATION"
    assert vendors.lookup("00:00:0c:12:34:56") == "Cisco Systems, Inc"
