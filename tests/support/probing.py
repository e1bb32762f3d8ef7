"""Helpers for driving a real prober (``probes/tcp_connect.py``, ``probes/udp.py``) by
hand in a test: a target to probe and an events object that records its callbacks."""

from __future__ import annotations

import socket
from dataclasses import dataclass, field


@dataclass
class Target:
    """What a prober reads of a host (``probes.base.Target``)."""

    address: str = "127.0.0.1"
    next_index: int = 0
    answers: int = 0
    heard: float = 0.0

    @property
    def family(self) -> int:
        return socket.AF_INET6 if ":" in self.address else socket.AF_INET


@dataclass
class RecordingEvents:
    """``ProbeEvents`` that remember every callback: port -> outcome (or "timeout"), rtt."""

    timeout: float = 1.0
    outcomes: dict = field(default_factory=dict)
    rtts: dict = field(default_factory=dict)
    calls: list = field(default_factory=list)

    def probe_answered(self, host, port, attempt, outcome, rtt, tag):
        self.calls.append(("answered", port, attempt, outcome, tag))
        self.outcomes[port], self.rtts[port] = outcome, rtt

    def probe_timed_out(self, host, port, attempt, sent_at, tag):
        self.calls.append(("timed out", port, attempt, sent_at, tag))
        self.outcomes[port] = "timeout"
