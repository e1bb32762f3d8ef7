"""A scan as nmap's XML report (``nmap -oX``), for the tools that read it: ndiff, Zenmap,
python-libnmap, Metasploit's ``db_import``, Faraday, DefectDojo, IVRE.

The layout is nmap's: one ``<host>`` per address with its ``<status>``, ``<address>``,
``<hostnames>`` (the name the person gave, ``type="user"``), and ``<ports>``, where a
state other than open with more than :data:`COLLAPSE_ABOVE` doors is counted in an
``<extraports>`` with one ``<extrareasons ports=...>`` per reason (as nmap 7.90 and
later write it) and every other door is a ``<port>``. Each ``<port>`` has a
``<service>``: IANA's name for the port (``method="table"``, as nmap names a port it
did not probe for a service), or, when a banner was read, what the banner says
(``method="probed"``, product and version) with the banner itself in ``servicefp``, in
the notation nmap uses for the bytes a service sent (``r(NULL,len,"SSH-2\\.0...")``).
Every text is made valid XML: characters XML 1.0 cannot hold are escaped as ``\\xNN``.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.core.results import ResultSet
from portwindow.engine.input import services
from portwindow.engine.reports.atomic import write_text_atomically
from portwindow.engine.scan.enrich.identify import identify

COLLAPSE_ABOVE = 25  # doors of one state (not open) that nmap lists before it counts them
SCANNER = "portwindow"
_SCAN_TYPES = {Protocol.TCP: "connect", Protocol.UDP: "udp"}
# Characters XML 1.0 cannot hold at all (even as references), and the lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FP_KEEP = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/:;=,")
_FP_SHORT = {"\r": "\\r", "\n": "\\n", "\t": "\\t", "\0": "\\0"}


@dataclass(frozen=True, slots=True)
class XmlRun:
    """What the ``<nmaprun>`` says about the scan: how it was asked for, and when."""

    args: str = ""
    started_at: float | None = None
    finished_at: float | None = None
    version: str = ""


def nmap_xml(results: ResultSet | Iterable[PortResult], run: XmlRun | None = None) -> str:
    """The whole report as text."""
    return "".join(_document(_as_set(results), run or XmlRun()))


def write_nmap_xml(
    results: ResultSet | Iterable[PortResult],
    dest: Path | str | TextIO,
    run: XmlRun | None = None,
) -> int:
    """Write the report to a path (atomically) or a stream; return the doors written."""
    found = _as_set(results)
    text = "".join(_document(found, run or XmlRun()))
    if isinstance(dest, str | Path):
        write_text_atomically(dest, text)
    else:
        dest.write(text)
        dest.flush()
    return len(found)


def _as_set(results: ResultSet | Iterable[PortResult]) -> ResultSet:
    return results if isinstance(results, ResultSet) else ResultSet.of(results)


def _document(found: ResultSet, run: XmlRun) -> Iterator[str]:
    version = run.version or _own_version()
    started = run.started_at if run.started_at is not None else _first_time(found)
    finished = run.finished_at if run.finished_at is not None else started
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
    yield f"<!-- {_text(f'{SCANNER} {version} scan')} -->\n"
    yield (
        f'<nmaprun scanner={_attr(SCANNER)} args={_attr(run.args)} start="{int(started)}" '
        f'startstr={_attr(_when(started))} version={_attr(version)} xmloutputversion="1.05">\n'
    )
    for protocol, ports in found.plan.ports.items():
        if ports:
            yield (
                f'<scaninfo type="{_SCAN_TYPES[protocol]}" protocol="{protocol.value}" '
                f'numservices="{len(ports)}" services="{_ranges(ports)}"/>\n'
            )
    yield '<verbose level="0"/>\n<debugging level="0"/>\n'
    registry = services.default_registry()
    hosts = found.by_address()
    for host in hosts:
        yield from _host(found, host, registry)
    elapsed = max(0.0, finished - started)
    count = len(hosts)
    summary = (
        f"{SCANNER} done at {_when(finished)}; {count} IP address{'es' if count != 1 else ''} "
        f"({count} host{'s' if count != 1 else ''} up) scanned in {elapsed:.2f} seconds"
    )
    yield (
        f'<runstats><finished time="{int(finished)}" timestr={_attr(_when(finished))} '
        f'summary={_attr(summary)} elapsed="{elapsed:.2f}" exit="success"/>'
        f'<hosts up="{count}" down="0" total="{count}"/>\n</runstats>\n</nmaprun>\n'
    )


def _host(found: ResultSet, host, registry: services.ServiceRegistry) -> Iterator[str]:
    doors = list(found.host_results(host))
    times = [r.scanned_at for r in doors if r.scanned_at]
    start, end = (int(min(times)), int(max(times))) if times else (0, 0)
    family = "ipv6" if ":" in host.address else "ipv4"
    yield (
        f'<host starttime="{start}" endtime="{end}">'
        '<status state="up" reason="user-set" reason_ttl="0"/>\n'
        f'<address addr="{host.address}" addrtype="{family}"/>\n<hostnames>\n'
    )
    if host.label and host.label != host.address:
        yield f'<hostname name={_attr(host.label)} type="user"/>\n'
    yield "</hostnames>\n<ports>"
    counts = Counter((r.protocol, r.state) for r in doors)
    collapsed = {
        key
        for key, count in counts.items()
        if key[1] is not PortState.OPEN and count > COLLAPSE_ABOVE
    }
    yield from _extraports(doors, collapsed)
    for result in doors:
        if (result.protocol, result.state) not in collapsed:
            yield _port(result, registry)
    yield "</ports>\n"
    rtts = [r.rtt for r in doors if r.rtt is not None]
    if rtts:
        srtt = int(sum(rtts) / len(rtts) * 1e6)
        yield f'<times srtt="{srtt}" rttvar="0" to="{max(100_000, srtt * 4)}"/>\n'
    yield "</host>\n"


def _extraports(doors: list[PortResult], collapsed: set) -> Iterator[str]:
    # One <extraports> per state (nmap's), with a reason and its ports per protocol.
    by_state: dict[PortState, dict[tuple[str, Protocol], list[int]]] = {}
    for result in doors:
        if (result.protocol, result.state) in collapsed:
            group = by_state.setdefault(result.state, {})
            group.setdefault((result.reason.value, result.protocol), []).append(result.port)
    for state, reasons in by_state.items():
        total = sum(len(ports) for ports in reasons.values())
        yield f'<extraports state="{state.value}" count="{total}">\n'
        for (reason, protocol), ports in sorted(reasons.items(), key=lambda item: -len(item[1])):
            yield (
                f'<extrareasons reason="{reason}" count="{len(ports)}" '
                f'proto="{protocol.value}" ports="{_ranges(ports)}"/>\n'
            )
        yield "</extraports>\n"


def _port(result: PortResult, registry: services.ServiceRegistry) -> str:
    name = registry.lookup(result.port, result.protocol).name or "unknown"
    service = f'<service name={_attr(name)} method="table" conf="3"/>'
    if result.banner:
        found = identify(result.banner)
        attrs = [f"name={_attr(found.service or name) if found else _attr(name)}"]
        if found and found.product:
            attrs.append(f"product={_attr(found.product)}")
        if found and found.version:
            attrs.append(f"version={_attr(found.version)}")
        if found and found.tls:
            attrs.append('tunnel="ssl"')
        attrs.append(f'method="probed" conf="{10 if found and found.service else 3}"')
        attrs.append(f"servicefp={_attr(fingerprint(result))}")
        service = f"<service {' '.join(attrs)}/>"
    return (
        f'<port protocol="{result.protocol.value}" portid="{result.port}">'
        f'<state state="{result.state.value}" reason="{result.reason.value}" reason_ttl="0"/>'
        f"{service}</port>\n"
    )


def fingerprint(result: PortResult) -> str:
    """The banner as nmap writes a service's answer: ``SF-Port22-TCP:V=...%r(NULL,2A,"...")``."""
    data = result.banner.encode("utf-8", "surrogatepass")
    body = "".join(_fp_char(byte) for byte in data)
    proto = result.protocol.value.upper()
    return f'SF-Port{result.port}-{proto}:V={SCANNER}%r(NULL,{len(data):X},"{body}");'


def _fp_char(byte: int) -> str:
    char = chr(byte)
    if char in _FP_KEEP:
        return char
    if char in _FP_SHORT:
        return _FP_SHORT[char]
    if 0x20 < byte < 0x7F:
        return "\\" + char
    return f"\\x{byte:02x}"


def unfingerprint(text: str) -> str | None:
    """The banner inside a ``servicefp`` (ours or nmap's first answer), None if none."""
    match = re.search(r'r\([A-Za-z0-9_]+,([0-9A-F]{1,6}),"(.*?)(?<!\\)"\)', text, re.DOTALL)
    if match is None:
        return None
    out = bytearray()
    body = match.group(2).replace("\n", "")  # nmap wraps SF: lines
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            nxt = body[index + 1]
            if nxt == "x" and index + 3 < len(body) + 1:
                try:
                    out.append(int(body[index + 2 : index + 4], 16))
                    index += 4
                    continue
                except ValueError:
                    pass
            out.extend({"r": b"\r", "n": b"\n", "t": b"\t", "0": b"\0"}.get(nxt, nxt.encode()))
            index += 2
            continue
        out.extend(char.encode())
        index += 1
    try:
        return out.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return out.decode("utf-8", "replace")


def _text(value: str) -> str:
    return escape(_xml_safe(value)).replace("--", "- -")


def _attr(value: str) -> str:
    return quoteattr(_xml_safe(value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def _xml_safe(value: str) -> str:
    return _NOT_XML.sub(_escape_char, value)


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _ranges(ports: Iterable[int]) -> str:
    numbers = sorted(set(ports))
    parts = []
    index = 0
    while index < len(numbers):
        end = index
        while end + 1 < len(numbers) and numbers[end + 1] == numbers[end] + 1:
            end += 1
        first, last = numbers[index], numbers[end]
        parts.append(str(first) if first == last else f"{first}-{last}")
        index = end + 1
    return ",".join(parts)


def _first_time(found: ResultSet) -> float:
    times = [min(t for t in host.times if t) for host in found.hosts if any(host.times)]
    return min(times) if times else time.time()


def _when(seconds: float) -> str:
    return time.strftime("%a %b %d %H:%M:%S %Y", time.localtime(seconds))


def _own_version() -> str:
    package = sys.modules.get("portwindow")
    return getattr(package, "__version__", "")
