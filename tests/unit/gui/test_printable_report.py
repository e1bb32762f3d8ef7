"""The printable report renders: HTML with embedded door pictures, and a PDF that
pdftoppm turns into a page picture; the PDF is written whole or not at all."""

import errno
import re
import shutil
import subprocess

import pytest

from portwindow.engine.audit.expected import Expectations, audit_results, parse_doors
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.reports import atomic
from portwindow.gui import printable_report
from portwindow.gui.printable_report import ReportData, write_html_report, write_pdf_report
from portwindow.gui.qt import QtGui

T0 = 1_790_000_000.0


def sample() -> ReportData:
    results = [
        PortResult(
            "127.0.0.1",
            "127.0.0.1",
            Protocol.TCP,
            22,
            PortState.OPEN,
            Reason.SYN_ACK,
            0.0001,
            T0,
            "SSH-2.0-OpenSSH_9.2p1",
        ),
        PortResult(
            "127.0.0.1",
            "127.0.0.1",
            Protocol.TCP,
            3306,
            PortState.OPEN,
            Reason.SYN_ACK,
            0.0001,
            T0,
            "",
        ),
        PortResult(
            "127.0.0.1",
            "127.0.0.1",
            Protocol.TCP,
            443,
            PortState.CLOSED,
            Reason.CONN_REFUSED,
            0.0001,
            T0,
        ),
        PortResult(
            "127.0.0.1",
            "127.0.0.1",
            Protocol.TCP,
            8080,
            PortState.FILTERED,
            Reason.NO_RESPONSE,
            None,
            T0,
        ),
        PortResult(
            "localhost",
            "::1",
            Protocol.TCP,
            631,
            PortState.OPEN,
            Reason.SYN_ACK,
            0.0002,
            T0,
            "<script>alert(1)</script>",
        ),
    ]
    rules = Expectations({"127.0.0.1": parse_doors("22/tcp, 443/tcp")})
    return ReportData(
        "Scan of 127.0.0.1, ::1",
        "127.0.0.1, ::1",
        "22,443,631,3306,8080",
        T0,
        T0 + 2,
        False,
        results,
        audit_results(results, rules),
    )


def test_html_report_puts_attention_first_and_escapes_banners(qapp, tmp_path):
    path = tmp_path / "report.html"
    write_html_report(sample(), path)
    text = path.read_text(encoding="utf-8")
    assert (
        text.index("Unexpected open doors")
        < text.index("Missing doors")
        < text.index("<h2>127.0.0.1</h2>")
    )
    assert "3306/tcp" in text
    assert text.count("data:image/png;base64,") == 2  # one door picture per host
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "SSH-2.0-OpenSSH_9.2p1" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_pdf_report_renders_to_a_page(qapp, tmp_path):
    path = tmp_path / "report.pdf"
    write_pdf_report(sample(), path)
    assert path.read_bytes().startswith(b"%PDF")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = list(tmp_path.glob("page*.png"))
    assert pages
    assert pages[0].stat().st_size > 5000  # a page with text and pictures, not a blank one


def test_the_pdf_export_never_writes_through_a_planted_temporary_name(qapp, tmp_path):
    """It wrote to the fixed name .report.pdf.tmp: a link planted there by another user
    made the export overwrite what the link pointed to."""
    victim = tmp_path / "victim.conf"
    victim.write_text("precious\n")
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    (folder / ".report.pdf.tmp").symlink_to(victim)
    write_pdf_report(sample(), folder / "report.pdf")
    assert victim.read_text() == "precious\n"
    assert (folder / ".report.pdf.tmp").is_symlink()
    assert (folder / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in folder.iterdir()) == [".report.pdf.tmp", "report.pdf"]


def test_a_pdf_export_on_a_full_disk_fails_and_keeps_the_old_pdf(qapp, tmp_path, monkeypatch):
    """A truncated PDF was renamed into place on a full disk, and the export said done."""
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 the old report %%EOF")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        write_pdf_report(sample(), path)
    assert path.read_bytes() == b"%PDF-1.4 the old report %%EOF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_pdf_qt_could_not_finish_is_not_written(qapp, tmp_path, monkeypatch):
    path = tmp_path / "report.pdf"
    monkeypatch.setattr(QtGui.QTextDocument, "print_", lambda self, writer: None)
    with pytest.raises(OSError, match="incomplete"):
        write_pdf_report(sample(), path)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_report_explains_each_finding_and_names_the_detected_service(qapp, tmp_path):
    path = tmp_path / "report.html"
    write_html_report(sample(), path)
    text = path.read_text(encoding="utf-8")
    assert "Unexpected: no rule expects 3306/tcp on 127.0.0.1" in text
    assert "Missing: 443/tcp is expected open (rule 127.0.0.1), found closed (conn-refused)" in text
    assert "<th>Detected</th>" in text
    assert "<td>ssh (OpenSSH 9.2p1)</td>" in text


def test_the_tables_header_is_repeated_on_every_page(qapp, tmp_path):
    import dataclasses

    many = [
        PortResult(
            "127.0.0.1", "127.0.0.1", Protocol.TCP, port, PortState.OPEN, Reason.SYN_ACK, 0.0001, T0
        )
        for port in range(1000, 1300)
    ]
    data = dataclasses.replace(sample(), results=many, audit=None)
    document = QtGui.QTextDocument()
    document.setHtml(printable_report.report_html(data, lambda name, _image: name))
    assert printable_report.repeat_table_headers(document) == 1  # not the summary's table
    path = tmp_path / "long.pdf"
    write_pdf_report(data, path)
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    assert re.search(r"\b1\d{3}/tcp\b", text)  # the table runs onto page 2
    assert text.split()[:3] == ["Door", "Service", "Detected"]  # its header first


def test_the_reports_headings_follow_the_windows_language(qapp):
    from portwindow.gui import i18n

    i18n.install("ja")
    try:
        text = printable_report.report_html(sample(), lambda name, _image: name)
    finally:
        i18n.install("en")
    assert "<th>ターゲット</th>" in text
    assert "<th>サービス</th>" in text
    assert "<th>Targets</th>" not in text


def test_the_report_speaks_the_windows_language(qapp, tmp_path):
    from portwindow.gui import i18n

    english = printable_report.report_html(sample(), lambda name, image: name)
    assert "Expected doors on 1 host: 1 unexpected, 1 missing, 0 unconfirmed" in english
    assert "5 probed: 3 open, 1 closed, 1 filtered" in english
    assert "Missing: 443/tcp is expected open (rule 127.0.0.1), found closed" in english
    assert "1 closed door not pictured." in english
    assert i18n.install("ja") == "ja"
    try:
        japanese = printable_report.report_html(sample(), lambda name, image: name)
    finally:
        i18n.install("en")
    for text in (
        "1 台のホストを検査: 想定外 1、欠落 1、未確認 0、未検査 0。",
        "5 個を調査: 開 3、閉 1、フィルタ 1",
        "<b>想定外の開いているドア</b>: 開いていますが、どのルールも想定していません。",
        "欠落: 443/tcp (ルール 127.0.0.1) は開いているはずですが、closed (conn-refused) でした",
        "閉じているドア 1 個は図に含めていません。",
        "3306/tcp",  # the doors' names as they are
    ):
        assert text in japanese
    for text in ("Unexpected open doors", "probed:", "is expected open", "Made by"):
        assert text not in japanese
