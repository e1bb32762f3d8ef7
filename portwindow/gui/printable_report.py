"""A printable report of a scan, as HTML or PDF, made with Qt's own document classes.

What an admin hands on: a summary, then the doors that need attention first (unexpected
open doors and missing ones, when expected doors are set), then per host a picture of its
doors and a table of the open ones with their services and banners. HTML files embed the
pictures as data URIs; PDFs are laid out by QTextDocument and written by QPdfWriter into
memory, checked, then written atomically (fsync and size checked before the rename).
Needs a QGuiApplication (for painting), not a window.
"""

from __future__ import annotations

import base64
import html
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine import (
    Audit,
    AuditItem,
    Behind,
    Finding,
    PortResult,
    PortState,
    default_registry,
    detected_text,
    printable,
    write_bytes_atomically,
    write_text_atomically,
)

from .. import APP_NAME, __version__
from . import report_words
from .doors.pictures import door_pictures, door_width
from .findings_words import explain
from .headings import heading
from .hosts.behind_text import listener_lines
from .qt import Qt, QtCore, QtGui

DOOR_HEIGHT = 36
DOORS_PER_ROW = 12
MAX_DOORS_PICTURED = 48
NOTABLE = (PortState.OPEN, PortState.OPEN_FILTERED, PortState.FILTERED)
_INK = QtGui.QColor("#303030")
_ALERT = QtGui.QColor("#c62828")


@dataclass(frozen=True)
class ReportData:
    title: str
    targets: str
    ports: str
    started_at: float
    finished_at: float
    partial: bool
    results: Sequence[PortResult]
    audit: Audit | None = None
    #: Who listens behind this machine's open doors (None: not looked at), and when.
    behind: Behind | None = None
    behind_note: str = ""
    #: The scan's place in its watch's evidence chain (engine/watch/evidence.py).
    evidence: tuple[str, ...] = ()


def _latest(results: Sequence[PortResult]) -> list[PortResult]:
    latest: dict[tuple, PortResult] = {}
    for r in results:
        latest[(r.address, r.protocol, r.port)] = r
    return sorted(latest.values(), key=lambda r: (r.address, r.protocol.value, r.port))


def door_strip(results: Sequence[PortResult], flagged: set[tuple]) -> QtGui.QImage:
    """The host's notable doors (not the closed ones) as a picture; flagged doors ringed."""
    notable = [r for r in results if r.state in NOTABLE][:MAX_DOORS_PICTURED]
    width = door_width(DOOR_HEIGHT)
    cell_w, cell_h = width + 22, DOOR_HEIGHT + 18
    columns = max(1, min(DOORS_PER_ROW, len(notable)))
    rows = max(1, -(-len(notable) // DOORS_PER_ROW))
    scale = 2
    image = QtGui.QImage(
        columns * cell_w * scale, rows * cell_h * scale, QtGui.QImage.Format.Format_ARGB32
    )
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    painter = QtGui.QPainter(image)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    font = painter.font()
    font.setPointSizeF(7)
    painter.setFont(font)
    pictures = door_pictures()
    if not notable:
        painter.setPen(_INK)
        painter.drawText(
            QtCore.QRectF(0, 0, cell_w, cell_h), report_words.none(), Qt.AlignmentFlag.AlignCenter
        )
    for i, r in enumerate(notable):
        x, y = (i % DOORS_PER_ROW) * cell_w, (i // DOORS_PER_ROW) * cell_h
        door = pictures.pixmap(r.state, DOOR_HEIGHT, scale, _INK)
        left = x + (cell_w - width) / 2
        painter.drawPixmap(QtCore.QPointF(left, y + 2), door)
        if (r.address, r.protocol, r.port) in flagged:
            painter.setPen(QtGui.QPen(_ALERT, 2))
            painter.drawRoundedRect(QtCore.QRectF(left - 3, y, width + 6, DOOR_HEIGHT + 4), 3, 3)
        painter.setPen(_INK)
        label = f"{r.port}" + ("/udp" if r.protocol.value == "udp" else "")
        painter.drawText(
            QtCore.QRectF(x, y + DOOR_HEIGHT + 3, cell_w, 14), label, Qt.AlignmentFlag.AlignHCenter
        )
    painter.end()
    return image


def _png_data_uri(image: QtGui.QImage) -> str:
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(bytes(buffer.data())).decode("ascii")


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(timestamp))


def _e(text: str) -> str:
    return html.escape(printable(text))


def _audit_rows(items: Sequence[AuditItem]) -> str:
    registry = default_registry()
    rows = []
    for item in items:
        info = registry.lookup(item.port, item.protocol)
        state = item.state.value if item.state else report_words.not_probed()
        rows.append(
            f"<tr><td>{_e(item.host)}</td><td>{item.ports}/{item.protocol.value}</td>"
            f"<td>{_e(info.name or '-')}</td><td>{state}</td>"
            f"<td>{_e(explain(item))}</td></tr>"
        )
    return "".join(rows)


def _h(text: str) -> str:
    """A heading of the report (gui/headings.py) in the window's language, escaped."""
    return html.escape(heading(text))


def _alert(words: tuple[str, str]) -> str:
    """``<b>Missing doors</b>: expected open, found closed or filtered.`` in a paragraph."""
    heading, why = (html.escape(report_words.word(text)) for text in words)
    return f"<p class='alert'><b>{heading}</b>: {why}</p>"


def _header_row(*headings: str) -> str:
    return "<tr>" + "".join(f"<th>{_h(text)}</th>" for text in headings) + "</tr>"


def report_html(data: ReportData, image_src: Callable[[str, QtGui.QImage], str]) -> str:
    """The report as HTML; ``image_src(name, image)`` says how a picture is referenced."""
    results = _latest(data.results)
    counts = dict.fromkeys(PortState, 0)
    for r in results:
        counts[r.state] += 1
    flagged: set[tuple] = set()
    scanned = report_words.scanned(_when(data.started_at), _when(data.finished_at), data.partial)
    parts = [
        "<html><head><meta charset='utf-8'>",
        f"<title>{_e(data.title)}</title>",
        "<style>body{font-family:sans-serif;font-size:10pt} h1{font-size:16pt}"
        " h2{font-size:13pt;margin-top:14pt} table{border-collapse:collapse}"
        " td,th{border:1px solid #999;padding:2px 6px;text-align:left}"
        " .alert{color:#c62828} .muted{color:#666}</style></head><body>",
        f"<h1>{_e(data.title)}</h1>",
        "<table>",
        f"<tr><th>{_h('Targets')}</th><td>{_e(data.targets)}</td></tr>",
        f"<tr><th>{_h('Ports')}</th><td>{_e(data.ports)}</td></tr>",
        f"<tr><th>{_h('Scanned')}</th><td>{html.escape(scanned)}</td></tr>",
        f"<tr><th>{_h('Doors')}</th><td>{html.escape(report_words.doors(len(results), counts))}"
        "</td></tr></table>",
    ]
    if data.evidence:
        lines = "<br>".join(_e(line) for line in data.evidence)
        parts.append(f"<h2>{_h('Evidence')}</h2><p style='font-family:monospace'>{lines}</p>")
    if data.audit is not None:
        unexpected, missing = data.audit.unexpected, data.audit.missing
        flagged = {(i.address, i.protocol, i.port) for i in (*unexpected, *missing)}
        summary = report_words.audit_summary(data.audit)
        parts.append(f"<h2>{_h('Expected doors')}</h2><p>{_e(summary)}</p>")
        header = _header_row("Host", "Door", "Service", "State", "Why")
        if unexpected:
            parts.append(
                f"{_alert(report_words.UNEXPECTED)}<table>{header}{_audit_rows(unexpected)}</table>"
            )
        if missing:
            parts.append(
                f"{_alert(report_words.MISSING)}<table>{header}{_audit_rows(missing)}</table>"
            )
        others = [
            i for i in data.audit.items if i.finding not in (Finding.UNEXPECTED, Finding.MISSING)
        ]
        if others:
            parts.append(
                f"<p><b>{_h('Not confirmed or not checked')}</b></p>"
                f"<table>{header}{_audit_rows(others)}</table>"
            )
        if not data.audit.items:
            parts.append(f"<p>{_h('Every door is as expected.')}</p>")
    registry = default_registry()
    hosts: dict[str, list[PortResult]] = {}
    for r in results:
        hosts.setdefault(r.address, []).append(r)
    for number, (address, doors) in enumerate(hosts.items(), start=1):
        label = doors[0].host
        title = label if label == address else f"{label} ({address})"
        opened = [r for r in doors if r.state is PortState.OPEN]
        closed = sum(1 for r in doors if r.state is PortState.CLOSED)
        parts.append(f"<h2>{_e(title)}</h2>")
        source = image_src(f"doors-{number}.png", door_strip(doors, flagged))
        parts.append(f"<p><img src='{source}'></p>")
        parts.append(f"<p class='muted'>{html.escape(report_words.not_pictured(closed))}</p>")
        behind = data.behind if data.behind and data.behind.is_this_machine(address) else None
        if opened:
            parts.append(
                "<table>"
                + _header_row(
                    "Door",
                    "Service",
                    "Detected",
                    "Description",
                    "Banner",
                    *(("Who is behind",) if behind else ()),
                )
            )
            for r in opened:
                info = registry.lookup(r.port, r.protocol)
                mark = " class='alert'" if (r.address, r.protocol, r.port) in flagged else ""
                who = "<br>".join(map(_e, listener_lines(behind, r))) if behind else None
                parts.append(
                    f"<tr{mark}><td>{r.port}/{r.protocol.value}</td><td>{_e(info.name or '-')}</td>"
                    f"<td>{_e(detected_text(r.banner))}</td>"
                    f"<td>{_e(info.description)}</td><td>{_e(r.banner[:300])}</td>"
                    + (f"<td>{who}</td>" if who is not None else "")
                    + "</tr>"
                )
            parts.append("</table>")
            if behind and data.behind_note:
                parts.append(f"<p class='muted'>{_e(data.behind_note)}</p>")
        else:
            parts.append(f"<p>{_h('No open doors.')}</p>")
    parts.append(
        f"<p class='muted'>{html.escape(report_words.made_by(APP_NAME, __version__))}</p>"
        "</body></html>"
    )
    return "\n".join(parts)


def _bold_row(table: QtGui.QTextTable, row: int) -> bool:
    return all(
        table.cellAt(row, column).firstCursorPosition().charFormat().fontWeight()
        >= QtGui.QFont.Weight.Bold
        for column in range(table.columns())
    )


def repeat_table_headers(document: QtGui.QTextDocument) -> int:
    """Make the header row (a row of <th> cells over rows that are not) of every table of
    ``document`` repeat at the top of each page the table runs onto; returns how many."""
    tables = {}
    block = document.begin()
    while block.isValid():
        table = QtGui.QTextCursor(block).currentTable()
        if table is not None:
            tables[table.firstPosition()] = table
        block = block.next()
    made = 0
    for table in tables.values():
        if table.rows() > 1 and _bold_row(table, 0) and not _bold_row(table, 1):
            table_format = table.format()
            table_format.setHeaderRowCount(1)
            table.setFormat(table_format)
            made += 1
    return made


def write_html_report(data: ReportData, path: Path | str) -> None:
    text = report_html(data, lambda _name, image: _png_data_uri(image))
    write_text_atomically(path, text)


def write_pdf_report(data: ReportData, path: Path | str) -> None:
    """Lay the report out on A4 pages and write it as a PDF, whole or not at all.

    The PDF is made in memory and checked (it must start and end as a PDF does) before
    it is written through the engine's atomic writer, which fsyncs it and checks its size
    before the rename: a full disk is an OSError, never a truncated PDF put in place."""
    write_bytes_atomically(path, pdf_bytes(data))


def pdf_bytes(data: ReportData) -> bytes:
    """The report as a PDF; OSError if Qt could not make a whole one."""
    document = QtGui.QTextDocument()
    images: dict[str, QtGui.QImage] = {}

    def register(name: str, image: QtGui.QImage) -> str:
        images[name] = image
        return name

    text = report_html(data, register)
    for name, image in images.items():
        document.addResource(
            QtGui.QTextDocument.ResourceType.ImageResource, QtCore.QUrl(name), image
        )
    document.setHtml(text)
    repeat_table_headers(document)
    buffer = QtCore.QBuffer()
    if not buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly):
        raise OSError("the PDF could not be started")
    writer = QtGui.QPdfWriter(buffer)
    writer.setPageSize(QtGui.QPageSize(QtGui.QPageSize.PageSizeId.A4))
    writer.setResolution(150)
    writer.setTitle(data.title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    document.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    pdf = bytes(buffer.data())
    if not pdf.startswith(b"%PDF-") or not pdf.rstrip().endswith(b"%%EOF"):
        raise OSError(f"the PDF came out incomplete ({len(pdf):,} bytes)")
    return pdf
