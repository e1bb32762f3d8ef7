"""The scan form: what to scan (targets, ports with presets, the protocol) and the Scan,
Stop and Pause buttons, with live validation.

Each field is parsed by the engine's own parsers as the person types. A bad field gets a
red border and, under it, the parser's message plus the field's text with the bad part
marked, and Scan stays disabled until everything parses. The protocol choice (TCP, UDP,
or both) says how the ports without a ``T:`` or ``U:`` prefix are probed
(:mod:`portwindow.gui.protocols`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from portwindow.engine import (
    InputError,
    PortSet,
    ProtocolChoice,
    TargetSet,
    parse_ports_for,
    parse_targets,
    printable,
)

from . import colors
from .i18n import QT_TRANSLATE_NOOP, translate
from .qt import QtCore, QtWidgets, Signal
from .recent_entries import RecentEntries

PORT_PRESETS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("ScanForm", "Top 100"), "top100"),
    (QT_TRANSLATE_NOOP("ScanForm", "Top 1000"), "top1000"),
    (QT_TRANSLATE_NOOP("ScanForm", "Well-known 1-1023"), "well-known"),
    (QT_TRANSLATE_NOOP("ScanForm", "All 1-65535"), "all"),
)
TCP_ONLY_PRESETS = frozenset({"top1000"})  # no UDP list that long (engine/input/udp_toplist.py)
CUSTOM = QT_TRANSLATE_NOOP("ScanForm", "Custom")
PROTOCOL_LABELS = {
    ProtocolChoice.TCP: QT_TRANSLATE_NOOP("ScanForm", "TCP"),
    ProtocolChoice.UDP: QT_TRANSLATE_NOOP("ScanForm", "UDP"),
    ProtocolChoice.BOTH: QT_TRANSLATE_NOOP("ScanForm", "TCP and UDP"),
}
_INVALID_STYLE = "QLineEdit {{ border: 2px solid {color}; border-radius: 3px; padding: 1px; }}"


_ERROR_NAMES = {
    "targets": QT_TRANSLATE_NOOP("ScanForm", "Targets error"),
    "ports": QT_TRANSLATE_NOOP("ScanForm", "Ports error"),
}
_MARK_STYLE = f"background:{colors.WARNING_RED};color:{colors.MARK_TEXT};"


@dataclass(frozen=True)
class FormInput:
    """What the form holds once both fields parse."""

    targets: TargetSet
    ports: PortSet  # with the protocol choice applied
    targets_text: str
    ports_text: str
    protocol: ProtocolChoice = ProtocolChoice.TCP


def marked_text(text: str, span: tuple[int, int] | None, style: str | None = None) -> str:
    """The field's text as rich text with the bad part marked (escaped, as everything
    from outside is shown: a pasted control character or bidi override shows as \\x..)."""

    def shown(part: str) -> str:
        return html.escape(printable(part))

    if span is None:
        return shown(text)
    start, end = span
    end = max(end, start + 1)
    return (
        shown(text[:start])
        + f'<span style="{style or _MARK_STYLE}">'
        + (shown(text[start:end]) or "&nbsp;")
        + "</span>"
        + shown(text[end:])
    )


class ValidatedField(QtWidgets.QWidget):
    """A line edit with its error message underneath."""

    def __init__(self, name: str, placeholder: str, parent: QtWidgets.QWidget | None = None):
        super().__init__(parent)
        self.edit = QtWidgets.QLineEdit(self)
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.error = QtWidgets.QLabel(self)
        self.error.setObjectName(f"{name}Error")
        self.error.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self.error.setWordWrap(True)
        # The line is kept when hidden: an error appearing does not move the form (a
        # message longer than a line still wraps).
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing())
        self.error.setAccessibleName(translate("ScanForm", _ERROR_NAMES.get(name, name)))
        self.error.hide()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error)

    def show_error(self, error: InputError | None) -> None:
        if error is None:
            self.edit.setStyleSheet("")
            self.edit.setToolTip("")
            self.error.clear()
            self.error.hide()
            return
        palette = self.palette()
        red = colors.WARNING_COLORS[colors.theme_of(palette)]
        self.edit.setStyleSheet(_INVALID_STYLE.format(color=red))
        self.edit.setToolTip(printable(str(error)))
        self.error.setStyleSheet(colors.error_text_style(palette))
        text = self.edit.text()
        where = ""
        if error.span is not None and text.strip():
            marked = marked_text(text, error.span, colors.mark_style(palette))
            where = f' <span style="color:palette(text);">· {marked}</span>'
        self.error.setText(html.escape(printable(str(error))) + where)
        self.error.show()

    @property
    def has_error(self) -> bool:
        return not self.error.isHidden()


class ScanForm(QtWidgets.QWidget):
    """Targets, ports and the scan buttons. Emits ``scan_requested`` with the parsed input."""

    scan_requested = Signal(object)  # FormInput
    stop_requested = Signal()
    pause_toggled = Signal(bool)
    validity_changed = Signal(bool)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self._valid = False
        self._input: FormInput | None = None

        self.targets, self._recent_targets = self._field(
            "targets",
            "127.0.0.1, localhost, 127.0.0.0/29 …",
            translate("ScanForm", "Targets"),
            translate(
                "ScanForm",
                "Hosts to scan: addresses, networks in CIDR notation, ranges or host names",
            ),
        )
        self.ports, self._recent_ports = self._field(
            "ports",
            "top1000, 22,80,443, 1-1024, ssh,http …",
            translate("ScanForm", "Ports"),
            translate(
                "ScanForm",
                "Ports to knock on: numbers, ranges, service names, top100, top1000, all; "
                "T: or U: in front of ports picks TCP or UDP for them",
            ),
        )

        self.presets = QtWidgets.QComboBox(self)
        self.presets.setObjectName("portPresets")
        self.presets.setAccessibleName(translate("ScanForm", "Port presets"))
        self._fill_presets(ProtocolChoice.TCP)

        self.protocol = QtWidgets.QComboBox(self)
        self.protocol.setObjectName("protocolChoice")
        self.protocol.setAccessibleName(translate("ScanForm", "Protocol"))
        self.protocol.setAccessibleDescription(
            translate(
                "ScanForm", "How to knock on the ports without a T: or U: prefix: TCP, UDP, or both"
            )
        )
        self.protocol.setToolTip(
            translate(
                "ScanForm",
                "How to knock on the ports: TCP, UDP, or both on each port.\n"
                "T: or U: written in front of ports wins for those ports (22,U:53).",
            )
        )
        for choice in ProtocolChoice:
            self.protocol.addItem(translate("ScanForm", PROTOCOL_LABELS[choice]), choice)

        self.scan_button = QtWidgets.QPushButton(translate("ScanForm", "&Scan"), self)
        self.scan_button.setObjectName("scanButton")
        self.scan_button.setAccessibleName(translate("ScanForm", "Scan"))
        self.scan_button.setToolTip(translate("ScanForm", "Start scanning (Ctrl+Enter)"))
        self.scan_button.setDefault(True)
        self.stop_button = QtWidgets.QPushButton(translate("ScanForm", "S&top"), self)
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setAccessibleName(translate("ScanForm", "Stop"))
        self.stop_button.setToolTip(
            translate("ScanForm", "Stop scanning and keep what was found (Esc)")
        )
        # Scan and Stop share one place: swapping pages repaints just the button, where
        # hiding one and showing the other would lay out and repaint the whole window.
        self.scan_stop = QtWidgets.QStackedWidget(self)
        self.scan_stop.addWidget(self.scan_button)
        self.scan_stop.addWidget(self.stop_button)
        self.scan_stop.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed
        )
        self.pause_button = QtWidgets.QPushButton(translate("ScanForm", "&Pause"), self)
        self.pause_button.setObjectName("pauseButton")
        self.pause_button.setAccessibleName(translate("ScanForm", "Pause"))
        self.pause_button.setCheckable(True)
        self.pause_button.setEnabled(False)

        targets_label = QtWidgets.QLabel(translate("ScanForm", "&Targets:"), self)
        targets_label.setBuddy(self.targets.edit)
        ports_label = QtWidgets.QLabel(translate("ScanForm", "P&orts:"), self)
        ports_label.setBuddy(self.ports.edit)
        protocol_label = QtWidgets.QLabel(translate("ScanForm", "Proto&col:"), self)
        protocol_label.setBuddy(self.protocol)
        grid = QtWidgets.QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.addWidget(targets_label, 0, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.targets, 0, 1, 1, 4)
        grid.addWidget(ports_label, 1, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.ports, 1, 1)
        grid.addWidget(self.presets, 1, 2, QtCore.Qt.AlignmentFlag.AlignTop)
        grid.addWidget(protocol_label, 1, 3, QtCore.Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.protocol, 1, 4, QtCore.Qt.AlignmentFlag.AlignTop)
        buttons = QtWidgets.QVBoxLayout()
        buttons.addWidget(self.scan_stop)
        buttons.addWidget(self.pause_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 0, 5, 2, 1)
        grid.setColumnStretch(1, 1)

        self.targets.edit.textChanged.connect(self.revalidate)
        self.ports.edit.textChanged.connect(self._ports_edited)
        self.presets.activated.connect(self._preset_chosen)
        self.protocol.currentIndexChanged.connect(self._protocol_changed)
        self.scan_button.clicked.connect(self.request_scan)
        self.targets.edit.returnPressed.connect(self.request_scan)
        self.ports.edit.returnPressed.connect(self.request_scan)
        self.stop_button.clicked.connect(self.stop_requested)
        self.pause_button.toggled.connect(self._pause_toggled)
        self.setTabOrder(self.targets.edit, self.ports.edit)
        self.setTabOrder(self.ports.edit, self.presets)
        self.setTabOrder(self.presets, self.protocol)
        self.setTabOrder(self.protocol, self.scan_button)
        self.revalidate()

    # Fields.

    def _field(
        self, name: str, placeholder: str, accessible: str, description: str
    ) -> tuple[ValidatedField, QtCore.QStringListModel]:
        """A validated field named ``name`` and the model of its recent entries."""
        field = ValidatedField(name, placeholder, self)
        field.edit.setObjectName(f"{name}Edit")
        field.edit.setAccessibleName(accessible)
        field.edit.setAccessibleDescription(description)
        recent = QtCore.QStringListModel(self)
        RecentEntries(recent, field.edit)
        return field, recent

    def set_targets(self, text: str) -> None:
        self.targets.edit.setText(text)

    def set_ports(self, text: str) -> None:
        self.ports.edit.setText(text)

    def protocol_choice(self) -> ProtocolChoice:
        return self.protocol.currentData()

    def set_protocol_choice(self, choice: ProtocolChoice) -> None:
        self.protocol.setCurrentIndex(self.protocol.findData(choice))

    def set_recent(self, targets: list[str], ports: list[str]) -> None:
        self._recent_targets.setStringList(targets)
        self._recent_ports.setStringList(ports)

    @property
    def valid(self) -> bool:
        return self._valid

    @property
    def current_input(self) -> FormInput | None:
        return self._input

    def revalidate(self) -> None:
        targets_text = self.targets.edit.text()
        ports_text = self.ports.edit.text()
        targets = ports = None
        try:
            targets = parse_targets(targets_text)
            self.targets.show_error(None)
        except InputError as error:
            self.targets.show_error(error)
        choice = self.protocol_choice()
        try:
            ports = parse_ports_for(ports_text, choice)
            self.ports.show_error(None)
        except InputError as error:
            self.ports.show_error(error)
            ports = None
        if targets is not None and ports is not None:
            self._input = FormInput(
                targets, ports, targets_text.strip(), ports_text.strip(), choice
            )
        else:
            self._input = None
        valid = self._input is not None
        if valid != self._valid:
            self._valid = valid
            self.validity_changed.emit(valid)
        self._update_buttons()

    def _fill_presets(self, choice: ProtocolChoice) -> None:
        """The presets that hold for ``choice``: no Top 1000 when UDP is probed."""
        self.presets.blockSignals(True)
        self.presets.clear()
        for label, spec in PORT_PRESETS:
            if choice is ProtocolChoice.TCP or spec not in TCP_ONLY_PRESETS:
                self.presets.addItem(translate("ScanForm", label), spec)
        self.presets.addItem(translate("ScanForm", CUSTOM), None)
        self.presets.setItemData(
            0,
            translate("ScanForm", "The project's curated list of 100 TCP ports")
            if choice is ProtocolChoice.TCP
            else translate("ScanForm", "The project's curated lists of 100 ports (UDP's own)"),
            QtCore.Qt.ItemDataRole.ToolTipRole,
        )
        self.presets.blockSignals(False)
        self._select_preset(self.ports.edit.text())

    def _select_preset(self, text: str) -> None:
        index = self.presets.findData(text.strip().lower())
        self.presets.setCurrentIndex(index if index >= 0 else self.presets.count() - 1)

    def _protocol_changed(self) -> None:
        self._fill_presets(self.protocol_choice())
        self.revalidate()

    def _ports_edited(self, text: str) -> None:
        self._select_preset(text)
        self.revalidate()

    def _preset_chosen(self, index: int) -> None:
        spec = self.presets.itemData(index)
        if spec:
            self.ports.edit.setText(spec)
        else:
            self.ports.edit.setFocus()
            self.ports.edit.selectAll()

    # Buttons.

    def request_scan(self) -> None:
        if self._busy or self._input is None:
            return
        self.scan_requested.emit(self._input)

    def set_busy(self, busy: bool, *, stopping: bool = False) -> None:
        self._busy = busy
        self.scan_stop.setCurrentWidget(self.stop_button if busy else self.scan_button)
        self.stop_button.setEnabled(busy and not stopping)
        self.stop_button.setText(
            translate("ScanForm", "Stopping…") if stopping else translate("ScanForm", "S&top")
        )
        self.pause_button.setEnabled(busy and not stopping)
        if not busy:
            self.set_paused(False)
        for widget in (self.targets.edit, self.ports.edit, self.presets, self.protocol):
            widget.setEnabled(not busy)
        if busy:  # no list of recent entries left over the doors during the scan
            for edit in (self.targets.edit, self.ports.edit):
                edit.completer().hide_list()
        self._update_buttons()

    def set_paused(self, paused: bool) -> None:
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(paused)
        self.pause_button.blockSignals(False)
        self.pause_button.setText(
            translate("ScanForm", "&Resume") if paused else translate("ScanForm", "&Pause")
        )
        self.pause_button.setAccessibleName(
            translate("ScanForm", "Resume") if paused else translate("ScanForm", "Pause")
        )

    def _pause_toggled(self, paused: bool) -> None:
        self.set_paused(paused)
        self.pause_toggled.emit(paused)

    def _update_buttons(self) -> None:
        self.scan_button.setEnabled(self._valid and not self._busy)

    def focus_targets(self) -> None:
        self.targets.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.targets.edit.selectAll()
