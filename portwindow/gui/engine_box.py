"""Scan settings → Engine: where the window's scans run. On this machine (local), or on
a Dask cluster (``pip install portwindow[cluster]``): the scheduler's address, and the
vantage points to scan from (workers started with ``--resources vantage-NAME=1``;
empty: any worker). A wrong address or name is said under the fields, in words."""

from __future__ import annotations

from portwindow.engine import ClusterSettings, InputError, check_cluster_address, parse_vantages

from . import settings as opt
from .i18n import translate
from .qt import QtWidgets

ENGINES = (("local", "This machine"), ("cluster", "A Dask cluster"))


class EngineBox(QtWidgets.QGroupBox):
    def __init__(
        self, engine: str, address: str, vantages: str, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__("&Engine", parent)
        self.setObjectName("engineBox")
        self.choice = QtWidgets.QComboBox(self)
        self.choice.setObjectName("engineCombo")
        self.choice.setAccessibleName(translate("EngineBox", "Engine"))
        for value, text in ENGINES:
            self.choice.addItem(text, value)
        self.choice.setToolTip(
            translate(
                "EngineBox",
                "Where the scans run: this machine, or the workers of a Dask cluster (each "
                "runs portwindow's own engine on its share of the doors)",
            )
        )
        self.address = QtWidgets.QLineEdit(address, self)
        self.address.setObjectName("clusterAddressEdit")
        self.address.setAccessibleName(translate("EngineBox", "Cluster scheduler address"))
        self.address.setPlaceholderText(translate("EngineBox", "tcp://scheduler:8786"))
        self.vantages = QtWidgets.QLineEdit(vantages, self)
        self.vantages.setObjectName("vantagesEdit")
        self.vantages.setAccessibleName(translate("EngineBox", "Vantage points"))
        self.vantages.setPlaceholderText(translate("EngineBox", "any worker (or lan,wan)"))
        self.vantages.setToolTip(
            translate(
                "EngineBox",
                "Scan the same targets from each of these vantage points (workers started with "
                "--resources vantage-NAME=1), and see which doors are reachable from where",
            )
        )
        self.problem = QtWidgets.QLabel("", self)
        self.problem.setObjectName("engineProblem")
        self.problem.setWordWrap(True)
        form = QtWidgets.QFormLayout(self)
        form.addRow(translate("EngineBox", "&Run on:"), self.choice)
        form.addRow(translate("EngineBox", "&Scheduler:"), self.address)
        form.addRow(translate("EngineBox", "&Vantage points:"), self.vantages)
        form.addRow(self.problem)
        self.choice.currentIndexChanged.connect(self._follow)
        self.choice.setCurrentIndex(max(0, self.choice.findData(engine)))
        self._follow()

    def _follow(self) -> None:
        cluster = self.choice.currentData() == "cluster"
        self.address.setEnabled(cluster)
        self.vantages.setEnabled(cluster)
        self.problem.setText("")

    def check(self) -> bool:
        """True when the values can be kept; otherwise the problem is shown."""
        if self.choice.currentData() != "cluster":
            return True
        try:
            check_cluster_address(self.address.text())
            if self.vantages.text().strip():
                parse_vantages(self.vantages.text())
        except InputError as exc:
            self.problem.setText(str(exc))
            return False
        self.problem.setText("")
        return True

    def restore_defaults(self) -> None:
        self.choice.setCurrentIndex(self.choice.findData(opt.ENGINE.default))
        self.address.setText(opt.CLUSTER_ADDRESS.default)
        self.vantages.setText(opt.VANTAGES.default)

    def values(self) -> dict:
        return {
            "engine": self.choice.currentData(),
            "cluster_address": self.address.text().strip(),
            "vantages": self.vantages.text().strip(),
        }


def cluster_of(engine: str, address: str, vantages: str) -> ClusterSettings | None:
    """The cluster the settings name, None for this machine (or settings gone wrong:
    the dialog keeps none, a hand-edited file may, and the scan then runs here)."""
    if engine != "cluster":
        return None
    try:
        names = parse_vantages(vantages) if vantages.strip() else ()
        return ClusterSettings(check_cluster_address(address), names)
    except InputError:
        return None
