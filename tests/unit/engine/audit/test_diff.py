import csv
import io

from portwindow.engine.audit.diff import DIFF_COLUMNS, Change, diff, diff_csv, write_diff_csv
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason


def r(port, state, address="127.0.0.1", host=None, banner=""):
    reason = Reason.SYN_ACK if state is PortState.OPEN else Reason.CONN_REFUSED
    if state is PortState.FILTERED:
        reason = Reason.NO_RESPONSE
    return PortResult(
        host or address, address, Protocol.TCP, port, state, reason, None, 1.8e9, banner
    )


def test_diff_sorts_changes_by_kind_opened_first():
    before = [
        r(22, PortState.OPEN),
        r(80, PortState.CLOSED),
        r(443, PortState.OPEN),
        r(8080, PortState.CLOSED),
        r(9000, PortState.CLOSED),
        r(7, PortState.CLOSED),
    ]
    after = [
        r(22, PortState.OPEN),
        r(80, PortState.OPEN),  # opened
        r(443, PortState.CLOSED),  # closed
        r(8080, PortState.FILTERED),  # changed
        r(9001, PortState.CLOSED),  # only the newer scan probed it: not compared
        r(9002, PortState.OPEN),  # opened (new and open)
        r(7, PortState.CLOSED),
    ]
    result = diff(before, after)
    kinds = [(c.change, c.port) for c in result.changes]
    assert kinds == [
        (Change.OPENED, 80),
        (Change.OPENED, 9002),
        (Change.CLOSED, 443),
        (Change.CHANGED, 8080),
    ]
    assert result.unchanged == 2
    assert (result.only_before, result.only_after) == (1, 1)  # 9000, 9001: not compared
    opened = result.of(Change.OPENED)[0]
    assert (opened.before, opened.after) == (PortState.CLOSED, PortState.OPEN)
    assert "2 opened, 1 closed" in result.summary()


def test_scans_of_different_ports_compare_only_what_both_covered():
    top = [r(port, PortState.CLOSED) for port in range(1, 1001)] + [r(22, PortState.OPEN)]
    full = [r(port, PortState.CLOSED) for port in range(1, 65536) if port != 22]
    full += [r(22, PortState.OPEN), r(31337, PortState.OPEN)]
    result = diff(top, full)
    assert [(c.change, c.port) for c in result.changes] == [(Change.OPENED, 31337)]
    assert result.only_after == 64534  # closed doors the top-1000 scan never probed
    assert result.summary() == (
        "1 opened, 0 closed, 0 changed, 0 not reported; 1,000 unchanged; the scans covered "
        "different ports: 64,534 "
        "doors only the newer scan probed were not compared"
    )
    back = diff(full, top)
    assert [(c.change, c.port) for c in back.changes] == [(Change.CLOSED, 31337)]
    assert back.only_before == 64534
    assert diff(top, top).coverage_note() == ""


def test_the_last_result_for_a_port_counts():
    before = [r(22, PortState.CLOSED)]
    after = [r(22, PortState.OPEN), r(22, PortState.OPEN, banner="SSH-2.0-x")]
    assert [c.change for c in diff(before, after).changes] == [Change.OPENED]
    assert diff(after, after).changes == ()


def test_diff_csv_is_formula_safe_and_written_atomically(tmp_path):
    result = diff([r(1, PortState.CLOSED, host="=cmd|x")], [r(1, PortState.OPEN, host="=cmd|x")])
    rows = list(csv.reader(io.StringIO(diff_csv(result))))
    assert tuple(rows[0]) == DIFF_COLUMNS
    assert rows[1][0] == "opened"
    assert rows[1][1].startswith("'=")
    write_diff_csv(result, tmp_path / "d.csv")
    assert (tmp_path / "d.csv").read_bytes().decode() == diff_csv(result)
    assert [p.name for p in tmp_path.iterdir()] == ["d.csv"]
