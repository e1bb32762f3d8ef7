import tracemalloc

import pytest

from portwindow.engine.audit import expected
from portwindow.engine.audit.expected import (
    ANY_HOST,
    Expectations,
    Finding,
    audit_results,
    dump_rules,
    format_doors,
    load_rules,
    parse_doors,
)
from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason

TCP, UDP = Protocol.TCP, Protocol.UDP


def r(port, state, address="127.0.0.1", host=None, protocol=TCP):
    reason = {
        PortState.OPEN: Reason.SYN_ACK,
        PortState.CLOSED: Reason.CONN_REFUSED,
        PortState.FILTERED: Reason.NO_RESPONSE,
        PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
    }[state]
    return PortResult(host or address, address, protocol, port, state, reason, None, 1.8e9)


def test_parse_doors_in_every_spelling():
    assert parse_doors("22/tcp, 443/tcp 53/udp") == {(TCP, 22), (TCP, 443), (UDP, 53)}
    assert parse_doors("22,443") == {(TCP, 22), (TCP, 443)}
    assert parse_doors("T:22,U:53,123") == {(TCP, 22), (UDP, 53), (UDP, 123)}
    assert parse_doors("ssh, 8000-8002/tcp") == {(TCP, 22), (TCP, 8000), (TCP, 8001), (TCP, 8002)}
    assert format_doors(parse_doors("443/tcp,22/tcp,53/udp")) == "22/tcp, 443/tcp, 53/udp"
    with pytest.raises(InputError, match="70000"):
        parse_doors("70000/tcp")
    with pytest.raises(InputError, match="no doors"):
        parse_doors("  ")


def test_rules_match_addresses_networks_names_and_everyone():
    rules = Expectations(
        {
            "127.0.0.0/29": parse_doors("22/tcp"),
            "127.0.0.5": parse_doors("443/tcp"),
            "localhost": parse_doors("631/tcp"),
            ANY_HOST: parse_doors("53/udp"),
        }
    )
    assert rules.doors_for("127.0.0.5", "127.0.0.5") == {(TCP, 22), (TCP, 443), (UDP, 53)}
    assert rules.doors_for("localhost", "::1") == {(TCP, 631), (UDP, 53)}
    assert rules.doors_for("127.0.0.9", "127.0.0.9") == {(UDP, 53)}
    assert Expectations({"::1": parse_doors("22")}).doors_for("x", "127.0.0.1") is None


def test_audit_finds_unexpected_missing_unconfirmed_and_unchecked():
    rules = Expectations({"127.0.0.1": parse_doors("22/tcp, 443/tcp, 25/tcp, 53/udp, 80/tcp")})
    results = [
        r(22, PortState.OPEN),  # fine
        r(443, PortState.CLOSED),  # missing
        r(25, PortState.FILTERED),  # missing
        r(3306, PortState.OPEN),  # unexpected
        r(53, PortState.OPEN_FILTERED, protocol=UDP),  # unconfirmed
        r(8080, PortState.CLOSED),  # fine
        r(9999, PortState.OPEN, address="127.0.0.2"),  # no rule for this host
    ]
    result = audit_results(results, rules)
    assert result.hosts_checked == 1
    assert [(i.port, i.state) for i in result.unexpected] == [(3306, PortState.OPEN)]
    assert [(i.port, i.state) for i in result.missing] == [
        (25, PortState.FILTERED),
        (443, PortState.CLOSED),
    ]
    assert [i.port for i in result.of(Finding.UNCONFIRMED)] == [53]
    assert [(i.port, i.state) for i in result.of(Finding.NOT_CHECKED)] == [(80, None)]
    assert result.failed
    assert "1 unexpected, 2 missing" in result.summary()
    clean = audit_results(
        [r(22, PortState.OPEN), r(443, PortState.OPEN)], Expectations({"*": parse_doors("22,443")})
    )
    assert not clean.failed
    assert clean.items == ()


def test_a_udp_scan_does_not_call_the_tcp_rules_not_checked():
    rules = Expectations({"127.0.0.1": parse_doors("22/tcp, 80/tcp, 443/tcp, 53/udp, 123/udp")})
    results = [r(53, PortState.OPEN, protocol=UDP), r(161, PortState.OPEN_FILTERED, protocol=UDP)]
    result = audit_results(results, rules)
    assert [(i.protocol, i.port) for i in result.of(Finding.NOT_CHECKED)] == [(UDP, 123)]
    assert result.protocols_not_scanned == (TCP,)
    assert "1 not checked" in result.summary()
    assert "TCP rules not checked: the scan probed no TCP port" in result.summary()
    both = audit_results([*results, r(22, PortState.OPEN)], rules)
    assert both.protocols_not_scanned == ()
    assert both.count(Finding.NOT_CHECKED) == 3  # 80, 443 over TCP; 123 over UDP


def test_rules_round_trip_through_toml_and_csv(tmp_path):
    rules = Expectations(
        {"127.0.0.1": parse_doors("22/tcp, 53/udp"), "db-1.lab.test": parse_doors("443")}
    )
    for name in ("rules.toml", "rules.csv"):
        dump_rules(rules, tmp_path / name)
        assert load_rules(tmp_path / name).as_dict() == rules.as_dict()


@pytest.mark.parametrize(
    ("name", "text", "named"),
    [
        ("a.toml", "[expected\n", "not valid TOML"),
        ("a.toml", "x = 1\n", "[expected]"),
        ("a.toml", '[expected]\n"127.0.0.1" = [22]\n', "list of strings"),
        ("a.toml", '[expected]\n"127.0.0.1" = ["99999/tcp"]\n', "99999"),
        ("a.toml", '[expected]\n"127.0.0.300" = ["22/tcp"]\n', "127.0.0.300"),
        ("a.csv", "target,port\n127.0.0.1,22\n", "target,port,protocol"),
        ("a.csv", "target,port,protocol\n127.0.0.1,22,tcp\n,80,tcp\n", "line 3"),
        ("a.csv", "target,port,protocol\n127.0.0.1,22,sctp\n", "line 2"),
    ],
)
def test_bad_rule_files_name_the_file_and_the_problem(tmp_path, name, text, named):
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(InputError) as error:
        load_rules(path)
    assert named in str(error.value)
    assert name in str(error.value)


# --- issue 10: hostile and huge rule files ---------------------------------------------


def test_50_rules_of_every_tcp_port_cost_intervals_not_833_mb(tmp_path):
    """Fifty overlapping rules of 1-65535/tcp, every one matching every host: the rules
    and the audit are merges of port intervals (it took 32 s and 833 MB as sets)."""
    path = tmp_path / "doors.toml"
    lines = [f'"127.0.0.1-{last}" = ["1-65535/tcp"]' for last in range(50, 100)]
    path.write_text("[expected]\n" + "\n".join(lines) + "\n")
    results = [
        r(port, PortState.OPEN if port == 22 else PortState.CLOSED, address=f"127.0.0.{host}")
        for host in range(1, 11)
        for port in (22, 80)
    ]
    tracemalloc.start()
    try:
        rules = load_rules(path)
        audit = audit_results(results, rules)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * 2**20
    assert len(rules.rules) == 50
    assert audit.hosts_checked == 10
    assert [(i.port, i.state) for i in audit.missing if i.address == "127.0.0.1"] == [
        (80, PortState.CLOSED)
    ]
    assert not audit.unexpected
    not_checked = [i for i in audit.of(Finding.NOT_CHECKED) if i.address == "127.0.0.1"]
    assert [i.ports for i in not_checked] == ["1-21", "23-79", "81-65535"]
    assert audit.count(Finding.NOT_CHECKED) == 10 * 65533
    assert "655,330 not checked" in audit.summary()


def test_a_128_kib_csv_field_in_an_expected_doors_file_is_one_line(tmp_path):
    path = tmp_path / "doors.csv"
    path.write_text('target,port,protocol\n"' + "a" * ((128 << 10) + 1) + '",22,tcp\n')
    with pytest.raises(InputError) as caught:
        load_rules(path)
    assert str(caught.value).startswith(f"{path} line 2: field larger than field limit")


def test_deeply_nested_toml_is_one_line(tmp_path):
    path = tmp_path / "doors.toml"
    path.write_text('[expected]\n"127.0.0.1" = ' + "[" * 50_000 + "]" * 50_000 + "\n")
    with pytest.raises(InputError, match="not valid TOML: nested too deeply"):
        load_rules(path)


def test_expect_file_dev_zero_is_refused_at_the_named_limit():
    with pytest.raises(InputError) as caught:
        load_rules("/dev/zero")
    assert str(caught.value) == "expected doors file /dev/zero: larger than the limit of 4 MiB"


def test_more_targets_than_the_limit_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(expected, "MAX_RULES", 3)
    toml = tmp_path / "doors.toml"
    toml.write_text("[expected]\n" + "".join(f'"127.0.0.{i}" = ["22"]\n' for i in range(4)))
    csv_file = tmp_path / "doors.csv"
    csv_file.write_text(
        "target,port,protocol\n" + "".join(f"127.0.0.{i},22,tcp\n" for i in range(4))
    )
    for path in (toml, csv_file):
        with pytest.raises(InputError, match="more than 3 targets, over the limit"):
            load_rules(path)


def test_csv_line_numbers_count_quoted_line_breaks(tmp_path):
    path = tmp_path / "doors.csv"
    path.write_text('target,port,protocol\n"127.0.0.1",22,tcp\n"127.0.0.1","22\n99999",tcp\n')
    with pytest.raises(InputError, match=r"doors\.csv line 4: "):
        load_rules(path)


def test_a_hostile_target_is_quoted_short(tmp_path):
    path = tmp_path / "doors.toml"
    path.write_text('[expected]\n"' + "\\u001b]0;x\\u0007" * 1000 + '" = ["22/tcp"]\n')
    with pytest.raises(InputError) as caught:
        load_rules(path)
    assert len(str(caught.value)) < len(str(path)) + 200


def test_rules_files_write_runs_as_ranges(tmp_path):
    rules = Expectations({"*": parse_doors("1-65535/tcp, 53/udp"), "127.0.0.1": parse_doors("22")})
    dump_rules(rules, tmp_path / "r.toml")
    dump_rules(rules, tmp_path / "r.csv")
    assert '"*" = ["1-65535/tcp", "53/udp"]' in (tmp_path / "r.toml").read_text()
    assert "*,1-65535,tcp\n*,53,udp\n" in (tmp_path / "r.csv").read_text()
    for name in ("r.toml", "r.csv"):
        assert load_rules(tmp_path / name).as_dict() == rules.as_dict()
