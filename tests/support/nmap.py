"""nmap for tests and benchmarks: installing it where missing, and reading every port's
state out of its XML report (``-oX``), the collapsed ones too.

nmap lists only the ports it finds interesting; the others are counted in
``<extraports state=... count=...>``, and since nmap 7.90 their numbers are in the
``ports`` attribute of its ``<extrareasons>``. Where that attribute is missing (older
nmap) the ports left over from ``<scaninfo services=...>`` take the state of the one
``<extraports>`` element. Nothing here imports portwindow.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

#: (protocol, port) -> (state, reason), per host address.
PortStates = dict[tuple[str, int], tuple[str, str]]


def ensure_nmap() -> str | None:
    """nmap's path, installing it with apt first when it is missing and we are root."""
    if shutil.which("nmap") is None and os.geteuid() == 0:
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "nmap"],
            capture_output=True,
            timeout=600,
            env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"),
        )
    return shutil.which("nmap")


def port_list(text: str) -> list[int]:
    """nmap's ``1-3,5,7-9`` as a list of numbers."""
    ports: list[int] = []
    for part in filter(None, text.split(",")):
        first, _, last = part.partition("-")
        ports.extend(range(int(first), int(last or first) + 1))
    return ports


def scanned_ports(root: ET.Element) -> dict[str, list[int]]:
    """The ports nmap says it scanned, per protocol (``<scaninfo>``)."""
    return {
        info.get("protocol"): port_list(info.get("services", "")) for info in root.iter("scaninfo")
    }


def parse_nmap_xml(text: str) -> dict[str, PortStates]:
    """Every scanned port's state and reason, per host address."""
    root = ET.fromstring(text)
    scanned = scanned_ports(root)
    hosts: dict[str, PortStates] = {}
    for host in root.iter("host"):
        address = host.find("address").get("addr")
        states: PortStates = {}
        ports = host.find("ports")
        extras = [] if ports is None else ports.findall("extraports")
        for extra in extras:
            for reasons in extra.findall("extrareasons"):
                proto = reasons.get("proto", "tcp")
                for port in port_list(reasons.get("ports", "")):
                    states[(proto, port)] = (extra.get("state"), reasons.get("reason"))
        for port in [] if ports is None else ports.findall("port"):
            state = port.find("state")
            key = (port.get("protocol"), int(port.get("portid")))
            states[key] = (state.get("state"), state.get("reason"))
        if len(extras) == 1:  # nmap before 7.90: no port numbers in <extrareasons>
            reasons = extras[0].find("extrareasons")
            fill = (extras[0].get("state"), reasons.get("reason") if reasons is not None else "")
            for proto, numbers in scanned.items():
                for number in numbers:
                    states.setdefault((proto, number), fill)
        hosts[address] = states
    return hosts
