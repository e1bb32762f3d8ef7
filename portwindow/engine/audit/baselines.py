"""Baselines from configuration: the doors a firewall or a compose file says are open,
read from the text a person already has, to audit a scan against (expected doors) and to
show the drift both ways: open but not in the configuration, in it but not open.

- ``ufw``: ``ufw status`` (or ``status verbose``/``numbered``): ALLOW and LIMIT rules;
  app profiles (``OpenSSH``) are named in a note, not guessed.
- ``nft``: ``nft list ruleset``: ``tcp dport``/``udp dport``/``th dport`` rules that
  ``accept``, in chains hooked to input and in chains without a hook (jumped to).
- ``compose``: a docker-compose file's published ports, short (``"8080:80/udp"``) and
  long (``published:``) syntax, read line by line (no YAML library: only ``ports:``
  lists matter); a container port with no host port is published on a random one: noted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.audit.doors import DoorSet
from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import Protocol
from portwindow.engine.input.files import MiB, read_text
from portwindow.engine.input.intervals import Intervals
from portwindow.engine.input.ports import parse_port_spans

BASELINE_KINDS = KINDS = ("ufw", "nft", "compose")
FILE_LIMIT = 8 * MiB
MAX_NOTES = 20
_UFW = re.compile(
    r"^\s*(?:\[\s*\d+\]\s*)?(?P<to>.+?)\s+(?P<action>ALLOW|LIMIT|DENY|REJECT)(?:\s+(?:IN|OUT|FWD))?\s+",
)
_UFW_DOORS = re.compile(r"^(?P<ports>\d+(?:[:,]\d+)*)(?:/(?P<protocol>tcp|udp))?$")
_NFT_CHAIN = re.compile(r"^\s*chain\s+(\S+)\s*\{")
_NFT_HOOK = re.compile(r"\bhook\s+(\w+)")
_NFT_DPORT = re.compile(
    r"(?:(?P<proto>tcp|udp)|meta\s+l4proto\s+(?P<protos>\{[^}]*\}|tcp|udp)\s+th)\s+dport\s+"
    r"(?P<ports>\{[^}]*\}|\S+)"
)
_PORTS_KEY = re.compile(r"^(?P<indent>\s*)ports\s*:\s*$")
_ITEM = re.compile(r"^\s*-\s*(?P<value>.*?)\s*$")
_FIELD = re.compile(
    r"^\s*(?P<key>target|published|protocol|host_ip|mode|name|app_protocol)\s*:\s*(?P<value>.*?)\s*$"
)
_SHORT = re.compile(
    r"^(?:(?P<ip>\[[^\]]*\]|\d+\.[0-9.]+):)?(?:(?P<host>\d+(?:-\d+)?):)?(?P<container>\d+(?:-\d+)?)"
    r"(?:/(?P<protocol>tcp|udp))?$"
)


@dataclass(frozen=True, slots=True)
class Baseline:
    kind: str
    doors: DoorSet
    notes: tuple[str, ...]  # what was read but not taken (app profiles, random ports)


class _Doors:
    def __init__(self) -> None:
        self.spans: dict[Protocol, list[tuple[int, int]]] = {p: [] for p in Protocol}
        self.notes: list[str] = []

    def add(self, ports: str, protocols: tuple[Protocol, ...], where: str) -> None:
        for protocol in protocols:
            prefix = "T" if protocol is Protocol.TCP else "U"
            try:
                spans = parse_port_spans(f"{prefix}:{ports}")
            except InputError as error:
                raise InputError(f"{where}: {error}") from None
            self.spans[protocol] += spans[protocol]

    def note(self, text: str) -> None:
        if len(self.notes) < MAX_NOTES:
            self.notes.append(text)

    def baseline(self, kind: str) -> Baseline:
        by = {p: Intervals.merged(spans) for p, spans in self.spans.items()}
        return Baseline(kind, DoorSet(by), tuple(self.notes))


def guess_kind(path: Path, text: str) -> str:
    name = path.name.lower()
    if name.endswith((".yml", ".yaml")) or "compose" in name:
        return "compose"
    if re.search(r"^\s*table\s+(inet|ip6?|arp|bridge|netdev)\s", text, re.M):
        return "nft"
    if re.search(r"\b(ALLOW|LIMIT|DENY|REJECT)\b", text):
        return "ufw"
    raise InputError(f"{path}: not a ufw status, an nft ruleset or a compose file (give --kind)")


def read_baseline(path: Path | str, kind: str | None = None) -> Baseline:
    path = Path(path)
    text = read_text(path, what="configuration file", limit=FILE_LIMIT)
    kind = kind or guess_kind(path, text)
    if kind not in KINDS:
        raise InputError(f"--kind {kind[:20]}: one of {', '.join(KINDS)}")
    return {"ufw": from_ufw, "nft": from_nft, "compose": from_compose}[kind](text, str(path))


def from_ufw(text: str, where: str = "ufw") -> Baseline:
    found = _Doors()
    for number, line in enumerate(text.splitlines(), 1):
        match = _UFW.match(line + " ")
        if not match or match["to"].startswith(("To", "--")):
            continue
        if match["action"] in ("DENY", "REJECT") or " OUT" in line.split(match["action"])[1][:4]:
            continue
        to = match["to"].replace("(v6)", "").split()
        words = [word for word in to if _UFW_DOORS.match(word)]
        if not words:
            if not any(re.match(r"^[0-9a-f.:/]+$|^Anywhere$|^on$", w) for w in to[:1]):
                profile = " ".join(to)[:40]
                found.note(f"line {number}: app profile {profile} not read (give its ports)")
            continue
        door = _UFW_DOORS.match(words[-1])
        ports = door["ports"].replace(":", "-")
        protocols = (Protocol(door["protocol"]),) if door["protocol"] else tuple(Protocol)
        found.add(ports, protocols, f"{where} line {number}")
    return found.baseline("ufw")


def from_nft(text: str, where: str = "nft") -> Baseline:
    found = _Doors()
    hook: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if _NFT_CHAIN.match(line):
            hook = None
            continue
        hooked = _NFT_HOOK.search(line)
        if hooked and "type" in line:
            hook = hooked.group(1)
            continue
        if hook not in (None, "input") or not re.search(r"\baccept\b", line):
            continue
        for match in _NFT_DPORT.finditer(line):
            if match["proto"]:
                protocols = (Protocol(match["proto"]),)
            else:
                names = re.findall(r"tcp|udp", match["protos"])
                protocols = tuple(Protocol(name) for name in dict.fromkeys(names))
            ports = match["ports"].strip("{} ").replace(" ", "")
            found.add(ports, protocols, f"{where} line {number}")
    return found.baseline("nft")


def from_compose(text: str, where: str = "compose") -> Baseline:
    found = _Doors()
    lines = [line.split(" #")[0].rstrip() for line in text.splitlines()]
    number = 0
    while number < len(lines):
        key = _PORTS_KEY.match(lines[number])
        number += 1
        if not key:
            continue
        depth = len(key["indent"])
        item: dict[str, str] | None = None  # the long-syntax item being read
        while number < len(lines):
            line = lines[number]
            number += 1
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip())
            if indent < depth or (indent == depth and not line.lstrip().startswith("-")):
                number -= 1
                break
            entry = _ITEM.match(line)
            body = entry["value"] if entry else line
            field = _FIELD.match(body)
            if entry:
                _take_long(found, item, f"{where} line {number}")
                item = None
            if field:
                item = item if item is not None else {}
                item[field["key"]] = field["value"].strip("'\"")
            elif entry:
                _take_short(found, body.strip("'\""), f"{where} line {number}")
        _take_long(found, item, f"{where} line {number}")
    return found.baseline("compose")


def _take_short(found: _Doors, value: str, where: str) -> None:
    match = _SHORT.match(value)
    if not match:
        raise InputError(f"{where}: {value[:40]!r} is not a published port")
    if match["host"] is None:
        found.note(f"{where}: container port {match['container']} is published on a random port")
        return
    found.add(match["host"], (Protocol(match["protocol"] or "tcp"),), where)


def _take_long(found: _Doors, item: dict[str, str] | None, where: str) -> None:
    if not item:
        return
    protocol = item.get("protocol", "tcp").lower()
    if protocol not in ("tcp", "udp"):
        raise InputError(f"{where}: protocol {protocol[:10]!r} is not tcp or udp")
    if not item.get("published"):
        target = item.get("target", "?")
        found.note(f"{where}: container port {target} is published on a random port")
        return
    found.add(item["published"], (Protocol(protocol),), where)
