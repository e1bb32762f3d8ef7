"""portwindow's scans as nmap XML: read back by portwindow's importer, by ndiff and by
python-libnmap; banners escaped inside <service>; collapsed states as nmap collapses."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.reports.nmap_export import (
    XmlRun,
    fingerprint,
    nmap_xml,
    unfingerprint,
    write_nmap_xml,
)
from portwindow.engine.reports.peers import read_peer

DATA = Path(__file__).with_name("peers") / "data"
HOST = "192.0.2.40"
T0 = 1_700_000_000.0
BANNER = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\x00\x1b[31m<&\"'>\u202e\udcff --"


def door(port, state=PortState.CLOSED, reason=Reason.CONN_REFUSED, protocol=Protocol.TCP, **kw):
    return PortResult(
        kw.pop("host", "gw.example"),
        HOST,
        protocol,
        port,
        state,
        reason,
        kw.pop("rtt", None),
        T0 + port / 1000,
        kw.pop("banner", ""),
    )


def scan() -> list[PortResult]:
    results = [door(port) for port in range(1, 101)]
    results[21] = door(22, PortState.OPEN, Reason.SYN_ACK, rtt=0.002, banner=BANNER)
    results[79] = door(80, PortState.OPEN, Reason.SYN_ACK, rtt=0.001)
    results += [door(p, PortState.FILTERED, Reason.NO_RESPONSE) for p in range(200, 205)]
    results += [door(53, PortState.OPEN, Reason.UDP_RESPONSE, Protocol.UDP)]
    results += [
        door(p, PortState.OPEN_FILTERED, Reason.NO_RESPONSE, Protocol.UDP) for p in (161, 162)
    ]
    return results


def test_round_trip_through_the_importer(tmp_path):
    path = tmp_path / "scan.xml"
    written = write_nmap_xml(scan(), path, XmlRun(args="portwindow scan -p 1-100 192.0.2.40"))
    assert written == len(scan())
    back = read_peer(str(path))
    key = lambda r: (r.protocol, r.port)  # noqa: E731
    assert {key(r): (r.state, r.reason) for r in back.results} == {
        key(r): (r.state, r.reason) for r in scan()
    }
    by_port = {key(r): r for r in back.results}
    assert by_port[(Protocol.TCP, 22)].banner == BANNER  # escaped, and read back whole
    assert by_port[(Protocol.TCP, 22)].host == "gw.example"
    assert back.source.command == "portwindow scan -p 1-100 192.0.2.40"
    assert back.source.reported is None


def test_layout_is_nmaps():
    root = ET.fromstring(nmap_xml(scan()))
    assert root.tag == "nmaprun"
    infos = {i.get("protocol"): i.get("services") for i in root.iter("scaninfo")}
    assert infos == {"tcp": "1-100,200-204", "udp": "53,161-162"}
    (host,) = root.iter("host")
    (extra,) = host.iter("extraports")  # 98 closed collapsed; 5 filtered listed
    assert (extra.get("state"), extra.get("count")) == ("closed", "98")
    (reasons,) = extra
    assert reasons.get("ports") == "1-21,23-79,81-100"
    listed = {(p.get("protocol"), int(p.get("portid"))) for p in host.iter("port")}
    assert ("tcp", 200) in listed
    assert ("tcp", 1) not in listed
    ssh = next(p for p in host.iter("port") if p.get("portid") == "22").find("service")
    assert (ssh.get("name"), ssh.get("product"), ssh.get("version")) == ("ssh", "OpenSSH", "9.2p1")
    assert ssh.get("method") == "probed"
    assert r"\x1b\[31m\<\&\"" in ssh.get("servicefp")
    http = next(p for p in host.iter("port") if p.get("portid") == "80").find("service")
    assert (http.get("name"), http.get("method")) == ("http", "table")
    assert host.find("hostnames/hostname").get("name") == "gw.example"


def test_text_xml_cannot_hold_is_escaped():
    results = [door(22, PortState.OPEN, Reason.SYN_ACK, host="a\x01b\ufffe")]
    text = nmap_xml(ResultSet.of(results), XmlRun(args="x\x00y --z"))
    root = ET.fromstring(text)
    assert root.get("args") == "x\\x00y --z"
    assert root.find("host/hostnames/hostname").get("name") == "a\\x01b\\ufffe"


def test_fingerprint_notation():
    result = door(22, PortState.OPEN, Reason.SYN_ACK, banner="SSH-2.0-x 1\r\n")
    assert fingerprint(result) == 'SF-Port22-TCP:V=portwindow%r(NULL,D,"SSH-2\\.0-x\\x201\\r\\n");'
    assert unfingerprint(fingerprint(result)) == "SSH-2.0-x 1\r\n"
    assert unfingerprint("no answer here") is None


@pytest.mark.skipif(shutil.which("ndiff") is None, reason="ndiff is not installed")
def test_ndiff_reads_it_and_sees_no_change_against_itself(tmp_path):
    path = tmp_path / "scan.xml"
    write_nmap_xml(scan(), path)
    same = subprocess.run(
        ["ndiff", str(path), str(path)], capture_output=True, text=True, timeout=60
    )
    assert same.returncode == 0, same.stdout + same.stderr
    changed = tmp_path / "changed.xml"
    results = scan()
    results[0] = door(1, PortState.OPEN, Reason.SYN_ACK)
    write_nmap_xml(results, changed)
    diff = subprocess.run(
        ["ndiff", str(path), str(changed)], capture_output=True, text=True, timeout=60
    )
    assert diff.returncode == 1
    assert "+1/tcp" in diff.stdout


@pytest.mark.skipif(shutil.which("ndiff") is None, reason="ndiff is not installed")
def test_ndiff_against_nmaps_own_report_of_the_same_doors(tmp_path):
    # nmap's report of the lab, re-exported by portwindow: only service names of listed
    # non-open ports can differ (IANA's names against nmap's own table); no state does.
    ours = tmp_path / "ours.xml"
    write_nmap_xml(read_peer(str(DATA / "nmap_sT.xml")).results, ours)
    done = subprocess.run(
        ["ndiff", str(DATA / "nmap_sT.xml"), str(ours)], capture_output=True, text=True, timeout=60
    )
    before = [line[1:].split()[:2] for line in done.stdout.splitlines() if line.startswith("-1")]
    after = [line[1:].split()[:2] for line in done.stdout.splitlines() if line.startswith("+1")]
    assert before == after  # the same ports in the same states; names aside


def test_python_libnmap_reads_it(tmp_path):
    parser = pytest.importorskip("libnmap.parser")
    path = tmp_path / "scan.xml"
    write_nmap_xml(scan(), path)
    report = parser.NmapParser.parse_fromfile(str(path))
    (host,) = report.hosts
    assert host.address == HOST
    assert host.is_up()
    services = {(s.protocol, s.port): s for s in host.services}
    assert services[("tcp", 22)].state == "open"
    assert services[("tcp", 22)].service == "ssh"
    assert "OpenSSH" in services[("tcp", 22)].banner
    assert services[("udp", 161)].state == "open|filtered"
    assert host.extraports_state["state"] == {"state": "closed", "count": "98"}
