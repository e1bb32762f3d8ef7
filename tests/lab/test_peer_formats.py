"""Other scanners' real output, imported and compared door by door with portwindow's own
scan of the same lab target; portwindow's XML export against nmap's with Debian's ndiff.

One lab (a veth pair, no relay): the target 198.18.0.2 has TCP 22, 80, 443 listening,
UDP 53 answering and 161 silent, TCP 1000-1049 dropped and 2000-2049 rejected with ICMP
admin-prohibited; the target's ICMP rate limit is lifted so that nmap -sU sees every
closed UDP port. masscan runs as root in the scanner's namespace (raw sockets on the
veth, ``--router-mac`` the target's), with a trickle of packets from the target so its
receive thread wakes up and it ends after ``--wait 1`` (masscan 1.3.2 otherwise hangs on
a quiet interface).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lab import wan
from tests.lab.wan import TARGET, Host, Lab, Rule

pytestmark = [pytest.mark.lab, pytest.mark.nmap]

TCP_PORTS = "1-1100,2000-2049"
UDP_PORTS = "50-60,161"
HOST = Host(
    TARGET,
    tcp_open=(22, 80, 443),
    udp_answering=(53,),
    udp_silent=(161,),
    rules=(Rule(1000, 1049, "drop"), Rule(2000, 2049, "icmp-admin")),
)
UNLIFTED = {"net.ipv4.icmp_ratelimit": 0}
KEEP_AWAKE = (
    "import socket, time\n"
    "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
    "for _ in range(1200):\n"
    "    s.sendto(b'.', ('198.18.0.1', 9)); time.sleep(0.05)\n"
)


@pytest.fixture(scope="module")
def lab():
    reason = wan.unavailable(tun=False)
    if reason:
        pytest.skip(reason)
    if shutil.which("nmap") is None:
        pytest.skip("nmap is not installed")
    with Lab([HOST], relay=False, target_sysctls=UNLIFTED) as made:
        yield made


def run(lab: Lab, argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    done = lab.run_in_scanner(argv, timeout=timeout)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return done


def portwindow(lab: Lab, tmp: Path, name: str, *args: str) -> dict:
    """portwindow's own scan; its doors {(protocol, port): (state, reason)}."""
    report = tmp / f"{name}.jsonl"
    run(lab, [sys.executable, "-m", "portwindow", "scan", TARGET, *args, "-Pn", "--no-history",
              "--no-banners", "--json", str(report)])  # fmt: skip
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    return {(r["protocol"], r["port"]): (r["state"], r["reason"]) for r in rows}


def imported(path: Path) -> dict:
    from portwindow.engine.reports.readers import load_report

    report = load_report(path)
    assert report.source is not None
    return {(r.protocol.value, r.port): (r.state.value, r.reason.value) for r in report.results}


def states(doors: dict) -> dict:
    return {door: state for door, (state, _reason) in doors.items()}


def test_nmap_connect_scan_imported_is_portwindows_scan_door_by_door(lab, tmp_path):
    nmap_xml = tmp_path / "nmap.xml"
    run(lab, ["nmap", "-sT", "-n", "-Pn", "-p", TCP_PORTS, "-oX", str(nmap_xml), TARGET])
    theirs = imported(nmap_xml)
    ours = portwindow(lab, tmp_path, "tcp", "-p", TCP_PORTS)
    assert len(theirs) == len(ours) == 1150
    assert states(theirs) == states(ours)
    # nmap's reasons kept: conn-refused and no-response as portwindow says them; a TCP
    # connect cannot see ICMP's code, so nmap says host-unreach where portwindow reads
    # the error queue's admin-prohibited
    reasons = {(theirs[door][1], ours[door][1]) for door in ours}
    assert reasons == {
        ("syn-ack", "syn-ack"),
        ("conn-refused", "conn-refused"),
        ("no-response", "no-response"),
        ("host-unreach", "admin-prohibited"),
    }


def test_nmap_udp_scan_imported_is_portwindows_scan_door_by_door(lab, tmp_path):
    nmap_xml = tmp_path / "nmap-udp.xml"
    run(lab, ["nmap", "-sU", "-n", "-Pn", "-p", UDP_PORTS, "-oX", str(nmap_xml), TARGET])
    theirs = imported(nmap_xml)
    ours = portwindow(lab, tmp_path, "udp", "-u", "-p", UDP_PORTS)
    assert states(theirs) == states(ours)
    assert theirs[("udp", 53)] == ours[("udp", 53)] == ("open", "udp-response")
    assert theirs[("udp", 161)] == ours[("udp", 161)] == ("open|filtered", "no-response")
    assert theirs[("udp", 50)] == ours[("udp", 50)] == ("closed", "port-unreach")


@pytest.mark.skipif(shutil.which("ndiff") is None, reason="ndiff is not installed")
def test_ndiff_sees_no_port_change_between_nmap_and_portwindow(lab, tmp_path):
    nmap_xml, ours_xml = tmp_path / "nmap.xml", tmp_path / "portwindow.xml"
    run(lab, ["nmap", "-sT", "-n", "-Pn", "-p", TCP_PORTS, "-oX", str(nmap_xml), TARGET])
    run(lab, [sys.executable, "-m", "portwindow", "scan", TARGET, "-p", TCP_PORTS, "-Pn",
              "--no-history", "--no-banners", "--xml", str(ours_xml)])  # fmt: skip
    done = subprocess.run(
        ["ndiff", str(nmap_xml), str(ours_xml)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode in (0, 1), done.stderr
    changed = [line for line in done.stdout.splitlines() if line[:1] in "+-"]
    # only the header differs (who scanned, when, with which command line)
    assert [line[1:].split()[0] for line in changed] == ["Nmap", "portwindow"], done.stdout
    verbose = subprocess.run(
        ["ndiff", "-v", str(nmap_xml), str(ours_xml)], capture_output=True, text=True, timeout=60
    ).stdout
    assert " Not shown: 1047 closed ports, 100 filtered ports" in verbose  # the same on both


def masscan(lab: Lab, option: str, path: Path) -> None:
    # masscan sends each probe once unless told; under load a first answer can arrive
    # before its receive thread reads, so it retries (answers are de-duplicated)
    mac = lab.target.run("ip", "-o", "link", "show", wan.IFNAME).split("link/ether ")[1].split()[0]
    awake = subprocess.Popen([*lab.target.enter, sys.executable, "-c", KEEP_AWAKE])
    try:
        run(lab, ["timeout", "90", "masscan", TARGET, f"-p{TCP_PORTS},U:53,U:161",
                  "--interface", wan.IFNAME, "--router-mac", mac, "--rate", "1000",
                  "--retries", "2", "--wait", "3", option, str(path)], timeout=120)  # fmt: skip
    finally:
        awake.kill()
        awake.wait(10)


@pytest.mark.skipif(shutil.which("masscan") is None, reason="masscan is not installed")
def test_masscan_reports_imported_are_portwindows_open_doors(lab, tmp_path):
    ours = portwindow(lab, tmp_path, "all", "-p", f"T:{TCP_PORTS},U:53,161")
    opened = {door: verdict for door, verdict in ours.items() if verdict[0] == "open"}
    assert set(opened) == {("tcp", 22), ("tcp", 80), ("tcp", 443), ("udp", 53)}
    for option, suffix in (("-oJ", "json"), ("-oL", "list"), ("-oX", "xml")):
        path = tmp_path / f"masscan.{suffix}"
        masscan(lab, option, path)
        theirs = imported(path)
        assert theirs == opened, option  # the same doors, open, with the same reasons
        # the doors masscan does not list are not reported, never closed
        done = run(lab, [sys.executable, "-m", "portwindow", "diff", str(path),
                         str(tmp_path / "all.jsonl")])  # fmt: skip
        summary = done.stdout.splitlines()[-1]
        assert summary.startswith("0 opened, 0 closed, 0 changed, 0 not reported;")
        assert "4 unchanged; 1,148 more not reported by one side's format" in summary
