"""How many doors the filter and the search show: "9 of 65,535 shown" beside the search
box, and "nothing matches 8000-9000" where the doors would be (``view_notice.py``). The
words are the engine's (``engine/present/search.py``); they follow the filter at once
and the scan's batches at most every :data:`REFRESH_MS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from portwindow.engine import shown_text

from .i18n import translate
from .qt import QtCore, QtWidgets
from .view_notice import ViewNotice

if TYPE_CHECKING:
    from .views import ResultViews

REFRESH_MS = 250


class SearchStatus(QtCore.QObject):
    """The count beside the search box and the notices in the two views."""

    def __init__(self, views: ResultViews) -> None:
        super().__init__(views)
        self._views = views
        self.label = QtWidgets.QLabel(views.bar)
        self.label.setObjectName("searchCountLabel")
        self.label.setAccessibleName(translate("SearchStatus", "Doors shown"))
        bar = views.bar.layout()
        bar.insertWidget(bar.indexOf(views.search_edit) + 1, self.label)
        self.door_notice = ViewNotice(views.door_view, "doorNotice")
        self.table_notice = ViewNotice(views.results_table, "tableNotice")
        self._other = ""  # a notice that is not about the search (see say)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        views.search_edit.textChanged.connect(self.refresh)
        views.state_filter.currentIndexChanged.connect(self.refresh)
        views.view_switch.currentChanged.connect(self.refresh)
        for model in (views.door_model, views.results_model):
            for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
                signal.connect(self.refresh_soon)
        views.door_model.doorsChanged.connect(self.refresh_soon)

    def refresh_soon(self, *_args: object) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def say(self, text: str) -> None:
        """A notice in the views about something else than the search (why nothing was
        scanned); "" takes it away."""
        self._other = text
        self.refresh()

    def counts(self) -> tuple[int, int]:
        """(shown, total) in the view shown: doors, or the table's rows."""
        views = self._views
        if views.table_shown():
            model = views.results_model
            return model.rowCount(), len(views.results)
        model = views.door_model
        return views.door_view.shown_door_count(), model.door_count() * model.host_count()

    def refresh(self, *_args: object) -> None:
        views = self._views
        shown, total = self.counts()
        query = views.search_edit.text().strip()
        filtered = views.state_filter.currentIndex() > 0
        text = shown_text(shown, total, query, filtered)
        self.label.setText(text)
        notice = text if text.startswith("nothing") else ""
        if not notice and filtered and total and not shown:
            notice = f"no door is {views.state_filter.currentText().lower()}"
        notice = notice or self._other
        door_notice, table_notice = (notice, "") if not views.table_shown() else ("", notice)
        self.door_notice.say(door_notice)
        self.table_notice.say(table_notice)
