"""The Doors view's scrollbar marks where the open doors and the findings are."""

from portwindow.gui.doors.marks import MarkedScrollBar, MarkKind
from tests.unit.gui.finding_scans import TCP, reopen, spread


def test_the_scrollbar_marks_open_doors_and_findings(window, history, qloop, qtbot):
    history.set_expected("127.0.0.1", [(TCP, 1500)])
    reopen(window, history, qloop, spread({22, 2999}, last=3000))
    bar = window.views.door_view.verticalScrollBar()
    assert isinstance(bar, MarkedScrollBar)
    assert bar.maximum() > 0
    bar.invalidate()
    marks = bar.marks()
    opened = sorted(f for f, kind in marks if kind is MarkKind.OPEN)
    found = sorted(f for f, kind in marks if kind is MarkKind.FINDING)
    assert len(opened) == 2
    assert opened[0] < 0.05  # 22 near the top
    assert opened[1] > 0.9  # 2999 near the bottom
    assert len(found) == 3  # 22 and 2999 unexpected, 1500 missing
    assert 0.4 < found[1] < 0.6
    # painted: the bar looks different with its marks
    marked = bar.grab().toImage()
    bar._marks = []
    plain = bar.grab().toImage()
    assert marked != plain


def test_a_filter_that_hides_doors_moves_the_marks(window, history, qloop):
    reopen(window, history, qloop, spread({22, 2999}, last=3000))
    bar = window.views.door_view.verticalScrollBar()
    window.views.state_filter.setCurrentIndex(1)  # open only: everything fits
    bar.invalidate()
    assert all(kind is MarkKind.OPEN for _, kind in bar.marks())
