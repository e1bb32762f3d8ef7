"""nmap's XML report (``nmap -oX``) and masscan's imitation of it (``masscan -oX``).

Both are ``<nmaprun>`` documents: a ``<host>`` per address (masscan: per open port), its
``<port>`` elements with a ``<state state= reason=>``. nmap lists only the ports it finds
interesting and counts the rest in ``<extraports state= count=>``; since nmap 7.90 their
numbers are in ``<extrareasons ports=>``, and before that, when a host has one
``<extraports>``, they are the ports of ``<scaninfo services=>`` it does not list. Every
door nmap names is read, collapsed ones too; masscan's report lists open ports only,
so its other doors are not reported (never closed).

A banner is kept as nmap's ``banner`` script printed it, or else as the ``<service>``'s
product, version and extra information.
"""

from __future__ import annotations

import ipaddress
import shlex
from collections.abc import Iterator

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, Protocol
from portwindow.engine.reports.nmap_export import unfingerprint
from portwindow.engine.reports.peers import safe_xml
from portwindow.engine.reports.peers.model import (
    Collector,
    Imported,
    PeerFormat,
    Source,
    port_of,
    protocol_of,
)

MAX_PORT_LIST = 65_536 * 2  # numbers in one nmap port list (every TCP and UDP port)


def read_nmap_xml(path: str, name: str) -> Imported:
    collect = Collector(name)
    run: dict[str, str] = {}
    scanned: dict[Protocol, list[int]] = {}
    finished: str | None = None
    host: _Host | None = None
    root = None
    depth = 0
    for event, element in safe_xml.elements(path, name):
        tag = element.tag
        if event == "start":
            depth += 1
            if depth == 1:
                if tag != "nmaprun":
                    raise InputError(f"{name}: an XML file, but not an nmap report (<{tag}>)")
                root = element
                run = dict(element.attrib)
            elif tag == "host" and depth == 2:
                host = _Host()
            continue
        depth -= 1
        if tag == "scaninfo" and depth == 1:
            protocol = _protocol(element.get("protocol", ""))
            if protocol is not None and element.get("services"):
                scanned[protocol] = _port_list(element.get("services", ""), name)
        elif tag == "finished" and depth == 2:
            finished = element.get("time")
        elif host is not None and depth >= 2:
            host.take(tag, element, collect, name)
            if tag in ("port", "extraports"):
                element.clear()
        if tag == "host" and depth == 1 and host is not None:
            collect.extend(host.results(scanned, collect, name))
            host = None
            if root is not None:
                root.remove(element)
    if not run:
        raise InputError(f"{name}: no <nmaprun> element")
    masscan = run.get("scanner") == "masscan"
    return collect.finish(
        Source(
            format=PeerFormat.MASSCAN_XML if masscan else PeerFormat.NMAP_XML,
            file=name,
            version=run.get("version", ""),
            command=run.get("args", ""),
            started_at=_number(run.get("start")),
            finished_at=_number(finished),
            reported=collect.open_only() if masscan or _open_only(run) else None,
            ports=_spec(scanned),
        )
    )


class _Host:
    """One ``<host>`` as it is read: its address, name, ports and collapsed ports."""

    def __init__(self) -> None:
        self.address = ""
        self.label = ""
        self.time = 0.0
        self.ports: list[tuple[Protocol, int, str, str, str]] = []
        self.extras: list[tuple[str, list[tuple[Protocol | None, str, list[int] | None]]]] = []

    def take(self, tag: str, element, collect: Collector, name: str) -> None:
        if tag == "address" and element.get("addrtype") in ("ipv4", "ipv6"):
            text = element.get("addr", "")
            try:
                self.address = str(ipaddress.ip_address(text))
            except ValueError:
                raise InputError(f"{name}: address {text[:60]!r} is not an IP address") from None
        elif tag == "hostname" and element.get("type") == "user" and not self.label:
            self.label = element.get("name", "")
        elif tag == "port":
            state = element.find("state")
            if state is None:
                raise InputError(f"{name}: a <port> without a <state>")
            self.ports.append(
                (
                    protocol_of(element.get("protocol", ""), f"{name}: <port>"),
                    port_of(element.get("portid", ""), f"{name}: <port>"),
                    state.get("state", ""),
                    state.get("reason", ""),
                    _banner(element),
                )
            )
        elif tag == "extraports":
            reasons = [
                (
                    _protocol(reason.get("proto", "")),
                    reason.get("reason", ""),
                    _port_list(reason.get("ports"), name) if reason.get("ports") else None,
                )
                for reason in element.findall("extrareasons")
            ]
            self.extras.append((element.get("state", ""), reasons))
        elif tag == "host":
            self.time = _number(element.get("endtime") or element.get("starttime")) or 0.0

    def results(
        self, scanned: dict[Protocol, list[int]], collect: Collector, name: str
    ) -> Iterator[PortResult]:
        if not self.address:
            if self.ports or self.extras:
                raise InputError(f"{name}: a <host> with ports but no IP address")
            return
        label = self.label or self.address
        listed: set[tuple[Protocol, int]] = set()
        for protocol, port, state, reason, banner in self.ports:
            verdict = collect.verdict(state, reason, protocol, f"{name}: port {port}")
            listed.add((protocol, port))
            if verdict is not None:
                yield PortResult(
                    label, self.address, protocol, port, *verdict, None, self.time, banner
                )
        for state, reasons in self.extras:
            for protocol, reason, ports in reasons:
                if ports is None:
                    if len(self.extras) != 1:
                        continue  # older nmap, several states collapsed: not told apart
                    chosen = [protocol] if protocol is not None else list(scanned)
                    doors = [(p, n) for p in chosen for n in scanned.get(p, ())]
                else:
                    doors = [(protocol or Protocol.TCP, n) for n in ports]
                for door_protocol, port in doors:
                    if (door_protocol, port) in listed:
                        continue
                    listed.add((door_protocol, port))
                    verdict = collect.verdict(state, reason, door_protocol, f"{name}: extraports")
                    if verdict is not None:
                        yield PortResult(
                            label, self.address, door_protocol, port, *verdict, None, self.time
                        )


def _banner(port) -> str:
    for script in port.findall("script"):
        if script.get("id") == "banner" and script.get("output"):
            return script.get("output", "")
    service = port.find("service")
    if service is None:
        return ""
    answer = unfingerprint(service.get("servicefp", ""))
    if answer is not None:
        return answer
    parts = [service.get("product", ""), service.get("version", "")]
    extra = service.get("extrainfo", "")
    text = " ".join(part for part in parts if part)
    if extra:
        text = f"{text} ({extra})" if text else extra
    return text or (service.get("banner") or "")  # masscan -oX --banners: <service banner=>


def _protocol(text: str) -> Protocol | None:
    return {"tcp": Protocol.TCP, "udp": Protocol.UDP}.get(text)


def _port_list(text: str | None, name: str) -> list[int]:
    """nmap's ``1-3,5,7-9`` as numbers (bounded)."""
    ports: list[int] = []
    for part in filter(None, (text or "").split(",")):
        first, _, last = part.partition("-")
        low = port_of(first.strip(), f"{name}: port list")
        high = port_of(last.strip(), f"{name}: port list") if last else low
        if high < low or len(ports) + high - low + 1 > MAX_PORT_LIST:
            raise InputError(f"{name}: port list part {part[:40]!r} is not a range of ports")
        ports.extend(range(low, high + 1))
    return ports


def _spec(scanned: dict[Protocol, list[int]]) -> str:
    parts = []
    for protocol, prefix in ((Protocol.TCP, "T:"), (Protocol.UDP, "U:")):
        if scanned.get(protocol):
            parts.append(prefix + ranges(scanned[protocol]))
    return ",".join(parts)


def ranges(ports: list[int]) -> str:
    """Port numbers as ``1-3,5``."""
    numbers = sorted(set(ports))
    out = []
    start = prev = None
    for port in numbers:
        if prev is not None and port == prev + 1:
            prev = port
            continue
        if start is not None:
            out.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = port
    if start is not None:
        out.append(str(start) if start == prev else f"{start}-{prev}")
    return ",".join(out)


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _open_only(run: dict[str, str]) -> bool:
    try:
        return "--open" in shlex.split(run.get("args", ""))
    except ValueError:
        return False
