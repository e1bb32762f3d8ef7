"""The UDP pacer and ETA, on simulated time; and the pace it falls back to, checked against
a model of Linux's host-wide ICMP ration (net/ipv4/icmp.c: icmp_global_allow and
icmp_global_consume)."""

import random

import pytest

from portwindow.engine.scan.probes.udp_pace import (
    MIN_PACE,
    Pacer,
    burst_for,
    fallback_pace,
    udp_eta,
)


def sent_over(pacer: Pacer, seconds: float, step: float = 0.0005, start: float = 0.0):
    """Send whenever the pacer lets us, polling every ``step``; return the send times."""
    times = []
    for i in range(round(seconds / step)):
        now = start + i * step
        while pacer.delay(now) == 0:
            pacer.take()
            times.append(now)
    return times


@pytest.mark.parametrize("rate", [50, 800, 5000, 20000])
def test_pacer_keeps_its_rate_and_burst(rate):
    pacer = Pacer(rate, fallback=rate, now=0.0)
    times = sent_over(pacer, 2.0)
    assert abs(len(times) - 2.0 * rate) <= pacer.burst + 1
    # No window of 100 ms holds more than its share plus one burst.
    window = [t for t in times if 0.5 <= t < 0.6]
    assert len(window) <= 0.1 * rate + pacer.burst + 1


def test_delay_says_when_the_next_token_comes():
    pacer = Pacer(100, fallback=100, now=0.0)
    assert pacer.delay(0.0) == 0
    pacer.take()
    assert pacer.delay(0.0) == pytest.approx(0.01)
    assert pacer.delay(0.004) == pytest.approx(0.006)
    assert pacer.delay(0.011) == 0


def test_burst_is_a_few_milliseconds_of_tokens():
    assert burst_for(800) == pytest.approx(3.2)
    assert burst_for(10) == 1
    assert burst_for(1e6) == 64
    pacer = Pacer(1000, fallback=800, now=0.0)
    pacer.delay(100.0)  # a long pause saves up one burst at most
    assert len(sent_over(pacer, 0.0005, start=100.0)) <= burst_for(1000) + 1


def test_losses_drop_to_the_fallback_then_halve_once_per_hold():
    pacer = Pacer(20000, fallback=800, now=0.0)
    assert pacer.on_loss(now=0.3, lost_at=0.1, hold=0.1)
    assert pacer.rate == 800
    assert pacer.burst == burst_for(800)
    # Losses of probes sent before the change are the old pace's: no second drop.
    assert not pacer.on_loss(now=0.5, lost_at=0.29, hold=0.1)
    # Within the hold, nothing changes either.
    assert not pacer.on_loss(now=0.35, lost_at=0.31, hold=0.1)
    assert pacer.rate == 800
    assert pacer.on_loss(now=0.6, lost_at=0.45, hold=0.1)
    assert pacer.rate == 400
    now = 0.6
    for _ in range(20):
        now += 1
        pacer.on_loss(now=now, lost_at=now - 0.5, hold=0.1)
    assert pacer.rate == MIN_PACE
    assert pacer.slowdowns == 11  # 800, 400, 200, 100, 50, 25, 12.5, 6.25, 3.1, 1.6, 1


def test_a_pace_below_the_fallback_halves_at_once():
    pacer = Pacer(300, fallback=800, now=0.0)
    assert pacer.fallback == 300
    assert pacer.on_loss(now=1.0, lost_at=0.5, hold=0.1)
    assert pacer.rate == 150


def test_pacer_rejects_nonsense():
    with pytest.raises(ValueError, match="pace"):
        Pacer(0, fallback=1, now=0.0)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("1000\n", 800),
        ("5000", 4000),
        ("0", 800),
        ("5", 4),
        ("1", MIN_PACE),
        ("junk", 800),
        ("", 800),
    ],
)
def test_fallback_pace_from_the_kernels_ration(tmp_path, content, expected):
    path = tmp_path / "icmp_msgs_per_sec"
    path.write_text(content)
    assert fallback_pace(str(path)) == expected
    assert fallback_pace(str(tmp_path / "missing")) == 800


class LinuxIcmpRation:
    """Linux's host-wide ICMP error ration, after net/ipv4/icmp.c (6.x):
    ``icmp_global_allow`` refills the credit only once it is spent and at least HZ/50
    jiffies after the last refill, by msgs_per_sec * elapsed, capped at the burst;
    ``icmp_global_consume`` then takes 0, 1 or 2 credits at random."""

    def __init__(self, hz: int, per_second: int = 1000, burst: int = 50, seed: int = 0):
        self.hz, self.per_second, self.burst = hz, per_second, burst
        self.credit = burst
        self.stamp = 0
        self.rng = random.Random(seed)

    def send(self, t: float) -> bool:
        if self.credit <= 0:
            now = int(t * self.hz)
            delta = min(now - self.stamp, self.hz)
            if delta < self.hz // 50:
                return False
            incr = self.per_second * delta // self.hz
            if not incr:
                return False
            self.stamp = now
            self.credit = min(self.credit + incr, self.burst)
        self.credit -= self.rng.randrange(3)
        return True


@pytest.mark.parametrize("hz", [100, 250, 300, 1000])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fallback_pace_loses_no_icmp_answer_to_the_kernels_ration(hz, seed):
    kernel = LinuxIcmpRation(hz, seed=seed)
    pacer = Pacer(fallback_pace("/nonexistent"), fallback=800, now=0.0)
    times = sent_over(pacer, 10.0)
    lost = sum(not kernel.send(t) for t in times)
    assert len(times) >= 7900
    assert lost == 0


@pytest.mark.parametrize("hz", [100, 250, 1000])
def test_a_faster_pace_does_lose_answers_to_the_model(hz):
    """The model rations: the check above could fail."""
    kernel = LinuxIcmpRation(hz, seed=7)
    pacer = Pacer(2000, fallback=2000, now=0.0)
    times = sent_over(pacer, 5.0)
    lost = sum(not kernel.send(t) for t in times)
    assert lost > len(times) * 0.3


def test_eta_comes_from_the_pace_and_what_is_still_waiting():
    assert udp_eta(unsent=1000, pace=500, timeout=0.5, retries=2, silent_seen=False) == 2.0
    # Once a port stayed silent, the last ones sent may too: room for their timeouts.
    assert udp_eta(unsent=1000, pace=500, timeout=0.5, retries=2, silent_seen=True) == 3.5
    assert udp_eta(unsent=0, pace=500, timeout=0.5, retries=2, silent_seen=True) == 0
    assert (
        udp_eta(unsent=0, pace=500, timeout=0.5, retries=2, silent_seen=True, waiting=[0.2, 1.1])
        == 1.1
    )
    assert (
        udp_eta(unsent=10, pace=1000, timeout=0.1, retries=0, silent_seen=False, waiting=[0.5])
        == 0.5
    )


def test_silences_from_a_target_that_answers_mean_its_answers_are_rationed():
    """Linux answers another host once a second after a burst of 6: the burst comes
    back, then silence. Retries at the same pace find the ration as empty, so silences
    are the evidence."""
    pacer = Pacer(20000, fallback=800, now=0.0)
    for _ in range(6):
        pacer.on_answer()
    assert not pacer.on_silence(now=0.2, sent_at=0.001, hold=0.1)
    assert not pacer.on_silence(now=0.2, sent_at=0.001, hold=0.1)
    assert not pacer.on_silence(now=0.2, sent_at=0.001, hold=0.1)  # the third:
    assert pacer.wants_canary  # a port that answered is probed again
    assert pacer.confirm(now=0.3, hold=0.1)  # and stayed silent: a ration
    assert pacer.rate == 800
    # Silences of probes sent before the change were the old pace's.
    for _ in range(10):
        assert not pacer.on_silence(now=0.35, sent_at=0.2, hold=0.1)
    assert pacer.rate == 800
    # Once confirmed, silences at the new pace slow it on their own.
    for _ in range(3):
        pacer.on_silence(now=0.6, sent_at=0.5, hold=0.1)
    assert pacer.rate == 400


def test_a_canary_that_answers_means_the_silences_are_real():
    """A firewall drops most ports and the kernel refuses a few."""
    pacer = Pacer(20000, fallback=800, now=0.0)
    for _ in range(10):
        pacer.on_answer()
    for at in range(3):
        assert not pacer.on_silence(now=at + 0.2, sent_at=float(at), hold=0.1)
    assert pacer.wants_canary
    pacer.wants_canary = False
    pacer.refute()
    for at in range(3, 14):
        assert not pacer.on_silence(now=at + 0.2, sent_at=float(at), hold=0.1)
    assert not pacer.wants_canary
    # Four times as many silences since: asked again (another sender may have come).
    assert not pacer.on_silence(now=14.2, sent_at=14.0, hold=0.1)
    assert pacer.wants_canary
    pacer.wants_canary = False
    pacer.refute()
    for at in range(15, 38):  # then after eight times as many
        assert not pacer.on_silence(now=at + 0.2, sent_at=float(at), hold=0.1)
    assert not pacer.wants_canary
    assert pacer.rate == 20000


def test_a_few_silent_ports_among_many_answers_do_not_slow_the_pace():
    pacer = Pacer(20000, fallback=800, now=0.0)
    for _ in range(1000):
        pacer.on_answer()
    for at in (0.1, 0.2, 0.3, 0.4):  # four open|filtered ports
        assert not pacer.on_silence(now=at + 0.1, sent_at=at, hold=0.1)
    assert pacer.rate == 20000


def test_a_target_that_never_answers_is_not_rationing():
    """A firewall that drops everything: silence is the answer, at any pace."""
    pacer = Pacer(20000, fallback=800, now=0.0)
    for at in range(100):
        assert not pacer.on_silence(now=at + 0.1, sent_at=float(at), hold=0.1)
    assert pacer.rate == 20000


@pytest.mark.parametrize("rate", [50, 800, 5000, 20000])
def test_allowance_lets_out_what_delay_would_one_by_one(rate):
    """A lane asks once per turn how many may go (``allowance``) and takes them together:
    the same probes go out as when it asked ``delay`` before each one."""
    one_by_one = Pacer(rate, fallback=rate, now=0.0)
    by_turn = Pacer(rate, fallback=rate, now=0.0)
    for i in range(2000):
        now = i * 0.0007
        single = 0
        while one_by_one.delay(now) == 0:
            one_by_one.take()
            single += 1
        many = by_turn.allowance(now)
        by_turn.take(many)
        assert many == single


def test_wait_for_says_when_several_tokens_have_come():
    pacer = Pacer(1000, fallback=1000, now=0.0)  # a burst of 4
    pacer.take(pacer.allowance(0.0))
    assert pacer.wait_for(0.0, 2) == pytest.approx(0.002)
    assert pacer.wait_for(0.0, 10) == pytest.approx(0.004)  # never more than a burst
    assert pacer.wait_for(0.01, 2) == 0.0
    assert pacer.allowance(0.01) == 4
