"""The host list as a widget above the doors: a filter, the toggle that shows the hosts
that did not answer (greyed), the table, and a line that counts them. Choosing a host
says so (``host_chosen``, its address): the window then shows that host's doors.
"""

from __future__ import annotations

from portwindow.gui.doors.model import DoorModel
from portwindow.gui.hosts.model import HostColumn, HostListModel, HostRole
from portwindow.gui.hosts.proxy import HostFilter
from portwindow.gui.qt import Qt, QtCore, QtWidgets, Signal

from ..i18n import translate
from ..plurals import PLURALS

WIDTHS = {
    HostColumn.STATE: 70,
    HostColumn.NAME: 160,
    HostColumn.ADDRESS: 120,
    HostColumn.MAC: 250,
    HostColumn.DOORS: 220,
    HostColumn.COUNTS: 150,
}


class HostList(QtWidgets.QWidget):
    """One row per host of the doors shown (and the hosts discovery found)."""

    host_chosen = Signal(str)

    def __init__(self, doors: DoorModel, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostList")
        self.model = HostListModel(doors, self)
        self.proxy = HostFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QtWidgets.QLineEdit(self)
        self.filter_edit.setObjectName("hostFilter")
        self.filter_edit.setPlaceholderText(
            translate("HostList", "Filter hosts by name, address, MAC, vendor or door…")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(translate("HostList", "Filter hosts"))
        self.show_down = QtWidgets.QCheckBox(
            translate("HostList", "Show hosts that did not answer (greyed)"), self
        )
        self.show_down.setObjectName("showDownHosts")
        self.count_label = QtWidgets.QLabel(self)
        self.count_label.setObjectName("hostCount")
        self.table = QtWidgets.QTableView(self)
        self.table.setObjectName("hostTable")
        self.table.setAccessibleName(translate("HostList", "Hosts"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in WIDTHS.items():
            header.resizeSection(column, width)
        bar = QtWidgets.QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.show_down)
        bar.addWidget(self.count_label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.filter_edit.textChanged.connect(self.proxy.set_text)
        self.show_down.toggled.connect(self.proxy.set_show_down)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
            self.model.dataChanged,
        ):
            signal.connect(self._count)
        self._count()

    def address_at(self, index: QtCore.QModelIndex) -> str | None:
        return index.data(HostRole.ADDRESS) if index.isValid() else None

    def current_address(self) -> str | None:
        return self.address_at(self.table.currentIndex())

    def choose(self, address: str) -> bool:
        """Make ``address`` the chosen host (False when it is not shown)."""
        row = self.model.row_of(address)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        return True

    def _chosen(self, current: QtCore.QModelIndex, _previous=None) -> None:
        address = self.address_at(current)
        if address is not None:
            self.host_chosen.emit(address)

    def _count(self, *_args) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        hidden = self.proxy.hidden_down()
        text = PLURALS.hosts_shown(shown, total) if shown != total else PLURALS.hosts(total)
        if hidden:
            text += translate("HostList", " (%1 that did not answer hidden)").replace(
                "%1", f"{hidden:,}"
            )
        self.count_label.setText(text)
