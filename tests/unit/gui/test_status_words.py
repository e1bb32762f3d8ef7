"""The status line's words in the window's language (gui/status_words.py)."""

from portwindow.engine import Progress, ScanSummary, audit_text, summary_text
from portwindow.engine.audit.expected import Expectations, audit_results, parse_doors
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.gui import i18n, status_words


def _summary(partial=False):
    progress = Progress(100, 100, 0.25, 400.0, 0.0, open=4, closed=96)
    return ScanSummary(progress, partial, 1.8e9, 1.8e9 + 1)


def _audit():
    rules = Expectations({"127.0.0.1": parse_doors("22/tcp, 5432/tcp")})
    results = [
        PortResult("127.0.0.1", "127.0.0.1", Protocol.TCP, port, state, reason, None, 1.8e9)
        for port, state, reason in (
            (22, PortState.OPEN, Reason.SYN_ACK),
            (3306, PortState.OPEN, Reason.SYN_ACK),
            (5432, PortState.CLOSED, Reason.CONN_REFUSED),
        )
    ]
    return audit_results(results, rules)


def test_in_english_the_words_are_the_engines(qapp):
    for partial in (False, True):
        assert status_words.summary_line(_summary(partial)) == summary_text(_summary(partial))
    assert status_words.audit_line(_audit()) == audit_text(_audit())


def test_in_japanese_the_words_are_translated(qapp):
    i18n.install("ja")
    try:
        line = status_words.summary_line(_summary())
        assert line == "完了: 100 ポート中 100 ポートを 0.25 秒で調査、開 4、閉 96、フィルタ 0"
        assert status_words.audit_line(_audit()) == "想定外 1、欠落 1"
    finally:
        i18n.install("en")
