"""`portwindow scan` of this machine says who is behind each open door."""

import os

from portwindow.cli.behind import format_behind
from portwindow.cli.commands import EXIT_OK, main
from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.scan.enrich.listeners import Listener, ListenerTable
from tests.support.listeners import listeners


def test_a_scan_of_this_machine_names_the_listening_process(capsys):
    with listeners(1) as (port,):
        code = main(["scan", "127.0.0.1", "-p", str(port), "--no-history"])
    out, err = capsys.readouterr()
    assert code == EXIT_OK, err
    assert "Behind the open doors:" in out
    line = next(line for line in out.splitlines() if f"{port}/tcp" in line and "pid" in line)
    assert f"pid {os.getpid()}" in line
    assert "reachable from this machine only" in line


def test_hostile_process_names_are_escaped():
    result = PortResult(
        "127.0.0.1", "127.0.0.1", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 0.001, 0.0
    )
    table = ListenerTable(
        [Listener(Protocol.TCP, 22, "127.0.0.1", 7, "evil\x1b]0;x\x07", "root", "run\x1b[2J")]
    )
    text = format_behind([result], table)
    assert "\x1b" not in text
    assert "evil\\x1b]0;x\\x07 (pid 7, root)" in text


def test_nothing_for_other_machines():
    result = PortResult(
        "198.51.100.7", "198.51.100.7", Protocol.TCP, 22, PortState.OPEN, Reason.SYN_ACK, 0.001, 0.0
    )
    assert format_behind([result], ListenerTable([])) == ""
