"""The adaptive timing (``timing.AdaptiveTiming``) on its own: the first window, the
tries a silent port gets, congestion, and how a ration is told and paced."""

import pytest

from portwindow.engine.scan.timing import (
    FIRST_RATION_PACE,
    FIRST_WINDOW,
    MIN_CWND,
    AdaptiveTiming,
    HostTiming,
    adaptive_timing,
)


def test_the_window_opens_at_the_first_answer_or_the_first_silence():
    answered = AdaptiveTiming(1.0, 4096)
    assert answered.cap == FIRST_WINDOW  # the first probes wait the longest timeout
    answered.answered(0.001, 0, 0.0, 0.0)
    assert answered.cap == 4096
    assert answered.timeout == pytest.approx(0.1)  # RFC 6298, at its floor
    dropping = AdaptiveTiming(1.0, 4096)
    assert dropping.retry_at(sent_at=0.0, now=1.0) == 1.0  # a silent try: again at once
    assert dropping.cap == 4096


def test_a_silent_port_gets_two_tries_until_a_port_answers_a_retry():
    timing = AdaptiveTiming(1.0, 512)
    assert timing.tries_allowed(5) == 1
    assert timing.tries_allowed(0) == 0
    timing.answered(0.01, 0, 0.0, 0.0)
    assert timing.tries_allowed(5) == 1
    timing.answered(0.01, 1, 0.5, 1.0)  # a retry answered: its first try was lost
    assert timing.tries_allowed(5) == 5


def test_a_few_losses_on_a_path_that_answers_halve_the_window_once_per_timeout():
    timing = AdaptiveTiming(1.0, 1024)
    for _ in range(40):
        timing.answered(0.01, 0, 0.0, 0.0)
    for n in range(10):  # a retry answered after every 8 first tries: congestion
        timing.answered(0.01, 1, 0.5, 1.0 + n * 0.001)
        for _ in range(8):
            timing.answered(0.01, 0, 0.0, 0.0)
    assert not timing.rationed
    assert timing.cap == 512 + 7 * 8  # halved once, at the fourth; grown since
    timing.answered(0.01, 1, 2.0, 3.0)  # a timeout later: halved again
    assert timing.cap == 284
    for _ in range(100):
        timing.answered(0.01, 0, 0.0, 0.0)
    assert timing.cap == 384  # one probe back per answer
    assert timing.cap >= MIN_CWND


def test_losses_piling_up_against_answers_are_a_ration():
    timing = AdaptiveTiming(1.0, 1024)
    for _ in range(200):  # the host's first burst: every first try answered
        timing.answered(0.001, 0, 0.0, 0.0)
    assert not timing.answered(0.001, 1, 0.4, 0.5, first_sent=200)  # the first loss
    for _ in range(10):
        assert not timing.retry_silent(0.55, first_sent=300)
    for n in range(16):  # 16 first tries answered of the next 300: 5%, was 100%
        timing.answered(0.001, 0, 0.0, 0.0)
        if n % 5 == 4:
            rationed = timing.answered(0.001, 1, 0.4, 0.6 + n * 0.01, first_sent=500)
    assert rationed  # the fourth loss: a quarter of the first answers since the first
    assert timing.rationed
    assert timing.pace == FIRST_RATION_PACE  # 0.14 s since the first loss: too soon to tell
    timing.answers += 77  # 96 answers since the first loss, in the 0.6 s to 1.1 s
    timing.measure_pace(1.1)
    assert timing.measured
    assert timing.pace == pytest.approx(0.9 * 96 / 0.6)


def test_a_lossy_link_is_no_ration():
    """Losses as many as a quarter of the answers, but most retries answered and first
    tries answered as often as before: a link that loses a third of its packets."""
    timing = AdaptiveTiming(1.0, 1024)
    for _ in range(70):
        timing.answered(0.001, 0, 0.0, 0.0)
    timing.answered(0.001, 1, 0.4, 0.5, first_sent=100)
    for n in range(40):
        timing.answered(0.001, 0, 0.0, 0.0)
        if n % 2:
            assert not timing.answered(0.001, 1, 0.4, 0.6, first_sent=160)
        if n % 5 == 0:
            assert not timing.retry_silent(0.6, first_sent=160)
    assert not timing.rationed
    assert timing.tries_allowed(10) == 10


def test_a_loss_sent_before_the_pace_changed_proves_nothing():
    timing = AdaptiveTiming(1.0, 64)
    timing.rationed, timing.pace, timing.measured = True, 200.0, True
    timing._new_regime(5.0)
    assert not timing.answered(0.001, 2, 4.0, 5.5)
    assert timing.regime_losses == 0
    assert not timing.canary(False, sent_at=4.9, now=5.5)
    assert timing.canary_losses == 0


def test_the_default_factory_makes_adaptive_timings_and_the_plain_one_stays():
    timing = adaptive_timing(0.5, 300)(None, None)
    assert isinstance(timing, AdaptiveTiming)
    assert (timing.maximum, timing.max_cwnd) == (0.5, 300)
    plain = HostTiming(0.5)
    assert plain.tries_allowed(7) == 7
    assert not plain.answered(0.1, 3, 1.0, 2.0)
    assert plain.timeout == pytest.approx(0.3)
