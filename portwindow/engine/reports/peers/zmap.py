"""ZMap's CSV report (``zmap -O csv -f saddr,sport,classification,success,timestamp_ts``).

ZMap writes the fields it is told to, with a header line; portwindow needs the answering
address (``saddr``) and port (``sport``: the answer came from the port probed), and
reads ``classification`` and ``success`` when present: ``synack`` (or success 1) is
open, ``rst`` closed, a UDP module's ``udp`` answer open; other answers (ICMP) are
left out and counted. By default ZMap writes successes only, so only open doors are
reported, and the others are not reported (never closed).
"""

from __future__ import annotations

import csv

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.model import PortResult, Protocol
from portwindow.engine.reports.peers.lines import Addresses, iso_time, numbered_lines, unix_time
from portwindow.engine.reports.peers.model import Collector, Imported, PeerFormat, port_of

NEEDED = ("saddr", "sport")
_CLASSES = {
    "synack": ("open", Protocol.TCP),
    "rst": ("closed", Protocol.TCP),
    "udp": ("open", Protocol.UDP),
}


def read_zmap(path: str, name: str) -> Imported:
    collect = Collector(name)
    address_of = Addresses()
    header: list[str] | None = None
    for number, line in numbered_lines(path, name):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name} line {number}"
        try:
            cells = next(csv.reader([line], strict=True))
        except csv.Error as error:
            raise InputError(f"{where}: {error}") from None
        if header is None:
            header = [cell.strip() for cell in cells]
            missing = [field for field in NEEDED if field not in header]
            if missing:
                raise InputError(
                    f"{where}: a ZMap CSV report needs the fields saddr and sport "
                    f"(zmap -O csv -f saddr,sport,classification,success); missing "
                    + ", ".join(missing)
                )
            continue
        if len(cells) != len(header):
            raise InputError(f"{where}: expected {len(header)} fields, found {len(cells)}")
        row = dict(zip(header, cells, strict=True))
        kind = row.get("classification", "synack").strip()
        known = _CLASSES.get(kind)
        if known is None:
            if row.get("success", "").strip() == "1":
                known = ("open", Protocol.TCP)
            else:
                collect.unread_states[f"classification {kind[:30]}"] += 1
                continue
        state, protocol = known
        seconds = _time(row, where)
        if seconds is not None:
            collect.seen_at(seconds)
        address = address_of(row["saddr"], where)
        port = port_of(row["sport"].strip(), where)
        verdict = collect.verdict(state, None, protocol, where)
        collect.add(PortResult(address, address, protocol, port, *verdict, None, seconds or 0.0))
    if header is None:
        raise InputError(f"{name}: no header line")
    return collect.finish_listing(PeerFormat.ZMAP_CSV)


def _time(row: dict[str, str], where: str) -> float | None:
    if row.get("timestamp_ts", "").strip():
        seconds = unix_time(row["timestamp_ts"].strip(), where)
        micro = row.get("timestamp_us", "").strip()
        return seconds + (int(micro) / 1e6 if micro.isdigit() and len(micro) <= 6 else 0.0)
    if row.get("timestamp_str", "").strip():
        return iso_time(row["timestamp_str"].strip(), where)
    return None
