"""The window's commands: one QAction each (with its shortcut and tip), and the menus and
the toolbar that show them. What an action does is a method of one of the window's
parts (the form, the views, the file actions, the history, the scans); the main window
enables and disables them as the scan's state changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from . import legend
from .exposure_view import show_exposure
from .i18n import QT_TRANSLATE_NOOP, translate
from .qt import QtCore, QtGui
from .xml_export import export_nmap_xml

if TYPE_CHECKING:
    from .mainwindow import MainWindow

_Key = QtGui.QKeySequence


class WindowActions:
    """Every action of ``window``, added to it (so the shortcuts work anywhere in it)."""

    scan: QtGui.QAction
    stop: QtGui.QAction
    pause: QtGui.QAction
    export_csv: QtGui.QAction
    export_visible: QtGui.QAction
    open_report: QtGui.QAction
    copy: QtGui.QAction
    settings: QtGui.QAction
    quit: QtGui.QAction
    show_doors: QtGui.QAction
    show_table: QtGui.QAction
    zoom_in: QtGui.QAction
    zoom_out: QtGui.QAction
    find: QtGui.QAction
    about: QtGui.QAction
    legend: QtGui.QAction
    shortcuts: QtGui.QAction
    expected: QtGui.QAction
    export_report: QtGui.QAction
    compare_previous: QtGui.QAction
    export_xml: QtGui.QAction
    exposure: QtGui.QAction

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        spawn = window.spawn
        form, views, files = window.form, window.views, window.files
        history, controller = window.history_controller, window.controller
        zoom = views.zoom
        key, standard = _Key, _Key.StandardKey
        # attribute: text, object name, shortcut, what it does, tip
        table: dict[str, tuple] = {
            "scan": (
                QT_TRANSLATE_NOOP("WindowActions", "&Scan"),
                "scanAction",
                [key("Ctrl+Return"), key("Ctrl+Enter")],
                form.request_scan,
                QT_TRANSLATE_NOOP("WindowActions", "Start scanning"),
            ),
            "stop": (
                QT_TRANSLATE_NOOP("WindowActions", "S&top"),
                "stopAction",
                key("Esc"),
                controller.stop,
                QT_TRANSLATE_NOOP("WindowActions", "Stop and keep the results"),
            ),
            "pause": (
                QT_TRANSLATE_NOOP("WindowActions", "&Pause"),
                "pauseAction",
                key("Ctrl+P"),
                None,
                "",
            ),
            "export_csv": (
                QT_TRANSLATE_NOOP("WindowActions", "&Export CSV…"),
                "exportCsvAction",
                key("Ctrl+E"),
                lambda: spawn(files.export_csv(visible_only=False)),
                QT_TRANSLATE_NOOP("WindowActions", "Export every result as CSV"),
            ),
            "export_visible": (
                QT_TRANSLATE_NOOP("WindowActions", "Export &shown as CSV…"),
                "exportVisibleAction",
                key("Ctrl+Shift+E"),
                lambda: spawn(files.export_csv(visible_only=True)),
                QT_TRANSLATE_NOOP("WindowActions", "Export only what the filter shows"),
            ),
            "open_report": (
                QT_TRANSLATE_NOOP("WindowActions", "&Open report…"),
                "openReportAction",
                standard.Open,
                lambda: spawn(files.open_report_dialog()),
                QT_TRANSLATE_NOOP("WindowActions", "Open a saved CSV or JSON report"),
            ),
            "copy": (
                QT_TRANSLATE_NOOP("WindowActions", "&Copy"),
                "copyAction",
                standard.Copy,
                files.copy_selection,
                QT_TRANSLATE_NOOP("WindowActions", "Copy the selected results"),
            ),
            "settings": (
                QT_TRANSLATE_NOOP("WindowActions", "Scan se&ttings…"),
                "settingsAction",
                key("Ctrl+,"),
                lambda: spawn(window.edit_settings()),
                "",
            ),
            "quit": (
                QT_TRANSLATE_NOOP("WindowActions", "&Quit"),
                "quitAction",
                standard.Quit,
                window.close,
                "",
            ),
            "show_doors": (
                QT_TRANSLATE_NOOP("WindowActions", "&Doors"),
                "showDoorsAction",
                key("Ctrl+1"),
                lambda: views.show_view(0),
                "",
            ),
            "show_table": (
                QT_TRANSLATE_NOOP("WindowActions", "&Table"),
                "showTableAction",
                key("Ctrl+2"),
                lambda: views.show_view(1),
                "",
            ),
            "zoom_in": (
                QT_TRANSLATE_NOOP("WindowActions", "Zoom &in"),
                "zoomInAction",
                standard.ZoomIn,
                lambda: zoom.setValue(zoom.value() + 8),
                "",
            ),
            "zoom_out": (
                QT_TRANSLATE_NOOP("WindowActions", "Zoom &out"),
                "zoomOutAction",
                standard.ZoomOut,
                lambda: zoom.setValue(zoom.value() - 8),
                "",
            ),
            "find": (
                QT_TRANSLATE_NOOP("WindowActions", "&Find"),
                "findAction",
                standard.Find,
                views.focus_search,
                "",
            ),
            "about": (
                QT_TRANSLATE_NOOP("WindowActions", "&About portwindow"),
                "aboutAction",
                None,
                window.about,
                "",
            ),
            "legend": (
                QT_TRANSLATE_NOOP("WindowActions", "&Legend"),
                "legendAction",
                key("F1"),
                lambda: legend.show_legend(window),
                QT_TRANSLATE_NOOP(
                    "WindowActions",
                    "What the door pictures, rings, badges, states and reasons mean",
                ),
            ),
            "shortcuts": (
                QT_TRANSLATE_NOOP("WindowActions", "&Keyboard shortcuts"),
                "shortcutsAction",
                key("Ctrl+F1"),
                lambda: legend.show_shortcuts(window),
                QT_TRANSLATE_NOOP("WindowActions", "Every key of the window"),
            ),
            "expected": (
                QT_TRANSLATE_NOOP("WindowActions", "E&xpected doors…"),
                "expectedAction",
                None,
                lambda: spawn(history.edit_expected()),
                QT_TRANSLATE_NOOP(
                    "WindowActions", "Which doors are meant to be open on which targets"
                ),
            ),
            "export_report": (
                QT_TRANSLATE_NOOP("WindowActions", "Export &report…"),
                "exportReportAction",
                key("Ctrl+Shift+R"),
                lambda: spawn(files.export_report()),
                QT_TRANSLATE_NOOP("WindowActions", "Export a printable report (PDF or HTML)"),
            ),
            "compare_previous": (
                QT_TRANSLATE_NOOP("WindowActions", "Compare with &previous scan"),
                "comparePreviousAction",
                None,
                lambda: spawn(window.compare_with_previous()),
                QT_TRANSLATE_NOOP(
                    "WindowActions",
                    "What changed since the scan of these targets before the last one",
                ),
            ),
            "export_xml": (
                QT_TRANSLATE_NOOP("WindowActions", "Export as &nmap XML…"),
                "exportXmlAction",
                None,
                lambda: spawn(export_nmap_xml(window)),
                QT_TRANSLATE_NOOP(
                    "WindowActions", "Export every result as nmap's XML (for ndiff, Zenmap …)"
                ),
            ),
            "exposure": (
                QT_TRANSLATE_NOOP("WindowActions", "E&xposure by vantage point"),
                "exposureAction",
                None,
                lambda: show_exposure(window),
                QT_TRANSLATE_NOOP(
                    "WindowActions", "Which doors are reachable from which vantage point"
                ),
            ),
        }
        for attribute, spec in table.items():
            setattr(self, attribute, self._action(*spec))
        self.pause.setCheckable(True)
        self.pause.toggled.connect(form.pause_button.setChecked)
        self.history = window.history_dock.toggleViewAction()
        self.history.setObjectName("historyAction")
        self.history.setShortcut(_Key("Ctrl+H"))
        self._menus()
        self._toolbar()

    def _action(
        self,
        text: str,
        name: str,
        shortcut: _Key | _Key.StandardKey | list[_Key] | None = None,
        slot: Callable[[], object] | None = None,
        tip: str = "",
    ) -> QtGui.QAction:
        action = QtGui.QAction(translate("WindowActions", text), self._window)
        action.setObjectName(name)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        if tip:
            tip = translate("WindowActions", tip)
            action.setStatusTip(tip)
            action.setToolTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        self._window.addAction(action)
        return action

    def _menus(self) -> None:
        menus = (
            (
                translate("WindowActions", "&File"),
                (
                    self.open_report,
                    self.export_csv,
                    self.export_visible,
                    self.export_report,
                    self.export_xml,
                    None,
                    self.quit,
                ),
            ),
            (
                translate("WindowActions", "&Edit"),
                (self.copy, self.find, None, self.settings, self.expected),
            ),
            (
                translate("WindowActions", "&View"),
                (
                    self.show_doors,
                    self.show_table,
                    self.history,
                    self.exposure,
                    None,
                    self.zoom_in,
                    self.zoom_out,
                ),
            ),
            (
                translate("WindowActions", "&Scan"),
                (self.scan, self.pause, self.stop, None, self.compare_previous),
            ),
            (translate("WindowActions", "&Help"), (self.legend, self.shortcuts, None, self.about)),
        )
        bar = self._window.menuBar()
        for title, actions in menus:
            menu = bar.addMenu(title)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)

    def _toolbar(self) -> None:
        toolbar = self._window.addToolBar(translate("WindowActions", "Main"))
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (self.open_report, self.export_csv, self.copy, None, self.settings):
            if action is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(action)
