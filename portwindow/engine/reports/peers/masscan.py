"""masscan's list (``-oL``) and JSON (``-oJ``) reports (its XML is ``nmap_xml.py``'s).

masscan lists the doors that answered: open ones (and closed ones with
``--show closed``), one per line, and banners (``--banners``) as lines of their own.
What it does not list is not reported, never closed. Neither format names the command
line; the list names no version either.

    #masscan
    open tcp 80 192.0.2.7 1390000000
    banner tcp 80 192.0.2.7 1390000001 http HTTP/1.0 200 OK...
    # end

    [
    {   "ip": "192.0.2.7",   "timestamp": "1390000000", "ports": [ {"port": 80,
        "proto": "tcp", "status": "open", "reason": "syn-ack", "ttl": 64} ] }
    ,
    ...
    ]
"""

from __future__ import annotations

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, PortState
from portwindow.engine.reports.peers.lines import (
    Addresses,
    json_object,
    numbered_lines,
    unix_time,
)
from portwindow.engine.reports.peers.list_columns import ListColumns, door_code
from portwindow.engine.reports.peers.model import (
    Collector,
    Imported,
    PeerFormat,
    port_of,
    protocol_of,
)

_LIST_STATES = {"open": "open", "closed": "closed"}


def read_masscan_list(path: str, name: str) -> Imported:
    """A million-line sweep is read into columns (``masscan_columns.py``), not a result
    object per line: each distinct text (a port, an address, a time, a state) is checked
    once, and each line costs a split and a few look-ups."""
    collect = Collector(name)
    columns = ListColumns()
    address_of = Addresses()
    banners: dict[tuple, str] = {}
    # A sweep repeats the same few texts a million times: each is checked once.
    hosts: dict[str, int] = {}
    doors: dict[tuple[str, str, str], tuple[int, int]] = {}
    times: dict[str, int] = {}
    host_of, door_of, time_of = hosts.get, doors.get, times.get
    add = columns.add
    for number, line in numbered_lines(path, name):
        if not line or line[0] == "#":
            continue
        fields = line.split(" ", 5)
        if len(fields) < 5:
            if not line.strip():
                continue
            raise InputError(f"{name} line {number}: expected 'STATE PROTOCOL PORT ADDRESS TIME'")
        kind, proto, port_text, address_text, time_text = fields[:5]
        door = door_of((kind, proto, port_text))
        if door is None:
            door = doors[(kind, proto, port_text)] = _door(
                collect, columns, kind, proto, port_text, f"{name} line {number}"
            )
        host = host_of(address_text)
        if host is None:
            address = address_of(address_text, f"{name} line {number}")
            host = hosts[address_text] = columns.host(address)
        moment = time_of(time_text)
        if moment is None:
            seconds = unix_time(time_text, f"{name} line {number}")
            collect.seen_at(seconds)
            moment = times[time_text] = columns.moment(seconds)
        if kind == "banner":
            text = fields[5] if len(fields) > 5 else ""
            _service, _, banner = text.partition(" ")
            protocol, port = columns.doors[door[0]]
            key = (columns.addresses[host], protocol, port)
            banners[key] = f"{banners[key]}\n{banner}" if key in banners else banner
            continue
        add(host, door[0], door[1], moment)
    collect.results = columns.result_set()
    _add_banners(collect, banners)
    return collect.finish_listing(PeerFormat.MASSCAN_LIST)


def _door(
    collect: Collector, columns: ListColumns, kind: str, proto: str, port_text: str, where: str
) -> tuple[int, int]:
    """A (state, protocol, port) text first seen: its door number and its door byte."""
    protocol = protocol_of(proto, where)
    port = port_of(port_text, where)
    if kind == "banner":
        return columns.door(protocol, port), 0
    if kind not in _LIST_STATES:
        raise InputError(f"{where}: {kind[:20]!r} is not open, closed or banner")
    state, reason = collect.verdict(kind, None, protocol, where)
    return columns.door(protocol, port), door_code(state, reason)


def read_masscan_json(path: str, name: str) -> Imported:
    collect = Collector(name)
    address_of = Addresses()
    banners: dict[tuple, str] = {}
    for number, line in numbered_lines(path, name):
        text = line.strip().rstrip(",")
        if text in ("", "[", "]", ","):
            continue
        where = f"{name} line {number}"
        record = json_object(text, where)
        address = address_of(record.get("ip"), where)
        seconds = unix_time(record.get("timestamp"), where)
        collect.seen_at(seconds)
        ports = record.get("ports")
        if not isinstance(ports, list):
            raise InputError(f"{where}: no 'ports' list")
        for entry in ports:
            if not isinstance(entry, dict):
                raise InputError(f"{where}: a port entry is not a JSON object")
            protocol = protocol_of(entry.get("proto"), where)
            port = port_of(entry.get("port"), where)
            service = entry.get("service")
            if isinstance(service, dict):
                key = (address, protocol, port)
                banner = str(service.get("banner", ""))
                banners[key] = f"{banners[key]}\n{banner}" if key in banners else banner
                continue
            status = entry.get("status")
            if not isinstance(status, str):
                raise InputError(f"{where}: port {port} has no status")
            reason = entry.get("reason")
            verdict = collect.verdict(
                status, reason if isinstance(reason, str) else None, protocol, where
            )
            if verdict is not None:
                collect.add(PortResult(address, address, protocol, port, *verdict, None, seconds))
    _add_banners(collect, banners)
    return collect.finish_listing(PeerFormat.MASSCAN_JSON)


def _add_banners(collect: Collector, banners: dict[tuple, str]) -> None:
    """A banner line is a door masscan found open; it goes with that door's result."""
    collect.flush()
    for (address, protocol, port), banner in banners.items():
        known = collect.results.get(address, protocol, port)
        if known is None:
            verdict = collect.verdict(PortState.OPEN.value, None, protocol, collect.name)
            known = PortResult(address, address, protocol, port, *verdict, None, 0.0)
        collect.add(
            PortResult(
                known.host,
                address,
                protocol,
                port,
                known.state,
                known.reason,
                None,
                known.scanned_at,
                banner,
            )
        )
