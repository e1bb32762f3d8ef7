"""naabu's JSON Lines report (``naabu -json``): one open door a line.

    {"host":"example.org","ip":"192.0.2.7","port":443,"protocol":"tcp","tls":true,
     "timestamp":"2024-05-01T10:00:00.123456789Z"}

naabu lists open doors only; the others are not reported. Older versions nest the port
(``"port": {"Port": 443, "Protocol": 0, "TLS": true}``, protocol 0 TCP, 1 UDP). The host
name, when naabu was given one, is the door's host.
"""

from __future__ import annotations

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, Protocol
from portwindow.engine.reports.peers.lines import Addresses, iso_time, json_object, numbered_lines
from portwindow.engine.reports.peers.model import (
    Collector,
    Imported,
    PeerFormat,
    port_of,
    protocol_of,
)

_NUMBERED_PROTOCOLS = {0: Protocol.TCP, 1: Protocol.UDP}


def read_naabu(path: str, name: str) -> Imported:
    collect = Collector(name)
    address_of = Addresses()
    for number, line in numbered_lines(path, name):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        record = json_object(line, where)
        address = address_of(record.get("ip"), where)
        port_field = record.get("port")
        if isinstance(port_field, dict):
            port = port_of(port_field.get("Port"), where)
            protocol = _NUMBERED_PROTOCOLS.get(port_field.get("Protocol", 0))
            if protocol is None:
                raise InputError(
                    f"{where}: protocol {port_field.get('Protocol')!r} is not TCP or UDP"
                )
        else:
            port = port_of(port_field, where)
            protocol = protocol_of(record.get("protocol") or "tcp", where)
        seconds = 0.0
        if record.get("timestamp") is not None:
            seconds = iso_time(record.get("timestamp"), where)
            collect.seen_at(seconds)
        host = record.get("host")
        label = host if isinstance(host, str) and host.strip() else address
        verdict = collect.verdict("open", None, protocol, where)
        collect.add(PortResult(label, address, protocol, port, *verdict, None, seconds))
    return collect.finish_listing(PeerFormat.NAABU_JSONL)
