"""Build portwindow's service table from IANA's port registry.

This is a maintainer tool, not part of the installed package. It reads IANA's Service Name
and Transport Protocol Port Number Registry (the CSV IANA publishes, CC0 1.0) and writes
``portwindow/engine/input/data/services.tsv.gz``, which
:mod:`portwindow.engine.input.services` loads at run time. Re-run it whenever the CSV is
updated; the output is byte-for-byte reproducible.

Output format: gzip (mtime 0, no file name) of UTF-8 text. Lines starting with ``#`` are
comments; every other line is ``port<TAB>protocol<TAB>name<TAB>description``, one line per
single port and transport protocol: named ranges are expanded, and rows with no protocol
(meaning every protocol) are expanded to tcp, udp, sctp and dccp. Lines are sorted by port
and protocol, and the first line of each (port, protocol) group holds the primary name;
the lines after it are aliases and other names registered for the same door.

Usage: ``python tools/build_services.py [CSV] [--output PATH]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CSV = REPO_ROOT.parent / "shared" / "data" / "iana-service-names-port-numbers.csv"
DEFAULT_OUTPUT = REPO_ROOT / "portwindow" / "engine" / "input" / "data" / "services.tsv.gz"

PROTOCOLS = ("tcp", "udp", "sctp", "dccp")
"""IANA's transport protocols, in output order; an empty protocol means all of them."""

COLUMNS = (
    "Service Name",
    "Port Number",
    "Transport Protocol",
    "Description",
    "Assignment Notes",
)

# Notes that mark a name as a second name for a service registered under another name,
# e.g. 'This entry is an alias to "whoispp".' and 'This is a duplicate of the "http" service'.
_ALIAS_NOTE = re.compile(r"\balias (?:to|of|for)\b|\bduplicate of\b", re.IGNORECASE)
# Notes that mark an assignment as disputed or unofficial, e.g. "<== NOTE Conflict on 2049 !"
# (shilp, listed before nfs) and "This entry records an unassigned but widespread use".
_WEAK_NOTE = re.compile(r"\bconflict\b|\bunassigned but widespread use\b", re.IGNORECASE)
_PORTS = re.compile(r"([0-9]+)(?:-([0-9]+))?")


@dataclass(frozen=True, slots=True)
class Entry:
    """One service name on one port and protocol, ready to write."""

    port: int
    protocol: str
    name: str
    description: str
    rank: int
    """0 for a plain assignment, 1 for a disputed or unofficial one, 2 for an alias."""
    order: int
    """Position of the source record in the CSV, to break ties as IANA lists them."""


def rank_of(notes: str) -> int:
    """How strongly a record's Assignment Notes argue against it being the primary name."""
    if _ALIAS_NOTE.search(notes):
        return 2
    if _WEAK_NOTE.search(notes):
        return 1
    return 0


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


def read_entries(csv_path: Path) -> list[Entry]:
    """Every (port, protocol, name) the registry assigns, in CSV order.

    Rows without a port number (name-only registrations) or without a service name
    (Unassigned, Reserved, ...) are skipped.
    """
    entries: list[Entry] = []
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{csv_path}: not IANA's CSV, missing columns {missing}")
        for order, row in enumerate(reader):
            name = row["Service Name"].strip()
            ports = row["Port Number"].strip()
            if not name or not ports:
                continue
            match = _PORTS.fullmatch(ports)
            if match is None:
                raise ValueError(f"{csv_path}: record {order + 1}: bad port number {ports!r}")
            low = int(match[1])
            high = int(match[2] or low)
            protocol = row["Transport Protocol"].strip().lower()
            protocols = (protocol,) if protocol else PROTOCOLS
            description = first_line(row["Description"]) or name
            rank = rank_of(row["Assignment Notes"])
            for port in range(low, high + 1):
                for proto in protocols:
                    entries.append(Entry(port, proto, name, description, rank, order))
    return entries


def ordered(entries: list[Entry]) -> list[Entry]:
    """Sort into output order, primary name first, and drop repeated names per door."""
    proto_order = {p: i for i, p in enumerate(PROTOCOLS)}

    def key(e: Entry) -> tuple[int, int, str, int, int]:
        return (e.port, proto_order.get(e.protocol, len(PROTOCOLS)), e.protocol, e.rank, e.order)

    seen: set[tuple[int, str, str]] = set()
    result = []
    for entry in sorted(entries, key=key):
        ident = (entry.port, entry.protocol, entry.name.lower())
        if ident not in seen:
            seen.add(ident)
            result.append(entry)
    return result


def render(entries: list[Entry], source_sha256: str) -> str:
    lines = [
        "# portwindow service table: derived from IANA's Service Name and Transport Protocol",
        "# Port Number Registry (CC0 1.0). Regenerate with tools/build_services.py; see NOTICE.",
        f"# source sha256: {source_sha256}",
        "# port, protocol, name, description; the first line of each port/protocol is primary.",
    ]
    for e in entries:
        fields = (str(e.port), e.protocol, e.name, e.description)
        if any(c in field for field in fields for c in "\t\r\n"):
            raise ValueError(f"record {e.order + 1}: tab or line break in {fields!r}")
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def compress(text: str) -> bytes:
    """Gzip with no file name and mtime 0, so equal text gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def build(csv_path: Path) -> bytes:
    """The complete data file for the CSV at ``csv_path``."""
    source_sha256 = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    return compress(render(ordered(read_entries(csv_path)), source_sha256))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT_CSV, help="IANA CSV")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="file to write")
    args = parser.parse_args(argv)
    data = build(args.csv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
