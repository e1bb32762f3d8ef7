"""Tests for portwindow.engine.input.services: look-ups against the shipped IANA table."""

from __future__ import annotations

import subprocess
import sys

import pytest

from portwindow.engine.core.model import PortClass, Protocol
from portwindow.engine.input.services import ServiceInfo, ServiceRegistry, default_registry

TCP, UDP = Protocol.TCP, Protocol.UDP


@pytest.fixture(scope="module")
def registry() -> ServiceRegistry:
    return default_registry()


@pytest.mark.parametrize(
    ("port", "protocol", "name"),
    [
        (22, TCP, "ssh"),
        (53, UDP, "domain"),
        (443, TCP, "https"),
        (3389, TCP, "ms-wbt-server"),
        (5432, TCP, "postgresql"),
    ],
)
def test_lookup_known_ports(registry, port, protocol, name):
    assert registry.lookup(port, protocol).name == name


def test_lookup_returns_service_info_with_class(registry):
    assert registry.lookup(22, TCP) == ServiceInfo(
        "ssh", "The Secure Shell (SSH) Protocol", PortClass.WELL_KNOWN
    )


def test_primary_name_is_not_an_alias(registry):
    # 80/tcp is registered as http, www and www-http; the last two are marked duplicates.
    assert registry.lookup(80, TCP).name == "http"
    assert registry.lookup(80, UDP).name == "http"
    # whois++ is listed second and noted as an alias of whoispp.
    assert registry.lookup(63, TCP).name == "whoispp"


def test_disputed_name_is_not_primary(registry):
    # shilp comes first in the CSV for 2049 but carries "<== NOTE Conflict on 2049 !".
    assert registry.lookup(2049, TCP).name == "nfs"


def test_aliases_still_resolve_as_names(registry):
    assert registry.ports_for_name("www", TCP) == (80,)
    assert registry.ports_for_name("www-http", TCP) == (80,)
    assert registry.ports_for_name("sql*net", TCP) == (66,)
    assert {"www", "www-http", "whois++"} <= registry.names()


def test_empty_protocol_in_csv_means_every_protocol(registry):
    # IANA lists active-net 3322-3325 and flex-lm 27000-27009 with no protocol.
    for protocol in (TCP, UDP):
        assert registry.lookup(3323, protocol).name == "active-net"
        assert registry.lookup(27005, protocol).name == "flex-lm"
    assert registry.ports_for_name("flex-lm", UDP) == tuple(range(27000, 27010))


def test_named_range_is_expanded(registry):
    info = registry.lookup(6010, TCP)
    assert (info.name, info.description) == ("x11", "X Window System")
    assert registry.ports_for_name("x11", TCP) == tuple(range(6000, 6064))
    assert registry.lookup(6064, TCP).name != "x11"


def test_non_ascii_description_is_kept(registry):
    assert registry.lookup(4413, TCP).description == "FORTÉ Vision Monitoring platform"


def test_description_is_first_line_only(registry):
    # The CSV's description for 63 is 'whois++\nIANA assigned this well-formed ...'.
    assert registry.lookup(63, TCP).description == "whois++"


def test_empty_description_falls_back_to_name(registry):
    # ident (113/tcp) and vettcp (78) have empty descriptions in the CSV.
    assert registry.lookup(113, TCP) == ServiceInfo("ident", "ident", PortClass.WELL_KNOWN)
    assert registry.lookup(78, UDP).description == "vettcp"
    named = [registry.lookup(p, TCP) for p in range(1, 1024)]
    assert all(info.description for info in named if info.name)


def test_unknown_port_has_empty_name_and_a_class(registry):
    assert registry.lookup(65535, TCP) == ServiceInfo("", "", PortClass.DYNAMIC)
    assert registry.lookup(0, TCP) == ServiceInfo("", "", PortClass.WELL_KNOWN)


def test_lookup_rejects_impossible_ports(registry):
    with pytest.raises(ValueError, match="70000"):
        registry.lookup(70000, TCP)


def test_protocol_matters(registry):
    assert registry.lookup(465, TCP).name == "urd"
    assert registry.lookup(465, UDP).name == "igmpv3lite"
    assert registry.ports_for_name("mongodb", UDP) == ()


def test_ports_for_name_is_case_insensitive(registry):
    assert registry.ports_for_name("SSH", TCP) == (22,)
    assert registry.ports_for_name("3com-tsmux", TCP) == registry.ports_for_name("3COM-TSMUX", TCP)
    assert registry.ports_for_name("EtherNet-IP-2", TCP) == (44818,)
    assert registry.ports_for_name("no-such-service", TCP) == ()


def test_names_keep_iana_spelling(registry):
    names = registry.names()
    assert isinstance(names, frozenset)
    assert "EtherNet-IP-2" in names
    assert "ssh" in names
    assert len(names) > 6000


def test_suggest_nearest_names(registry):
    assert registry.suggest("htp")[0] == "http"
    assert registry.suggest("postgress", n=1) == ["postgresql"]
    assert len(registry.suggest("htp", n=2)) == 2
    assert registry.suggest("qqqqqqqqqqqqqqqqqq") == []


def test_registry_from_text_uses_first_row_as_primary():
    registry = ServiceRegistry(
        "# comment\n7\ttcp\tbest\tThe best\n7\ttcp\tother\tOther\n9\tudp\tother\tOther\n"
    )
    assert registry.lookup(7, TCP) == ServiceInfo("best", "The best", PortClass.WELL_KNOWN)
    assert registry.lookup(7, UDP).name == ""
    assert registry.ports_for_name("other", TCP) == (7,)
    assert registry.ports_for_name("OTHER", UDP) == (9,)
    assert registry.names() == {"best", "other"}


def test_default_registry_is_loaded_once():
    assert default_registry() is default_registry()


def test_importing_does_not_load_the_table():
    code = (
        "import sys, portwindow.engine.input.services as s;"
        "assert s.default_registry.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
