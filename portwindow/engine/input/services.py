"""Service names for ports, from IANA's port registry.

The table is package data (``data/services.tsv.gz``), built from IANA's CSV by
``tools/build_services.py``; that tool's docstring describes the format. The scan views use
:meth:`ServiceRegistry.lookup` to label results, and the port-spec parser
(:mod:`portwindow.engine.input.ports`) uses :meth:`ServiceRegistry.ports_for_name` to turn names
such as ``ssh`` into ports. :func:`default_registry` loads the table once, on first use.
"""

from __future__ import annotations

import difflib
import functools
import gzip
from dataclasses import dataclass
from importlib import resources

from portwindow.engine.core.model import PortClass, Protocol

_DATA_FILE = "data/services.tsv.gz"


@dataclass(frozen=True, slots=True)
class ServiceInfo:
    """What IANA calls a port. ``name`` and ``description`` are "" for an unassigned port."""

    name: str
    description: str
    port_class: PortClass


class ServiceRegistry:
    """Look-ups in both directions between (port, protocol) and service names.

    Loading indexes only (port, protocol); the name index is built on first use, since
    labelling results needs no names-to-ports look-ups.
    """

    __slots__ = ("_assigned", "_by_name", "_names", "_primary", "_rows")

    def __init__(self, text: str) -> None:
        """Parse the data file's text (see ``tools/build_services.py`` for the format)."""
        rows = [line.split("\t", 3) for line in text.splitlines() if line and line[0] != "#"]
        self._rows = rows
        # Reversed, so that the first row of each (port, protocol), the primary, wins.
        self._primary = {(row[0], row[1]): row for row in reversed(rows)}
        self._by_name: dict[tuple[str, str], tuple[int, ...]] | None = None
        self._names: frozenset[str] | None = None
        self._assigned: dict[Protocol, dict[int, tuple[str, str]]] = {}

    @classmethod
    def from_package(cls) -> ServiceRegistry:
        """Load the table shipped in the package."""
        data = resources.files("portwindow.engine.input").joinpath(_DATA_FILE).read_bytes()
        return cls(gzip.decompress(data).decode("utf-8"))

    def lookup(self, port: int, protocol: Protocol) -> ServiceInfo:
        """The primary service name registered for ``port`` over ``protocol``."""
        if not 0 <= port <= 65535:
            raise ValueError(f"port {port} is out of range 0-65535")
        row = self._primary.get((str(port), protocol.value))
        if row is None:
            return ServiceInfo("", "", PortClass.of(port))
        return ServiceInfo(row[2], row[3], PortClass.of(port))

    def assigned(self, protocol: Protocol) -> dict[int, tuple[str, str]]:
        """Every port with a service over ``protocol``: port -> (name, description), as
        :meth:`lookup` names them; a port not here is unassigned. For writers that label
        every port of a scan: one dictionary look-up a port, no object made."""
        table = self._assigned.get(protocol)
        if table is None:
            table = self._assigned[protocol] = {
                int(port): (row[2], row[3])
                for (port, name), row in self._primary.items()
                if name == protocol.value
            }
        return table

    def ports_for_name(self, name: str, protocol: Protocol) -> tuple[int, ...]:
        """Every port registered for ``name`` (any case, aliases included), ascending."""
        return self._name_index().get((name.lower(), protocol.value), ())

    def names(self) -> frozenset[str]:
        """Every service name that has a port, spelt as IANA registered it."""
        if self._names is None:
            self._names = frozenset(row[2] for row in self._rows)
        return self._names

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """Up to ``n`` known names closest to ``name``, best first.

        Names that look equally close are ordered by their lowest port, so that well-known
        services come before obscure ones.
        """
        wanted = name.lower()
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(wanted)
        scored: list[tuple[float, int, str]] = []
        for candidate in self.names():
            matcher.set_seq1(candidate.lower())
            if (
                matcher.real_quick_ratio() >= 0.6
                and matcher.quick_ratio() >= 0.6
                and (score := matcher.ratio()) >= 0.6
            ):
                scored.append((-score, self._lowest_port(candidate), candidate))
        return [candidate for _, _, candidate in sorted(scored)[:n]]

    def _name_index(self) -> dict[tuple[str, str], tuple[int, ...]]:
        if self._by_name is None:
            ports: dict[tuple[str, str], set[int]] = {}
            for port, protocol, name, _ in self._rows:
                ports.setdefault((name.lower(), protocol), set()).add(int(port))
            self._by_name = {key: tuple(sorted(value)) for key, value in ports.items()}
        return self._by_name

    def _lowest_port(self, name: str) -> int:
        return min(
            (ports[0] for p in Protocol if (ports := self.ports_for_name(name, p))),
            default=65536,
        )


@functools.cache
def default_registry() -> ServiceRegistry:
    """The package's registry, loaded on first call and shared afterwards."""
    return ServiceRegistry.from_package()
