"""Tests for the target feeder: parsing, exclusions, counting, iteration and resolution.

Nothing here sends a packet anywhere but loopback: parsing never resolves, and the only
real lookup is of ``localhost``. The failing lookup runs through a stand-in resolver,
because on a machine whose nameserver is not on loopback a real lookup of
``nonexistent.invalid`` would send a DNS query off the machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import itertools
import socket
from ipaddress import IPv4Address, IPv6Address

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import HostError
from portwindow.engine.core.text import excerpt
from portwindow.engine.input.targets import (
    LARGE_TARGET_LIMIT,
    Resolution,
    ResolvedName,
    ScanHost,
    TargetSet,
    parse_targets,
    targets_from_file,
)

V4 = IPv4Address
V6 = IPv6Address


def addresses(text: str, exclude: str = "") -> list[IPv4Address | IPv6Address]:
    return list(parse_targets(text, exclude=exclude))


def error(text: str, exclude: str = "") -> InputError:
    with pytest.raises(InputError) as info:
        parse_targets(text, exclude=exclude)
    return info.value


# --- syntax -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", ["127.0.0.1"]),
        ("::1", ["::1"]),
        ("[::1]", ["::1"]),
        ("::ffff:127.0.0.1", ["::ffff:127.0.0.1"]),
        ("127.0.0.0/30", ["127.0.0.0", "127.0.0.1", "127.0.0.2", "127.0.0.3"]),
        ("127.0.0.6/30", ["127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7"]),
        ("127.0.0.1/32", ["127.0.0.1"]),
        ("::1/128", ["::1"]),
        ("[::]/127", ["::", "::1"]),
        ("127.0.0.1-3", ["127.0.0.1", "127.0.0.2", "127.0.0.3"]),
        ("127.0.0.254-127.0.1.1", ["127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1"]),
        ("::1-::3", ["::1", "::2", "::3"]),
        ("[::1]-[::2]", ["::1", "::2"]),
        ("127.0-1.0.1-2", ["127.0.0.1", "127.0.0.2", "127.1.0.1", "127.1.0.2"]),
        ("127.0.0.-2", ["127.0.0.0", "127.0.0.1", "127.0.0.2"]),
        ("127.0.0.254-", ["127.0.0.254", "127.0.0.255"]),
    ],
)
def test_each_syntax(text: str, expected: list[str]) -> None:
    assert addresses(text) == [ipaddress.ip_address(a) for a in expected]


def test_star_octet_is_the_whole_octet() -> None:
    targets = parse_targets("127.0.*.1")
    assert targets.address_count == 256
    assert list(itertools.islice(targets, 2)) == [V4("127.0.0.1"), V4("127.0.1.1")]
    assert parse_targets("127.0.0.*").address_count == 256


@pytest.mark.parametrize("separator", [",", " ", "\t", "\n", ", ", " ,\n\t"])
def test_separators(separator: str) -> None:
    text = separator.join(["127.0.0.2", "127.0.0.1", "localhost"])
    targets = parse_targets(f"{separator}{text}{separator}")
    assert list(targets) == [V4("127.0.0.1"), V4("127.0.0.2")]
    assert targets.hostnames == ("localhost",)


@pytest.mark.parametrize(
    "name",
    ["localhost", "example.test", "my-host.example.test", "a", "xn--bcher-kva.example", "h1."],
)
def test_host_names_are_kept_and_not_counted(name: str) -> None:
    targets = parse_targets(name)
    assert targets.hostnames == (name,)
    assert targets.address_count == 0
    assert list(targets) == []


def test_parsing_never_resolves(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parse_targets resolved a name")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert parse_targets("localhost example.test").hostnames == ("localhost", "example.test")


def test_host_names_are_deduplicated_ignoring_case_and_trailing_dot() -> None:
    targets = parse_targets("localhost example.test LOCALHOST localhost.")
    assert targets.hostnames == ("localhost", "example.test")


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bad", "message"),
    [
        ("127.0.0.300", "127.0.0.300", "127.0.0.300: octet 300 is out of range 0-255"),
        ("127.0.0.1, 127.0.0.300", "127.0.0.300", "octet 300 is out of range 0-255"),
        ("127.0.0.99999999999", "127.0.0.99999999999", "is out of range 0-255"),
        ("127.0.0.0/33", "127.0.0.0/33", "127.0.0.0/33: prefix length 33 is out of range 0-32"),
        ("::/129", "::/129", "::/129: prefix length 129 is out of range 0-128"),
        ("127.0.0.0/ab", "127.0.0.0/ab", "prefix length ab is not a number"),
        ("127.0.0.0/", "127.0.0.0/", "prefix length after the / is missing"),
        ("127.0.0.0/8/8", "127.0.0.0/8/8", "exactly one /"),
        ("127.0.0.1-5/24", "127.0.0.1-5/24", "single address before the /"),
        ("localhost/24", "localhost/24", "not a host name"),
        ("127.0.0.9-127.0.0.1", "127.0.0.9-127.0.0.1", "range is reversed"),
        ("127.0.0.20-1", "127.0.0.20-1", "127.0.0.20-1: octet range 20-1 is reversed"),
        ("::5-::1", "::5-::1", "range is reversed"),
        ("127.0.0.1-::5", "127.0.0.1-::5", "range mixes IPv4 and IPv6 addresses"),
        ("::1-127.0.0.1", "::1-127.0.0.1", "range mixes IPv4 and IPv6 addresses"),
        ("::1-::2-::3", "::1-::2-::3", "exactly one -"),
        ("foo!bar", "foo!bar", "foo!bar: not an address, network, range or host name"),
        ("a_b.example", "a_b.example", "not an address, network, range or host name"),
        ("bücher.example", "bücher.example", "not an address, network, range or host name"),
        ("fe80::1%eth0", "fe80::1%eth0", "zone ids such as %eth0 are not supported"),
        ("[fe80::1%2]", "[fe80::1%2]", "zone ids"),
        ("1::2::3", "1::2::3", "1::2::3: not a valid IPv6 address"),
        ("[127.0.0.1]", "[127.0.0.1]", "brackets are only for IPv6 addresses"),
        ("[::1", "[::1", "brackets do not match"),
        ("1.2.3", "1.2.3", "not an IPv4 address (3 octets, not 4)"),
        ("1.2.3.4.5", "1.2.3.4.5", "5 octets, not 4"),
        ("127.0.0.01", "127.0.0.01", "leading zero"),
        ("127..0.1", "127..0.1", "an octet is empty"),
        ("127.0.0.1-2-3", "127.0.0.1-2-3", "octet range 1-2-3 is not valid"),
        ("*.*.*.1", "*.*.*.1", "16,777,216 separate blocks, over the limit of 65,536"),
        ("12345", "12345", "not an address, network, range or host name"),
        ("0x7f000001", "0x7f000001", "not an address, network, range or host name"),
        ("host.123", "host.123", "not an address, network, range or host name"),
        ("-host", "-host", "starts or ends with a hyphen"),
        ("a..example", "a..example", "empty label"),
        ("a" * 64 + ".example", "a" * 64 + ".example", "longer than 63 characters"),
        (("a" * 60 + ".") * 5, ("a" * 60 + ".") * 5, "at most 253 characters"),
    ],
)
def test_errors_name_the_bad_token_and_point_at_it(text: str, bad: str, message: str) -> None:
    exc = error(text)
    assert message in str(exc)
    assert str(exc).startswith(f"{excerpt(bad)}: ")  # a long token is quoted short
    assert exc.token == bad
    assert exc.span is not None
    assert text[exc.span[0] : exc.span[1]] == bad


def test_span_points_at_the_token_among_others() -> None:
    text = "127.0.0.1,  localhost\n  127.0.0.0/99 ::1"
    exc = error(text)
    assert exc.span == (text.index("127.0.0.0/99"), text.index("127.0.0.0/99") + 12)


@pytest.mark.parametrize("text", ["", "   ", ",,,", " \n\t, "])
def test_empty_input(text: str) -> None:
    exc = error(text)
    assert str(exc) == "no targets given"
    assert exc.span == (0, len(text))


def test_error_in_exclusions_says_so_and_points_into_them() -> None:
    exclude = "127.0.0.2 127.0.0.300"
    exc = error("127.0.0.0/24", exclude=exclude)
    assert str(exc) == "exclusion 127.0.0.300: octet 300 is out of range 0-255"
    assert exc.token == "127.0.0.300"
    assert exc.span == (10, 21)


def test_everything_excluded_is_an_error() -> None:
    exclude = "127.0.0.0/24 localhost"
    exc = error("127.0.0.1-3 localhost", exclude=exclude)
    assert str(exc) == "exclusions remove every target"
    assert exc.span == (0, len(exclude))


# --- exclusions, merging, dedup ----------------------------------------------------------


def test_exclusions_in_every_syntax() -> None:
    targets = parse_targets("127.0.0.0/24", exclude="127.0.0.0/25 127.0.0.128-250 127.0.0.252")
    assert list(targets) == [V4(f"127.0.0.{n}") for n in (251, 253, 254, 255)]
    assert targets.address_count == 4


def test_exclusions_of_the_other_family_do_nothing() -> None:
    assert addresses("127.0.0.1 ::1", exclude="::/0") == [V4("127.0.0.1")]


def test_exclusion_of_a_host_name_drops_it_without_resolving() -> None:
    targets = parse_targets("localhost example.test 127.0.0.1", exclude="EXAMPLE.test.")
    assert targets.hostnames == ("localhost",)


def test_overlaps_and_duplicates_merge() -> None:
    targets = parse_targets("127.0.0.1 127.0.0.1 127.0.0.0/30 127.0.0.2-5 127.0.0.6")
    assert list(targets) == [V4(f"127.0.0.{n}") for n in range(7)]
    assert targets.address_count == 7


def test_iteration_is_sorted_ipv4_first() -> None:
    assert addresses("::2 127.0.0.9 ::1 127.0.0.1") == [
        V4("127.0.0.1"),
        V4("127.0.0.9"),
        V6("::1"),
        V6("::2"),
    ]


def test_membership() -> None:
    targets = parse_targets("127.0.0.0/29 ::1", exclude="127.0.0.3")
    assert V4("127.0.0.2") in targets
    assert V4("127.0.0.3") not in targets
    assert V4("127.0.0.8") not in targets
    assert V6("::1") in targets
    assert "127.0.0.2" not in targets


# --- huge sets ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("10.0.0.0/8", 16_777_216),
        ("0.0.0.0/0", 2**32),
        ("*.*.*.*", 2**32),
        ("::/64", 2**64),
        ("2001:db8::/32", 2**96),
        ("::/0", 2**128),
        ("10.0.0.0/8 10.0.0.0/9 10.1.2.3", 16_777_216),
    ],
)
def test_huge_sets_count_exactly_and_iterate_lazily(text: str, count: int) -> None:
    # No clock here: a set built in memory would never get past ::/0 (2**128 addresses),
    # and pytest-timeout fails the test.
    targets = parse_targets(text)
    first = list(itertools.islice(targets, 3))
    assert targets.address_count == count
    assert len(first) == 3
    assert first[1] == first[0] + 1


def test_huge_set_minus_a_huge_exclusion_is_exact() -> None:
    targets = parse_targets("10.0.0.0/8", exclude="10.0.0.0/9 10.255.255.255")
    assert targets.address_count == 2**23 - 1
    assert next(iter(targets)) == V4("10.128.0.0")
    v6 = parse_targets("2001:db8::/32", exclude="2001:db8::/33")
    assert v6.address_count == 2**95
    assert next(iter(v6)) == V6("2001:db8:8000::")


# --- size limit and description ----------------------------------------------------------


def test_size_limit() -> None:
    at_limit = parse_targets("127.0.0.0/16")
    assert at_limit.address_count == LARGE_TARGET_LIMIT
    assert not at_limit.is_large
    at_limit.check_size(allow_large=False)

    over = parse_targets("10.0.0.0/8")
    assert over.is_large
    over.check_size(allow_large=True)
    with pytest.raises(InputError) as info:
        over.check_size(allow_large=False)
    assert str(info.value) == (
        "target set has 16,777,216 addresses, over the limit of 65,536; "
        "pass --allow-large to scan it anyway"
    )


def test_host_names_do_not_count_towards_the_limit() -> None:
    targets = parse_targets(" ".join(f"h{n}.example.test" for n in range(70_000)))
    assert not targets.is_large


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("127.0.0.1", "1 address"),
        ("127.0.0.1-3 localhost", "3 addresses, 1 host name"),
        ("localhost example.test", "2 host names"),
        ("10.0.0.0/8", "16,777,216 addresses"),
    ],
)
def test_describe(text: str, summary: str) -> None:
    assert parse_targets(text).describe() == summary


# --- the file reader ----------------------------------------------------------------------


def test_targets_file(tmp_path) -> None:
    path = tmp_path / "targets.txt"
    path.write_text(
        "# lab hosts\n127.0.0.1 127.0.0.2,127.0.0.3\n\n   \nlocalhost  # the box itself\n::1\n",
        encoding="utf-8",
    )
    text = targets_from_file(path)
    targets = parse_targets(text)
    assert targets.address_count == 4
    assert targets.hostnames == ("localhost",)
    assert len(text) == len(path.read_text(encoding="utf-8"))


def test_targets_file_offsets_match_the_file(tmp_path) -> None:
    path = tmp_path / "targets.txt"
    content = "127.0.0.1 # fine\n# 127.0.0.999 commented out\n127.0.0.300\n"
    path.write_text(content, encoding="utf-8")
    exc = error(targets_from_file(path))
    assert exc.span is not None
    assert content[exc.span[0] : exc.span[1]] == "127.0.0.300"


def test_targets_file_with_a_byte_order_mark(tmp_path) -> None:
    path = tmp_path / "targets.txt"
    path.write_bytes(b"\xef\xbb\xbf127.0.0.1\r\n127.0.0.2\r\n")
    assert parse_targets(targets_from_file(path)).address_count == 2


def test_targets_file_errors_name_the_file(tmp_path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match="no such file") as info:
        targets_from_file(missing)
    assert str(missing) in str(info.value)
    assert info.value.token == str(missing)

    with pytest.raises(InputError, match="is a directory"):
        targets_from_file(tmp_path)

    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"127.0.0.1 # caf\xe9\n")
    with pytest.raises(InputError, match=r"not UTF-8 text \(bad byte at offset 15\)") as info:
        targets_from_file(latin1)
    assert str(latin1) in str(info.value)


def test_targets_file_with_only_comments_gives_no_targets(tmp_path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("# nothing yet\n\n", encoding="utf-8")
    assert str(error(targets_from_file(path))) == "no targets given"


# --- resolution and the hosts to scan ----------------------------------------------------


LOOPBACK = {V4("127.0.0.1"), V6("::1")}


def test_resolving_localhost_gives_a_loopback_address() -> None:
    targets = parse_targets("localhost")
    resolution = asyncio.run(targets.resolve())
    assert resolution.errors == ()
    [resolved] = resolution.names
    assert resolved.name == "localhost"
    assert set(resolved.addresses) & LOOPBACK
    assert len(set(resolved.addresses)) == len(resolved.addresses)
    assert all(address.is_loopback for address in resolved.addresses)

    hosts = list(targets.iter_hosts(resolution))
    assert hosts
    assert {host.label for host in hosts} == {"localhost"}
    assert targets.host_count(resolution) == len(hosts)


class StubResolver:
    """Stands in for the event loop's ``getaddrinfo``; fails like glibc on unknown names."""

    def __init__(self, table: dict[str, list[str]]) -> None:
        self.table = table
        self.asked: list[str] = []

    async def getaddrinfo(self, host: str, port: object, **kwargs: object) -> list[tuple]:
        self.asked.append(host)
        await asyncio.sleep(0)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        infos = []
        for address in self.table[host]:
            if ":" in address:
                infos.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, 0, 0, 0)))
            else:
                infos.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, 0)))
        return infos


def resolve_with(targets: TargetSet, table: dict[str, list[str]]) -> Resolution:
    async def run() -> Resolution:
        return await targets.resolve(StubResolver(table))  # type: ignore[arg-type]

    return asyncio.run(run())


def test_a_name_that_does_not_resolve_is_a_host_error_not_an_exception() -> None:
    targets = parse_targets("nonexistent.invalid localhost")
    resolution = resolve_with(targets, {"localhost": ["127.0.0.1"]})
    assert resolution.errors == (
        HostError("nonexistent.invalid", "could not resolve: Name or service not known"),
    )
    assert resolution.names == (ResolvedName("localhost", (V4("127.0.0.1"),)),)
    assert list(targets.iter_hosts(resolution)) == [ScanHost("localhost", V4("127.0.0.1"))]


def test_a_name_with_no_usable_address_is_a_host_error() -> None:
    resolution = resolve_with(parse_targets("empty.test"), {"empty.test": []})
    assert resolution.errors == (HostError("empty.test", "resolved to no IPv4 or IPv6 address"),)


def test_each_name_is_resolved_once_in_order_with_addresses_deduplicated() -> None:
    targets = parse_targets("b.test a.test B.TEST")
    stub = StubResolver({"a.test": ["127.0.0.7"], "b.test": ["::1", "127.0.0.5", "::1"]})

    async def run() -> Resolution:
        return await targets.resolve(stub)  # type: ignore[arg-type]

    resolution = asyncio.run(run())
    assert sorted(stub.asked) == ["a.test", "b.test"]
    assert resolution.names == (
        ResolvedName("b.test", (V6("::1"), V4("127.0.0.5"))),
        ResolvedName("a.test", (V4("127.0.0.7"),)),
    )


def test_iter_hosts_labels_and_skips() -> None:
    targets = parse_targets("127.0.0.1-2 one.test two.test", exclude="127.0.0.9")
    resolution = resolve_with(
        targets,
        {
            "one.test": ["127.0.0.2", "127.0.0.8", "127.0.0.9", "::1"],
            "two.test": ["::1", "127.0.0.10"],
        },
    )
    hosts = list(targets.iter_hosts(resolution))
    assert hosts == [
        ScanHost("127.0.0.1", V4("127.0.0.1")),
        ScanHost("127.0.0.2", V4("127.0.0.2")),
        ScanHost("one.test", V4("127.0.0.8")),
        ScanHost("one.test", V6("::1")),
        ScanHost("two.test", V4("127.0.0.10")),
    ]
    assert targets.host_count(resolution) == len(hosts)


def test_iter_hosts_is_lazy_for_huge_sets() -> None:
    targets = parse_targets("10.0.0.0/8")
    first = list(itertools.islice(targets.iter_hosts(), 2))
    assert first == [ScanHost("10.0.0.0", V4("10.0.0.0")), ScanHost("10.0.0.1", V4("10.0.0.1"))]
    assert targets.host_count() == 16_777_216


def test_iter_hosts_needs_a_resolution_when_there_are_names() -> None:
    with pytest.raises(ValueError, match="resolve"):
        parse_targets("localhost").iter_hosts()


def test_resolving_without_names_is_empty() -> None:
    assert asyncio.run(parse_targets("127.0.0.1").resolve()) == Resolution()


# --- properties ---------------------------------------------------------------------------


def outcome(text: str, exclude: str) -> TargetSet | InputError:
    """Whatever parsing gives; any exception other than InputError fails the test."""
    try:
        return parse_targets(text, exclude=exclude)
    except InputError as exc:
        return exc


TARGETISH = st.text(alphabet="0123456789abcdefx.-/*:[]%, \t\n")


@settings(deadline=None)
@given(st.text(), st.text())
def test_any_text_parses_or_raises_input_error(text: str, exclude: str) -> None:
    result = outcome(text, exclude)
    if isinstance(result, InputError) and result.span is not None:
        assert 0 <= result.span[0] <= result.span[1]


@settings(deadline=None)
@given(TARGETISH, TARGETISH)
@example("127.0.0.1", "127.0.0.0/8")
@example("127.0.0.1", "::1 127.0.0.1/33")
def test_target_like_text_parses_or_raises_input_error(text: str, exclude: str) -> None:
    result = outcome(text, exclude)
    if isinstance(result, InputError):
        if result.token and result.span:
            source = exclude if str(result).startswith("exclusion") else text
            assert source[result.span[0] : result.span[1]] == result.token
    elif result.address_count <= 4096:
        assert sum(1 for _ in result) == result.address_count


def ipv4_items() -> st.SearchStrategy[ipaddress.IPv4Network]:
    """Small IPv4 networks, from single addresses up to a /22, host bits possibly set."""
    return st.builds(
        lambda address, prefix: ipaddress.IPv4Network((address, prefix), strict=False),
        st.ip_addresses(v=4),
        st.integers(22, 32),
    )


def written(network: ipaddress.IPv4Network, host: ipaddress.IPv4Address) -> str:
    """How a user might type the network: a bare address for a /32, else CIDR, host bits set."""
    if network.prefixlen == 32:
        return str(network.network_address)
    return f"{host}/{network.prefixlen}"


@settings(deadline=None)
@given(
    st.lists(st.tuples(ipv4_items(), st.integers(0, 2**10 - 1)), min_size=1, max_size=8),
    st.lists(ipv4_items(), max_size=4),
    st.sampled_from([",", " ", "\n", ", "]),
)
def test_ipv4_items_round_trip_to_what_ipaddress_computes(
    included: list[tuple[ipaddress.IPv4Network, int]],
    excluded: list[ipaddress.IPv4Network],
    separator: str,
) -> None:
    expected: set[ipaddress.IPv4Address] = set()
    words = []
    for network, offset in included:
        expected.update(network)
        words.append(written(network, network[offset % network.num_addresses]))
    for network in excluded:
        expected.difference_update(network)
    text = separator.join(words)
    exclude = separator.join(written(network, network.network_address) for network in excluded)

    if not expected:
        assert str(error(text, exclude)) == "exclusions remove every target"
        return
    targets = parse_targets(text, exclude=exclude)
    listed = list(targets)
    assert listed == sorted(expected)
    assert targets.address_count == len(expected) == len(listed)


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 300)), min_size=1))
def test_full_ranges_count_and_iterate_the_same(ranges: list[tuple[int, int]]) -> None:
    words = [f"{V4(first)}-{V4(min(first + span, 2**32 - 1))}" for first, span in ranges]
    targets = parse_targets(" ".join(words))
    expected = set()
    for first, span in ranges:
        expected.update(range(first, min(first + span, 2**32 - 1) + 1))
    assert [int(a) for a in targets] == sorted(expected)
    assert targets.address_count == len(expected)


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2**128 - 1), st.integers(0, 50)), min_size=1))
def test_ipv6_ranges_count_and_iterate_the_same(ranges: list[tuple[int, int]]) -> None:
    words = [f"[{V6(first)}]-{V6(min(first + span, 2**128 - 1))}" for first, span in ranges]
    targets = parse_targets(",".join(words))
    expected = set()
    for first, span in ranges:
        expected.update(range(first, min(first + span, 2**128 - 1) + 1))
    assert [int(a) for a in targets] == sorted(expected)
    assert targets.address_count == len(expected)


# --- issue 10: bounded in size and work -------------------------------------------------


def test_octet_ranges_over_the_total_block_limit_are_refused_not_expanded() -> None:
    """Each item is under the per-item limit; together they would be 2.6 million blocks
    (hundreds of MB of spans, tens of seconds)."""
    with pytest.raises(InputError, match="more than 2,097,152 separate blocks") as info:
        parse_targets(" ".join(f"127.1-255.1-255.{last}" for last in range(1, 41)))
    assert info.value.token is not None


def test_targets_file_dev_zero_is_refused_at_the_named_limit() -> None:
    with pytest.raises(InputError) as info:
        targets_from_file("/dev/zero")
    assert str(info.value) == "targets file /dev/zero: larger than the limit of 16 MiB"


def test_a_million_plain_addresses_parse_exactly() -> None:
    text = "\n".join(f"127.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}" for i in range(0, 10**6, 3))
    targets = parse_targets(text)
    assert targets.address_count == len(range(0, 10**6, 3))
    assert V4("127.0.0.3") in targets
    assert V4("127.0.0.4") not in targets


@pytest.mark.parametrize(
    "text", ["010.0.0.1", "00.0.2.3", "192.0.2.256", "192.0.2.4 ", "192.0.2.04"]
)
def test_the_fast_path_keeps_the_strict_rules(text: str) -> None:
    if text.strip() == "192.0.2.4":
        assert parse_targets(text).address_count == 1
        return
    with pytest.raises(InputError):
        parse_targets(text)
