"""Who made a network card: the organisation the IEEE assigned a MAC address's block to.

The table (``data/vendors.tsv.gz``, built by ``tools/build_vendors.py`` from the IEEE
Registration Authority's public listings) maps block prefixes of 6, 7 or 9 hex digits
to organisations; the longest matching prefix wins. An address whose "locally
administered" bit is set (virtual machines, containers, phones' private addresses)
was not assigned by anyone, and says so.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

_DATA_FILE = "data/vendors.tsv.gz"
_PREFIX_DIGITS = (9, 7, 6)
LOCALLY_ADMINISTERED = "locally administered"


class VendorTable:
    def __init__(self, text: str) -> None:
        self._blocks: dict[str, str] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            prefix, _, name = line.partition("\t")
            if name:
                self._blocks[prefix] = name

    @classmethod
    def from_package(cls) -> VendorTable:
        data = resources.files("portwindow.engine.input").joinpath(_DATA_FILE).read_bytes()
        return cls(gzip.decompress(data).decode("utf-8"))

    def __len__(self) -> int:
        return len(self._blocks)

    def lookup(self, mac: str) -> str | None:
        """The organisation for ``mac`` (any of ``aa:bb:..``, ``aa-bb-..``, ``aabb..``),
        ``LOCALLY_ADMINISTERED``, or None when the block is not in the table."""
        digits = "".join(ch for ch in mac if ch not in ":-.").upper()
        if len(digits) != 12 or any(ch not in "0123456789ABCDEF" for ch in digits):
            return None
        if int(digits[:2], 16) & 0x02:
            return LOCALLY_ADMINISTERED
        for size in _PREFIX_DIGITS:
            name = self._blocks.get(digits[:size])
            if name is not None:
                return name
        return None


@functools.cache
def default_vendors() -> VendorTable:
    """The table shipped with portwindow, read once."""
    return VendorTable.from_package()
