"""The Qt-free scan engine, in layers that import only downwards:

- ``core``: results and their types, the one error type, text escaping;
- ``input``: targets, ports, the service registry, the curated top lists;
- ``scan``: configuration, the scheduler and its probes (``probes``), what is learnt
  behind open doors (``enrich``), and the runner that hosts a scan on its own loop;
- ``audit``: the history, the expected doors, and what changed between two scans;
- ``reports``: CSV and JSON Lines, written atomically and read back; nmap's XML written;
  other scanners' reports read (``reports.peers``);
- ``watch``: watches, scans run on a schedule, their alerts and their evidence chain;
- ``present``: what the faces say about results (texts, notes, exports, the status line).

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
    "excerpt": "core.text",
    "printable": "core.text",
    "prepare_private_file": "core.private",
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
    "CONCURRENCY_RANGE": "scan.config",
    "RATE_RANGE": "scan.config",
    "RETRIES_RANGE": "scan.config",
    "TIMEOUT_RANGE": "scan.config",
    "UDP_PACE_RANGE": "scan.config",
    "PortOrder": "scan.config",
    "ScanConfig": "scan.config",
    "workers_for": "scan.workers",
    "MAX_WORKERS": "scan.config",
    "TIMING_PRESETS": "scan.config",
    "TimingPreset": "scan.config",
    "parse_timing": "scan.config",
    "Scan": "scan.scheduler",
    "ScanState": "scan.state",
    "ScanStateMachine": "scan.state",
    "TRANSITIONS": "scan.state",
    "ThreadedScanRunner": "scan.runner",
    "Shard": "scan.shards",
    "Budget": "scan.cluster.budget",
    "ClusterError": "scan.cluster.client",
    "CLUSTER_CONNECT_TIMEOUT": "scan.cluster.client",
    "ClusterSettings": "scan.cluster.client",
    "check_cluster_address": "scan.cluster.client",
    "Exposure": "scan.cluster.exposure",
    "parse_vantages": "scan.cluster.exposure",
    "exposure_csv": "reports.exposure",
    "write_exposure_csv": "reports.exposure",
    "parse_shard": "scan.shards",
    "Identification": "scan.enrich.identify",
    "Listener": "scan.enrich.listeners",
    "ListenerTable": "scan.enrich.listeners",
    "is_this_machine": "scan.enrich.listeners",
    "this_machines_addresses": "scan.enrich.listeners",
    "DiscoverySettings": "scan.discovery.sweep",
    "HostReason": "scan.discovery.model",
    "HostState": "scan.discovery.model",
    "HostStatus": "scan.discovery.model",
    "Sweep": "scan.discovery.sweep",
    "identify_hosts": "scan.discovery.identify",
    "resolve_hosts": "scan.hosts",
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
    "Door": "audit.doors",
    "DoorSet": "audit.doors",
    "Expectations": "audit.expected",
    "Finding": "audit.expected",
    "Rule": "audit.expected",
    "audit_results": "audit.expected",
    "dump_rules": "audit.expected",
    "format_doors": "audit.doors",
    "load_rules": "audit.expected",
    "parse_doors": "audit.doors",
    "History": "audit.history",
    "HistoryError": "audit.history",
    "HistoryRefused": "audit.history",
    "HistoryUnavailable": "audit.history",
    "DamagedScan": "audit.history",
    "DeviceSighting": "audit.history_hosts",
    "check_history_path": "audit.history",
    "NewScan": "audit.history",
    "ScanRecord": "audit.history",
    "default_path": "audit.history",
    "Waiver": "audit.waivers",
    "apply_waivers": "audit.waivers",
    "load_waivers": "audit.waivers",
    "Baseline": "audit.baselines",
    "BASELINE_KINDS": "audit.baselines",
    "read_baseline": "audit.baselines",
    # watches
    "Schedule": "watch.model",
    "Watch": "watch.model",
    "WatchStore": "watch.store",
    "WatchState": "watch.store",
    "LastRun": "watch.store",
    "WatchRun": "watch.runner",
    "WatchRunner": "watch.runner",
    "log_to_file": "watch.runner",
    "Scheduler": "watch.scheduler",
    "Alert": "watch.alerts",
    "verify_chain": "watch.evidence",
    "evidence_of": "watch.evidence",
    "chain_lines": "watch.evidence",
    # session
    "ScanRequest": "session",
    "ScanSession": "session",
    "settings_of": "session",
    # results
    "DOOR_REASON": "core.codes",
    "DOOR_STATE": "core.codes",
    "Delta": "core.results",
    "HostDoors": "core.results",
    "Plan": "core.results",
    "ResultSet": "core.results",
    "counting_arrays": "core.results",
    "door_key": "core.results",
    # reports
    "COLUMNS": "reports.rows",
    "ReportFormat": "reports.rows",
    "ReportWriter": "reports.writers",
    "load_report": "reports.readers",
    "HOST_COLUMNS": "reports.host_rows",
    "BEHIND_COLUMNS": "reports.rows",
    "Behind": "reports.behind_rows",
    "NOT_VISIBLE": "scan.enrich.listeners",
    "write_host_report": "reports.host_rows",
    "write_csv": "reports.writers",
    "write_jsonl": "reports.writers",
    "write_text_atomically": "reports.atomic",
    "write_bytes_atomically": "reports.atomic",
    "check_writable": "reports.atomic",
    "DestinationError": "reports.atomic",
    # present
    "ProtocolChoice": "input.protocol_choice",
    "parse_ports_for": "input.protocol_choice",
    "BannerReading": "present.identification",
    "NOT_REGISTERED": "present.identification",
    "read_banner": "present.identification",
    "explain": "present.explain",
    "ExportError": "present.export",
    "export_results": "present.export",
    "format_for_path": "present.export",
    "results_to_clipboard_text": "present.export",
    "COUNTED_STATES": "present.status",
    "audit_text": "present.status",
    "counted_states": "present.status",
    "format_eta": "present.status",
    "progress_counts": "present.status",
    "summary_text": "present.status",
    "COLUMN_COUNT": "present.table",
    "Column": "present.table",
    "HEADERS": "present.table",
    "LISTENER_COLUMNS": "present.table",
    "PORT_AND_PROTOCOL": "present.table",
    "STATE_ORDER": "present.table",
    "cell_text": "present.table",
    "cell_tooltip": "present.table",
    "sort_value": "present.table",
    "EntryKind": "present.findings",
    "HEADINGS": "present.findings",
    "FindingsSummary": "present.findings",
    "SummaryEntry": "present.findings",
    "detected_service": "present.identification",
    "detected_text": "present.identification",
    "explain_finding": "present.findings",
    "finding_label": "present.findings",
    "summarize": "present.findings",
    "SearchQuery": "present.search",
    "parse_search": "present.search",
    "rows_in_spans": "present.search",
    "search_haystack": "present.search",
    "shown_text": "present.search",
    "XmlRun": "reports.nmap_export",
    "nmap_xml": "reports.nmap_export",
    "write_nmap_xml": "reports.nmap_export",
    "Imported": "reports.peers",
    "PeerFormat": "reports.peers",
    "Source": "reports.peers",
    "read_peer": "reports.peers",
    "is_peer_report": "reports.peers",
    "reported_states": "reports.peers",
    "coverage": "reports.peers",
    "Coverage": "audit.diff",
}
# modules the faces use as a whole
_MODULES: dict[str, str] = {
    "identify": "scan.enrich.identify",
    "loops": "scan.loops",
    "openers": "present.openers",
    "reports": "reports",
    "door_texts": "present.door_texts",
    "watch_install": "watch.install",
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
