"""The Settings dialog: how the scan knocks (a timing preset; timeout, retries,
concurrency, rate, which left at their defaults follow the preset), whether it reads
what open doors say (banners), which engine runs it (this machine, or a Dask cluster:
``engine_box.py``), and the window's language (gui/i18n.py)."""

from __future__ import annotations

from dataclasses import dataclass

from . import i18n
from . import settings as opt
from .engine_box import EngineBox
from .i18n import QT_TRANSLATE_NOOP, translate
from .qt import QtWidgets
from .settings import Settings

TIMING_NAMES = ("paranoid", "polite", "normal", "aggressive")
TIMING_LABELS = {
    "paranoid": QT_TRANSLATE_NOOP("SettingsDialog", "Paranoid"),
    "polite": QT_TRANSLATE_NOOP("SettingsDialog", "Polite"),
    "normal": QT_TRANSLATE_NOOP("SettingsDialog", "Normal"),
    "aggressive": QT_TRANSLATE_NOOP("SettingsDialog", "Aggressive"),
}


@dataclass(frozen=True)
class ScanSettings:
    timeout: float
    retries: int
    concurrency: int  # 0: automatic, sized from the descriptor limit
    rate: float  # 0: no limit
    grab_banners: bool = True
    timing: str = "normal"  # paranoid, polite, normal, aggressive
    discovery: bool = True  # scan only the hosts that answer discovery
    language: str = ""  # gui/i18n.py: "" follows the system
    engine: str = "local"  # local, or cluster (a Dask scheduler's)
    cluster_address: str = opt.CLUSTER_ADDRESS.default
    vantages: str = ""  # comma-separated vantage points; "": any worker

    @classmethod
    def load(cls, settings: Settings) -> ScanSettings:
        return cls(
            timeout=settings.get(opt.TIMEOUT),
            retries=settings.get(opt.RETRIES),
            concurrency=settings.get(opt.CONCURRENCY),
            rate=settings.get(opt.RATE),
            grab_banners=settings.get(opt.GRAB_BANNERS),
            timing=settings.get(opt.TIMING),
            discovery=settings.get(opt.DISCOVERY),
            language=settings.get(opt.LANGUAGE),
            engine=settings.get(opt.ENGINE),
            cluster_address=settings.get(opt.CLUSTER_ADDRESS),
            vantages=settings.get(opt.VANTAGES),
        )

    def save(self, settings: Settings) -> None:
        settings.set(opt.TIMEOUT, self.timeout)
        settings.set(opt.RETRIES, self.retries)
        settings.set(opt.CONCURRENCY, self.concurrency)
        settings.set(opt.RATE, self.rate)
        settings.set(opt.GRAB_BANNERS, self.grab_banners)
        settings.set(opt.TIMING, self.timing)
        settings.set(opt.DISCOVERY, self.discovery)
        settings.set(opt.LANGUAGE, self.language)
        settings.set(opt.ENGINE, self.engine)
        settings.set(opt.CLUSTER_ADDRESS, self.cluster_address)
        settings.set(opt.VANTAGES, self.vantages)


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, current: ScanSettings, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsDialog", "Scan settings"))
        self.setObjectName("settingsDialog")

        self.timing = QtWidgets.QComboBox(self)
        self.timing.setObjectName("timingCombo")
        for name in TIMING_NAMES:
            self.timing.addItem(translate("SettingsDialog", TIMING_LABELS[name]), name)
        self.timing.setCurrentIndex(max(0, self.timing.findData(current.timing)))
        self.timing.setAccessibleName(translate("SettingsDialog", "Timing"))
        self.timing.setToolTip(
            translate(
                "SettingsDialog",
                "How hard the scan knocks. Normal learns the path and is exact; paranoid and "
                "polite go slowly; aggressive waits less and retries once. The settings below "
                "left at their defaults follow it.",
            )
        )

        self.timeout = self._spin_box(
            QtWidgets.QDoubleSpinBox(self),
            "timeoutSpin",
            (0.05, 60.0),
            current.timeout,
            translate("SettingsDialog", "Timeout in seconds"),
            translate(
                "SettingsDialog",
                "The longest wait for an answer. The wait adapts to measured round-trip times "
                "below this.",
            ),
            decimals=2,
            step=0.25,
            suffix=translate("SettingsDialog", " s"),
        )
        self.retries = self._spin_box(
            QtWidgets.QSpinBox(self),
            "retriesSpin",
            (0, 20),
            current.retries,
            translate("SettingsDialog", "Retries"),
            translate("SettingsDialog", "How often to knock again on a door that gave no answer."),
        )
        self.concurrency = self._spin_box(
            QtWidgets.QSpinBox(self),
            "concurrencySpin",
            (0, 65_535),
            current.concurrency,
            translate("SettingsDialog", "Connections in flight"),
            translate(
                "SettingsDialog", "Connections waiting for an answer at once (0: automatic)."
            ),
            special=translate("SettingsDialog", "Automatic"),
        )
        self.rate = self._spin_box(
            QtWidgets.QDoubleSpinBox(self), "rateSpin", (0, 10_000_000), current.rate,
            translate("SettingsDialog", "Rate limit in probes per second"), "",
            decimals=0, step=100, suffix=translate("SettingsDialog", " probes/s"),
            special=translate("SettingsDialog", "No limit"),
        )  # fmt: skip

        self.banners = self._check_box(
            translate("SettingsDialog", "Read &banners of open TCP doors"), "bannersCheck",
            current.grab_banners,
            translate("SettingsDialog", "Connect again to each open TCP door and read what "
                      "the program says first (its banner), to tell which program answers."),
        )  # fmt: skip
        self.discovery = self._check_box(
            translate("SettingsDialog", "Find which &hosts are there first"), "discoveryCheck",
            current.discovery,
            translate("SettingsDialog", "Before probing ports, ask every address whether it "
                      "is there (TCP, UDP, ICMP echo, ARP) and probe only the hosts that "
                      "answer. A single target is always probed. Off: every address is probed "
                      "(nmap's -Pn)."),
        )  # fmt: skip

        self.language = QtWidgets.QComboBox(self)
        self.language.setObjectName("languageCombo")
        self.language.setAccessibleName(translate("SettingsDialog", "Language"))
        self.language.addItem(translate("SettingsDialog", "As the system"), i18n.SYSTEM)
        for code, name in i18n.LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.language)))
        self.language.setToolTip(
            translate("SettingsDialog", "The window's language, from the next start")
        )

        form = QtWidgets.QFormLayout()
        form.addRow(translate("SettingsDialog", "T&iming:"), self.timing)
        form.addRow(translate("SettingsDialog", "&Timeout:"), self.timeout)
        form.addRow(translate("SettingsDialog", "&Retries:"), self.retries)
        form.addRow(translate("SettingsDialog", "&Connections in flight:"), self.concurrency)
        form.addRow(translate("SettingsDialog", "Rate &limit:"), self.rate)
        form.addRow(self.banners)
        form.addRow(self.discovery)
        form.addRow(translate("SettingsDialog", "L&anguage:"), self.language)
        self.engine = EngineBox(current.engine, current.cluster_address, current.vantages, self)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
            | QtWidgets.QDialogButtonBox.StandardButton.RestoreDefaults,
            parent=self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.engine)
        layout.addWidget(buttons)

    @staticmethod
    def _spin_box(
        box: QtWidgets.QSpinBox | QtWidgets.QDoubleSpinBox,
        name: str,
        limits: tuple[float, float],
        value: float,
        accessible: str,
        tip: str,
        *,
        decimals: int | None = None,
        step: float | None = None,
        suffix: str = "",
        special: str = "",
    ):
        box.setObjectName(name)
        box.setRange(*limits)
        if decimals is not None:
            box.setDecimals(decimals)
        if step is not None:
            box.setSingleStep(step)
        if suffix:
            box.setSuffix(suffix)
        if special:
            box.setSpecialValueText(special)  # shown for the lowest value
        box.setValue(value)
        box.setAccessibleName(accessible)
        if tip:
            box.setToolTip(tip)
        return box

    def _check_box(self, text: str, name: str, checked: bool, tip: str) -> QtWidgets.QCheckBox:
        box = QtWidgets.QCheckBox(text, self)
        box.setObjectName(name)
        box.setChecked(checked)
        box.setAccessibleName(text.replace("&", ""))
        box.setToolTip(tip)
        return box

    def restore_defaults(self) -> None:
        self.timing.setCurrentIndex(self.timing.findData(opt.TIMING.default))
        self.timeout.setValue(opt.TIMEOUT.default)
        self.retries.setValue(opt.RETRIES.default)
        self.concurrency.setValue(opt.CONCURRENCY.default)
        self.rate.setValue(opt.RATE.default)
        self.banners.setChecked(opt.GRAB_BANNERS.default)
        self.discovery.setChecked(opt.DISCOVERY.default)
        self.language.setCurrentIndex(self.language.findData(opt.LANGUAGE.default))
        self.engine.restore_defaults()

    def accept(self) -> None:
        """Keep the values, unless the cluster's address or vantage points are wrong:
        the box then says which and why, and the dialog stays."""
        if self.engine.check():
            super().accept()

    def values(self) -> ScanSettings:
        return ScanSettings(
            timeout=self.timeout.value(),
            retries=self.retries.value(),
            concurrency=self.concurrency.value(),
            rate=self.rate.value(),
            grab_banners=self.banners.isChecked(),
            timing=self.timing.currentData(),
            discovery=self.discovery.isChecked(),
            language=self.language.currentData(),
            **self.engine.values(),
        )
