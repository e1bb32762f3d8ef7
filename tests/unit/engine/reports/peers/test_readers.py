"""Each peer format read as portwindow's doors: real nmap and masscan output, and
naabu's and ZMap's formats; what a format does not say stays not reported."""

from pathlib import Path

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortState, Protocol, Reason
from portwindow.engine.reports.peers import PeerFormat, detect, read_peer
from portwindow.engine.reports.readers import load_report
from portwindow.engine.reports.rows import ReportFormat

DATA = Path(__file__).with_name("data")
TARGET = "198.18.0.2"


def doors(imported) -> dict[tuple[str, int], tuple[str, str]]:
    return {(r.protocol.value, r.port): (r.state.value, r.reason.value) for r in imported.results}


def test_nmap_connect_scan_every_port_with_its_reason():
    imported = read_peer(str(DATA / "nmap_sT.xml"))
    found = doors(imported)
    assert len(found) == 1100  # the 1080 collapsed closed ports too
    assert found[("tcp", 22)] == ("open", "syn-ack")
    assert found[("tcp", 21)] == ("closed", "conn-refused")
    assert found[("tcp", 1005)] == ("filtered", "no-response")
    assert found[("tcp", 1022)] == ("filtered", "host-unreach")
    assert {r.address for r in imported.results} == {TARGET}
    source = imported.source
    assert source.format is PeerFormat.NMAP_XML
    assert (source.tool, source.version) == ("nmap", "7.93")
    assert source.command.startswith("nmap -sT -n -Pn -p 1-1100 --reason -oX")
    assert source.reported is None
    assert source.ports == "T:1-1100"
    assert source.started_at == 1796305066.0


def test_nmap_udp_scan():
    found = doors(read_peer(str(DATA / "nmap_sU.xml")))
    assert len(found) == 23
    assert found[("udp", 53)] == ("open", "udp-response")
    assert found[("udp", 50)] == ("closed", "port-unreach")
    assert found[("udp", 161)] == ("open|filtered", "no-response")


@pytest.mark.parametrize(
    ("fixture", "fmt"),
    [
        ("masscan.json", PeerFormat.MASSCAN_JSON),
        ("masscan.list", PeerFormat.MASSCAN_LIST),
        ("masscan.xml", PeerFormat.MASSCAN_XML),
    ],
)
def test_masscan_lists_open_doors_only(fixture, fmt):
    imported = read_peer(str(DATA / fixture))
    assert imported.source.format is fmt
    assert imported.source.tool == "masscan"
    assert doors(imported) == {
        ("tcp", 22): ("open", "syn-ack"),
        ("tcp", 80): ("open", "syn-ack"),
        ("tcp", 443): ("open", "syn-ack"),
        ("udp", 53): ("open", "udp-response"),
    }
    assert imported.source.reported == frozenset({PortState.OPEN})


def test_load_report_reads_peers_and_says_who_wrote_them():
    report = load_report(DATA / "masscan.list")
    assert report.format is PeerFormat.MASSCAN_LIST
    assert report.source.tool == "masscan"
    assert len(report.results) == 4
    assert load_report(DATA / "nmap_sT.xml").source.version == "7.93"


def test_portwindows_own_reports_are_not_claimed(tmp_path):
    jsonl = tmp_path / "own.jsonl"
    jsonl.write_text(
        '{"host":"192.0.2.1","address":"192.0.2.1","protocol":"tcp","port":22,"state":"open",'
        '"reason":"syn-ack","rtt_ms":null,"banner":"","scanned_at":"2026-01-01T00:00:00.000Z"}\n'
    )
    csv = tmp_path / "own.csv"
    csv.write_text("host,address,protocol,port,state,reason,rtt_ms,banner,scanned_at\n")
    assert detect(str(jsonl)) is None
    assert detect(str(csv)) is None
    assert load_report(jsonl).format is ReportFormat.JSONL
    assert load_report(csv).format is ReportFormat.CSV


def test_masscan_list_banners_closed_ports_and_other_reasons(tmp_path):
    path = tmp_path / "scan.list"
    path.write_text(
        "#masscan\n"
        "open tcp 22 192.0.2.7 1700000000\n"
        "closed tcp 23 192.0.2.7 1700000001\n"
        "banner tcp 22 192.0.2.7 1700000002 ssh SSH-2.0-OpenSSH_9.2p1\n"
        "banner tcp 80 192.0.2.8 1700000003 http HTTP/1.0 200 OK\n"
        "# end\n"
    )
    imported = read_peer(str(path))
    found = {(r.address, r.port): r for r in imported.results}
    assert found[("192.0.2.7", 22)].banner == "SSH-2.0-OpenSSH_9.2p1"
    assert found[("192.0.2.7", 22)].scanned_at == 1700000000
    assert (found[("192.0.2.7", 23)].state, found[("192.0.2.7", 23)].reason) == (
        PortState.CLOSED,
        Reason.RESET,
    )
    assert found[("192.0.2.8", 80)].state is PortState.OPEN  # a banner: it answered
    assert imported.source.reported == frozenset({PortState.OPEN, PortState.CLOSED})
    assert (imported.source.started_at, imported.source.finished_at) == (1700000000, 1700000003)


def test_masscan_json_banner_records(tmp_path):
    path = tmp_path / "scan.json"
    path.write_text(
        "[\n"
        '{"ip": "192.0.2.9", "timestamp": "1700000000", "ports": [{"port": 21, "proto": "tcp",'
        ' "status": "open", "reason": "syn-ack", "ttl": 64}]}\n,\n'
        '{"ip": "192.0.2.9", "timestamp": "1700000001", "ports": [{"port": 21, "proto": "tcp",'
        ' "service": {"name": "ftp", "banner": "220 (vsFTPd 3.0.3)\\r\\n"}}]}\n'
        "]\n"
    )
    (result,) = read_peer(str(path)).results
    assert result.banner == "220 (vsFTPd 3.0.3)\r\n"
    assert result.reason is Reason.SYN_ACK


def test_nmap_reasons_it_has_no_word_for_are_counted_and_unknown_states_left_out(tmp_path):
    path = tmp_path / "ack.xml"
    path.write_text(
        '<?xml version="1.0"?><nmaprun scanner="nmap" args="nmap -sA 192.0.2.3" version="7.94">'
        '<scaninfo type="ack" protocol="tcp" numservices="3" services="1-3"/>'
        '<host endtime="1700000000"><address addr="192.0.2.3" addrtype="ipv4"/>'
        '<hostnames><hostname name="gw.example" type="user"/>'
        '<hostname name="ptr.example" type="PTR"/></hostnames><ports>'
        '<port protocol="tcp" portid="1"><state state="unfiltered" reason="reset"/></port>'
        '<port protocol="tcp" portid="2"><state state="filtered" reason="time-exceeded"/></port>'
        '<port protocol="tcp" portid="3"><state state="closed" reason="reset"/>'
        '<service name="x" product="Acme &lt;d&gt;" version="1.0" extrainfo="lab"/></port>'
        "</ports></host></nmaprun>"
    )
    imported = read_peer(str(path))
    found = {r.port: r for r in imported.results}
    assert set(found) == {2, 3}  # unfiltered is no state of portwindow's: not reported
    assert found[2].reason is Reason.OTHER
    assert found[3].reason is Reason.RESET
    assert found[3].banner == "Acme <d> 1.0 (lab)"
    assert found[3].host == "gw.example"
    assert imported.source.other_reasons == (("time-exceeded", 1),)
    assert imported.source.unread_states == (("unfiltered", 1),)


def test_older_nmap_without_extrareasons_ports_fills_from_scaninfo(tmp_path):
    path = tmp_path / "old.xml"
    path.write_text(
        '<?xml version="1.0"?><nmaprun scanner="nmap" args="nmap -p 1-5 192.0.2.4" '
        'version="7.80"><scaninfo type="connect" protocol="tcp" numservices="5" services="1-5"/>'
        '<host><address addr="192.0.2.4" addrtype="ipv4"/><ports>'
        '<extraports state="closed" count="4"><extrareasons reason="conn-refused" count="4"/>'
        '</extraports><port protocol="tcp" portid="3"><state state="open" reason="syn-ack"/>'
        "</port></ports></host></nmaprun>"
    )
    found = doors(read_peer(str(path)))
    assert found == {
        ("tcp", 1): ("closed", "conn-refused"),
        ("tcp", 2): ("closed", "conn-refused"),
        ("tcp", 3): ("open", "syn-ack"),
        ("tcp", 4): ("closed", "conn-refused"),
        ("tcp", 5): ("closed", "conn-refused"),
    }


def test_nmap_open_only_scan_reports_open_doors_only(tmp_path):
    path = tmp_path / "open.xml"
    path.write_text(
        '<?xml version="1.0"?><nmaprun scanner="nmap" args="nmap --open 192.0.2.5"></nmaprun>'
    )
    assert read_peer(str(path)).source.reported == frozenset({PortState.OPEN})


def test_naabu_json_lines_both_shapes(tmp_path):
    path = tmp_path / "naabu.json"
    path.write_text(
        '{"host":"www.example","ip":"192.0.2.10","port":443,"protocol":"tcp","tls":true,'
        '"timestamp":"2024-05-01T10:00:00.123456789Z"}\n'
        '{"ip":"2001:db8::10","port":{"Port":53,"Protocol":1,"TLS":false}}\n'
    )
    imported = read_peer(str(path))
    assert imported.source.format is PeerFormat.NAABU_JSONL
    first, second = imported.results
    assert (first.host, first.address, first.port, first.protocol) == (
        "www.example",
        "192.0.2.10",
        443,
        Protocol.TCP,
    )
    assert first.scanned_at == pytest.approx(1714557600.123456)
    assert (second.address, second.protocol, second.reason) == (
        "2001:db8::10",
        Protocol.UDP,
        Reason.UDP_RESPONSE,
    )
    assert imported.source.reported == frozenset({PortState.OPEN})


def test_zmap_csv(tmp_path):
    path = tmp_path / "zmap.csv"
    path.write_text(
        "saddr,sport,classification,success,timestamp_ts\n"
        "192.0.2.20,80,synack,1,1700000000\n"
        "192.0.2.21,80,rst,0,1700000001\n"
        "192.0.2.22,80,icmp-unreach,0,1700000002\n"
    )
    imported = read_peer(str(path))
    found = {r.address: (r.state, r.reason) for r in imported.results}
    assert found == {
        "192.0.2.20": (PortState.OPEN, Reason.SYN_ACK),
        "192.0.2.21": (PortState.CLOSED, Reason.RESET),
    }
    assert imported.source.unread_states == (("classification icmp-unreach", 1),)


def test_zmap_without_the_port_field_says_which_fields_it_needs(tmp_path):
    path = tmp_path / "zmap.csv"
    path.write_text("saddr\n192.0.2.20\n")
    with pytest.raises(InputError, match=r"needs the fields saddr and sport .* missing sport"):
        read_peer(str(path))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("#masscan\nopen tcp 80 192.0.2.300 1700000000\n", "line 2: '192.0.2.300' is not an IP"),
        ("#masscan\nopen tcp 70000 192.0.2.1 1700000000\n", "line 2: port 70000 is not a port"),
        ("#masscan\nopen sctp 80 192.0.2.1 1700000000\n", "line 2: protocol 'sctp' is not tcp"),
        ("#masscan\nopen tcp 80 192.0.2.1 nan\n", "line 2: time 'nan' is not a Unix time"),
        ("#masscan\nopen tcp 80\n", "line 2: expected 'STATE PROTOCOL PORT ADDRESS TIME'"),
        ("#masscan\nweird tcp 80 192.0.2.1 1\n", "line 2: 'weird' is not open, closed or banner"),
        ('[\n{"ip": "192.0.2.1", "timestamp": 1, "ports": 5}\n]', "line 2: no 'ports' list"),
        ('[\n{"ip": "192.0.2.1", "timestamp": 1, "ports": [\n', "line 2: not valid JSON"),
        ('{"ip": "192.0.2.1", "port": "x"}\n', "line 1: port 'x' is not a port number"),
        (
            '<nmaprun scanner="nmap"><host><address addr="192.0.2.1" addrtype="ipv4"/><ports>'
            '<port protocol="tcp" portid="1"><state state="weird"/></port></ports></host>'
            "</nmaprun>",
            "state 'weird' is not a port state",
        ),
    ],
)
def test_bad_lines_are_one_line_naming_the_file_and_line(tmp_path, text, said):
    path = tmp_path / "bad"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_report(path)
    assert str(caught.value).startswith(str(path))
    assert said in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_line_too_long_is_refused(tmp_path, monkeypatch):
    from portwindow.engine.reports.peers import lines

    monkeypatch.setattr(lines, "MAX_LINE", 100)
    path = tmp_path / "long.list"
    path.write_text("#masscan\nbanner tcp 80 192.0.2.1 1 http " + "x" * 200 + "\n")
    with pytest.raises(InputError, match="line 2: longer than 100 bytes"):
        read_peer(str(path))


def test_not_utf8_is_one_line(tmp_path):
    path = tmp_path / "latin.list"
    path.write_bytes(b"#masscan\nbanner tcp 80 192.0.2.1 1 http caf\xe9\n")
    with pytest.raises(InputError, match="line 2: not UTF-8 text"):
        read_peer(str(path))
