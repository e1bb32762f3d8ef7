"""The engine in a network lab (a fresh namespace per scenario; see netlab.py):
filtered ports, REJECT variants, 30% loss, a low descriptor limit, IPv6, cancellation.
Compared with nmap where it is installed."""

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.lab


@functools.cache
def lab_unavailable() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed"
    for tool in ("ip", "iptables", "ip6tables"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    probe = subprocess.run(
        ["unshare", "-n", "iptables", "-L", "-n"], capture_output=True, text=True, timeout=30
    )
    if probe.returncode != 0:
        return f"unshare -n with iptables is not permitted here: {probe.stderr.strip()[:200]}"
    return None


def run_lab(scenario: str) -> dict:
    reason = lab_unavailable()
    if reason:
        pytest.skip(reason)
    child = subprocess.run(
        ["unshare", "-n", sys.executable, "-m", "tests.lab.netlab", scenario],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    assert child.returncode == 0, child.stderr
    return json.loads(child.stdout)


def test_states_and_reasons_match_nmap():
    lab = run_lab("states")
    ours = lab["ours"]
    assert ours["5001"] == ["open", "syn-ack"]
    assert ours["5003"] == ["open", "syn-ack"]
    assert ours["5010"] == ["filtered", "no-response"]  # listening, but dropped
    assert ours["5011"] == ["filtered", "no-response"]
    assert ours["5012"] == ["closed", "conn-refused"]
    assert ours["5013"] == ["closed", "conn-refused"]
    assert ours["5014"] == ["filtered", "host-unreach"]
    assert ours["5000"] == ["closed", "conn-refused"]
    assert len(ours) == 21
    assert not lab["partial"]
    nmap = lab["nmap"]
    if nmap is None:
        pytest.skip("nmap is not installed; our states were checked on their own")
    for port, (state, _reason) in ours.items():
        expected = nmap["listed"].get(port, [nmap["default"], None])[0]
        assert state == expected, f"port {port}: ours {state}, nmap {expected}"


def test_thirty_percent_loss_gives_exact_states_with_retries():
    lab = run_lab("loss")
    ours = lab["ours"]
    assert len(ours) == 300
    opened = sorted(int(p) for p, (state, _) in ours.items() if state == "open")
    assert opened == lab["open"]
    assert all(state in ("open", "closed") for state, _ in ours.values())


def test_low_descriptor_limit_never_fails_or_misreports():
    lab = run_lab("low_nofile")
    ours = lab["ours"]
    assert len(ours) == 2000
    assert not lab["partial"]
    for port in range(7000, 9000):
        state = ours[str(port)][0]
        if port in lab["open"]:
            assert state == "open"
        elif 7001 <= port <= 8000:
            assert state == "filtered"
        else:
            assert state == "closed"


def test_ipv6_loopback_in_the_lab():
    lab = run_lab("ipv6")
    assert lab["addresses"] == ["::1"]
    assert lab["ours"] == {
        "9000": ["closed", "conn-refused"],
        "9001": ["open", "syn-ack"],
        "9002": ["filtered", "no-response"],
        "9003": ["closed", "conn-refused"],
    }


def test_cancel_with_hundreds_in_flight():
    lab = run_lab("cancel")
    assert lab["pending"] >= 100
    assert lab["latency"] < 0.2
    assert lab["partial"]
    assert lab["fds_after"] <= lab["fds_before"]
