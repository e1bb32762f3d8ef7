"""A real-network lab: two network namespaces, a scanner and a target, joined by a wire
with a fixed delay and loss each way, for the lab tests and bench/realnet_vs_nmap.py.

The kernel here has no ``sch_netem``, so the wire is made in user space: ``relay``
(tests/lab/relay/relay.c, compiled on first use with ``cc -O2`` into build/lab/) creates a
TUN device ``pwlab`` in each namespace and forwards every packet to the other after the
configured one-way delay, or drops it (seeded, so the n-th packet of a direction meets
the same fate every run). With no delay and no loss the lab can use a plain veth pair
instead (``relay=False``), the "no relay" baseline.

Addresses come from RFC 2544's benchmarking range only: the scanner is 198.18.0.1, the
target 198.18.0.2, or the 16 addresses of 198.18.0.16/28 (``hosts=16``), all in the one
target namespace. Both namespaces are held by ``unshare -n timeout S cat`` processes that
end when the lab ends (or when the process that made the lab dies: cat reads its stdin
pipe); nothing is named in /run/netns. Everything runs from the root namespace: the
lab enters its namespaces with ``nsenter -t PID -n``.

What the target does is declared, not scripted: each :class:`Host` says which TCP ports
listen (a server accepts, reads and stays silent), which UDP ports answer or stay silent,
which port ranges meet which firewall action (DROP, REJECT with a reset or an ICMP
error) and what the rest meets (the kernel's own answer, or DROP). The lab turns that
into iptables rules in the target namespace and into the ground truth, a port's
``(state, reason)`` as ``nmap -sS``/``-sU`` name them when every answer arrives:

    with Lab([Host(TARGET, tcp_open=(22, 80))], rtt_ms=40, loss=0.02) as lab:
        lab.run_in_scanner(["python", "-m", "portwindow", "scan", TARGET], timeout=60)
        lab.truth("tcp", range(1, 1025))   # {address: {port: (state, reason)}}

Rations (the answers a host withholds, not a fact of the port) are lab options too: a
ration on the target's TCP resets (``rst_ration``) or ICMP unreachables
(``icmp_ration``) as iptables ``limit`` rules on its OUTPUT chain, and any sysctl of the
target's namespace (Linux's own ICMP rations: ``net.ipv4.icmp_ratelimit``,
``icmp_msgs_per_sec``). The truth does not change with them.

Nothing here imports portwindow: the lab drives it through its command line.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RELAY_SOURCE = Path(__file__).with_name("relay") / "relay.c"
BUILD = ROOT / "build" / "lab"

SCANNER = "198.18.0.1"
TARGET = "198.18.0.2"
#: 198.18.0.16/28, the many-host target.
TARGETS_16 = tuple(f"198.18.0.{n}" for n in range(16, 32))
IFNAME = "pwlab"
LIFETIME = 3600  # seconds any lab process lives at most
START_TIMEOUT = 20.0  # seconds for a lab process to say it is ready

# What a port meets, and what that makes it: (state, reason) per protocol.
ACTIONS = ("accept", "drop", "rst", "icmp-port", "icmp-admin")
_REJECT_WITH = {
    "rst": "tcp-reset",
    "icmp-port": "icmp-port-unreachable",
    "icmp-admin": "icmp-admin-prohibited",
}
OPEN = ("open", "syn-ack")
CLOSED = ("closed", "reset")
NO_RESPONSE = ("filtered", "no-response")
TCP_TRUTH = {
    "drop": NO_RESPONSE,
    "rst": CLOSED,
    "icmp-port": ("filtered", "port-unreach"),
    "icmp-admin": ("filtered", "admin-prohibited"),
}
UDP_OPEN = ("open", "udp-response")
UDP_SILENT = ("open|filtered", "no-response")
UDP_CLOSED = ("closed", "port-unreach")
UDP_TRUTH = {
    "drop": UDP_SILENT,
    "icmp-port": UDP_CLOSED,
    "icmp-admin": ("filtered", "admin-prohibited"),
}


@dataclass(frozen=True)
class Rule:
    """Ports ``first``-``last`` of ``proto`` meet ``action`` (the first rule wins)."""

    first: int
    last: int
    action: str
    proto: str = "tcp"

    def __post_init__(self) -> None:
        if self.action not in ACTIONS or self.proto not in ("tcp", "udp"):
            raise ValueError(f"bad rule {self}")
        if self.action == "rst" and self.proto != "tcp":
            raise ValueError("a TCP reset answers TCP only")

    def covers(self, proto: str, port: int) -> bool:
        return self.proto == proto and self.first <= port <= self.last


@dataclass(frozen=True)
class Host:
    """One target address: its services, its firewall rules and what the rest meets
    (``policy``: "accept", the kernel answers; "drop", nothing does)."""

    address: str
    tcp_open: tuple[int, ...] = ()
    udp_answering: tuple[int, ...] = ()
    udp_silent: tuple[int, ...] = ()
    rules: tuple[Rule, ...] = ()
    policy: str = "accept"

    def chain(self) -> list[Rule]:
        """The rules in iptables' order: a DROP policy lets the services through first."""
        if self.policy == "accept":
            return list(self.rules)
        if self.policy != "drop":
            raise ValueError(f"bad policy {self.policy!r}")
        services = [Rule(p, p, "accept") for p in self.tcp_open]
        services += [Rule(p, p, "accept", "udp") for p in (*self.udp_answering, *self.udp_silent)]
        return [*services, *self.rules]

    def action(self, proto: str, port: int) -> str:
        for rule in self.chain():
            if rule.covers(proto, port):
                return rule.action
        return "accept" if self.policy == "accept" else "drop"

    def truth(self, proto: str, port: int) -> tuple[str, str]:
        """What ``port`` is, as nmap -sS or -sU says when every answer arrives."""
        action = self.action(proto, port)
        if proto == "tcp":
            if action == "accept":
                return OPEN if port in self.tcp_open else CLOSED
            return TCP_TRUTH[action]
        if action == "accept":
            if port in self.udp_answering:
                return UDP_OPEN
            return UDP_SILENT if port in self.udp_silent else UDP_CLOSED
        return UDP_TRUTH[action]

    def iptables_rules(self) -> list[list[str]]:
        rules = []
        for rule in self.chain():
            match = ["-d", self.address, "-p", rule.proto, "--dport", f"{rule.first}:{rule.last}"]
            if rule.action == "accept":
                target = ["ACCEPT"]
            elif rule.action == "drop":
                target = ["DROP"]
            else:
                target = ["REJECT", "--reject-with", _REJECT_WITH[rule.action]]
            rules.append(["-A", "INPUT", *match, "-j", *target])
        if self.policy == "drop":
            rules.append(["-A", "INPUT", "-d", self.address, "-j", "DROP"])
        return rules


@dataclass(frozen=True)
class Ration:
    """At most ``per_second`` packets a second after a burst of ``burst`` (iptables
    ``limit``: a token bucket), the rest dropped."""

    per_second: int
    burst: int

    def rules(self, match: list[str]) -> list[list[str]]:
        limit = ["-m", "limit", "--limit", f"{self.per_second}/second"]
        limit += ["--limit-burst", str(self.burst)]
        return [
            ["-A", "OUTPUT", *match, *limit, "-j", "ACCEPT"],
            ["-A", "OUTPUT", *match, "-j", "DROP"],
        ]


RST_MATCH = ["-p", "tcp", "--tcp-flags", "RST", "RST"]
ICMP_UNREACH_MATCH = ["-p", "icmp", "--icmp-type", "destination-unreachable"]


@functools.cache
def unavailable(tun: bool = True) -> str | None:
    """Why a namespace lab cannot run here (None: it can): unshare, ip, iptables, and
    for the relay /dev/net/tun and a C compiler."""
    tools = ["unshare", "nsenter", "ip", "iptables", "ip6tables", "timeout", "cat"]
    if tun:
        tools.append("cc")
    for tool in tools:
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    probe = subprocess.run(
        ["unshare", "-n", "iptables", "-L", "-n"], capture_output=True, text=True, timeout=30
    )
    if probe.returncode != 0:
        return f"unshare -n with iptables is not permitted here: {probe.stderr.strip()[:200]}"
    if tun:
        probe = subprocess.run(
            ["unshare", "-n", "ip", "tuntap", "add", "dev", "pwprobe", "mode", "tun"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if probe.returncode != 0:
            return f"TUN devices are not permitted here: {probe.stderr.strip()[:200]}"
    return None


def build_relay() -> Path:
    """The relay binary, compiled from its source on first use (named by its hash)."""
    source = RELAY_SOURCE.read_bytes()
    binary = BUILD / f"relay-{hashlib.sha256(source).hexdigest()[:12]}"
    if not binary.exists():
        BUILD.mkdir(parents=True, exist_ok=True)
        partial = binary.with_suffix(f".{os.getpid()}.tmp")
        subprocess.run(
            ["cc", "-O2", "-Wall", "-o", str(partial), str(RELAY_SOURCE)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        partial.replace(binary)
    return binary


def _ready(process: subprocess.Popen, what: str, timeout: float = START_TIMEOUT) -> None:
    """Wait until ``process`` prints "ready" (bounded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        readable, _, _ = select.select([process.stdout], [], [], 0.1)
        if readable:
            line = process.stdout.readline()
            if line.strip() == "ready":
                return
            if not line:
                break
        if process.poll() is not None:
            break
    process.kill()
    _out, stderr = process.communicate(timeout=10)
    raise RuntimeError(f"{what} did not start: {stderr.strip()[:500]}")


class Namespace:
    """A network namespace held by ``unshare -n timeout S cat``: alive while the holder
    is; the holder ends when the lab closes its stdin, kills it, or dies."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.holder = subprocess.Popen(
            ["unshare", "-n", "timeout", str(LIFETIME), "cat"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
        )
        self.pid = self.holder.pid
        deadline = time.monotonic() + 10
        mine = os.stat("/proc/self/ns/net").st_ino
        while True:
            try:
                self.inode = os.stat(f"/proc/{self.pid}/ns/net").st_ino
            except FileNotFoundError:
                self.inode = mine
            if self.inode != mine:
                break
            if time.monotonic() > deadline or self.holder.poll() is not None:
                self.close()
                raise RuntimeError(f"the {name} namespace did not come up")
            time.sleep(0.005)
        self.enter = ["nsenter", "-t", str(self.pid), "-n", "--"]
        self.run("ip", "link", "set", "lo", "up")

    def run(self, *argv: str, input: str | None = None, timeout: float = 30) -> str:
        """Run a command in this namespace (checked, bounded); its stdout."""
        done = subprocess.run(
            [*self.enter, *argv], input=input, capture_output=True, text=True, timeout=timeout
        )
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: {' '.join(argv)}: {done.stderr.strip()[:500]}")
        return done.stdout

    def ip_batch(self, commands: Iterable[str]) -> None:
        self.run("ip", "-batch", "-", input="".join(f"{c}\n" for c in commands))

    def iptables(self, rules: Iterable[list[str]]) -> None:
        lines = ["*filter", *(" ".join(rule) for rule in rules), "COMMIT", ""]
        self.run("iptables-restore", "--noflush", input="\n".join(lines))

    def sysctl(self, settings: dict[str, str | int]) -> None:
        for key, value in settings.items():
            self.run("sysctl", "-q", "-w", f"{key}={value}")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.holder.stdin.close()
        self.holder.kill()
        self.holder.wait(10)


def start_servers(namespace: Namespace, hosts: Sequence[Host]) -> subprocess.Popen:
    """The hosts' servers (``wan_agents.py serve``) in ``namespace``, ready; they end
    when their stdin is closed."""
    spec = [
        {
            "address": host.address,
            "tcp": list(host.tcp_open),
            "udp_answering": list(host.udp_answering),
            "udp_silent": list(host.udp_silent),
        }
        for host in hosts
    ]
    server = subprocess.Popen(
        [*namespace.enter, sys.executable, "-m", "tests.lab.wan_agents", "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    server.stdin.write(json.dumps(spec) + "\n")
    server.stdin.flush()
    _ready(server, "the target's servers")
    return server


def processes_in(inode: int) -> list[int]:
    """Pids of the processes whose network namespace is ``inode``."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if os.stat(f"/proc/{entry}/ns/net").st_ino == inode:
                    found.append(int(entry))
    return found


@dataclass
class Lab:
    """The two namespaces, the wire and the target's services and firewall, alive
    inside ``with``. ``rtt_ms`` is the wire's round trip (half each way), ``loss`` the
    probability each packet is dropped, each way. ``rate`` caps each direction of the
    wire at that many packets a second."""

    hosts: Sequence[Host]
    rtt_ms: float = 0.0
    loss: float = 0.0
    relay: bool = True
    rate: int = 0
    seed: int = 1
    rst_ration: Ration | None = None
    icmp_ration: Ration | None = None
    target_sysctls: dict[str, str | int] = field(default_factory=dict)

    scanner: Namespace | None = field(default=None, init=False)
    target: Namespace | None = field(default=None, init=False)
    relay_process: subprocess.Popen | None = field(default=None, init=False)
    server: subprocess.Popen | None = field(default=None, init=False)
    relay_totals: dict | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if not self.relay and (self.rtt_ms or self.loss or self.rate):
            raise ValueError("a veth pair has no delay, loss or rate cap: use the relay")
        self.by_address = {host.address: host for host in self.hosts}

    # -- life -----------------------------------------------------------------------
    def __enter__(self) -> Lab:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        self.scanner = Namespace("scanner")
        self.target = Namespace("target")
        if self.relay:
            self._start_relay()
        else:
            self.scanner.run(
                "ip", "link", "add", IFNAME, "type", "veth", "peer", "name", IFNAME,
                "netns", str(self.target.pid),
            )  # fmt: skip
        for ns in (self.scanner, self.target):
            ns.sysctl({f"net.ipv6.conf.{IFNAME}.disable_ipv6": 1})
            ns.ip_batch([f"link set {IFNAME} mtu 1500 txqueuelen 10000 up"])
        self.scanner.ip_batch(
            [
                f"addr add {SCANNER}/32 dev {IFNAME}",
                f"route add 198.18.0.0/15 dev {IFNAME} src {SCANNER}",
            ]
        )
        self.target.ip_batch(
            [f"addr add {host.address}/32 dev {IFNAME}" for host in self.hosts]
            + [f"route add {SCANNER}/32 dev {IFNAME}"]
        )
        self.target.sysctl(self.target_sysctls)
        rules = [rule for host in self.hosts for rule in host.iptables_rules()]
        if self.rst_ration:
            rules += self.rst_ration.rules(RST_MATCH)
        if self.icmp_ration:
            rules += self.icmp_ration.rules(ICMP_UNREACH_MATCH)
        if rules:
            self.target.iptables(rules)
        self._start_server()

    def _start_relay(self) -> None:
        argv = [
            str(build_relay()),
            f"--ns-a={self.scanner.pid}",
            f"--ns-b={self.target.pid}",
            f"--name={IFNAME}",
            f"--delay-us={self.rtt_ms * 500:.3f}",
            f"--loss={self.loss}",
            f"--seed={self.seed}",
            f"--rate={self.rate}",
            f"--lifetime={LIFETIME}",
        ]
        self.relay_process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _ready(self.relay_process, "the relay")

    def _start_server(self) -> None:
        self.server = start_servers(self.target, self.hosts)

    def close(self) -> None:
        """Stop everything the lab started, the servers and the relay first."""
        if self.server is not None:
            with contextlib.suppress(OSError):
                self.server.stdin.close()  # the servers end on their stdin's end
            try:
                self.server.wait(5)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait(10)
            self.server.stdout.close()
            self.server.stderr.close()
            self.server = None
        if self.relay_process is not None:
            self.relay_process.terminate()
            try:
                out, _ = self.relay_process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                self.relay_process.kill()
                out, _ = self.relay_process.communicate(timeout=10)
            lines = [line for line in out.splitlines() if line.startswith("{")]
            self.relay_totals = json.loads(lines[-1]) if lines else None
            self.relay_process = None
        for ns in (self.target, self.scanner):
            if ns is not None:
                ns.close()

    # -- use ------------------------------------------------------------------------
    @property
    def addresses(self) -> list[str]:
        return [host.address for host in self.hosts]

    def scanner_argv(self, argv: Sequence[str]) -> list[str]:
        return [*self.scanner.enter, *argv]

    def run_in_scanner(
        self, argv: Sequence[str], timeout: float, **kw
    ) -> subprocess.CompletedProcess:
        """Run ``argv`` in the scanner's namespace from the repository's root, bounded:
        raises subprocess.TimeoutExpired (after killing it) past ``timeout``."""
        kw.setdefault("capture_output", True)
        kw.setdefault("text", True)
        return subprocess.run(
            self.scanner_argv(argv),
            timeout=timeout,
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            **kw,
        )

    def agent(self, *args: str, timeout: float) -> dict:
        """Run one of tests/lab/wan_agents.py's helpers in the scanner; its JSON answer."""
        done = self.run_in_scanner([sys.executable, "-m", "tests.lab.wan_agents", *args], timeout)
        if done.returncode != 0:
            raise RuntimeError(f"agent {args[0]} failed: {done.stderr.strip()[:500]}")
        return json.loads(done.stdout)

    def relay_stats(self) -> dict:
        """The relay's counters now (forwarded, dropped ... each way)."""
        if self.relay_process is None:
            raise RuntimeError("this lab has no relay")
        self.relay_process.send_signal(signal.SIGUSR1)
        readable, _, _ = select.select([self.relay_process.stdout], [], [], 5)
        if not readable:
            raise RuntimeError("the relay did not report")
        return json.loads(self.relay_process.stdout.readline())

    def truth(self, proto: str, ports: Iterable[int]) -> dict[str, dict[int, tuple[str, str]]]:
        """Ground truth for ``ports`` on every host."""
        ports = list(ports)
        return {h.address: {p: h.truth(proto, p) for p in ports} for h in self.hosts}


# -- reading what the tools said --------------------------------------------------------

#: address -> {(protocol, port): (state, reason)}
Found = dict[str, dict[tuple[str, int], tuple[str, str]]]


def read_portwindow_csv(path: Path) -> Found:
    """portwindow's CSV report (``host,address,protocol,port,state,reason,...``)."""
    found: Found = {}
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            key = (row["protocol"], int(row["port"]))
            found.setdefault(row["address"], {})[key] = (row["state"], row["reason"])
    return found


#: Reasons that say the same thing in another tool's words.
SAME_REASON = {
    "conn-refused": "reset",
    "host-prohibited": "admin-prohibited",
    "net-prohibited": "admin-prohibited",
}


@dataclass
class Verdict:
    """How a tool's states compare with the lab's truth."""

    checked: int = 0
    wrong: int = 0  # states that differ, ports the tool left out included
    missing: int = 0  # ports that should have been scanned and are not in the report
    extra: int = 0  # ports reported on an address the lab does not have
    reasons: int = 0  # right state, other reason
    kinds: dict[str, int] = field(default_factory=dict)  # "closed->filtered": count

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def compare(lab: Lab, found: Found, proto: str, ports: Iterable[int] | None) -> Verdict:
    """Check ``found`` against the truth: for ``ports`` on every host, or (None) for the
    ports the tool itself reports having scanned."""
    verdict = Verdict()
    wanted = None if ports is None else list(ports)
    for address, states in found.items():
        if address not in lab.by_address:
            verdict.extra += len(states)
    for host in lab.hosts:
        states = found.get(host.address, {})
        numbers = wanted if wanted is not None else [p for (pr, p) in states if pr == proto]
        for port in numbers:
            truth = host.truth(proto, port)
            got = states.get((proto, port))
            verdict.checked += 1
            if got is None:
                verdict.missing += 1
                verdict.wrong += 1
                kind = f"{truth[0]}->missing"
            elif got[0] != truth[0]:
                verdict.wrong += 1
                kind = f"{truth[0]}->{got[0]}"
            else:
                if SAME_REASON.get(got[1], got[1]) != truth[1]:
                    verdict.reasons += 1
                continue
            verdict.kinds[kind] = verdict.kinds.get(kind, 0) + 1
    return verdict
