"""Build portwindow's MAC vendor table from the IEEE Registration Authority's listings.

This is a maintainer tool, not part of the installed package. It reads the IEEE's
public listings of assigned MAC address blocks (MA-L ``oui.csv``, MA-M ``mam.csv``,
MA-S ``oui36.csv``; Debian's ``ieee-data`` package installs them in
/usr/share/ieee-data; the IEEE asserts no copyright on them) and writes
``portwindow/engine/input/data/vendors.tsv.gz``, which
:mod:`portwindow.engine.input.vendors` loads at run time.

Output format: gzip (mtime 0, no file name) of UTF-8 text. Lines starting with ``#`` are
comments; every other line is ``PREFIX<TAB>organisation``: the block's prefix as upper
case hex digits (6 for MA-L, 7 for MA-M, 9 for MA-S), sorted. The organisation's name is
the IEEE's, with control characters removed. The output is byte-for-byte reproducible.

Usage: ``python tools/build_vendors.py [FOLDER] [--output PATH]``
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = Path("/usr/share/ieee-data")
DEFAULT_OUTPUT = ROOT / "portwindow" / "engine" / "input" / "data" / "vendors.tsv.gz"
LISTINGS = {"oui.csv": 6, "mam.csv": 7, "oui36.csv": 9}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_HEX = re.compile(r"[0-9A-F]+")


def read_listing(path: Path, digits: int) -> dict[str, str]:
    blocks: dict[str, str] = {}
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            prefix = (row.get("Assignment") or "").strip().upper()
            name = _CONTROL.sub(" ", row.get("Organization Name") or "").strip()
            if len(prefix) == digits and _HEX.fullmatch(prefix) and name:
                blocks[prefix] = " ".join(name.split())
    return blocks


def build(folder: Path) -> tuple[str, list[str]]:
    blocks: dict[str, str] = {}
    digests = []
    for name, digits in LISTINGS.items():
        path = folder / name
        blocks.update(read_listing(path, digits))
        digests.append(f"# {name} sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")
    header = [
        "# MAC address blocks and their organisations, from the IEEE Registration",
        "# Authority's public listings (MA-L, MA-M, MA-S), built by tools/build_vendors.py.",
        *digests,
    ]
    lines = [f"{prefix}\t{blocks[prefix]}" for prefix in sorted(blocks)]
    return "\n".join(header), lines


def gzip_bytes(text: str) -> bytes:
    """Gzip with no file name and mtime 0, so equal text gives equal bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    missing = [name for name in LISTINGS if not (args.folder / name).is_file()]
    if missing:
        print(f"build_vendors: {args.folder} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    header, lines = build(args.folder)
    args.output.write_bytes(gzip_bytes(header + "\n" + "\n".join(lines) + "\n"))
    print(f"wrote {args.output} ({len(lines)} blocks)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
