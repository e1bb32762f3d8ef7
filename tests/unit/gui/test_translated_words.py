"""The findings summary's and the Doors view's sentences in the window's language
(gui/findings_words.py, gui/band_words.py): in English the window says exactly what the
engine says; in Japanese the sentences are Japanese, the doors' names (ports, protocols,
services, states and reasons) as they are."""

import dataclasses

import pytest

from portwindow.engine import default_registry, read_banner
from portwindow.engine.audit.expected import Expectations, audit_results, parse_doors
from portwindow.engine.core.model import HostError, PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.present import door_texts
from portwindow.engine.present.findings import summarize
from portwindow.gui import band_words, findings_words, i18n
from portwindow.gui.doors.model import DoorModel
from portwindow.gui.qt import Qt, QtWidgets
from tests.unit.gui.finding_scans import TCP, reopen, result, spread

SSH = "SSH-2.0-OpenSSH_9.2p1\r\n"


@pytest.fixture
def japanese(qapp):
    """The window in Japanese for one test; English again after it."""
    assert i18n.install("ja") == "ja"
    yield
    i18n.install("en")


def r(port, state, address="127.0.0.1", banner=""):
    reason = {PortState.OPEN: Reason.SYN_ACK, PortState.CLOSED: Reason.CONN_REFUSED}.get(
        state, Reason.NO_RESPONSE
    )
    return PortResult(address, address, TCP, port, state, reason, None, 1.8e9, banner)


def a_summary():
    """Two open doors (one whose program speaks another service), an unexpected and a
    missing door, a host every door of which is filtered, and a name that did not resolve."""
    results = ResultSet.of(
        [
            r(22, PortState.OPEN, banner=SSH),
            r(2222, PortState.OPEN, banner=SSH),
            r(5432, PortState.CLOSED),
            r(22, PortState.FILTERED, address="127.0.0.2"),
        ]
    )
    audit = audit_results(results, Expectations({"127.0.0.1": parse_doors("22, 5432")}))
    return summarize(results, audit, [HostError("nowhere.test", "could not resolve")])


def test_in_english_the_summary_is_the_engines_word_for_word():
    summary = a_summary()
    assert findings_words.headline(summary) == summary.headline()
    assert [findings_words.entry_text(e) for e in summary.entries] == [
        e.text for e in summary.entries
    ]
    assert findings_words.summary_text(summary) == summary.text()


def test_in_japanese_the_summary_is_japanese_and_names_the_doors_as_they_are(japanese):
    text = findings_words.summary_text(a_summary())
    lines = text.splitlines()
    assert (
        lines[0] == "1 台のホストで開いているドア 2 個 / 想定外 1、欠落 1 / 応答のないホスト 2 台"
    )
    for line in (
        "開いているドア:",
        "  127.0.0.1 22/tcp ssh — OpenSSH 9.2p1",
        "  127.0.0.1 2222/tcp EtherNet-IP-1、ssh (OpenSSH 9.2p1) として応答",
        "想定外のドア:",
        "  想定外: 127.0.0.1 の 2222/tcp を想定するルールはありません",
        "欠落しているドア:",
        "  欠落: 5432/tcp (ルール 127.0.0.1) は開いているはずですが、closed (conn-refused) でした",
        "応答のないホスト:",
        "  127.0.0.2: どのドアも応答しませんでした (すべてフィルタ)",
        "  nowhere.test: could not resolve",  # the engine's error, as the log says it
    ):
        assert line in lines
    for english in ("open door", "Unexpected", "Missing", "answers as", "no door answered"):
        assert english not in text


def test_a_door_band_speaks_japanese_and_english_as_the_engine(qapp):
    model = DoorModel()
    model.set_plan([(TCP, port) for port in (22, 80, 2222, 54321)])
    model.add_results(
        [r(22, PortState.OPEN, "198.51.100.1"), r(2222, PortState.OPEN, "198.51.100.1", SSH)]
    )
    host = model.host_index("198.51.100.1")
    door = model.door_index("198.51.100.1", TCP, 2222)
    english = (
        host.data(),
        host.data(Qt.ItemDataRole.ToolTipRole),
        door.data(Qt.ItemDataRole.ToolTipRole),
        door.data(Qt.ItemDataRole.AccessibleTextRole),
    )
    assert english[0] == "198.51.100.1 — 22 ssh, 2222 EtherNet-IP-1 — 2 open, 2 not probed yet"
    assert english[1] == "198.51.100.1\n4 doors: 2 open, 2 not probed yet"
    assert "answers as ssh (OpenSSH 9.2p1)" in english[2]
    assert english[3].startswith(
        "port 2222/tcp EtherNet-IP-1, open (syn-ack), answers as ssh (OpenSSH 9.2p1)"
    )
    assert english[3].endswith(
        "warning: This door is registered for EtherNet-IP-1 but the program behind it speaks ssh."
    )
    i18n.install("ja")
    try:
        assert host.data() == "198.51.100.1 — 22 ssh、2222 EtherNet-IP-1 — 開 2、未調査 2"
        assert host.data(Qt.ItemDataRole.ToolTipRole) == "198.51.100.1\n4 個のドア: 開 2、未調査 2"
        tooltip = door.data(Qt.ItemDataRole.ToolTipRole).splitlines()
        assert tooltip[0] == "2222/tcp EtherNet-IP-1"  # the door's name, as it is
        assert "登録済みポート (1024-49151)" in tooltip
        assert "open (syn-ack)" in tooltip
        assert "往復時間なし" in tooltip
        assert "ssh (OpenSSH 9.2p1) として応答" in tooltip
        assert door.data(Qt.ItemDataRole.AccessibleTextRole).startswith(
            "ポート 2222/tcp EtherNet-IP-1、open (syn-ack)、ssh (OpenSSH 9.2p1) として応答、警告: "
        )
        assert band_words.count(None, 5, chip=True) == "未調査 5"
    finally:
        i18n.install("en")
    assert band_words.count(None, 5, chip=True) == "5 not probed"


@pytest.mark.parametrize("rtt", [None, 0.00005, 0.0421, 1.2346])
def test_in_english_a_doors_tooltip_and_accessible_text_are_the_engines(qapp, rtt):
    registry = default_registry()
    service = registry.lookup(2222, TCP)
    facts = door_texts.DoorFacts(TCP, 2222, service, PortState.OPEN, Reason.SYN_ACK, rtt)
    banner = dataclasses.replace(facts, banner=SSH, reading=read_banner(SSH, service.name))
    plain = dataclasses.replace(facts, banner="hello\x01", reading=read_banner("hello\x01", ""))
    unprobed = door_texts.DoorFacts(TCP, 54321, registry.lookup(54321, TCP), None, None, None)
    for door in (facts, banner, plain, unprobed):
        assert band_words.door_tooltip(door) == door_texts.door_tooltip(door)
        assert band_words.door_accessible_text(door) == door_texts.door_accessible_text(door)


def test_the_window_summary_in_japanese_still_lists_every_open_door(
    window, history, qloop, japanese
):
    """The automation contract: the label named findingsSummary names each open door's
    port and service whatever the language."""
    results = spread({22, 80, 2222}, last=3000)
    results[2221] = result(2222, PortState.OPEN, banner=SSH)
    reopen(window, history, qloop, results)
    label = window.findChild(QtWidgets.QLabel, "findingsSummary")
    assert label is not None
    assert label.isVisible()
    text, described = label.text(), label.accessibleDescription()
    assert "1 台のホストで開いているドア 3 個" in text
    assert "開いているドア:" in text
    for door in ("22/tcp ssh", "80/tcp http", "2222/tcp EtherNet-IP-1、ssh (OpenSSH 9.2p1)"):
        assert door in text
        assert door in described
    assert "open door" not in described


@pytest.mark.parametrize("hosts", [1, 3])
def test_the_reports_audit_summary_says_the_engines_in_english_and_japanese(qapp, hosts):
    from portwindow.engine.audit.expected import Audit
    from portwindow.gui import report_words

    audit = Audit((), hosts, (Protocol.UDP, Protocol.TCP), waived=("a waiver", "another"))
    engine = audit.summary().replace("host(s)", "host" if hosts == 1 else "hosts")
    assert report_words.audit_summary(audit) == engine[:1].upper() + engine[1:] + "."
    i18n.install("ja")
    try:
        japanese = report_words.audit_summary(audit)
    finally:
        i18n.install("en")
    assert japanese == (
        f"{hosts} 台のホストを検査: 想定外 0、欠落 0、未確認 0、未検査 0、免除 2 (UDP、TCP の"
        "ルールは未検査: このスキャンは UDP、TCP のポートを調べていません)。"
    )


def test_the_details_read_a_banner_in_the_windows_language(qtbot):
    from portwindow.gui.details import DetailField, DetailsPanel

    panel = DetailsPanel()
    qtbot.addWidget(panel)
    door = r(2222, PortState.OPEN, banner=SSH)
    panel.show_result(door)
    reading = read_banner(SSH, "EtherNet-IP-1")
    assert panel.text_of(DetailField.SERVICE) == reading.service_line()
    assert panel.text_of(DetailField.WARNING) == f"⚠ {reading.warning()}"
    assert panel.text_of(DetailField.RTT) == "not measured"
    i18n.install("ja")
    try:
        panel.show_result(r(2222, PortState.OPEN, banner=SSH.replace("9.2", "9.3")))
        assert panel.text_of(DetailField.SERVICE) == (
            "EtherNet-IP-1 (IANA) — ssh (OpenSSH 9.3p1) として応答"
        )
        assert panel.text_of(DetailField.WARNING) == (
            "⚠ このドアは EtherNet-IP-1 用に登録されていますが、その向こうのプログラムは ssh "
            "で応答しています。"
        )
        assert panel.text_of(DetailField.RTT) == "未計測"
        panel.show_result(None, planned=("localhost", "::1", TCP, 54321))
        assert panel.text_of(DetailField.STATE) == "未調査"
        assert panel.text_of(DetailField.SERVICE) == "IANA に未登録"
    finally:
        i18n.install("en")
