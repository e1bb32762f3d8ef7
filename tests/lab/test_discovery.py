"""Host discovery against a second namespace on a virtual cable (a veth pair, so the
local link's ARP is real): addresses that are there and answer, one that drops
everything but answers ARP, ones that reject with ICMP, and addresses nobody holds.
Discovery must find exactly the hosts that are there, with nmap's reasons, as root
(ICMP echo over a raw socket) and as an unprivileged user with no capabilities (TCP,
UDP and ARP only); the port scan must skip the hosts that are not there unless -Pn.

The target's ICMP errors are rationed by Linux to a burst of 6 and then one a second
(per destination); the reason tests lift that ration (``icmp_ratelimit=0``) so every
rejecting host's own words arrive, and one test keeps it to show the states hold.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys

import pytest

from tests.lab import wan
from tests.lab.wan import Host, Lab, Rule

pytestmark = pytest.mark.lab

SCANNER = wan.SCANNER
OPEN_HOST = "198.18.0.2"  # a server: 22 open, the rest closed
SILENT_HOST = "198.18.0.3"  # drops every packet; only its ARP answers
PROHIBITING_HOST = "198.18.0.4"  # REJECT with icmp-admin-prohibited, TCP and UDP
PORT_REJECTING_HOST = "198.18.0.5"  # REJECT with icmp-port-unreachable
PLAIN_HOST = "198.18.0.9"  # no service, no firewall: resets and port unreachables
HOSTS = [
    Host(OPEN_HOST, tcp_open=(22,)),
    Host(SILENT_HOST, policy="drop"),
    Host(
        PROHIBITING_HOST,
        rules=(Rule(1, 65535, "icmp-admin"), Rule(1, 65535, "icmp-admin", "udp")),
    ),
    Host(PORT_REJECTING_HOST, rules=(Rule(1, 65535, "icmp-port"),)),
    Host(PLAIN_HOST),
]
THERE = {SCANNER, *(host.address for host in HOSTS)}
NETWORK = "198.18.0.0/27"
ADDRESSES = [f"198.18.0.{n}" for n in range(32)]
UNLIFTED = {"net.ipv4.icmp_ratelimit": 0}
UNPRIVILEGED = [
    "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
    "--inh-caps=-all", "--bounding-set=-all",
]  # fmt: skip

#: What each host may say, as root and without privileges.
REASONS_ROOT = {
    SCANNER: {"echo-reply", "reset", "syn-ack"},
    OPEN_HOST: {"echo-reply", "syn-ack", "reset"},
    SILENT_HOST: {"arp-response"},
    PROHIBITING_HOST: {"echo-reply", "admin-prohibited"},
    PORT_REJECTING_HOST: {"echo-reply", "port-unreach"},
    PLAIN_HOST: {"echo-reply", "reset", "port-unreach"},
}
REASONS_UNPRIVILEGED = {
    SCANNER: {"reset", "syn-ack", "port-unreach"},
    OPEN_HOST: {"syn-ack", "reset", "port-unreach"},
    SILENT_HOST: {"arp-response"},
    PROHIBITING_HOST: {"admin-prohibited"},
    PORT_REJECTING_HOST: {"port-unreach"},
    PLAIN_HOST: {"reset", "port-unreach"},
}


@pytest.fixture(autouse=True)
def _lab_permitted():
    reason = wan.unavailable()
    if reason:
        pytest.skip(reason)
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv (util-linux) is needed to drop privileges")


def portwindow(*args: str) -> list[str]:
    return [sys.executable, "-m", "portwindow", *args]


def hosts_report(lab: Lab, *args: str, prefix: list[str] = ()) -> dict[str, dict]:
    done = lab.run_in_scanner([*prefix, *portwindow("hosts", *args, "--json", "-")], timeout=60)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return {row["address"]: row for row in rows}


@pytest.mark.parametrize(
    ("prefix", "reasons"),
    [([], REASONS_ROOT), (UNPRIVILEGED, REASONS_UNPRIVILEGED)],
    ids=["root", "unprivileged"],
)
def test_discovery_finds_exactly_the_hosts_that_are_there(prefix, reasons):
    with Lab(HOSTS, relay=False, target_sysctls=UNLIFTED) as lab:
        found = hosts_report(lab, NETWORK, "--no-names", prefix=prefix)
    assert list(found) == ADDRESSES
    up = {address for address, row in found.items() if row["state"] == "up"}
    assert up == THERE
    for address in ADDRESSES:
        row = found[address]
        if address in THERE:
            assert row["reason"] in reasons[address], row
        else:
            assert (row["state"], row["reason"]) == ("down", "no-response"), row
    for address in THERE - {SCANNER}:
        # On the local link every host that is there has its MAC (veth's: locally
        # administered) and the vendor says so.
        assert found[address]["mac"].count(":") == 5
        assert found[address]["vendor"] == "locally administered"
    assert found[SILENT_HOST]["rtt_ms"] is None
    assert found[PLAIN_HOST]["rtt_ms"] is not None


def test_with_linuxs_icmp_ration_the_states_hold():
    with Lab(HOSTS, relay=False) as lab:
        found = hosts_report(lab, NETWORK, "--no-names", prefix=UNPRIVILEGED)
    assert {a for a, row in found.items() if row["state"] == "up"} == THERE


def test_the_port_scan_skips_the_hosts_that_are_not_there_unless_told():
    with Lab(HOSTS, relay=False, target_sysctls=UNLIFTED) as lab:
        scanned = {}
        for flags in ([], ["-Pn"]):
            done = lab.run_in_scanner(
                portwindow("scan", NETWORK, "-p", "22,80", "--no-history", "--csv", "-", *flags),
                timeout=120,
            )
            assert done.returncode == 0, done.stderr
            rows = list(csv.DictReader(io.StringIO(done.stdout)))
            scanned[bool(flags)] = (done.stderr, {row["address"] for row in rows}, rows)
    stderr, addresses, rows = scanned[False]
    assert addresses == THERE
    assert "26 of 32 hosts did not answer discovery and were not scanned" in stderr
    assert {(r["address"], r["port"], r["state"]) for r in rows if r["state"] == "open"} == {
        (OPEN_HOST, "22", "open")
    }
    _stderr, addresses, _rows = scanned[True]
    assert addresses == set(ADDRESSES)


def test_reverse_names_come_from_the_resolver(tmp_path):
    hosts_file = tmp_path / "hosts"
    hosts_file.write_text(f"{OPEN_HOST} web.lab.test\n{PLAIN_HOST} plain.lab.test\n")
    hosts_file.chmod(0o644)
    command = " ".join(portwindow("hosts", OPEN_HOST, SILENT_HOST, PLAIN_HOST, "--json", "-"))
    with Lab(HOSTS, relay=False) as lab:
        # A mount namespace of its own: /etc/hosts is replaced for this command only.
        done = lab.run_in_scanner(
            [
                "unshare",
                "-m",
                "sh",
                "-c",
                f"mount --bind {hosts_file} /etc/hosts && exec {command}",
            ],
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    names = {row["address"]: row["name"] for row in map(json.loads, done.stdout.splitlines())}
    assert names == {OPEN_HOST: "web.lab.test", SILENT_HOST: "", PLAIN_HOST: "plain.lab.test"}
