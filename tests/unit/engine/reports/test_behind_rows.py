"""Who is behind the doors of this machine in the reports: ``process``, ``pid`` and
``listen_address``, from listeners this test starts (inside the test's namespace)."""

import csv
import io
import json
import os

import psutil
import pytest

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.core.results import ResultSet
from portwindow.engine.reports.behind_rows import BEHIND_COLUMNS, Behind
from portwindow.engine.reports.readers import load_report
from portwindow.engine.reports.rows import COLUMNS
from portwindow.engine.reports.writers import write_csv, write_jsonl
from portwindow.engine.scan.enrich.listeners import Listener, ListenerTable
from tests.support.listeners import free_ports, listening_on

REMOTE = "198.51.100.7"  # parsed only, never reached


def door(address, port, state=PortState.OPEN, reason=Reason.SYN_ACK):
    return PortResult(address, address, Protocol.TCP, port, state, reason, 0.001, 1.7e9)


@pytest.fixture
def doors():
    """A wildcard listener and a loopback-only one, and the results of a scan of them."""
    (closed,) = free_ports(1)
    with listening_on("0.0.0.0") as everywhere, listening_on("127.0.0.1") as loopback:
        results = ResultSet.of(
            [
                door("127.0.0.1", everywhere),
                door("127.0.0.1", loopback),
                door("127.0.0.1", closed, PortState.CLOSED, Reason.CONN_REFUSED),
                door(REMOTE, everywhere),
            ]
        )
        behind = Behind.for_results(results)
        yield results, behind, everywhere, loopback, closed


def rows_by_door(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    return {(row["address"], int(row["port"])): row for row in rows}


def test_a_listener_the_test_started_has_its_own_pid_and_name(doors):
    results, behind, everywhere, loopback, closed = doors
    assert behind is not None
    out = io.StringIO(newline="")
    write_csv(results, out)
    plain = out.getvalue()
    out = io.StringIO(newline="")
    write_csv(results, out, behind=behind)
    text = out.getvalue()
    assert text.splitlines()[0].split(",") == [*COLUMNS, *BEHIND_COLUMNS]
    rows = rows_by_door(text)
    me = psutil.Process().name()
    assert rows[("127.0.0.1", everywhere)] | {} == {
        **rows[("127.0.0.1", everywhere)],
        "process": me,
        "pid": str(os.getpid()),
        "listen_address": "0.0.0.0",
    }
    assert rows[("127.0.0.1", loopback)]["pid"] == str(os.getpid())
    assert rows[("127.0.0.1", loopback)]["listen_address"] == "127.0.0.1"
    # Not open, or not this machine: empty, nothing guessed.
    for key in (("127.0.0.1", closed), (REMOTE, everywhere)):
        assert [rows[key][c] for c in BEHIND_COLUMNS] == ["", "", ""]
    # The usual columns are as in a report without them.
    plain_rows = rows_by_door(plain)
    for key, row in plain_rows.items():
        assert {c: rows[key][c] for c in COLUMNS} == row


def test_json_lines_give_the_pid_as_a_number_or_null(doors):
    results, behind, everywhere, _loopback, closed = doors
    out = io.StringIO()
    write_jsonl(results, out, behind=behind)
    lines = {(o["address"], o["port"]): o for o in map(json.loads, out.getvalue().splitlines())}
    assert lines[("127.0.0.1", everywhere)]["pid"] == os.getpid()
    assert lines[("127.0.0.1", everywhere)]["listen_address"] == "0.0.0.0"
    assert lines[("127.0.0.1", closed)]["pid"] is None
    assert lines[(REMOTE, everywhere)]["process"] == ""


def test_the_consequence_of_where_it_listens(doors):
    results, behind, everywhere, loopback, _closed = doors
    wide = behind.listener(results.get("127.0.0.1", Protocol.TCP, everywhere))
    local = behind.listener(results.get("127.0.0.1", Protocol.TCP, loopback))
    assert wide.reach == "listens on 0.0.0.0: reachable from every network this machine is on"
    assert local.reach == "listens on 127.0.0.1 only: reachable from this machine only"


def test_a_report_with_the_columns_reads_back(doors, tmp_path):
    results, behind, *_ = doors
    path = tmp_path / "r.csv"
    write_csv(results, path, behind=behind)
    assert len(load_report(path).results) == 4
    path = tmp_path / "r.jsonl"
    write_jsonl(results, path, behind=behind)
    assert len(load_report(path).results) == 4


def test_a_scan_without_an_open_door_of_this_machine_has_the_usual_columns():
    results = ResultSet.of([door(REMOTE, 22)])
    assert Behind.for_results(results) is None
    assert Behind.for_results(list(results)) is None


def test_another_user_s_socket_gives_its_address_but_no_pid_nor_name():
    table = ListenerTable([Listener(Protocol.TCP, 5432, "127.0.0.1")])  # pid not visible
    behind = Behind(table, own=())
    fields = behind.fields(door("127.0.0.1", 5432))
    assert fields == {"process": "", "pid": None, "listen_address": "127.0.0.1"}
