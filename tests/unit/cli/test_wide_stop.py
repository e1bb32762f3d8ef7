"""Ctrl-C on a scan of millions of addresses (``127.0.0.0/8 --allow-large`` with one
port, in the test's network namespace): it stops, and what it found so far is a whole
JSON Lines report and one partial scan in the history, door for door the same. How fast
it stops and how small it stays are figures of ``bench/wide_stop.py``, not asserted here.
"""

import ipaddress
import json
import re
import select
import signal
import socket
import time

from portwindow.cli.commands import EXIT_INTERRUPTED
from portwindow.engine.audit.history import History
from portwindow.engine.core.model import PortState
from tests.support.cli_process import portwindow_process


def test_ctrl_c_on_a_wide_scan_leaves_a_whole_report_and_the_same_partial_scan(tmp_path):
    report, history = tmp_path / "partial.jsonl", tmp_path / "h.sqlite3"
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        port = listener.getsockname()[1]
        argv = ["scan", "127.0.0.0/8", "--allow-large", "-p", str(port), "-q"]
        child = portwindow_process(*argv, "--json", str(report), "--history", str(history))
        try:
            readable, _, _ = select.select([listener], [], [], 60)
            assert readable, "the scan never reached 127.0.0.1"
            time.sleep(1.5)  # well into the next addresses
            child.send_signal(signal.SIGINT)
            out, err = child.communicate(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert child.returncode == EXIT_INTERRUPTED, err
    probed = int(re.search(r"([\d,]+) of 16,777,216 ports probed", out).group(1).replace(",", ""))
    assert 1 < probed < 16_777_216
    rows = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == probed
    addresses = [ipaddress.ip_address(row["address"]) for row in rows]
    assert addresses == sorted(set(addresses))  # every host once, in address order
    assert {row["port"] for row in rows} == {port}
    opened = [row["address"] for row in rows if row["state"] == "open"]
    assert opened == ["127.0.0.1"]
    assert {row["state"] for row in rows} == {"open", "closed"}
    with History(history) as saved:
        (scan,) = saved.scans()
        assert scan.partial
        assert (scan.done, scan.open, scan.closed) == (probed, 1, probed - 1)
        results = saved.result_set(scan.id)
    assert [str(a) for a in addresses] == [results.address(h) for h in range(len(rows))]
    assert results.counts()[PortState.OPEN] == 1
    assert results.get("127.0.0.1", results.plan.door(0)[0], port).state is PortState.OPEN
