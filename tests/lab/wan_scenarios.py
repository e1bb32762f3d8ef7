"""The real-network scenarios of issue 12, each a function that says what it models and
builds the :class:`Scenario` (the lab, the ports, which tools to compare). ``quick=True``
gives the lab tests' smaller version, which keeps the scenario's point in less time;
the default is the bench's full size. See tests/lab/wan.py for how the lab is made.
"""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.lab.wan import ROOT, TARGET, TARGETS_16, Host, Lab, Ration, Rule
from tests.support.nmap import port_list

#: The nmap runs every TCP scenario compares with; WAN and ration scenarios add more.
NMAP_BASE = {"nmap -sT": ["-sT"], "nmap -sS": ["-sS"]}
NMAP_TUNED = {
    **NMAP_BASE,
    "nmap -sS -T4": ["-sS", "-T4"],
    "nmap -sS --min-rate 5000": ["-sS", "--min-rate", "5000"],
}
NMAP_UDP = {"nmap -sU": ["-sU"]}

#: Linux's own ICMP rations off (the per-peer 1/s after 6, and the host-wide 1,000/s
#: after 50): for a host whose ICMP errors only iptables rations, or nothing does.
NO_LINUX_ICMP_RATION = {
    "net.ipv4.icmp_ratelimit": 0,
    "net.ipv4.icmp_msgs_per_sec": 1_000_000,
    "net.ipv4.icmp_msgs_burst": 1_000_000,
}

#: The open ports of the WAN host (a few in both tools' top-1000 lists, one outside).
WAN_OPEN = (22, 80, 443, 3389, 8443, 50000)


@dataclass(frozen=True)
class Sender:
    """Another program in the scanner's namespace (same address) sending an empty UDP
    datagram to the target's ``first``-``last`` ports, ``rate`` a second, while the tools
    scan: it takes its share of the target's ICMP ration."""

    first: int
    last: int
    rate: float


@dataclass
class Scenario:
    name: str
    title: str
    make_lab: Callable[[], Lab]
    proto: str = "tcp"
    ports: str = "1-65535"  # for every tool, unless the two below say otherwise
    portwindow_ports: str | None = None  # portwindow's -p (E: top1000)
    nmap_ports: list[str] | None = None  # nmap's port options (E: --top-ports 1000)
    nmap: dict[str, list[str]] = field(default_factory=lambda: dict(NMAP_BASE))
    reference: str = "nmap -sT"  # the nmap run each time is also compared with
    sender: Sender | None = None
    timeout: float = 300.0  # per run of one tool
    settle: float = 1.0  # pause between runs (rations refill)

    def port_numbers(self) -> list[int] | None:
        """The ports every tool must report (None: each its own list, as in E)."""
        if self.portwindow_ports or self.nmap_ports:
            return None
        return port_list(self.ports.removeprefix("U:"))

    def portwindow_args(self) -> list[str]:
        ports = self.portwindow_ports or self.ports
        return ["-p", f"U:{ports}" if self.proto == "udp" else ports]

    def nmap_port_args(self) -> list[str]:
        return self.nmap_ports or ["-p", self.ports]

    @staticmethod
    def target(lab: Lab) -> str:
        """The targets as both tools take them: one address, or the /28."""
        return "198.18.0.16/28" if len(lab.hosts) == 16 else lab.addresses[0]

    def portwindow_command(self, lab: Lab, folder: Path) -> tuple[list[str], Path]:
        """``python -m portwindow scan`` with its defaults, its CSV report and history
        in ``folder``; and where the report goes."""
        report = folder / "portwindow.csv"
        argv = [sys.executable, "-m", "portwindow", "scan", self.target(lab)]
        argv += [*self.portwindow_args(), "--csv", str(report)]
        return [*argv, "--history", str(folder / "history.sqlite3")], report

    @contextlib.contextmanager
    def second_sender(self, lab: Lab) -> Iterator[None]:
        """The scenario's other program sending UDP from the scanner's address (if it
        has one), for as long as the ``with`` lasts (at most the scenario's timeout)."""
        if self.sender is None:
            yield
            return
        s = self.sender
        argv = [sys.executable, "-m", "tests.lab.wan_agents", "udp-sender", lab.addresses[0]]
        argv += [str(s.first), str(s.last), str(s.rate), str(self.timeout)]
        child = subprocess.Popen(
            lab.scanner_argv(argv),
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        try:
            yield
        finally:
            child.kill()
            child.wait(10)


def _spread(rng: random.Random, count: int, first: int, last: int) -> tuple[int, ...]:
    return tuple(sorted(rng.sample(range(first, last + 1), count)))


def lan(quick: bool = False) -> Scenario:
    """A. A LAN: 0.5 ms round trip (0.25 ms each way), no firewall, 20 listeners spread
    over the whole range; every other port answers with a reset. The speed scenario."""
    last = 65535
    opened = _spread(random.Random(12), 20, 1, last)
    return Scenario(
        "A",
        "LAN, 0.5 ms RTT, no firewall, 20 listeners",
        lambda: Lab([Host(TARGET, tcp_open=opened)], rtt_ms=0.5),
        ports=f"1-{last}",
    )


def lan16(quick: bool = False) -> Scenario:
    """A16. The same LAN with 16 hosts (198.18.0.16/28, one target kernel), 3 listeners
    each: many hosts at once (quick: ports 1-2000)."""
    last = 2000 if quick else 65535
    rng = random.Random(16)
    hosts = [Host(address, tcp_open=_spread(rng, 3, 1, last)) for address in TARGETS_16]
    return Scenario(
        "A16",
        "LAN, 16 hosts 198.18.0.16/28, 3 listeners each",
        lambda: Lab(hosts, rtt_ms=0.5),
        ports=f"1-{last}",
        timeout=600.0,
    )


def _wan_host() -> Host:
    return Host(TARGET, tcp_open=WAN_OPEN, policy="drop")


def wan(quick: bool = False) -> Scenario:
    """B. A WAN: 40 ms round trip to a host whose firewall drops everything but 6 open
    ports, so nearly every port gives no answer at all (filtered). The scenario of
    timeouts and retries (quick: ports 1-5000)."""
    last = 5000 if quick else 65535
    return Scenario(
        "B",
        "WAN, 40 ms RTT, policy DROP but 6 open ports",
        lambda: Lab([_wan_host()], rtt_ms=40),
        ports=f"1-{last}",
        nmap=dict(NMAP_TUNED),
    )


def wan_loss(quick: bool = False) -> Scenario:
    """C. B with 2% of the packets lost each way: an open port's SYN or SYN-ACK may be
    lost and must be retried before it is called filtered (quick: ports 1-5000)."""
    last = 5000 if quick else 65535
    return Scenario(
        "C",
        "WAN as B, 2% loss each way",
        lambda: Lab([_wan_host()], rtt_ms=40, loss=0.02),
        ports=f"1-{last}",
        nmap=dict(NMAP_TUNED),
    )


def _ration_host(last: int) -> Host:
    """Ports 1-``last`` (10,000 or 3,000) of a FreeBSD-like host: 10 listeners, a tenth
    each rejected with a reset, with ICMP port unreachable and with ICMP
    administratively prohibited, a fifth dropped, the rest (about 70%) closed."""
    tenth = last // 10
    rules = (
        Rule(2 * tenth + 1, 3 * tenth, "rst"),
        Rule(3 * tenth + 1, 4 * tenth, "icmp-port"),
        Rule(4 * tenth + 1, 5 * tenth, "icmp-admin"),
        Rule(5 * tenth + 1, 7 * tenth, "drop"),
    )
    rng = random.Random(last)
    opened = _spread(rng, 5, 1, 2 * tenth) + _spread(rng, 5, 7 * tenth + 1, last)
    return Host(TARGET, tcp_open=opened, rules=rules)


def rationed_resets(quick: bool = False) -> Scenario:
    """D. A host that rations its answers as FreeBSD does by default (net.inet.icmplim
    200): at most 200 TCP resets a second and 200 ICMP unreachables a second, each after
    a burst of 200 (iptables limit on the target's OUTPUT; Linux's own ICMP rations
    off), on a LAN (0.5 ms RTT). Ports 1-10000: REJECT ranges (tcp-reset: closed; ICMP
    port unreachable and admin prohibited: filtered), a DROP range, 10 open, and about
    7,000 closed ports whose resets the ration spreads over 35 s. A scanner that takes
    the withheld resets for silence calls thousands of closed ports filtered (quick:
    ports 1-3000, about 2,100 closed, 10 s of ration)."""
    last = 3000 if quick else 10000
    ration = Ration(200, 200)
    return Scenario(
        "D",
        f"ports 1-{last}, REJECT/DROP ranges, RSTs and ICMP rationed to 200/s",
        lambda: Lab(
            [_ration_host(last)],
            rtt_ms=0.5,
            rst_ration=ration,
            icmp_ration=ration,
            target_sysctls=NO_LINUX_ICMP_RATION,
        ),
        ports=f"1-{last}",
        nmap=dict(NMAP_TUNED),
        timeout=600.0,
        settle=2.0,
    )


def admin_prohibited(quick: bool = False) -> Scenario:
    """F. A firewall that refuses with ICMP administratively prohibited (code 13, as
    firewalld's reject rules and many routers do) on ports 1001-2000, answering every
    probe (Linux's ICMP rations off); 5 listeners and closed ports around them, LAN.
    Those ports are filtered, reason admin-prohibited (nmap -sS's words)."""
    rules = (Rule(1001, 2000, "icmp-admin"),)
    opened = (22, 80, 1500, 2222, 2500)  # 1500 listens behind the firewall: filtered
    return Scenario(
        "F",
        "ICMP admin-prohibited on 1001-2000, not rationed",
        lambda: Lab(
            [Host(TARGET, tcp_open=opened, rules=rules)],
            rtt_ms=0.5,
            target_sysctls=NO_LINUX_ICMP_RATION,
        ),
        ports="1-3000",
    )


def wan_top1000(quick: bool = False) -> Scenario:
    """E. B's WAN host scanned with each tool's own top-1000 list: portwindow's
    ``top1000`` (curated) and nmap's ``--top-ports 1000`` (measured frequency) differ;
    each tool's states are checked for the ports it scanned."""
    return Scenario(
        "E",
        "WAN as B, portwindow top1000 vs nmap --top-ports 1000",
        lambda: Lab([_wan_host()], rtt_ms=40),
        ports="",
        portwindow_ports="top1000",
        nmap_ports=["--top-ports", "1000"],
        nmap=dict(NMAP_TUNED),
    )


def _udp_host() -> Host:
    return Host(TARGET, udp_answering=(53,), udp_silent=(500,))


def udp_rationed(quick: bool = False) -> Scenario:
    """U. UDP 1-1024 to a Linux host on the LAN, across the relay, with its default ICMP
    rations (net.ipv4.icmp_ratelimit 1000 ms: 6 port unreachables to one peer at once,
    then one a second; icmp_msgs_per_sec 1000 host-wide): a DNS-like service that
    answers (53), a silent one (500), every other port closed. An exact scan takes as
    long as the ration makes it: about 17 minutes for 1,024 ports (quick: 1-24)."""
    last = 24 if quick else 1024
    return Scenario(
        "U",
        f"UDP 1-{last}, Linux's default ICMP ration, LAN",
        lambda: Lab([_udp_host()], rtt_ms=0.5),
        proto="udp",
        ports=f"1-{last}",
        nmap=dict(NMAP_UDP),
        reference="nmap -sU",
        timeout=2400.0,
        settle=8.0,  # the per-peer ration refills its burst of 6 in 6 s
    )


def udp_shared_ration(quick: bool = False) -> Scenario:
    """U2. U with a second sender on the scanner's host (same address) sending one UDP
    datagram every 4 s to closed ports 40000-40099 of the target: it takes a quarter of
    the per-peer ration, so a scanner that measured the ration alone would outrun
    what is left of it (quick: 1-24, one datagram every 2 s, half the ration)."""
    scenario = udp_rationed(quick)
    scenario.name = "U2"
    scenario.sender = Sender(40000, 40099, 0.5 if quick else 0.25)
    scenario.title += f", a second sender ({scenario.sender.rate}/s) sharing the ration"
    return scenario


SCENARIOS: dict[str, Callable[..., Scenario]] = {
    "A": lan,
    "A16": lan16,
    "B": wan,
    "C": wan_loss,
    "D": rationed_resets,
    "E": wan_top1000,
    "F": admin_prohibited,
    "U": udp_rationed,
    "U2": udp_shared_ration,
}
