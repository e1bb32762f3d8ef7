"""The Table view's model: batches, replacement, sorting, filtering, and Qt's model rules."""

import random
import time

import pytest

from portwindow.engine import BEHIND_COLUMNS, reports
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.gui import colors
from portwindow.gui.qt import Qt, QtCore, QtGui, QtWidgets
from portwindow.gui.results_model import HEADERS, Column, ResultRole, ResultsModel
from tests.unit.gui.doors.util import kept_rtt

REASONS = {
    PortState.OPEN: Reason.SYN_ACK,
    PortState.CLOSED: Reason.CONN_REFUSED,
    PortState.FILTERED: Reason.NO_RESPONSE,
    PortState.OPEN_FILTERED: Reason.NO_RESPONSE,
}
Asc = Qt.SortOrder.AscendingOrder
Desc = Qt.SortOrder.DescendingOrder


def result(
    port,
    state=PortState.CLOSED,
    *,
    address="127.0.0.1",
    host=None,
    rtt=0.001,
    banner="",
    scanned_at=1_700_000_000.0,
    protocol=Protocol.TCP,
):
    return PortResult(
        host=host or address,
        address=address,
        protocol=protocol,
        port=port,
        state=state,
        reason=REASONS[state],
        # as the result set keeps it: a 32-bit float
        rtt=None if state in (PortState.FILTERED, PortState.OPEN_FILTERED) else kept_rtt(rtt),
        scanned_at=scanned_at,
        banner=banner,
    )


def ports(model):
    return [model.result_at(row).port for row in range(model.rowCount())]


def cell(model, row, column, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


@pytest.fixture
def model(qapp, qtmodeltester):
    model = ResultsModel()
    qtmodeltester.check(model)
    return model


@pytest.fixture
def mixed(model):
    model.add_results(
        [
            result(80, PortState.OPEN, rtt=0.003),
            result(22, PortState.OPEN, rtt=0.001),
            result(23, PortState.FILTERED),
            result(443, PortState.CLOSED, rtt=0.002),
            result(8080, PortState.CLOSED, address="192.0.2.10", rtt=0.0005),
            result(22, PortState.CLOSED, address="192.0.2.9", rtt=0.004),
        ]
    )
    return model


def test_columns_are_the_csv_report_columns():
    columns = [column.name.lower() for column in Column]
    assert columns[: len(reports.COLUMNS)] == list(reports.COLUMNS)
    # The window's own: the audit's finding; then the report's who-is-behind columns.
    assert columns[len(reports.COLUMNS) :] == ["finding", *BEHIND_COLUMNS]
    assert [column.value for column in Column] == list(range(len(Column)))
    assert set(HEADERS) == set(Column)


def test_headers_are_human_friendly(model):
    headers = [model.headerData(column, Qt.Orientation.Horizontal) for column in range(len(Column))]
    assert headers[:4] == ["Host", "Address", "Protocol", "Port"]
    assert headers[Column.PORT_CLASS] == "Class"
    assert headers[Column.RTT_MS] == "RTT (ms)"
    assert headers[Column.SCANNED_AT] == "Scanned at"


def test_roles_start_after_user_role():
    assert Qt.ItemDataRole.UserRole.value + 1 == ResultRole.RESULT
    assert ResultRole.SORT_KEY == ResultRole.RESULT + 1


@pytest.mark.parametrize("force_py", [False, True])
def test_model_tester_in_every_state(qapp, qtmodeltester, force_py):
    model = ResultsModel()
    qtmodeltester.check(model, force_py=force_py)
    model.add_results([result(port) for port in range(1, 30)])
    model.add_results([result(port, PortState.OPEN) for port in range(20, 40)])
    model.sort(Column.PORT, Desc)
    model.add_results([result(port, PortState.FILTERED) for port in range(35, 50)])
    model.set_filter({PortState.OPEN}, "")
    model.add_results([result(port, PortState.CLOSED) for port in range(20, 25)])
    model.set_filter(None, "3")
    model.sort(Column.STATE, Asc)
    model.sort(-1, Asc)
    model.set_filter(None, "")
    model.clear()
    model.add_results([result(7)])
    model.clear()
    assert model.rowCount() == 0


def test_each_batch_is_one_insertion(model, qtbot):
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.add_results([result(port) for port in range(1, 101)])
    model.add_results([result(port) for port in range(101, 151)])
    model.add_results([])
    assert inserted == [(0, 99), (100, 149)]
    assert model.rowCount() == 150


def test_a_known_port_replaces_its_row(model):
    model.add_results([result(22), result(80)])
    changed = []
    inserted = []
    model.dataChanged.connect(
        lambda top, bottom, _roles=(): changed.append((top.row(), bottom.row()))
    )
    model.rowsInserted.connect(lambda *args: inserted.append(args))
    model.add_results([result(80, PortState.OPEN)])
    assert model.rowCount() == 2
    assert inserted == []
    assert changed == [(1, 1)]
    assert model.result_at(1).state is PortState.OPEN
    assert model.counts() == {
        PortState.OPEN: 1,
        PortState.CLOSED: 1,
        PortState.FILTERED: 0,
        PortState.OPEN_FILTERED: 0,
    }


def test_the_same_port_twice_in_one_batch_keeps_the_last(model):
    model.add_results([result(22), result(22, PortState.OPEN)])
    assert model.rowCount() == 1
    assert model.result_at(0).state is PortState.OPEN


def test_same_port_on_other_address_is_another_row(model):
    model.add_results([result(22), result(22, address="::1")])
    assert model.rowCount() == 2


def test_display_text(model):
    model.add_results(
        [
            result(
                22,
                PortState.OPEN,
                host="localhost",
                rtt=0.0012345,
                banner="SSH-2.0\r\n\x1b[31m",
                scanned_at=1_700_000_000.25,
            )
        ]
    )
    texts = [cell(model, 0, column) for column in Column]
    assert texts[Column.HOST] == "localhost"
    assert texts[Column.PORT] == "22"
    assert texts[Column.STATE] == "open"
    assert texts[Column.REASON] == "syn-ack"
    assert texts[Column.SERVICE] == "ssh"
    assert texts[Column.PORT_CLASS] == "well-known"
    assert texts[Column.RTT_MS] == "1.234"
    assert texts[Column.BANNER] == "SSH-2.0\\r\\n\\x1b[31m"
    local = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(1_700_000_000.25))
    assert texts[Column.SCANNED_AT] == local
    assert all(isinstance(text, str) for text in texts)


def test_no_rtt_is_an_empty_cell(model):
    model.add_results([result(22, PortState.FILTERED)])
    assert cell(model, 0, Column.RTT_MS) == ""


def test_state_column_has_a_dot(model):
    model.add_results([result(22, PortState.OPEN)])
    icon = cell(model, 0, Column.STATE, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QtGui.QIcon)
    assert not icon.isNull()
    assert cell(model, 0, Column.PORT, Qt.ItemDataRole.DecorationRole) is None


def test_tooltips_carry_the_full_text_escaped(model):
    model.add_results([result(22, PortState.OPEN, banner="<b>hello</b> " + "x" * 300)])
    tooltip = cell(model, 0, Column.BANNER, Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;hello&lt;/b&gt;" in tooltip
    assert "x" * 300 in tooltip
    assert "Secure Shell" in cell(model, 0, Column.DESCRIPTION, Qt.ItemDataRole.ToolTipRole)
    assert cell(model, 0, Column.PORT, Qt.ItemDataRole.ToolTipRole) is None


def test_result_and_sort_key_roles(model):
    entry = result(22, PortState.OPEN)
    model.add_results([entry])
    assert cell(model, 0, 0, ResultRole.RESULT) == entry
    assert cell(model, 0, Column.PORT, ResultRole.SORT_KEY) == 22


def test_result_at_out_of_range(model):
    with pytest.raises(IndexError):
        model.result_at(0)


@pytest.mark.parametrize(
    ("column", "ascending"),
    [
        (Column.PORT, [22, 22, 23, 80, 443, 8080]),
        (Column.RTT_MS, [8080, 22, 443, 80, 22, 23]),
        # 127.0.0.1 < 192.0.2.9 < 192.0.2.10 numerically (not as text)
        (Column.ADDRESS, [22, 23, 80, 443, 22, 8080]),
        # open < filtered < closed; ties by address, protocol, port
        (Column.STATE, [22, 80, 23, 443, 22, 8080]),
    ],
)
def test_sort(mixed, column, ascending):
    mixed.sort(column, Asc)
    assert ports(mixed) == ascending
    mixed.sort(column, Desc)
    descending = ports(mixed)
    keys = [cell(mixed, row, column, ResultRole.SORT_KEY) for row in range(mixed.rowCount())]
    assert keys == sorted(keys, reverse=True)
    assert sorted(descending) == sorted(ascending)


def test_descending_ties_stay_in_address_order(mixed):
    mixed.sort(Column.STATE, Desc)
    rows = [mixed.result_at(row) for row in range(mixed.rowCount())]
    closed = [(r.address, r.port) for r in rows if r.state is PortState.CLOSED]
    assert closed == [("127.0.0.1", 443), ("192.0.2.9", 22), ("192.0.2.10", 8080)]


def test_unknown_rtt_sorts_last_ascending(mixed):
    mixed.sort(Column.RTT_MS, Asc)
    assert mixed.result_at(mixed.rowCount() - 1).rtt is None


def test_sort_minus_one_restores_arrival_order(mixed):
    mixed.sort(Column.PORT, Desc)
    mixed.sort(-1, Asc)
    assert ports(mixed) == [80, 22, 23, 443, 8080, 22]


def test_ipv6_sorts_after_ipv4(model):
    model.add_results([result(1, address="::1"), result(1, address="255.255.255.255")])
    model.sort(Column.ADDRESS, Asc)
    assert [model.result_at(row).address for row in range(2)] == ["255.255.255.255", "::1"]


def test_every_column_sorts(mixed):
    for column in Column:
        for order in (Asc, Desc):
            mixed.sort(column, order)
            assert sorted(ports(mixed)) == [22, 22, 23, 80, 443, 8080]


def test_sort_is_a_layout_change(mixed):
    signals = []
    mixed.layoutAboutToBeChanged.connect(lambda *args: signals.append("about"))
    mixed.layoutChanged.connect(lambda *args: signals.append("changed"))
    mixed.modelReset.connect(lambda: signals.append("reset"))
    mixed.sort(Column.PORT, Desc)
    mixed.set_filter({PortState.OPEN}, "")
    assert signals == ["about", "changed", "about", "changed"]


def test_selection_survives_sorting_and_new_results(mixed, qtbot):
    view = QtWidgets.QTableView()
    qtbot.addWidget(view)
    view.setModel(mixed)
    view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
    view.show()
    qtbot.waitExposed(view)
    selection = view.selectionModel()
    row_of_443 = ports(mixed).index(443)
    selection.select(
        mixed.index(row_of_443, 0),
        QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QtCore.QItemSelectionModel.SelectionFlag.Rows,
    )
    selection.setCurrentIndex(
        mixed.index(row_of_443, Column.PORT), QtCore.QItemSelectionModel.SelectionFlag.NoUpdate
    )

    def selected_ports():
        return sorted({mixed.result_at(index.row()).port for index in selection.selectedRows()})

    for column, order in [(Column.PORT, Desc), (Column.STATE, Asc), (Column.RTT_MS, Desc)]:
        mixed.sort(column, order)
        qtbot.wait(1)
        assert selected_ports() == [443]
    mixed.sort(Column.PORT, Asc)
    mixed.add_results([result(1), result(9999), result(100)])
    assert ports(mixed) == [1, 22, 22, 23, 80, 100, 443, 8080, 9999]
    assert selected_ports() == [443]
    assert mixed.result_at(selection.currentIndex().row()).port == 443
    mixed.set_filter({PortState.CLOSED}, "")
    assert selected_ports() == [443]
    mixed.set_filter({PortState.OPEN}, "")
    qtbot.wait(1)
    assert selected_ports() == []
    mixed.set_filter(None, "")
    qtbot.wait(1)
    assert view.verticalHeader().count() == mixed.rowCount() == 9


def test_new_results_go_to_their_place_when_sorted(model):
    model.sort(Column.PORT, Desc)
    model.add_results([result(port) for port in (5, 1, 9)])
    model.add_results([result(port) for port in (7, 3)])
    assert ports(model) == [9, 7, 5, 3, 1]


def test_replacement_moves_a_row_when_its_sort_key_changes(model):
    model.sort(Column.STATE, Asc)
    model.add_results([result(1), result(2), result(3)])
    model.add_results([result(3, PortState.OPEN)])
    assert ports(model) == [3, 1, 2]


def test_filter_by_state(mixed):
    mixed.set_filter({PortState.OPEN}, "")
    assert sorted(ports(mixed)) == [22, 80]
    mixed.set_filter({PortState.CLOSED, PortState.FILTERED}, "")
    assert sorted(ports(mixed)) == [22, 23, 443, 8080]
    mixed.set_filter(set(), "")
    assert mixed.rowCount() == 0
    mixed.set_filter(None, "")
    assert mixed.rowCount() == 6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22", [22, 22]),  # the port exactly, not "8080" or "443"
        ("8", []),  # not 80 nor 8080: 3306 is not 33060
        ("80-1000", [80, 443]),  # a range
        ("443, 8080", [443, 8080]),  # either
        ("SSH", [22, 22]),  # service name, any case
        ("secure shell", [22, 22]),  # description
        ("192.0.2.1", [8080]),  # address
        ("  HTTP  ", [80, 443, 8080]),  # name or description; spaces around ignored
        ("nothing-like-this", []),
    ],
)
def test_filter_by_text(mixed, text, expected):
    mixed.set_filter(None, text)
    assert sorted(ports(mixed)) == expected


def test_search_finds_the_service_a_banner_names(model):
    model.add_results(
        [result(2222, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1\r\n"), result(80)]
    )
    model.set_filter(None, "ssh")
    assert ports(model) == [2222]


def test_filter_matches_host_name(model):
    model.add_results([result(1, host="Router.Example"), result(2)])
    model.set_filter(None, "router")
    assert ports(model) == [1]


def test_filter_state_and_text_together(mixed):
    mixed.set_filter({PortState.CLOSED}, "22")
    assert [mixed.result_at(0).address] == ["192.0.2.9"]
    assert mixed.rowCount() == 1


def test_new_results_respect_the_filter(model):
    model.set_filter({PortState.OPEN}, "")
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.add_results([result(1), result(2, PortState.OPEN), result(3, PortState.OPEN)])
    assert ports(model) == [2, 3]
    assert inserted == [(0, 1)]
    model.add_results([result(4)])
    assert inserted == [(0, 1)]
    assert model.results() == sorted(model.results(), key=lambda r: r.port)
    assert len(model.results()) == 4


def test_replacement_can_hide_and_show_a_row(model):
    model.set_filter({PortState.OPEN}, "")
    model.add_results([result(port, PortState.OPEN) for port in (1, 2, 3, 4)])
    removed = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.add_results([result(2), result(3), result(5, PortState.OPEN)])
    assert removed == [(1, 2)]
    assert ports(model) == [1, 4, 5]
    model.add_results([result(3, PortState.OPEN)])
    assert ports(model) == [1, 4, 5, 3]


def test_results_visible_only_in_table_order(mixed):
    mixed.sort(Column.PORT, Desc)
    mixed.set_filter({PortState.CLOSED}, "")
    assert [r.port for r in mixed.results(visible_only=True)] == [8080, 443, 22]
    assert [r.port for r in mixed.results()] == [8080, 443, 80, 23, 22, 22]


def test_counts(mixed):
    assert mixed.counts() == {
        PortState.OPEN: 2,
        PortState.CLOSED: 3,
        PortState.FILTERED: 1,
        PortState.OPEN_FILTERED: 0,
    }
    mixed.set_filter(None, "22")
    assert mixed.counts(visible_only=True) == {
        PortState.OPEN: 1,
        PortState.CLOSED: 1,
        PortState.FILTERED: 0,
        PortState.OPEN_FILTERED: 0,
    }


def test_row_for(mixed):
    mixed.sort(Column.PORT, Asc)
    assert mixed.row_for("127.0.0.1", Protocol.TCP, 443) == 4
    assert mixed.row_for("127.0.0.1", Protocol.TCP, 1) == -1
    mixed.set_filter({PortState.OPEN}, "")
    assert mixed.row_for("127.0.0.1", Protocol.TCP, 443) == -1


def test_clear_keeps_sort_and_filter(mixed):
    mixed.sort(Column.PORT, Desc)
    mixed.set_filter({PortState.OPEN}, "")
    mixed.clear()
    assert mixed.rowCount() == 0
    assert mixed.results() == []
    assert mixed.counts() == dict.fromkeys(PortState, 0)
    mixed.add_results([result(1, PortState.OPEN), result(2), result(3, PortState.OPEN)])
    assert ports(mixed) == [3, 1]
    assert mixed.sort_column() == Column.PORT
    assert mixed.sort_order() == Desc


def test_seventy_thousand_rows(qapp):
    model = ResultsModel()
    states = [PortState.CLOSED] * 97 + [PortState.OPEN, PortState.FILTERED, PortState.OPEN]
    rng = random.Random(7)
    everything = [
        result(port, rng.choice(states), address=address, rtt=rng.random() / 100)
        for address in ("127.0.0.1", "127.0.0.2")
        for port in range(1, 35_001)
    ]
    rng.shuffle(everything)
    model.sort(Column.PORT, Asc)

    started = time.perf_counter()
    for start in range(0, len(everything), 2_000):
        model.add_results(everything[start : start + 2_000])
    added = time.perf_counter() - started

    started = time.perf_counter()
    model.sort(Column.RTT_MS, Desc)
    model.sort(Column.ADDRESS, Asc)
    sorted_twice = time.perf_counter() - started

    started = time.perf_counter()
    model.set_filter({PortState.OPEN}, "")
    model.set_filter(None, "http")
    model.set_filter(None, "")
    filtered = time.perf_counter() - started

    print(
        f"\n70,000 rows: added in 35 sorted batches {added:.2f} s, "
        f"2 sorts {sorted_twice:.2f} s, 3 filters {filtered:.2f} s"
    )
    assert model.rowCount() == 70_000
    assert model.result_at(0).address == "127.0.0.1"
    assert model.result_at(0).port == 1
    assert model.result_at(69_999).port == 35_000


# --- colors.py, which the State column's dots come from --------------------------------


def test_state_colors_cover_every_state_in_both_themes():
    for theme in colors.Theme:
        assert set(colors.STATE_COLORS[theme]) == {*PortState, None}
        assert all(QtGui.QColor(value).isValid() for value in colors.STATE_COLORS[theme].values())
    assert colors.STATE_COLORS[colors.Theme.LIGHT][PortState.OPEN] == colors.OPEN_GREEN
    assert colors.STATE_COLORS[colors.Theme.LIGHT][PortState.FILTERED] == colors.FILTERED_AMBER


def test_is_dark(qapp):
    light = QtGui.QPalette(QtGui.QColor("#f0f0f0"))
    dark = QtGui.QPalette(QtGui.QColor("#202020"))
    assert not colors.is_dark(light)
    assert colors.is_dark(dark)
    assert colors.theme_of(dark) is colors.Theme.DARK


@pytest.mark.parametrize("state", [*PortState, None])
def test_state_dot_is_drawn_in_the_state_colour(qapp, state):
    icon = colors.state_dot(state, colors.Theme.DARK)
    image = icon.pixmap(16, 16).toImage()
    expected = colors.state_color(state, colors.Theme.DARK)
    centre = image.pixelColor(8, 8)
    if state is None:  # a ring: empty in the middle, coloured on the edge
        assert centre.alpha() == 0
        assert image.pixelColor(3, 8).alpha() > 0
    else:
        assert centre.name() == expected.name()


# --- UDP, open|filtered and banners ----------------------------------------------------


def test_model_tester_with_udp_open_filtered_and_banners(qapp, qtmodeltester):
    model = ResultsModel()
    qtmodeltester.check(model)
    model.add_results(
        [
            result(53, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
            result(53, PortState.CLOSED),
            result(22, PortState.OPEN),
        ]
    )
    model.sort(Column.STATE, Asc)
    model.add_results([result(22, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1")])
    model.sort(Column.BANNER, Desc)
    model.set_filter({PortState.OPEN_FILTERED}, "")
    model.set_filter(None, "53/udp")
    assert model.rowCount() == 1


def test_states_sort_open_then_open_filtered_then_filtered_then_closed(model):
    model.add_results(
        [
            result(1, PortState.CLOSED),
            result(2, PortState.FILTERED),
            result(3, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
            result(4, PortState.OPEN),
        ]
    )
    model.sort(Column.STATE, Asc)
    assert [model.result_at(row).state for row in range(4)] == [
        PortState.OPEN,
        PortState.OPEN_FILTERED,
        PortState.FILTERED,
        PortState.CLOSED,
    ]
    assert cell(model, 1, Column.STATE) == "open|filtered"
    assert cell(model, 1, Column.PROTOCOL) == "udp"
    assert cell(model, 1, Column.RTT_MS) == ""


def test_search_by_port_and_protocol(model):
    model.add_results(
        [
            result(53, PortState.CLOSED),
            result(53, PortState.OPEN, protocol=Protocol.UDP),
            result(5353, PortState.OPEN_FILTERED, protocol=Protocol.UDP),
        ]
    )
    model.set_filter(None, "53/udp")
    assert [(r.protocol, r.port) for r in model.results(visible_only=True)] == [(Protocol.UDP, 53)]
    model.set_filter(None, " 53/TCP ")
    assert [(r.protocol, r.port) for r in model.results(visible_only=True)] == [(Protocol.TCP, 53)]
    model.set_filter(None, "53")
    assert model.rowCount() == 2  # 53 over both, not 5353
    model.set_filter(None, "5000-6000/udp")
    assert [r.port for r in model.results(visible_only=True)] == [5353]


def test_a_later_result_with_a_banner_replaces_the_row(model):
    model.add_results([result(22, PortState.OPEN), result(80, PortState.OPEN)])
    model.sort(Column.BANNER, Asc)
    assert ports(model) == [22, 80]
    inserted = []
    model.rowsInserted.connect(lambda *args: inserted.append(args))
    model.add_results([result(80, PortState.OPEN, banner="HTTP/1.1 200 OK")])
    assert inserted == []
    assert ports(model) == [80, 22]  # one row, moved: a banner sorts before none
    assert cell(model, 0, Column.BANNER) == "HTTP/1.1 200 OK"
    assert model.counts()[PortState.OPEN] == 2


def test_the_service_tooltip_says_who_answers(model, stub_identify):
    model.add_results(
        [
            result(22, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1"),
            result(8080, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1"),
            result(25, PortState.OPEN, banner="220 <b>hi</b>"),
            result(80, PortState.OPEN),
        ]
    )
    rows = {model.result_at(row).port: row for row in range(model.rowCount())}

    def tooltip(port):
        return cell(model, rows[port], Column.SERVICE, Qt.ItemDataRole.ToolTipRole)

    assert "ssh (IANA) — answers as ssh (OpenSSH 9.2p1)" in tooltip(22)
    assert "registered for" not in tooltip(22)
    assert "http-alt (IANA) — answers as ssh (OpenSSH 9.2p1)" in tooltip(8080)
    assert (
        "⚠ This door is registered for http-alt but the program behind it speaks ssh."
        in tooltip(8080)
    )
    assert tooltip(25) is None  # the banner names nothing: the Banner column shows it
    assert tooltip(80) is None
    assert cell(model, rows[8080], Column.SERVICE) == "http-alt"


# --- A view over a result set ------------------------------------------------------------


def test_a_hidden_table_takes_in_nothing_until_it_syncs(qapp, qtmodeltester):
    from portwindow.engine import ResultSet

    shared = ResultSet({Protocol.TCP: range(1, 101)}, keep_order=True)
    model = ResultsModel(results=shared)
    qtmodeltester.check(model)
    model.note(shared.add([result(port) for port in range(1, 51)]))
    assert model.rowCount() == 0
    assert model.pending == 50
    model.note(shared.add([result(7, PortState.OPEN), result(60)]))
    assert model.pending == 51 + 1  # one more door, and a newer result for door 7
    assert model.sync(limit=20) == 31
    assert model.rowCount() == 20
    assert model.result_at(6).state is PortState.OPEN  # taken in as it is now
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    assert model.sync() == 0
    assert inserted == [(20, 50)]
    assert ports(model) == [*range(1, 51), 60]
    assert model.counts()[PortState.OPEN] == 1


def test_a_newer_result_noted_while_hidden_is_shown_after_the_sync(qapp):
    model = ResultsModel()
    model.add_results([result(22), result(80)])
    changed = []
    model.dataChanged.connect(lambda top, bottom, _roles=(): changed.append(top.row()))
    model.note(model.results_set.add([result(80, PortState.OPEN, banner="HTTP/1.1 200")]))
    assert model.result_at(1).banner == "HTTP/1.1 200"  # the row reads the result set
    assert changed == []
    assert model.pending == 1
    model.sync()
    assert changed == [1]
    assert model.pending == 0


def test_another_result_set_is_a_reset_and_is_taken_in_by_the_next_sync(qapp, qtmodeltester):
    from portwindow.engine import ResultSet

    model = ResultsModel()
    model.sort(Column.PORT, Desc)
    model.add_results([result(1)])
    qtmodeltester.check(model)
    reset = []
    model.modelReset.connect(lambda: reset.append(True))
    loaded = ResultSet.of([result(port) for port in (5, 3, 9)], keep_order=True)
    model.set_results(loaded)
    assert reset == [True]
    assert model.rowCount() == 0
    model.sync()
    assert ports(model) == [9, 5, 3]
    assert model.results_set is loaded
    with pytest.raises(ValueError, match="arrival order"):
        model.set_results(ResultSet())
