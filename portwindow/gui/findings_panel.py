"""The findings summary above the views: after a scan (or a reopened one) what was found
is in front of the user without scrolling: the open doors with their services, the
audit's unexpected and missing doors (each explained), and the hosts that said nothing,
each a link that goes to the door (``navigate.py``). The facts are the engine's
(``engine/present/findings.py``), the words the window's language's
(``findings_words.py``); this lays them out and follows the links.

It is hidden while a scan runs and when there is nothing to say. The label's object
name is ``findingsSummary``; its plain text is its accessible description too.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from portwindow.engine import (
    EntryKind,
    FindingsSummary,
    HostError,
    PortState,
    ScanState,
    summarize,
)

from . import colors, findings_words
from .i18n import translate
from .navigate import go_to
from .qt import Qt, QtGui, QtWidgets

if TYPE_CHECKING:
    from .mainwindow import MainWindow

#: The parts, in order: what needs a look first. Their headings are findings_words'.
_K = EntryKind
_PARTS = (_K.UNEXPECTED, _K.MISSING, _K.UNCONFIRMED, _K.OPEN, _K.SILENT, _K.NOT_CHECKED)
MAX_HEIGHT = 160  # pixels; more scrolls inside the panel


class FindingsPanel(QtWidgets.QFrame):
    """The summary of what the results shown hold (see the module docstring)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.setObjectName("findingsPanel")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.summary: FindingsSummary | None = None
        self._errors: tuple[int, tuple[HostError, ...]] = (0, ())
        self.label = QtWidgets.QLabel(self)
        self.label.setObjectName("findingsSummary")
        self.label.setAccessibleName(translate("FindingsPanel", "Findings summary"))
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.label.linkActivated.connect(self.follow)
        self._scroll = scroll = QtWidgets.QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setWidget(self.label)
        self.hide_button = QtWidgets.QToolButton(self)
        self.hide_button.setObjectName("findingsHideButton")
        self.hide_button.setText("×")
        self.hide_button.setToolTip(
            translate("FindingsPanel", "Hide the summary (it comes back after the next scan)")
        )
        self.hide_button.setAccessibleName(translate("FindingsPanel", "Hide the findings summary"))
        self.hide_button.clicked.connect(self.hide)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 4, 4)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.hide_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        window.controller.state_changed.connect(self._state_changed)
        window.history_controller.audited.connect(self.refresh)

    def set_host_errors(self, errors: tuple[HostError, ...]) -> None:
        """The hosts the scan of the results shown could not scan (unresolvable)."""
        self._errors = (id(self._window.views.results), tuple(errors))

    def _host_errors(self) -> tuple[HostError, ...]:
        owner, errors = self._errors
        return errors if owner == id(self._window.views.results) else ()

    def refresh(self) -> None:
        """Summarise the results shown (after a scan, a reopening, an audit)."""
        views = self._window.views
        audit = self._window.history_controller.last_audit
        summary = summarize(views.results, audit, self._host_errors())
        self.summary = summary
        if not summary and not len(views.results):
            self.clear()
            return
        self.label.setText(self._html(summary))
        self.label.setAccessibleDescription(findings_words.summary_text(summary))
        self.show()
        self._fit()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as the summary, up to MAX_HEIGHT (then it scrolls)."""
        width = self._scroll.viewport().width() or self.width()
        self._scroll.setFixedHeight(min(MAX_HEIGHT, max(1, self.label.heightForWidth(width))))

    def clear(self) -> None:
        self.summary = None
        self.label.clear()
        self.label.setAccessibleDescription("")
        self.hide()

    def plain_text(self) -> str:
        return findings_words.summary_text(self.summary) if self.summary is not None else ""

    def _state_changed(self, state: ScanState) -> None:
        if state in (ScanState.STARTING, ScanState.SCANNING):
            self.clear()

    def _html(self, summary: FindingsSummary) -> str:
        theme = colors.theme_of(self.palette())
        parts = [f"<b>{html.escape(findings_words.headline(summary))}</b>"]
        for kind in _PARTS:
            heading = html.escape(findings_words.heading(kind))
            entries = summary.of(kind)
            if not entries:
                continue
            color = _color(kind, theme)
            links = []
            for number, entry in enumerate(summary.entries):
                if entry.kind is kind:
                    text = html.escape(findings_words.entry_text(entry))
                    links.append(f"<a href='entry:{number}'>{text}</a>")
            more = summary.more(kind)
            if more:
                links.append(html.escape(findings_words.more(more)))
            parts.append(
                f"<span style='color:{color}'>●</span> <b>{heading}:</b> " + " · ".join(links)
            )
        return "<br>".join(parts)

    def follow(self, link: str) -> bool:
        """Go to the door of a link (``entry:<number>``); whether it was found."""
        kind, _, number = link.partition(":")
        if kind != "entry" or not number.isdigit() or self.summary is None:
            return False
        entries = self.summary.entries
        if int(number) >= len(entries):
            return False
        entry = entries[int(number)]
        found = go_to(self._window.views, entry.address, entry.protocol, entry.port)
        if found:
            self._window.status.say(findings_words.entry_text(entry), 8000)
        return found


def _color(kind: EntryKind, theme: colors.Theme) -> str:
    """The door pictures' colours: open green, findings the red of their rings."""
    if kind is EntryKind.OPEN:
        return colors.state_color(PortState.OPEN, theme).name()
    if kind in (EntryKind.UNEXPECTED, EntryKind.MISSING):
        return colors.warning_color(theme).name()
    return colors.state_color(PortState.FILTERED, theme).name()
