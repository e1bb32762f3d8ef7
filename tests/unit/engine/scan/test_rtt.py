"""RFC 6298's estimator: the first sample, the smoothing after it, and the timeout kept
between its floor and the user's maximum."""

import pytest

from portwindow.engine.scan.rtt import MIN_TIMEOUT, RttEstimator
from portwindow.engine.scan.timing import HostTiming, host_timing


def test_before_any_answer_the_timeout_is_the_maximum():
    est = RttEstimator(1.5)
    assert (est.timeout, est.srtt, est.rttvar) == (1.5, None, 0.0)


def test_the_first_sample_sets_srtt_and_half_of_it_as_variation():
    est = RttEstimator(5.0)
    est.sample(0.2)
    assert est.srtt == 0.2
    assert est.rttvar == 0.1
    assert est.timeout == pytest.approx(0.2 + 4 * 0.1)


def test_later_samples_smooth_with_rfc_6298s_gains():
    est = RttEstimator(5.0)
    est.sample(0.2)
    est.sample(0.6)
    # RTTVAR = 3/4 * 0.1 + 1/4 * |0.2 - 0.6|; SRTT = 7/8 * 0.2 + 1/8 * 0.6
    assert est.rttvar == pytest.approx(0.175)
    assert est.srtt == pytest.approx(0.25)
    assert est.timeout == pytest.approx(0.25 + 4 * 0.175)


def test_the_timeout_stays_between_its_floor_and_the_maximum():
    fast = RttEstimator(1.0)
    fast.sample(0.00001)
    assert fast.timeout == MIN_TIMEOUT
    slow = RttEstimator(1.0)
    slow.sample(0.9)
    assert slow.timeout == 1.0
    tight = RttEstimator(0.05)  # a maximum below the floor wins
    assert tight.minimum == 0.05
    tight.sample(0.00001)
    assert tight.timeout == 0.05


def test_a_steady_path_converges_on_its_rtt():
    est = RttEstimator(2.0, minimum=0.01)
    for _ in range(200):
        est.sample(0.05)
    assert est.srtt == pytest.approx(0.05)
    assert est.rttvar == pytest.approx(0.0, abs=1e-9)
    assert est.timeout == pytest.approx(0.05)


def test_a_jump_in_rtt_lengthens_the_timeout_at_once():
    est = RttEstimator(5.0, minimum=0.01)
    for _ in range(50):
        est.sample(0.01)
    before = est.timeout
    est.sample(0.5)
    assert est.timeout > 10 * before
    assert est.timeout > 0.5


def test_todays_host_timing_is_the_estimator_and_retries_at_once():
    timing = host_timing(0.8)("192.0.2.1", None)
    assert isinstance(timing, HostTiming)
    assert timing.timeout == 0.8
    timing.sample(0.1)
    assert timing.timeout == pytest.approx(0.3)
    assert timing.retry_at(sent_at=10.0, now=10.3) == 10.3
