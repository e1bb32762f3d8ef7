"""Evidence: each saved scan of a watch carries a SHA-256 over what the history keeps of
it (its record, its counts, every door's state and banner) and over the digest of the
watch's previous scan, so the scans of a watch form a chain: a scan deleted leaves a gap
(the next one names a digest no scan has), a scan edited no longer matches its digest.

The chain lives in the scan's settings (``settings["evidence"]``: the watch, its number in
the chain, the previous digest and its own), so the history's schema is unchanged and
scans saved before (or not by a watch) are simply outside any chain.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portwindow.engine.audit.history import History, NewScan, ScanRecord
from portwindow.engine.core.model import PortResult, PortState

EVIDENCE = "evidence"
_FIELDS = ("started_at", "finished_at", "targets", "ports", "partial", "total", "settings")


def fields_of(record: ScanRecord | NewScan) -> dict:
    """What the digest covers of a scan's record (a saved one, or one being saved)."""
    return {name: getattr(record, name) for name in _FIELDS}


def digest(
    fields: Mapping, counts: Mapping[PortState, int], results: Iterable[PortResult], previous: str
) -> str:
    """The SHA-256 of a scan: ``fields`` are its record's (started_at, finished_at,
    targets, ports, partial, total, settings without the evidence), then its counts, each
    door in order, and the previous scan's digest ("" for the first)."""
    hasher = hashlib.sha256()
    settings = {k: v for k, v in fields["settings"].items() if k != EVIDENCE}
    head = [
        repr(float(fields["started_at"])),
        repr(float(fields["finished_at"])),
        fields["targets"],
        fields["ports"],
        bool(fields["partial"]),
        int(fields["total"]),
        settings,
        [counts.get(state, 0) for state in PortState],
        previous,
    ]
    hasher.update(json.dumps(head, sort_keys=True).encode())
    doors = sorted((r.address, r.protocol.value, r.port, r.state.value, r.banner) for r in results)
    for door in doors:
        hasher.update(b"\n" + json.dumps(door).encode())
    return hasher.hexdigest()


def evidence_of(record: ScanRecord) -> dict | None:
    found = record.settings.get(EVIDENCE)
    return found if isinstance(found, dict) else None


def scans_of(history: History, watch: str) -> list[ScanRecord]:
    """The saved scans of a watch, oldest first."""
    return [record for record in reversed(history.scans()) if record.settings.get("watch") == watch]


@dataclass(frozen=True, slots=True)
class Link:
    scan_id: int
    started_at: float
    number: int | None
    sha256: str | None
    problem: str | None  # None: the link holds


@dataclass(frozen=True, slots=True)
class Chain:
    watch: str
    links: tuple[Link, ...]

    @property
    def intact(self) -> bool:
        return all(link.problem is None for link in self.links)

    def summary(self) -> str:
        broken = sum(link.problem is not None for link in self.links)
        if not self.links:
            return f"watch {self.watch}: no scans saved yet"
        if not broken:
            return f"watch {self.watch}: {len(self.links)} scan(s), the chain is intact"
        return f"watch {self.watch}: {len(self.links)} scan(s), {broken} with a gap or an edit"


def verify_chain(history: History, watch: str, *, last_known: str | None = None) -> Chain:
    """Recompute every scan's digest of ``watch`` and check each names the one before;
    ``last_known`` (the digest the watch's state file kept) shows a deleted newest scan."""
    links: list[Link] = []
    previous, number_before = "", 0
    for record in scans_of(history, watch):
        proof = evidence_of(record)
        if proof is None:
            links.append(Link(record.id, record.started_at, None, None, "carries no digest"))
            continue
        number, sha = proof.get("number"), proof.get("sha256")
        problems = []
        if proof.get("previous", "") != previous:
            missing = (number - number_before - 1) if isinstance(number, int) else None
            problems.append(
                f"gap: {missing} scan(s) before it are missing"
                if missing and missing > 0
                else "gap: the scan before it is not the one it names"
            )
        try:
            results = history.results(record.id)
        except Exception as exc:
            problems.append(f"unreadable: {exc}")
        else:
            counts = {
                PortState.OPEN: record.open,
                PortState.CLOSED: record.closed,
                PortState.FILTERED: record.filtered,
                PortState.OPEN_FILTERED: record.open_filtered,
            }
            fields = fields_of(record)
            if digest(fields, counts, results, str(proof.get("previous", ""))) != sha:
                problems.append("edited: it no longer matches its digest")
        links.append(Link(record.id, record.started_at, number, sha, "; ".join(problems) or None))
        previous = sha if isinstance(sha, str) else ""
        number_before = number if isinstance(number, int) else number_before + 1
    if last_known and previous != last_known:
        links.append(Link(0, 0.0, None, last_known, "gap: the newest scan run is missing"))
    return Chain(watch, tuple(links))


def chain_lines(history: History, record: ScanRecord) -> tuple[str, ...]:
    """What a printable report says of a scan's place in its watch's chain (nothing for a
    scan outside any): its number, its digest and the one before, and whether the chain
    holds up to it (any gap or edit before it named)."""
    proof = evidence_of(record)
    watch = record.settings.get("watch")
    if proof is None or not isinstance(watch, str):
        return ()
    chain = verify_chain(history, watch)
    upto: list[Link] = []
    for link in chain.links:
        upto.append(link)
        if link.scan_id == record.id:
            break
    broken = [f"scan {link.scan_id}: {link.problem}" for link in upto if link.problem]
    return (
        f"Watch {watch}, scan #{proof.get('number', '?')} of its chain",
        f"SHA-256: {proof.get('sha256', '-')}",
        f"Previous: {proof.get('previous') or 'none (the first scan of the watch)'}",
        "Chain: intact up to this scan" if not broken else "Chain: " + "; ".join(broken),
    )
