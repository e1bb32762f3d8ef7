import random

import pytest

from portwindow.engine.core.model import PortState, Protocol
from portwindow.gui.doors.delegate import DEFAULT_DOOR_SIZE, DoorDelegate
from portwindow.gui.doors.layout import MARGIN
from portwindow.gui.doors.model import DoorModel, DoorRole
from portwindow.gui.doors.view import RELAYOUT_DELAY_MS, DoorView
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets
from tests.unit.gui.doors.util import plan, result

OPEN, CLOSED, FILTERED = PortState.OPEN, PortState.CLOSED, PortState.FILTERED
OPEN_PORTS = {22, 80, 443}


@pytest.fixture
def model(qapp):
    model = DoorModel()
    model.set_plan(plan(range(1, 1001)))
    for address in ("127.0.0.1", "198.51.100.2", "198.51.100.3"):
        model.add_results(
            [
                result(port, OPEN if port in OPEN_PORTS else CLOSED, address)
                for port in range(1, 901)
            ]
        )
    return model


def show(qtbot, model, width=640, height=480) -> DoorView:
    view = DoorView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def view(qtbot, model):
    return show(qtbot, model)


def door(model, port, address="127.0.0.1") -> QtCore.QModelIndex:
    return model.door_index(address, Protocol.TCP, port)


def viewport_contains(view, rect) -> bool:
    return view.viewport().rect().contains(rect)


def test_index_at_the_centre_of_a_door_is_that_door(view, model):
    rnd = random.Random(7)
    samples = [
        door(model, rnd.randint(1, 1000), rnd.choice(["127.0.0.1", "198.51.100.3"]))
        for _ in range(40)
    ]
    for index in samples:
        view.scrollTo(index)
        rect = view.visualRect(index)
        assert viewport_contains(view, rect)
        assert view.indexAt(rect.center()) == index
        assert view.indexAt(rect.topLeft()) == index
        assert view.indexAt(rect.bottomRight()) == index


def test_doors_fill_rows_left_to_right(view, model):
    first, second = view.visualRect(door(model, 1)), view.visualRect(door(model, 2))
    assert second.left() == first.right() + 1
    assert second.top() == first.top()
    assert first.size() == second.size()
    assert first.width() * (view.viewport().width() // first.width()) <= view.viewport().width()


def test_headers_and_margins_are_not_doors(view, model):
    header = view.visualRect(model.host_index("127.0.0.1"))
    assert header.isValid()
    assert not view.indexAt(header.center()).isValid()
    assert not view.indexAt(
        QtCore.QPoint(2, view.visualRect(door(model, 1)).center().y())
    ).isValid()
    assert not view.isIndexHidden(model.host_index("127.0.0.1"))


def test_scroll_to_makes_a_far_door_visible(view, model):
    far = door(model, 999, "198.51.100.3")
    assert not viewport_contains(view, view.visualRect(far))
    view.scrollTo(far)
    assert viewport_contains(view, view.visualRect(far))
    assert view.indexAt(view.visualRect(far).center()) == far
    view.scrollTo(door(model, 1))
    assert view.verticalScrollBar().value() == 0


@pytest.mark.parametrize(
    "hint",
    [
        QtWidgets.QAbstractItemView.ScrollHint.PositionAtTop,
        QtWidgets.QAbstractItemView.ScrollHint.PositionAtCenter,
        QtWidgets.QAbstractItemView.ScrollHint.PositionAtBottom,
    ],
)
def test_scroll_hints_leave_the_door_clickable_under_the_pinned_header(view, model, hint):
    index = door(model, 500, "198.51.100.2")
    view.scrollTo(index, hint)
    rect = view.visualRect(index)
    assert viewport_contains(view, rect)
    assert view.indexAt(rect.center()) == index


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_the_header_of_the_host_being_scrolled_stays_pinned(view, model):
    view.scrollTo(
        door(model, 500, "198.51.100.2"), QtWidgets.QAbstractItemView.ScrollHint.PositionAtCenter
    )
    top = QtCore.QPoint(view.viewport().width() // 2, 2)
    assert not view.indexAt(top).isValid()  # the pinned header covers the doors under it
    event = QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, top, view.viewport().mapToGlobal(top))
    QtWidgets.QApplication.sendEvent(view.viewport(), event)
    assert QtWidgets.QToolTip.text().startswith("198.51.100.2\n1,000 doors: 3 open, 897 closed")


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltip_of_a_door(view, model):
    index = door(model, 22)
    view.scrollTo(index)
    point = view.visualRect(index).center()
    event = QtGui.QHelpEvent(QtCore.QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QtWidgets.QApplication.sendEvent(view.viewport(), event)
    assert QtWidgets.QToolTip.text() == index.data(Qt.ItemDataRole.ToolTipRole)
    assert QtWidgets.QToolTip.text().startswith("22/tcp ssh\n")
    QtWidgets.QToolTip.hideText()


def test_state_filter_hides_closed_doors(view, model):
    view.set_state_filter({OPEN})
    assert view.state_filter() == frozenset({OPEN})
    assert view.shown_door_count() == 3 * len(OPEN_PORTS)
    assert view.isIndexHidden(door(model, 23))
    assert not view.visualRect(door(model, 23)).isValid()
    assert not view.isIndexHidden(door(model, 443))
    shown = [door(model, port) for port in sorted(OPEN_PORTS)]
    rects = [view.visualRect(index) for index in shown]
    assert [view.indexAt(rect.center()) for rect in rects] == shown
    assert rects[1].left() == rects[0].right() + 1  # packed together

    view.set_state_filter({None})  # not probed yet: ports 901-1000
    assert view.shown_door_count(0) == 100
    view.set_state_filter(None)
    assert view.shown_door_count() == 3000


def test_search_by_service_name_and_by_port_number(view, model):
    view.set_search("SSH")
    assert view.search() == "ssh"
    assert not view.isIndexHidden(door(model, 22))
    assert view.isIndexHidden(door(model, 80))
    view.set_search("22")
    shown = {
        model.index(row, 0, model.index(0, 0)).data(DoorRole.PORT)
        for row in range(1000)
        if not view.isIndexHidden(model.index(row, 0, model.index(0, 0)))
    }
    assert shown == {22}  # exactly: 3306 is not 33060
    view.set_search("220-229")
    assert view.shown_door_count(0) == 10
    view.set_search("22/tcp")
    assert view.shown_door_count(0) == 1
    view.set_search("http protocol over tls")  # a description
    assert not view.isIndexHidden(door(model, 443))
    view.set_search("")
    assert view.shown_door_count() == 3000


def test_filter_and_search_combine(view, model):
    view.set_state_filter({OPEN})
    view.set_search("http")
    assert view.shown_door_count(0) == 2  # 80 and 443 are open and named http(s)
    assert view.isIndexHidden(door(model, 22))


def test_zoom_changes_the_size_of_doors(view, model):
    index = door(model, 1)
    before = view.visualRect(index).size()
    changed = []
    view.doorSizeChanged.connect(changed.append)
    view.set_door_size(80)
    after = view.visualRect(index).size()
    assert view.door_size() == 80
    assert changed == [80]
    assert after.height() > before.height()
    assert after.width() > before.width()
    view.set_door_size(500)
    assert view.door_size() == 96
    view.set_door_size(1)
    assert view.door_size() == 24
    assert view.indexAt(view.visualRect(index).center()) == index


def test_zoom_keys_and_ctrl_wheel(qtbot, view, model):
    control = Qt.KeyboardModifier.ControlModifier
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus, control)
    assert view.door_size() == DEFAULT_DOOR_SIZE + 4
    qtbot.keyClick(view, Qt.Key.Key_Minus, control)
    qtbot.keyClick(view, Qt.Key.Key_Minus, control)
    assert view.door_size() == DEFAULT_DOOR_SIZE - 4
    qtbot.keyClick(view, Qt.Key.Key_0, control)
    assert view.door_size() == DEFAULT_DOOR_SIZE
    point = QtCore.QPointF(100, 100)
    view.scrollTo(door(model, 600), QtWidgets.QAbstractItemView.ScrollHint.PositionAtCenter)
    anchor = view.indexAt(QtCore.QPoint(MARGIN + 1, 100))  # the first door of that row
    top = view.visualRect(anchor).top()
    wheel = QtGui.QWheelEvent(
        point,
        view.viewport().mapToGlobal(point),
        QtCore.QPoint(),
        QtCore.QPoint(0, 240),
        Qt.MouseButton.NoButton,
        control,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QtWidgets.QApplication.sendEvent(view.viewport(), wheel)
    assert view.door_size() == DEFAULT_DOOR_SIZE + 8
    assert view.visualRect(anchor).top() == top  # zoomed around the mouse


def test_keyboard_moves_the_current_door(qtbot, view, model):
    view.setFocus()
    top = view.visualRect(door(model, 1)).top()
    columns = (
        next(port for port in range(2, 100) if view.visualRect(door(model, port)).top() != top) - 1
    )
    assert columns > 2
    view.setCurrentIndex(door(model, 5))

    def press(key, modifiers=Qt.KeyboardModifier.NoModifier):
        qtbot.keyClick(view, key, modifiers)
        return view.currentIndex().data(DoorRole.PORT), view.currentIndex().data(DoorRole.ADDRESS)

    assert press(Qt.Key.Key_Right) == (6, "127.0.0.1")
    assert press(Qt.Key.Key_Left) == (5, "127.0.0.1")
    assert press(Qt.Key.Key_Down) == (5 + columns, "127.0.0.1")
    assert press(Qt.Key.Key_Up) == (5, "127.0.0.1")
    assert press(Qt.Key.Key_Up)[1] == "127.0.0.1"  # already on the first row: stays
    assert press(Qt.Key.Key_End) == (1000, "127.0.0.1")
    assert press(Qt.Key.Key_Right) == (1, "198.51.100.2")  # on into the next host
    assert press(Qt.Key.Key_Left) == (1000, "127.0.0.1")
    assert press(Qt.Key.Key_Home) == (1, "127.0.0.1")
    port, _ = press(Qt.Key.Key_PageDown)
    assert port > 1 + columns
    assert (port - 1) % columns == 0
    assert press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier) == (1000, "198.51.100.3")
    assert viewport_contains(view, view.visualRect(view.currentIndex()))
    assert press(Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier) == (1, "127.0.0.1")


def test_keyboard_skips_hidden_doors(qtbot, view, model):
    view.set_state_filter({OPEN})
    view.setFocus()
    view.setCurrentIndex(door(model, 22))
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex() == door(model, 80)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex() == door(model, 80, "198.51.100.2")


def test_a_click_makes_the_door_current_and_selected(qtbot, view, model):
    activated = []
    view.doorActivated.connect(activated.append)
    index = door(model, 80)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert view.currentIndex() == index
    assert view.selectionModel().selectedIndexes() == [index]
    assert activated == [index]
    other = door(model, 81)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(other).center()
    )
    assert view.selectionModel().selectedIndexes() == [other]  # single selection
    assert view.visualRegionForSelection(view.selectionModel().selection()).boundingRect() == (
        view.visualRect(other)
    )


def test_state_changes_repaint_at_once_and_relayout_within_100_ms(qtbot, view, model):
    view.set_state_filter({OPEN})
    assert view.isIndexHidden(door(model, 23))
    model.add_results([result(23, OPEN), result(24, OPEN, "198.51.100.2")])
    # Until the coalescing timer fires, the layout is the one of before the batch.
    assert view.isIndexHidden(door(model, 23))
    qtbot.waitUntil(lambda: not view.isIndexHidden(door(model, 23)), timeout=5 * RELAYOUT_DELAY_MS)
    assert not view.isIndexHidden(door(model, 24, "198.51.100.2"))


def test_new_hosts_appear_after_the_coalescing_delay(qtbot, view, model):
    model.add_results([result(1, OPEN, "198.51.100.4")])
    model.add_results([result(2, OPEN, "198.51.100.5")])
    qtbot.waitUntil(lambda: view.shown_door_count(4) == 1000, timeout=5 * RELAYOUT_DELAY_MS)
    assert view.visualRect(door(model, 2, "198.51.100.5")).isValid()


def test_reset_and_plan_growth_relayout(qtbot, view, model):
    kept = door(model, 900)
    view.setCurrentIndex(kept)
    model.add_results([result(5000, OPEN)])  # not planned: joins the plan
    assert view.currentIndex().data(DoorRole.PORT) == 900
    assert view.shown_door_count(0) == 1001
    index = door(model, 5000)
    view.scrollTo(index)
    assert view.indexAt(view.visualRect(index).center()) == index
    model.clear()
    assert view.shown_door_count() == 0
    assert not view.indexAt(QtCore.QPoint(20, 40)).isValid()
    view.doItemsLayout()
    view.viewport().grab()


def test_resizing_rewraps_the_grid(qtbot, view, model):
    narrow = view.visualRect(door(model, 20))
    view.resize(1200, 480)
    qtbot.waitUntil(lambda: view.visualRect(door(model, 20)).top() < narrow.top())
    index = door(model, 700)
    view.scrollTo(index)
    assert view.indexAt(view.visualRect(index).center()) == index


def test_an_empty_view_paints(qtbot, qapp):
    view = show(qtbot, DoorModel())
    view.doItemsLayout()
    view.viewport().grab()
    assert not view.indexAt(QtCore.QPoint(10, 10)).isValid()
    assert not view.moveCursor(
        QtWidgets.QAbstractItemView.CursorAction.MoveDown, Qt.KeyboardModifier.NoModifier
    ).isValid()


def test_accessible_name(view):
    assert view.accessibleName() == "Doors"


def test_one_host_of_65535_doors_lays_out_and_paints(qtbot, qapp):
    model = DoorModel()
    model.set_plan(plan(range(1, 65536)))
    rnd = random.Random(1)
    states = [OPEN, CLOSED, FILTERED]
    for first in range(1, 65536, 5000):
        model.add_results(
            [result(port, rnd.choice(states)) for port in range(first, min(first + 5000, 65536))]
        )
    view = show(qtbot, model, 1000, 700)
    last = door(model, 65535)
    view.scrollTo(last)
    assert view.indexAt(view.visualRect(last).center()) == last
    assert view.verticalScrollBar().maximum() > 100_000
    view.set_state_filter({OPEN})
    view.scrollTo(door(model, 65535)) if model.counts()[OPEN] else None
    view.doItemsLayout()
    view.viewport().grab()
    assert not view.grab().isNull()


def test_256_hosts_of_1000_doors_lay_out_and_paint(qtbot, qapp):
    model = DoorModel()
    model.set_plan(plan(range(1, 1001)))
    for host in range(256):
        address = f"127.1.{host // 256}.{host % 256}"
        model.add_results([result(port, CLOSED, address) for port in range(1, 1001)])
    view = show(qtbot, model, 1000, 700)
    assert view.shown_door_count() == 0  # many hosts, none with an open door: one line each
    assert view.verticalScrollBar().maximum() < 256 * 60
    view.set_collapsed(None, False)
    assert view.shown_door_count() == 256_000
    last = model.door_index("127.1.0.255", Protocol.TCP, 1000)
    view.scrollTo(last)
    assert view.indexAt(view.visualRect(last).center()) == last
    view.doItemsLayout()
    view.viewport().grab()


class RecordingView(DoorView):
    def __init__(self):
        super().__init__()
        self.painted: list[QtCore.QRect] = []

    def paintEvent(self, event):
        self.painted.append(event.rect())
        super().paintEvent(event)


def test_a_batch_repaints_only_the_doors_it_changed_on_screen(qtbot, model):
    view = RecordingView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(640, 480)
    view.show()
    qtbot.waitExposed(view)
    # The first paints (showing, the layout, the warm-up) come when they come under load:
    # wait until 50 ms pass without one (at most 2 s) before counting.
    for _ in range(40):
        view.painted.clear()
        qtbot.wait(50)
        if not view.painted:
            break
    assert view.painted == [], "the view never stopped repainting"
    model.add_results([result(950, OPEN, "198.51.100.3")])  # far below the viewport
    qtbot.wait(10)
    assert view.painted == []
    model.add_results([result(1, OPEN), result(2, OPEN)])
    qtbot.waitUntil(lambda: bool(view.painted))
    band = view.painted[-1]
    assert band.contains(view.visualRect(door(model, 2)))
    assert band.height() < view.viewport().height() // 2


def test_a_bigger_font_makes_bigger_cells(view, model):
    before = view.visualRect(door(model, 1))
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    after = view.visualRect(door(model, 1))
    assert after.height() > before.height()
    assert view.indexAt(after.center()) == door(model, 1)


# --- UDP doors, open|filtered and warnings -----------------------------------------------


class PlainDelegate(DoorDelegate):
    """A DoorDelegate subclass: the view then paints every door through paint(), the slow
    path that reads the model's roles, rather than its own fast path."""


@pytest.fixture
def mixed(qapp, stub_identify):
    model = DoorModel()
    model.set_plan(
        [*plan([22, 23, 53, 80, 8080]), *[(Protocol.UDP, port) for port in (53, 69, 123, 161)]]
    )
    model.add_results(
        [
            result(22, OPEN, banner="SSH-2.0-OpenSSH_9.2p1"),
            result(23, FILTERED),
            result(53, CLOSED),
            result(8080, OPEN, banner="SSH-2.0-OpenSSH_9.2p1"),
            result(53, OPEN, protocol=Protocol.UDP),
            result(69, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
            result(123, CLOSED, protocol=Protocol.UDP),
        ]
    )
    return model


def cell_image(view, index) -> QtGui.QImage:
    return view.viewport().grab(view.visualRect(index)).toImage()


@pytest.mark.parametrize("palette_name", ["light_palette", "dark_palette"])
def test_the_fast_path_paints_udp_tags_and_warnings_as_the_delegate_does(
    request, qtbot, mixed, palette_name
):
    palette = request.getfixturevalue(palette_name)
    fast = show(qtbot, mixed)
    slow = show(qtbot, mixed)
    slow.setItemDelegate(PlainDelegate(slow))
    for view in (fast, slow):
        view.setPalette(palette)
        view.clearFocus()
    doors = [
        mixed.door_index("127.0.0.1", protocol, port)
        for protocol, port in [(Protocol.TCP, p) for p in (22, 23, 53, 80, 8080)]
        + [(Protocol.UDP, p) for p in (53, 69, 123, 161)]
    ]
    for index in doors:
        assert cell_image(fast, index) == cell_image(slow, index), index.data(DoorRole.PORT)
    tcp_53, udp_53 = doors[2], doors[5]
    assert cell_image(fast, tcp_53) != cell_image(fast, udp_53)  # the tag
    ssh, http_alt = doors[0], doors[4]
    assert mixed.data(http_alt, DoorRole.WARNING)
    assert not mixed.data(ssh, DoorRole.WARNING)


def test_the_header_counts_open_filtered_doors(view, model):
    model.add_results([result(5, PortState.OPEN_FILTERED, protocol=Protocol.UDP)])
    header = model.host_index("127.0.0.1")
    assert "1 open|filtered" in header.data(Qt.ItemDataRole.ToolTipRole)
    view.doItemsLayout()
    view.viewport().grab()


def test_open_filtered_doors_can_be_shown_alone(view, model):
    model.add_results(
        [result(port, PortState.OPEN_FILTERED, protocol=Protocol.UDP) for port in (53, 69)]
    )
    view.set_state_filter({PortState.OPEN_FILTERED})
    assert view.shown_door_count() == 2
    udp_69 = model.door_index("127.0.0.1", Protocol.UDP, 69)
    view.scrollTo(udp_69)
    assert view.indexAt(view.visualRect(udp_69).center()) == udp_69
    view.set_search("69/udp")
    assert view.shown_door_count() == 1


def test_warm_up_leaves_nothing_for_the_first_paint_of_doors_to_draw(qtbot, monkeypatch):
    """After warm_up (the window calls it once shown), the first scan's first paint
    finds the look of its doors (pictures, colours, fonts) made; the view's own model is
    not touched."""
    model = DoorModel()
    view = show(qtbot, model)
    view.warm_up()
    assert model.rowCount() == 0
    assert model.door_count() == 0

    made = []
    make_look = DoorDelegate._make_look
    monkeypatch.setattr(
        DoorDelegate, "_make_look", lambda *args: made.append(args) or make_look(*args)
    )
    model.set_plan(plan(range(1, 65536)))
    model.add_results([result(80, OPEN), result(81, CLOSED), result(82, FILTERED)])
    view.doItemsLayout()
    view.viewport().grab()
    assert view.shown_door_count(0) == 65535
    assert made == []


def many_hosts(count=40, opened=(5, 30)):
    """``count`` hosts of 100 doors, door 22 open on the hosts of ``opened``."""
    model = DoorModel()
    model.set_plan(plan(range(1, 101)))
    for host in range(count):
        state = OPEN if host in opened else CLOSED
        model.add_results(
            [result(22, state, f"127.2.0.{host}"), result(23, CLOSED, f"127.2.0.{host}")]
        )
    return model


def test_many_hosts_show_the_open_ones_and_one_line_for_each_other(qtbot, qapp):
    model = many_hosts()
    view = show(qtbot, model, 800, 600)
    assert [h for h in range(40) if not view.is_collapsed(h)] == [5, 30]
    assert view.shown_door_count() == 200
    assert model.index(5, 0).data() == "127.2.0.5 — 22 ssh — 1 open, 1 closed, 98 not probed yet"
    assert viewport_contains(view, view.visualRect(door(model, 22, "127.2.0.5")))  # at once
    header = view.visualRect(model.index(0, 0)).height()
    assert view.verticalScrollBar().maximum() + 600 < 38 * (header + 4) + 2 * 400


def test_a_host_opens_when_its_first_open_door_arrives(qtbot, qapp):
    model = many_hosts()
    view = show(qtbot, model, 800, 600)
    assert view.is_collapsed(7)
    model.add_results([result(80, OPEN, "127.2.0.7")])
    qtbot.waitUntil(lambda: not view.is_collapsed(7), timeout=5 * RELAYOUT_DELAY_MS)
    assert view.shown_door_count(7) == 100


def test_a_click_on_a_host_band_opens_or_collapses_it_and_the_choice_stays(qtbot, qapp):
    model = many_hosts()
    view = show(qtbot, model, 800, 600)
    band = view.visualRect(model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=band.center())
    assert not view.is_collapsed(1)
    assert view.shown_door_count(1) == 100
    model.add_results([result(24, CLOSED, "127.2.0.1")])  # a batch: the choice stays
    view.doItemsLayout()
    assert not view.is_collapsed(1)
    band = view.visualRect(model.index(5, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=band.center())
    assert view.is_collapsed(5)
    view.set_collapsed(None, True)
    assert view.shown_door_count() == 0
    view.set_collapsed(None, False)
    assert view.shown_door_count() == 4000
    qtbot.keyClick(view, Qt.Key.Key_Slash)
    assert view.shown_door_count() == 0
    qtbot.keyClick(view, Qt.Key.Key_Asterisk)
    assert view.shown_door_count() == 4000


def test_a_few_hosts_show_every_door(qtbot, qapp):
    model = many_hosts(count=10)
    view = show(qtbot, model)
    assert view.shown_door_count() == 1000
