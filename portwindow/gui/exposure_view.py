"""View → Exposure: after a scan from several vantage points (Scan settings → Engine),
door by door which doors are reachable from where (``scan/cluster/exposure.py``): a
table of each door's state from each point, the doors some points reach and others do
not first."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from .i18n import translate
from .qt import QtWidgets

if TYPE_CHECKING:
    from .mainwindow import MainWindow


def exposure_rows(exposure) -> list[list[str]]:
    """The table's rows: host, door, reachable from, then each point's state."""
    doors = sorted(
        exposure.doors(),
        key=lambda d: (
            not d.differs,
            ipaddress.ip_address(d.address).version,
            int(ipaddress.ip_address(d.address)),
            d.protocol.value,
            d.port,
        ),
    )
    return [
        [
            door.host if door.host == door.address else f"{door.host} ({door.address})",
            f"{door.port}/{door.protocol.value}",
            ", ".join(door.reachable_from(exposure.vantages)) or "nowhere",
            *("not reported" if s is None else s.value for s in door.states),
        ]
        for door in doors
    ]


class ExposureDialog(QtWidgets.QDialog):
    def __init__(self, exposure, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("ExposureDialog", "Exposure by vantage point"))
        self.setObjectName("exposureDialog")
        headers = ["Host", "Door", "Reachable from", *(f"From {v}" for v in exposure.vantages)]
        rows = exposure_rows(exposure)
        self.table = QtWidgets.QTableWidget(len(rows), len(headers), self)
        self.table.setObjectName("exposureTable")
        self.table.setAccessibleName(translate("ExposureDialog", "Exposure by vantage point"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QtWidgets.QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        differs = sum(door.differs for door in exposure.doors())
        summary = QtWidgets.QLabel(
            translate(
                "exposure_view", "%1 doors are open from some vantage points and not from others"
            ).replace("%1", f"{differs:,}"),
            self,
        )
        summary.setObjectName("exposureSummary")
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Close, parent=self
        )
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 420)


def show_exposure(window: MainWindow) -> ExposureDialog | None:
    """Show the last scan's exposure; say in the status bar when it has none."""
    session = window.controller.session
    exposure = session.exposure if session is not None else None
    if exposure is None:
        window.status.say(
            translate(
                "exposure_view",
                "No exposure to show: scan from two vantage points first (Scan settings → Engine)",
            ),
            5000,
        )
        return None
    dialog = ExposureDialog(exposure, window)
    dialog.show()
    return dialog
