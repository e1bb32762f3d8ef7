"""What a scan found, in words: the audit's explanations and the findings summary."""

from portwindow.engine.audit.expected import Expectations, Finding, audit_results, parse_doors
from portwindow.engine.core.model import HostError, PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.present.findings import (
    EntryKind,
    detected_service,
    explain_finding,
    finding_label,
    summarize,
)

TCP, UDP = Protocol.TCP, Protocol.UDP
REASONS = {
    PortState.OPEN: Reason.SYN_ACK,
    PortState.CLOSED: Reason.CONN_REFUSED,
    PortState.FILTERED: Reason.NO_RESPONSE,
    PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
}


def r(port, state, address="127.0.0.1", protocol=TCP, banner=""):
    return PortResult(address, address, protocol, port, state, REASONS[state], None, 1.8e9, banner)


def test_every_finding_explains_itself_with_its_rule_and_reason():
    rules = Expectations(
        {"127.0.0.0/29": parse_doors("5432/tcp, 53/udp, 1-3/tcp"), "*": parse_doors("5432")}
    )
    results = [
        r(21, PortState.OPEN),
        r(5432, PortState.CLOSED),
        r(53, PortState.OPEN_FILTERED, protocol=UDP),
    ]
    audit = audit_results(results, rules)
    texts = {item.finding: explain_finding(item) for item in audit.items}
    assert texts[Finding.UNEXPECTED] == "Unexpected: no rule expects 21/tcp on 127.0.0.1"
    assert texts[Finding.MISSING] == (
        "Missing: 5432/tcp is expected open (rules 127.0.0.0/29, *), found closed (conn-refused)"
    )
    assert texts[Finding.UNCONFIRMED].startswith(
        "Unconfirmed: 53/udp is expected open (rule 127.0.0.0/29), found open|filtered "
        "(no-response)"
    )
    assert texts[Finding.NOT_CHECKED] == (
        "Not checked: 1-3/tcp is expected open (rule 127.0.0.0/29), but this scan did not probe it"
    )
    assert finding_label(audit.missing[0]) == "missing"
    assert finding_label(None) == ""


def test_one_rule_names_itself_in_the_singular():
    rules = Expectations({"127.0.0.0/29": parse_doors("5432/tcp")})
    (item,) = audit_results([r(5432, PortState.CLOSED)], rules).items
    assert explain_finding(item) == (
        "Missing: 5432/tcp is expected open (rule 127.0.0.0/29), found closed (conn-refused)"
    )
    assert item.rules == ("127.0.0.0/29",)
    assert item.reason is Reason.CONN_REFUSED


def test_a_named_host_is_named_with_its_address():
    result = PortResult("db.test", "192.0.2.7", TCP, 21, PortState.OPEN, Reason.SYN_ACK, None, 1.0)
    (item,) = audit_results([result], Expectations({"*": parse_doors("22")})).unexpected
    assert explain_finding(item) == "Unexpected: no rule expects 21/tcp on db.test (192.0.2.7)"


def test_the_detected_service_and_product_of_a_banner():
    assert detected_service("SSH-2.0-OpenSSH_9.2p1\r\n", "EtherNet-IP-1") == (
        "ssh",
        "OpenSSH 9.2p1",
    )
    assert detected_service("", "http") == ("", "")
    assert detected_service("hello there", "") == ("", "")


def test_the_summary_lists_open_doors_findings_and_silent_hosts():
    results = ResultSet.of(
        [
            r(22, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1\r\n"),
            r(2222, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1\r\n"),
            r(5432, PortState.CLOSED),
            r(22, PortState.FILTERED, address="127.0.0.2"),
            r(5432, PortState.FILTERED, address="127.0.0.2"),
        ]
    )
    audit = audit_results(results, Expectations({"127.0.0.1": parse_doors("22, 5432")}))
    summary = summarize(results, audit, [HostError("nowhere.test", "could not resolve")])
    opened = summary.of(EntryKind.OPEN)
    assert [(e.address, e.port) for e in opened] == [("127.0.0.1", 22), ("127.0.0.1", 2222)]
    assert opened[0].text == "127.0.0.1 22/tcp ssh — OpenSSH 9.2p1"
    assert opened[1].text == ("127.0.0.1 2222/tcp EtherNet-IP-1, answers as ssh (OpenSSH 9.2p1)")
    assert [e.port for e in summary.of(EntryKind.UNEXPECTED)] == [2222]
    assert [e.port for e in summary.of(EntryKind.MISSING)] == [5432]
    silent = summary.of(EntryKind.SILENT)
    assert [e.host for e in silent] == ["127.0.0.2", "nowhere.test"]
    assert "every door filtered" in silent[0].text
    assert silent[1].text == "nowhere.test: could not resolve"
    assert summary.headline() == ("2 open doors on 1 host; 1 unexpected, 1 missing; 2 silent hosts")
    text = summary.text()
    for line in ("Open doors:", "  127.0.0.1 22/tcp ssh — OpenSSH 9.2p1", "Silent hosts:"):
        assert line in text.splitlines()


def test_each_entry_carries_the_facts_it_says():
    """What the window builds its own language's sentences from (gui/findings_words.py)."""
    door = r(22, PortState.OPEN)
    results = ResultSet.of([door, r(5432, PortState.CLOSED), r(5, PortState.FILTERED, "127.0.0.2")])
    audit = audit_results(results, Expectations({"127.0.0.1": parse_doors("5432")}))
    error = HostError("nowhere.test", "could not resolve")
    summary = summarize(results, audit, [error])
    assert [e.about for e in summary.of(EntryKind.OPEN)] == [door]
    assert [e.about for e in summary.of(EntryKind.UNEXPECTED)] == list(audit.unexpected)
    assert [e.about for e in summary.of(EntryKind.MISSING)] == list(audit.missing)
    assert [e.about for e in summary.of(EntryKind.SILENT)] == [None, error]  # no door answered


def test_a_long_summary_lists_the_first_and_counts_the_rest():
    results = ResultSet.of([r(port, PortState.OPEN) for port in range(1000, 1010)])
    summary = summarize(results, limit=3)
    assert [e.port for e in summary.of(EntryKind.OPEN)] == [1000, 1001, 1002]
    assert summary.more(EntryKind.OPEN) == 7
    assert summary.text().splitlines()[-1] == "  +7 more"
    assert summary.headline().startswith("10 open doors on 1 host")


def test_the_headline_counts_every_host_with_an_open_door():
    results = ResultSet.of([r(22, PortState.OPEN, address=f"198.51.100.{n}") for n in range(1, 11)])
    summary = summarize(results, limit=2)
    assert summary.headline() == "10 open doors on 10 hosts"
    assert summary.more(EntryKind.OPEN) == 8


def test_an_empty_scan_has_nothing_to_summarise():
    summary = summarize(ResultSet.of([r(80, PortState.CLOSED)]))
    assert not summary
    assert summary.headline() == "0 open doors"
