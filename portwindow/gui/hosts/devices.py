"""A saved scan's hosts as the history kept them (names, MACs), and where each device
(by its MAC) was seen in other scans: the host list says so when its address changed."""

from __future__ import annotations

from portwindow.engine import DeviceSighting, History, HostStatus

#: Devices looked up per scan (a /16 of a local link would be many look-ups).
MAX_DEVICES = 1024


def hosts_and_sightings(
    history: History, scan_id: int
) -> tuple[list[HostStatus], dict[str, list[DeviceSighting]]]:
    """(the scan's host statuses, MAC -> the device's sightings in other scans)."""
    hosts = history.hosts(scan_id)
    macs = list(dict.fromkeys(h.mac for h in hosts if h.mac))[:MAX_DEVICES]
    sightings = {}
    for mac in macs:
        others = [s for s in history.device(mac) if s.scan_id != scan_id]
        if others:
            sightings[mac] = others
    return hosts, sightings


def elsewhere_text(address: str, sightings: list[DeviceSighting], when) -> str:
    """ "Also seen as 198.51.100.8 (nas.lan) on 2026-12-01 10:00" for the other addresses."""
    lines = []
    for sighting in sightings:
        if sighting.address == address:
            continue
        name = f" ({sighting.name})" if sighting.name else ""
        lines.append(f"Also seen as {sighting.address}{name} on {when(sighting.started_at)}")
        if len(lines) == 5:
            break
    return "\n".join(lines)
