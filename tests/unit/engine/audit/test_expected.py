import pytest

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
