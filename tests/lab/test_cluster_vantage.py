"""Vantage points (``scan/cluster/exposure.py``): two Dask workers in two network
namespaces (``vantage_lab.py``: the LAN and the WAN of one target) scan the same target
through one cluster; ``portwindow scan --vantage lan,wan --exposure`` says door by door
which doors are reachable from where, and the scan's own report has each door's most
open state."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

pytest.importorskip("distributed")

from tests.lab import wan
from tests.lab.vantage_lab import PORTS, SEEN, TARGET, vantage_lab

pytestmark = pytest.mark.lab


@pytest.fixture(autouse=True)
def _lab_permitted():
    reason = wan.unavailable(tun=False)
    if reason:
        pytest.skip(reason)


def test_two_vantage_points_see_different_doors(tmp_path):
    exposure, report = tmp_path / "exposure.csv", tmp_path / "scan.jsonl"
    with vantage_lab(tmp_path) as cluster:
        argv = [
            sys.executable, "-m", "portwindow", "scan", TARGET,
            "-p", ",".join(map(str, PORTS)), "--timeout", "0.5", "--retries", "1",
            "--cluster", cluster.address, "--vantage", "lan,wan",
            "--exposure", str(exposure), "--json", str(report),
        ]  # fmt: skip
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with exposure.open(newline="") as f:
        rows = {int(row["port"]): row for row in csv.DictReader(f)}
    assert set(rows) == set(PORTS)
    for port in PORTS:
        assert rows[port]["state@lan"] == SEEN["lan"][port]
        assert rows[port]["state@wan"] == SEEN["wan"][port]
    assert rows[22]["reachable_from"] == "lan"
    assert rows[80]["reachable_from"] == "lan wan"
    assert rows[8080]["reachable_from"] == "wan"
    assert rows[9000]["reachable_from"] == ""
    lines = [json.loads(line) for line in report.read_text().splitlines()]
    merged = {line["port"]: line["state"] for line in lines}
    assert merged == {22: "open", 80: "open", 8080: "open", 9000: "closed"}
    assert "8080/tcp  open from wan" in done.stdout
    assert "22/tcp  open from lan" in done.stdout
