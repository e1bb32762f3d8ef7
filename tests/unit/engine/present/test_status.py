"""The words of a scan's status line."""

from portwindow.engine.audit.expected import Audit, AuditItem, Finding
from portwindow.engine.core.model import HostError, PortState, Progress, Protocol, ScanSummary
from portwindow.engine.present.status import (
    audit_text,
    counted_states,
    format_eta,
    progress_counts,
    summary_text,
)


def test_the_time_left():
    assert format_eta(None) == "–"
    assert format_eta(4.6) == "0:05"
    assert format_eta(3725) == "1:02:05"


def test_open_filtered_is_counted_only_when_there_are_some():
    progress = Progress(6, 6, 1.0, 6.0, 0.0, open=1, closed=2, filtered=0, open_filtered=0)
    assert [word for _, _, word in counted_states(progress_counts(progress))] == [
        "open",
        "closed",
        "filtered",
    ]
    progress = Progress(6, 6, 1.0, 6.0, 0.0, open=1, closed=2, filtered=0, open_filtered=3)
    last = counted_states(progress_counts(progress))[-1]
    assert last == (PortState.OPEN_FILTERED, 3, "open|filtered")


def test_how_a_scan_ended():
    progress = Progress(1500, 2000, 0.5, 3000.0, None, open=2, closed=1498)
    summary = ScanSummary(progress, True, 10.0, 10.5, (HostError("nowhere.test", "no such host"),))
    assert summary_text(summary) == (
        "Stopped: 1,500 of 2,000 ports in 0.50 s; 2 open, 1,498 closed, 0 filtered; "
        "nowhere.test: no such host"
    )


def test_what_the_audit_found():
    def item(finding, port):
        return AuditItem(finding, "a", "192.0.2.1", Protocol.TCP, port, None)

    audit = Audit(
        (item(Finding.UNEXPECTED, 1), item(Finding.MISSING, 2), item(Finding.NOT_CHECKED, 3)), 1
    )
    assert audit_text(audit) == "1 unexpected, 1 missing, 1 not checked"
