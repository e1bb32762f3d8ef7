"""Every heading the window's tables and forms show is marked for translation."""

from portwindow.engine.present.table import HEADERS
from portwindow.gui import compare_view, details, history_panel, views, watches
from portwindow.gui.headings import HEADINGS, heading
from portwindow.gui.hosts import model as hosts_model


def test_every_heading_shown_is_listed():
    shown = [
        *HEADERS.values(),
        *compare_view._HEADERS,
        *watches._HEADERS,
        *history_panel._HEADERS.values(),
        *details._CAPTIONS.values(),
        *details._CLASS_RANGES.values(),
        *(label for label, _states in views.STATE_FILTERS),
        *hosts_model.HEADERS.values(),
    ]
    assert set(shown) <= set(HEADINGS)


def test_a_heading_in_english_is_itself(qapp):
    assert heading("Finding") == "Finding"
