"""The side panel that tells everything about the chosen door.

The main window puts it beside the door and table views and calls
:meth:`DetailsPanel.show_result` when a door or a row is chosen (with ``planned`` for a
door the scan has not reached yet) and :meth:`DetailsPanel.clear` when nothing is. It
shows the probe's facts and, below them, the plain-language note from
:func:`portwindow.gui.explain.explain`. When the door has a banner, the service row says
who answers beside the registry's name ("http-alt (IANA) — answers as ssh (OpenSSH
9.2p1)"), and a warning line appears when the two disagree. Every text is plain (a
banner's ``<b>`` shows as it is) and selectable, so it can be copied.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Mapping
from types import MappingProxyType

from portwindow.engine import (
    PortClass,
    PortResult,
    PortState,
    Protocol,
    default_registry,
    printable,
    read_banner,
)
from portwindow.gui import band_words, colors, notes
from portwindow.gui.qt import Qt, QtGui, QtWidgets

from .headings import heading
from .i18n import translate

__all__ = ["HINT", "DetailField", "DetailsPanel"]

HINT = "Click a door to see what is behind it."


class DetailField(enum.StrEnum):
    """The panel's value labels; each one's object name is ``details-<value>``."""

    TITLE = "title"
    HOST = "host"
    PORT = "port"
    SERVICE = "service"
    PORT_CLASS = "class"
    STATE = "state"
    RTT = "rtt"
    SCANNED_AT = "scanned-at"
    BANNER = "banner"
    WARNING = "warning"
    FINDING = "finding"
    EXPLANATION = "explanation"


# The rows of the form, in order, with their captions.
_CAPTIONS: Mapping[DetailField, str] = MappingProxyType(
    {
        DetailField.HOST: "Host",
        DetailField.PORT: "Port",
        DetailField.SERVICE: "Service",
        DetailField.PORT_CLASS: "Class",
        DetailField.STATE: "State",
        DetailField.RTT: "Round trip",
        DetailField.SCANNED_AT: "Scanned at",
        DetailField.BANNER: "Banner",
    }
)

_CLASS_RANGES: Mapping[PortClass, str] = MappingProxyType(
    {
        PortClass.WELL_KNOWN: "well-known (0-1023)",
        PortClass.REGISTERED: "registered (1024-49151)",
        PortClass.DYNAMIC: "dynamic (49152-65535)",
    }
)

# What a door not yet probed is: (host, address, protocol, port).
Planned = tuple[str, str, Protocol, int]


class DetailsPanel(QtWidgets.QWidget):
    """Facts and a plain-language note about one door, or a hint when none is chosen."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(translate("DetailsPanel", "Details"))
        self._labels: dict[DetailField, QtWidgets.QLabel] = {}
        self._shown: tuple[PortResult | None, Planned | None, str] | None = None

        self._hint = QtWidgets.QLabel(HINT, self)
        self._hint.setObjectName("details-hint")
        self._hint.setAccessibleName(translate("DetailsPanel", "Details hint"))
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setWordWrap(True)
        self._hint.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)

        content = QtWidgets.QWidget()
        title = self._value_label(DetailField.TITLE, "Door", content)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        self._form = QtWidgets.QFormLayout()
        self._form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        self._form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow
        )
        for field, english in _CAPTIONS.items():
            caption = heading(english)
            label = self._value_label(field, caption, content)
            colon = translate("DetailsPanel", "%1:")
            buddy = QtWidgets.QLabel(colon.replace("%1", caption), content)
            buddy.setBuddy(label)
            self._form.addRow(buddy, label)
        warning = self._value_label(DetailField.WARNING, "Warning", content)
        font = warning.font()
        font.setBold(True)
        warning.setFont(font)
        self._form.addRow(warning)
        finding = self._value_label(DetailField.FINDING, "Expected doors finding", content)
        finding.setFont(font)
        self._form.addRow(finding)
        explanation = self._value_label(DetailField.EXPLANATION, "Explanation", content)
        explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        content_layout = QtWidgets.QVBoxLayout(content)
        content_layout.addWidget(title)
        content_layout.addLayout(self._form)
        content_layout.addSpacing(8)
        content_layout.addWidget(explanation)
        content_layout.addStretch(1)

        self._scroll = QtWidgets.QScrollArea(self)
        self._scroll.setObjectName("details-scroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self._scroll.setWidget(content)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._hint)
        layout.addWidget(self._scroll)
        self.clear()

    def show_result(
        self, result: PortResult | None, *, planned: Planned | None = None, finding: str = ""
    ) -> None:
        """Show ``result``; without one, show the ``planned`` door as not probed yet;
        ``finding``: what the expected-doors audit found there, explained."""
        if (result, planned, finding) == self._shown and self.is_showing():
            return  # the window asks again whenever a batch touches the chosen door
        if result is not None:
            host, address, protocol, port = (
                result.host,
                result.address,
                result.protocol,
                result.port,
            )
        elif planned is not None:
            host, address, protocol, port = planned
        else:
            self.clear()
            return
        info = default_registry().lookup(port, protocol)
        state = result.state if result is not None else None
        banner = result.banner if result is not None else ""
        reading = read_banner(banner, info.name)
        if reading.identification is not None:
            service = band_words.service_line(reading)
        else:
            service = info.name or band_words.not_registered()
            if info.description and info.description.casefold() != info.name.casefold():
                service = f"{service}: {info.description}"
        self._set(DetailField.TITLE, f"{port}/{protocol.value} {info.name}".rstrip())
        self._set(DetailField.HOST, host if host == address else f"{host} ({address})")
        self._set(DetailField.PORT, f"{port}/{protocol.value}")
        self._set(DetailField.SERVICE, service)
        self._set(DetailField.PORT_CLASS, heading(_CLASS_RANGES[info.port_class]))
        self._set(DetailField.STATE, _state_text(result))
        self._set(DetailField.RTT, _rtt_text(result))
        self._set(DetailField.SCANNED_AT, _time_text(result))
        self._set(DetailField.BANNER, banner)
        self._form.setRowVisible(self._labels[DetailField.BANNER], bool(banner))
        warning = band_words.disagreement(reading)
        self._set(DetailField.WARNING, f"⚠ {warning}" if warning else "")
        if warning:
            color = colors.warning_color(colors.theme_of(self.palette()))
            self._labels[DetailField.WARNING].setStyleSheet(f"color: {color.name()};")
        self._form.setRowVisible(self._labels[DetailField.WARNING], bool(warning))
        self._set(DetailField.FINDING, finding)
        if finding:
            color = colors.warning_color(colors.theme_of(self.palette()))
            self._labels[DetailField.FINDING].setStyleSheet(f"color: {color.name()};")
        self._form.setRowVisible(self._labels[DetailField.FINDING], bool(finding))
        self._set(DetailField.EXPLANATION, notes.note(port, protocol, state))
        self._shown = (result, planned, finding)
        self._hint.hide()
        self._scroll.show()

    def clear(self) -> None:
        """Show the hint instead of a door."""
        for label in self._labels.values():
            label.clear()
        self._shown = None
        self._scroll.hide()
        self._hint.show()

    def is_showing(self) -> bool:
        """Whether a door is shown (rather than the hint)."""
        return not self._scroll.isHidden()

    def text_of(self, field: DetailField) -> str:
        """What a value label shows (empty while the hint is shown)."""
        return self._labels[field].text()

    def _value_label(
        self, field: DetailField, name: str, parent: QtWidgets.QWidget
    ) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(parent)
        label.setObjectName(f"details-{field.value}")
        label.setAccessibleName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._labels[field] = label
        return label

    def _set(self, field: DetailField, text: str) -> None:
        # Remote hosts choose host names and banners: show control characters as escapes.
        self._labels[field].setText(
            printable(text) if field is not DetailField.EXPLANATION else text
        )


def _state_text(result: PortResult | None) -> str:
    if result is None:
        return band_words.state_text(None, None)
    return f"{result.state.value} ({result.reason.value})"


def _rtt_text(result: PortResult | None) -> str:
    if result is None:
        return ""
    if result.rtt is None:
        no_answer = result.state in (PortState.FILTERED, PortState.OPEN_FILTERED)
        if no_answer:
            return translate("DetailsPanel", "no answer")
        return translate("DetailsPanel", "not measured")
    return f"{result.rtt * 1000:.3f} ms"


def _time_text(result: PortResult | None) -> str:
    if result is None:
        return ""
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(result.scanned_at))
    except (OverflowError, OSError, ValueError):
        return ""
