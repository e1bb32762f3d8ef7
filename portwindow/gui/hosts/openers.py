"""Right-click a door (in the doors or the table) or a host (in the host list): a menu of
what fits it, from the engine's openers (``present/openers.py``): the browser for http and
https, ssh, telnet, an RDP or VNC client, copying ``host:port``, an ssh command or a URL.
Only open doors offer any; a host offers the openers of each of its open doors. The
person's own openers (Edit > Openers…, ``opener_table.py``) replace the defaults.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from typing import TYPE_CHECKING

from portwindow.engine import InputError, PortResult, PortState, openers
from portwindow.engine import door_texts as texts

from .. import dialogs
from ..doors.model import DoorRole
from ..i18n import translate
from ..qt import Qt, QtCore, QtGui, QtWidgets
from ..results_model import ResultRole
from . import opener_table
from .launch import Launcher
from .opener_dialog import OpenerDialog

if TYPE_CHECKING:
    from ..mainwindow import MainWindow


class Openers(QtCore.QObject):
    """The window's openers: the context menus of doors and hosts, and their settings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._views = window.views
        self._settings = window.settings
        self.say: Callable[[str], None] = lambda text: window.status.say(text, 5000)
        self.launcher = Launcher()
        self.last_menu: QtWidgets.QMenu | None = None
        views = self._views
        for widget, handler in (
            (views.door_view, self._door_view_menu),
            (views.results_table, self._table_menu),
            (views.host_list.table, self._host_list_menu),
        ):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(handler)
        self.edit_action = QtGui.QAction(translate("Openers", "&Openers…"), window)
        self.edit_action.setObjectName("openersAction")
        self.edit_action.setStatusTip(
            translate("Openers", "How a door is opened: the browser, ssh, RDP, VNC…")
        )
        self.edit_action.triggered.connect(lambda: window.spawn(self.edit()))
        self._add_to_menu(window)

    def _add_to_menu(self, window: MainWindow) -> None:
        settings_action = window.window_actions.settings
        for top in window.menuBar().actions():
            menu = top.menu()
            if menu is not None and settings_action in menu.actions():
                actions = menu.actions()
                after = actions.index(settings_action) + 1
                before = actions[after] if after < len(actions) else None
                menu.insertAction(before, self.edit_action)
                return

    # What a door offers.

    def service_of(self, result: PortResult) -> str:
        """The service a door speaks: what its banner said, else IANA's name for it."""
        model = self._views.door_model
        index = model.door_index(result.address, result.protocol, result.port)
        reading = index.data(DoorRole.IDENTIFICATION) if index.isValid() else None
        identified = reading.identification if reading is not None else None
        if identified is not None and identified.service:
            return identified.service
        return model.service(result.protocol, result.port).name

    def actions_for(self, result: PortResult | None) -> list[openers.Action]:
        """What a door offers, made concrete (none unless it is open)."""
        if result is None or result.state is not PortState.OPEN:
            return []
        service = self.service_of(result)
        custom = opener_table.load(self._settings)
        found = []
        for opener in openers.openers_for(result, service, custom):
            try:
                found.append(openers.expand(opener, result.address, result.port, service))
            except InputError:
                continue  # an address that could be read as an option: never offered
        return found

    def door_menu(self, result: PortResult | None) -> QtWidgets.QMenu:
        menu = self._menu()
        self._fill(menu, self.actions_for(result))
        if menu.isEmpty():
            empty = menu.addAction("Nothing to open: the door is not open")
            empty.setEnabled(False)
        return menu

    def host_menu(self, address: str) -> QtWidgets.QMenu:
        """A submenu per open door of the host, and its address to copy."""
        menu = self._menu()
        results = self._views.results
        host_row = results.host_row(address)
        open_results = [
            result
            for result in (results.host_results(host_row) if host_row >= 0 else ())
            if result.state is PortState.OPEN
        ]
        for result in open_results:
            actions = self.actions_for(result)
            if actions:
                door = f"{result.port}/{result.protocol.value}"
                service = self.service_of(result)
                sub = menu.addMenu(f"{door} {texts.printable(service)}".strip())
                self._fill(sub, actions)
        if open_results:
            menu.addSeparator()
        copy = openers.Action("Copy the address", openers.OpenerKind.COPY, address)
        self._fill(menu, [copy])
        return menu

    def _menu(self) -> QtWidgets.QMenu:
        if self.last_menu is not None:
            self.last_menu.deleteLater()
        menu = QtWidgets.QMenu(self._window)
        menu.setObjectName("openerMenu")
        self.last_menu = menu
        return menu

    def _fill(self, menu: QtWidgets.QMenu, actions: list[openers.Action]) -> None:
        for action in actions:
            item = menu.addAction(action.label)
            item.setToolTip(action.text)
            item.setStatusTip(action.text)
            item.setData(action)
            item.triggered.connect(lambda _checked=False, a=action: self.run(a))
        menu.setToolTipsVisible(True)

    def run(self, action: openers.Action) -> str:
        message = self.launcher.run(action)
        self.say(message)
        return message

    # The context menus.

    def _popup(self, menu: QtWidgets.QMenu, widget: QtWidgets.QWidget, pos: QtCore.QPoint):
        menu.popup(widget.mapToGlobal(pos))

    def _door_view_menu(self, pos: QtCore.QPoint) -> None:
        view = self._views.door_view
        index = view.indexAt(pos)
        if not index.isValid():
            index = self._band_at(pos)
        if not index.isValid():
            return
        if index.parent().isValid():
            menu = self.door_menu(index.data(DoorRole.RESULT))
        else:
            menu = self.host_menu(index.data(DoorRole.ADDRESS))
        self._popup(menu, view.viewport(), pos)

    def _band_at(self, pos: QtCore.QPoint) -> QtCore.QModelIndex:
        """The host whose band (its header in the door view) is at ``pos``."""
        view, model = self._views.door_view, self._views.door_model
        top_of = lambda row: view.visualRect(model.index(row, 0)).top()  # noqa: E731
        row = bisect.bisect_right(range(model.host_count()), pos.y(), key=top_of) - 1
        if row >= 0 and view.visualRect(model.index(row, 0)).contains(pos):
            return model.index(row, 0)
        return QtCore.QModelIndex()

    def _table_menu(self, pos: QtCore.QPoint) -> None:
        table = self._views.results_table
        index = table.indexAt(pos)
        if index.isValid():
            self._popup(self.door_menu(index.data(ResultRole.RESULT)), table.viewport(), pos)

    def _host_list_menu(self, pos: QtCore.QPoint) -> None:
        hosts = self._views.host_list
        address = hosts.address_at(hosts.table.indexAt(pos))
        if address is not None:
            self._popup(self.host_menu(address), hosts.table.viewport(), pos)

    # Settings.

    async def edit(self) -> bool:
        dialog = OpenerDialog(opener_table.rows_of(self._settings), self._window)
        accepted = await dialogs.await_dialog(dialog) == QtWidgets.QDialog.DialogCode.Accepted
        if accepted:
            opener_table.save(self._settings, dialog.rows())
        dialog.deleteLater()
        return accepted
