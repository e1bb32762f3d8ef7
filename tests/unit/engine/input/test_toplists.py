"""Tests for portwindow.engine.input.toplists: the project's curated top-port lists."""

from __future__ import annotations

import pytest

from portwindow.engine.core.model import Protocol
from portwindow.engine.input import toplists
from portwindow.engine.input.services import default_registry
from portwindow.engine.input.toplists import TOP100, TOP1000


@pytest.mark.parametrize(("ports", "size"), [(TOP100, 100), (TOP1000, 1000)])
def test_lists_hold_exactly_their_size_of_distinct_valid_ports(ports, size):
    assert isinstance(ports, tuple)
    assert len(ports) == size
    assert len(set(ports)) == size
    assert all(isinstance(p, int) and 1 <= p <= 65535 for p in ports)


def test_top100_is_the_head_of_top1000():
    assert TOP1000[:100] == TOP100
    assert set(TOP100) < set(TOP1000)


@pytest.mark.parametrize("port", [22, 80, 443, 445, 3389, 3306, 5432, 6379, 5900, 8080])
def test_everyday_services_are_in_top100(port):
    assert port in TOP100


@pytest.mark.parametrize("port", [2375, 6443, 9200, 27017, 5672, 9092, 1883, 853, 25565])
def test_modern_infrastructure_is_in_top1000(port):
    assert port in TOP1000


def test_top1000_completion_follows_its_documented_rule():
    # After the curated part: IANA well-known ports with a TCP name, lowest first,
    # skipping curated ones, until there are 1000. If this fails after a registry update,
    # regenerate _IANA_WELL_KNOWN_FILL by the rule in the module docstring.
    registry = default_registry()
    curated = TOP100 + toplists._CURATED_MORE
    expected = [
        port
        for port in range(1, 1024)
        if registry.lookup(port, Protocol.TCP).name and port not in curated
    ][: 1000 - len(curated)]
    assert list(toplists._IANA_WELL_KNOWN_FILL) == expected
    assert curated + toplists._IANA_WELL_KNOWN_FILL == TOP1000


def test_lists_are_labelled_as_curated():
    doc = toplists.__doc__ or ""
    assert "curated by the portwindow project, not measured frequency" in " ".join(doc.split())
