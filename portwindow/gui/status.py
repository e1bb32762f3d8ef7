"""The status area: the status bar's lasting part (how far the scan is: a progress bar,
the rate and the time left; how many doors are in each state; what the expected-doors
audit found) and, above it, the message line (how the scan ended, what was done), which
wraps rather than cuts a long message, and which the status tips of menus and toolbar
buttons (shown in the status bar itself) do not wipe. The words come from the engine
(``engine/present/status.py``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

from portwindow.engine import PortState, Progress, counted_states, format_eta, progress_counts

from . import colors
from .i18n import number, translate
from .qt import QtCore, QtWidgets
from .status_words import state_count

#: The progress and the counts change at most this often (seconds) during a scan.
PROGRESS_INTERVAL = 0.1


class ScanStatus:
    """The labels and the progress bar, added to ``window``'s status bar."""

    def __init__(self, window: QtWidgets.QMainWindow) -> None:
        self._window = window
        bar = window.statusBar()
        self.audit_label = QtWidgets.QLabel(window)
        self.audit_label.setObjectName("auditLabel")
        self.audit_label.setAccessibleName(translate("ScanStatus", "Expected doors audit"))
        self.audit_label.hide()
        bar.addPermanentWidget(self.audit_label)
        self.progress_bar = QtWidgets.QProgressBar(window)
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setAccessibleName(translate("ScanStatus", "Scan progress"))
        self.progress_bar.setFixedWidth(260)
        self.rate_label = QtWidgets.QLabel(window)
        self.rate_label.setObjectName("rateLabel")
        self.counts_label = QtWidgets.QLabel(window)
        self.counts_label.setObjectName("countsLabel")
        self.counts_label.setAccessibleName(translate("ScanStatus", "Counts of doors by state"))
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.rate_label)
        bar.addPermanentWidget(self.progress_bar)
        self.message_label = QtWidgets.QLabel(window)
        self.message_label.setObjectName("statusMessage")
        self.message_label.setAccessibleName(translate("ScanStatus", "Status"))
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.message_label.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.message_label.setContentsMargins(6, 2, 6, 2)
        self.message_label.hide()
        central = window.centralWidget()
        if central is not None and central.layout() is not None:
            central.layout().addWidget(self.message_label)
        self._message_timer = QtCore.QTimer(window)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(lambda: self.say(""))
        self._shown_at = 0.0
        self.clear()

    def say(self, message: str, timeout: int = 0) -> None:
        """A message on the message line (for ``timeout`` ms; 0: until the next one)."""
        self._message_timer.stop()
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))
        if message and timeout:
            self._message_timer.start(timeout)

    def message(self) -> str:
        return self.message_label.text()

    def clear(self) -> None:
        self.show_audit("")
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setFormat("")  # idle: an empty bar, not "0 / 1 ports"
        self.rate_label.clear()
        self.show_counts({})

    def progress_due(self, progress: Progress) -> bool:
        """Whether a batch's progress should be shown now: the last one always, the
        others at most every PROGRESS_INTERVAL."""
        now = time.monotonic()
        if progress.done >= progress.total or now - self._shown_at >= PROGRESS_INTERVAL:
            self._shown_at = now
            return True
        return False

    def show_progress(self, progress: Progress) -> None:
        total = max(progress.total, 1)
        # QProgressBar repaints at once, inside setValue, whenever its "%v" text changes:
        # with updates off it schedules the repaint with the rest of the window's instead.
        self.progress_bar.setUpdatesEnabled(False)
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(min(progress.done, total))
        # Qt's %v and %m have no digit grouping: "62,424 / 1,310,700 ports".
        self.progress_bar.setFormat(
            translate("ScanStatus", "%1 / %2 ports")
            .replace("%1", number(min(progress.done, total)))
            .replace("%2", number(total))
        )
        self.progress_bar.setUpdatesEnabled(True)
        rate = translate("ScanStatus", "%1 ports/s").replace("%1", number(progress.rate))
        self.rate_label.setText(
            translate("ScanStatus", "%1 · ETA %2")
            .replace("%1", rate)
            .replace("%2", format_eta(progress.eta))
            if progress.done < progress.total
            else rate
        )
        self.show_counts(progress_counts(progress))

    def show_final(self, progress: Progress) -> None:
        """How far a scan that ended got: no time left, whether it finished or stopped."""
        self.show_progress(progress)
        self.rate_label.setText(
            translate("ScanStatus", "%1 ports/s").replace("%1", number(progress.rate))
        )

    def show_counts(self, counts: Mapping[PortState, int]) -> None:
        theme = colors.theme_of(self._window.palette())
        parts = []
        for state, count, _word in counted_states(counts):
            color = colors.state_color(state, theme).name()
            parts.append(f"<span style='color:{color}'>●</span> {state_count(state, count)}")
        self.counts_label.setText("&nbsp; ".join(parts))

    def show_audit(self, text: str) -> None:
        """What the audit found ("" hides the label)."""
        self.audit_label.setText(
            translate("ScanStatus", "Expected doors: %1").replace("%1", text) if text else ""
        )
        self.audit_label.setVisible(bool(text))
