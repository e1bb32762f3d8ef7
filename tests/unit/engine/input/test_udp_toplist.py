"""Tests for portwindow.engine.input.udp_toplist: the project's curated UDP top list."""

from __future__ import annotations

import pytest

from portwindow.engine.core.model import Protocol
from portwindow.engine.input import udp_toplist
from portwindow.engine.input.services import default_registry
from portwindow.engine.input.udp_toplist import UDP_TOP100

NOT_ASSIGNED_BY_IANA = {51820}  # WireGuard, named in the module's docstring


def test_the_list_holds_100_distinct_valid_ports():
    assert len(UDP_TOP100) == 100
    assert len(set(UDP_TOP100)) == 100
    assert all(isinstance(p, int) and 1 <= p <= 65535 for p in UDP_TOP100)


def test_every_port_but_the_documented_one_has_an_iana_udp_name():
    registry = default_registry()
    unnamed = {p for p in UDP_TOP100 if not registry.lookup(p, Protocol.UDP).name}
    assert unnamed == NOT_ASSIGNED_BY_IANA


@pytest.mark.parametrize("port", [53, 123, 161, 67, 500, 1900, 5353, 514, 1194, 3478, 443])
def test_everyday_udp_services_are_in_it(port):
    assert port in UDP_TOP100


def test_it_says_it_is_curated_and_not_from_nmap():
    doc = " ".join((udp_toplist.__doc__ or "").split())
    assert "curated by the portwindow project, not measured frequency" in doc
    assert "not taken from nmap's data files" in doc
