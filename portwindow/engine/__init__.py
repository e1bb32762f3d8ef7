"""The Qt-free scan engine, in layers that import only downwards:

- ``core``: results and their types, the one error type, text escaping;
- ``input``: targets, ports, the service registry, the curated top lists;
- ``scan``: configuration, the scheduler and its probes (``probes``), what is learnt
  behind open doors (``enrich``), and the runner that hosts a scan on its own loop;
- ``audit``: the history, the expected doors, and what changed between two scans;
- ``reports``: CSV and JSON Lines, written atomically and read back.

Both faces of portwindow (the window and the command line) import what they use from
this package, never from its modules (a lint rule holds them to it): the names below are
the engine's public surface. Each loads on first use, so importing the package is free.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the module that defines it
_EXPORTS: dict[str, str] = {
    # core
    "HostError": "core.model",
    "InputError": "core.errors",
    "PortClass": "core.model",
    "PortResult": "core.model",
    "PortState": "core.model",
    "Progress": "core.model",
    "Protocol": "core.model",
    "Reason": "core.model",
    "ScanBatch": "core.model",
    "ScanSummary": "core.model",
    "printable": "core.text",
    # input
    "DEFAULT_PORTS": "input.ports",
    "PortSet": "input.ports",
    "parse_ports": "input.ports",
    "ServiceInfo": "input.services",
    "ServiceRegistry": "input.services",
    "default_registry": "input.services",
    "LARGE_TARGET_LIMIT": "input.targets",
    "TargetSet": "input.targets",
    "parse_targets": "input.targets",
    "targets_from_file": "input.targets",
    # scan
    "DEFAULT_RETRIES": "scan.config",
    "DEFAULT_TIMEOUT": "scan.config",
    "DEFAULT_UDP_PACE": "scan.config",
    "PortOrder": "scan.config",
    "ScanConfig": "scan.config",
    "workers_for": "scan.workers",
    "TIMING_PRESETS": "scan.config",
    "TimingPreset": "scan.config",
    "parse_timing": "scan.config",
    "Scan": "scan.scheduler",
    "ScanState": "scan.state",
    "ThreadedScanRunner": "scan.runner",
    "Identification": "scan.enrich.identify",
    # audit
    "Change": "audit.diff",
    "DoorChange": "audit.diff",
    "ScanDiff": "audit.diff",
    "diff": "audit.diff",
    "diff_csv": "audit.diff",
    "write_diff_csv": "audit.diff",
    "ANY_HOST": "audit.expected",
    "Audit": "audit.expected",
    "AuditItem": "audit.expected",
    "Door": "audit.expected",
    "Expectations": "audit.expected",
    "Finding": "audit.expected",
    "Rule": "audit.expected",
    "audit_results": "audit.expected",
    "dump_rules": "audit.expected",
    "format_doors": "audit.expected",
    "load_rules": "audit.expected",
    "parse_doors": "audit.expected",
    "History": "audit.history",
    "HistoryError": "audit.history",
    "NewScan": "audit.history",
    "ScanRecord": "audit.history",
    "default_path": "audit.history",
    # session
    "ScanRequest": "session",
    "ScanSession": "session",
    "settings_of": "session",
    # results
    "ResultSet": "core.results",
    # reports
    "COLUMNS": "reports.rows",
    "ReportFormat": "reports.rows",
    "ReportWriter": "reports.writers",
    "load_report": "reports.readers",
    "write_csv": "reports.writers",
    "write_jsonl": "reports.writers",
    "write_text_atomically": "reports.atomic",
}
# modules the faces use as a whole
_MODULES: dict[str, str] = {
    "identify": "scan.enrich.identify",
    "loops": "scan.loops",
    "reports": "reports",
}

__all__ = sorted([*_EXPORTS, *_MODULES])  # noqa: PLE0605 - the tables above are the list


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    elif name in _MODULES:
        value = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
