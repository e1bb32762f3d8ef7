"""Who is behind the chosen door, when it is an open door of this machine: the process
(name, pid, user, its systemd unit or container), its command line, and the address it
listens on with what that means ("reachable from every network this machine is on" or
"from this machine only"); another user's process is said to be hidden, not guessed.

One snapshot of this machine's listening sockets serves the results shown: taken right
after a scan (:meth:`BehindBox.take`), or, for results reopened later, when first asked,
and then said to be how the sockets are now, not when the scan ran. The printable
report, the window's exports and the results table's Process, PID and Listens on
columns use the same snapshot (:meth:`BehindBox.behind_for`; :attr:`BehindBox.changed`
says when it is another).
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from portwindow.engine import NOT_VISIBLE, Behind, PortResult, PortState, ResultSet, printable

from ..i18n import translate
from ..qt import Qt, QtWidgets, Signal
from .behind_text import listener_lines


class BehindBox(QtWidgets.QGroupBox):
    """The details panel's "Who is behind this door" part."""

    # Emitted when the snapshot was taken again, or dropped.
    changed = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(translate("BehindBox", "Who is behind this door"), parent)
        self.setObjectName("behindBox")
        self.setAccessibleName(translate("BehindBox", "Who is behind this door"))
        self._behind: Behind | None = None
        self._seen_at: float | None = None
        self._after_scan = False
        self.lines = QtWidgets.QLabel(self)
        self.lines.setObjectName("behindText")
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.note = QtWidgets.QLabel(self)
        self.note.setObjectName("behindNote")
        self.note.setWordWrap(True)
        self.note.setForegroundRole(self.note.foregroundRole().PlaceholderText)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.lines)
        layout.addWidget(self.note)
        self.hide()

    # The snapshot.

    def take(self, results: ResultSet | Iterable[PortResult], *, after_scan: bool = True):
        """Look at this machine's sockets now (None when no open door is this machine's)."""
        before = self._behind
        self._behind = Behind.for_results(results)
        self._seen_at = time.time()
        self._after_scan = after_scan
        if self._behind is not before:  # not twice None: nothing changed for the table
            self.changed.emit()
        return self._behind

    def forget(self) -> None:
        """Other results are shown: the snapshot was of the earlier ones."""
        before = self._behind
        self._behind = None
        self._seen_at = None
        self.hide()
        if before is not None:
            self.changed.emit()

    def behind_for(self, results: ResultSet | Iterable[PortResult]) -> Behind | None:
        if self._behind is None:
            self.take(results, after_scan=False)
        return self._behind

    def seen_text(self) -> str:
        if self._seen_at is None:
            return ""
        when = time.strftime("%H:%M:%S", time.localtime(self._seen_at))
        if self._after_scan:
            return f"As this machine's sockets were at {when}, right after the scan."
        return f"As this machine's sockets were at {when}, not when the scan ran."

    # Showing a door.

    def show_result(self, result: PortResult | None, results: ResultSet | None = None) -> None:
        """Show who is behind ``result`` (of ``results``), or hide when nothing is to say."""
        if result is None or result.state is not PortState.OPEN:
            self.hide()
            return
        behind = self._behind
        if behind is None and results is not None:
            behind = self.behind_for(results)
        lines = listener_lines(behind, result) if behind is not None else []
        if not lines:
            self.hide()
            return
        self.lines.setText("\n".join(lines))
        note = self.seen_text()
        if lines[0] == printable(NOT_VISIBLE):
            note += " Run portwindow as root (or as that user) to see the process."
        self.note.setText(note.strip())
        self.show()
