"""A scan's stopwatch (pauses left out) and the estimate at the rate so far."""

import pytest

from portwindow.engine.core.model import PortState
from portwindow.engine.scan.progress import Stopwatch, rate_eta, snapshot


def test_elapsed_leaves_pauses_out_and_stands_still_during_one():
    watch = Stopwatch()
    assert watch.elapsed(5.0) == 0.0
    watch.start(10.0)
    assert watch.elapsed(12.0) == 2.0
    watch.pause(12.0)
    assert watch.elapsed(20.0) == 2.0
    watch.resume(15.0)
    assert watch.elapsed(16.0) == 3.0
    watch.pause(16.0)
    watch.pause(17.0)  # a second pause changes nothing
    watch.resume(18.0)
    assert watch.elapsed(19.0) == 4.0


def test_a_scan_paused_before_it_started_counts_from_its_resume():
    watch = Stopwatch()
    watch.pause(1.0)
    watch.start(10.0)
    assert watch.elapsed(11.0) == 0.0
    watch.resume(12.0)
    assert watch.elapsed(13.0) == 1.0


def test_rate_eta():
    assert rate_eta(0, 10, 1.0) is None
    assert rate_eta(10, 10, 1.0) == 0.0
    assert rate_eta(25, 100, 5.0) == pytest.approx(15.0)


def test_snapshot_carries_the_counts_and_the_rate():
    counts = dict.fromkeys(PortState, 0)
    counts[PortState.OPEN], counts[PortState.OPEN_FILTERED] = 2, 3
    p = snapshot(counts, done=5, total=10, elapsed=2.0, eta=2.0)
    assert (p.open, p.closed, p.filtered, p.open_filtered) == (2, 0, 0, 3)
    assert (p.rate, p.fraction, p.eta) == (2.5, 0.5, 2.0)
    assert snapshot(counts, 0, 0, 0.0, None).rate == 0.0
