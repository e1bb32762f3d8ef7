"""How one path answers, as a lane consults it: issue 12's timing engine.

Every host a lane probes carries a timing object (``Host.timing``, made by a
:data:`TimingFactory`). The lane reads ``timeout`` for each probe it starts and ``cap``
(the probes it may have in flight to the host), reports each answer to ``answered``
and each silence to ``retry_at`` and ``tries_allowed``. Two kinds:

- :class:`HostTiming`: RFC 6298's timeout (``rtt.py``) and nothing else; every retry
  at once, every retry configured. Tests use it where the adaptive part would blur what
  they check.
- :class:`AdaptiveTiming`, the default, learns the path as nmap's ``ultra_scan`` does
  and then some:

  - the timeout is RFC 6298's RTO from the answers' round trips;
  - a congestion window on the probes in flight (``cap``): ``FIRST_WINDOW`` probes
    until the host first answers (they wait the longest timeout) or one times out (a
    path that drops), then large (the lane's window); it halves, at most once per
    timeout, when answers go missing on a path that answers most probes (a congested
    link), then grows back by one probe per answer, up to where it started;
  - drops are seen as nmap sees them: a port that answers a retry lost its earlier try.
    Until that happens a silent port gets two tries, not every retry configured (a DROP
    firewall costs two timeouts a port, never more); after it, every retry;
  - rationing: a host that rations its resets and ICMP errors (FreeBSD's 200 a second)
    answers at a flat rate however fast probes go. Its signature, since the first loss:
    losses piling up against answers (a quarter as many ports needing a retry as
    answered their first try), answers still coming, and yet at most half the retries
    answered and first tries answered half as often as before (a lossy link answers
    most retries, and loses as many first tries before as after). Then the timing is
    ``rationed``, and the TCP lane (``lanes/rationed.py``) sends every retry of that
    host at its ``pace`` once the first tries are all out, in batches that canaries
    (ports known to answer, probed again right behind them) prove: a silence counts
    only in a batch whose canaries all answered. The pace starts a little under the
    rate answers came at during the first tries (or at ``FIRST_RATION_PACE`` when they
    were over too soon to tell) and grows (5% a second; 50% every quarter second when
    not measured) until batches fail. Failures past a few percent slow the pace to 15%
    below the slowest of its last ``LOSS_LAG`` steps of growth, at most once per
    timeout, and it grows no more. A path whose canaries still lose a tenth after four
    slowdowns loses probes whatever the pace (a lossy link): it is ``lossy``, not
    rationed, and its silent ports get every retry.

The hosts of one network could share one timing (a /24 behind one firewall shares its
ration); today each host has its own.
"""

from __future__ import annotations

import collections
import math
import typing
from collections.abc import Callable
from ipaddress import IPv4Address, IPv6Address

from portwindow.engine.core.model import Protocol
from portwindow.engine.scan.rtt import RttEstimator

UNCAPPED = 1 << 30
"""``cap`` of a timing that sets no congestion window."""
MIN_CWND = 8
FIRST_WINDOW = 64
"""Probes in flight to a host before it first answers or a probe of it times out."""
MIN_RATION_PACE = 1.0
LOSSES_OF_RATION = 4
"""Ports that answered only a retry before a path can be called rationed..."""
RATION_SHARE = 0.25
"""...and their share of the ports that answered their first try since the first loss..."""
ANSWERS_OF_RATION = 16
"""...and answers since the first loss (a ration answers at a flat rate, on and on)..."""
RATION_DROP = 0.5
"""...and at most half the retries of silent ports answered, and first tries (if any
went out since) answered at most half as often as before the first loss."""
PACE_MARGIN = 0.9
SLOWDOWN = 0.85
PACE_GROWTH = 1.05
LOSS_LAG = 2
"""Steps of growth: a slowdown goes below the slowest pace of the last two."""
PACE_PROBE_EVERY = 1.0
"""Seconds without a loss at a pace before it grows by ``PACE_GROWTH`` (until the
first slowdown: then the pace has found its ceiling)."""
FAST_GROWTH = 1.5
FAST_PROBE_EVERY = 0.25
"""How a pace grows that starts at ``FIRST_RATION_PACE``, not measured."""
FIRST_RATION_PACE = 100.0
MEASURE_SPAN = 0.25
"""Seconds: the shortest span a ration is measured over (a shorter one is mostly the
host's first burst)."""
LOSS_SHARE = 0.03
"""Share of canaries (or answers) a pace may lose before it slows down; a path that
answers most probes loses more than ``CONGESTION_SHARE`` of its answers before its
window halves."""
CONGESTION_SHARE = 0.05
SLOWDOWNS_OF_LOSS = 4
RANDOM_LOSS = 0.1
"""A rationed path whose canaries still lose this share after ``SLOWDOWNS_OF_LOSS``
slowdowns (half the pace) loses probes at any pace: it is lossy, not rationed."""
TRIES_BEFORE_LOSS = 2
"""Tries of a silent port until some port answered a retry (nmap's rule too)."""


class PathTiming(typing.Protocol):
    """What a lane consults about one path."""

    timeout: float
    """Seconds to wait for the next probe's answer (the retransmission timeout)."""
    cap: int
    """Probes in flight to the host at most (its congestion window)."""
    rationed: bool
    """Whether the host rations its answers (see :class:`AdaptiveTiming`)."""

    def sample(self, rtt: float) -> None:
        """An answer came ``rtt`` seconds after its probe went out."""

    def answered(
        self, rtt: float, attempt: int, lost_at: float, now: float, first_sent: int = 0
    ) -> bool:
        """An answer to try ``attempt``; ``lost_at``: when the earlier try that went
        unanswered was sent (0: none; then ``now`` and ``first_sent``, the first tries
        sent to the host so far, need not be given). True when this changed the
        path's pace."""

    def retry_silent(self, now: float, first_sent: int) -> bool:
        """A retry went unanswered too (``first_sent``: first tries sent to the host so
        far). True when this changed the path's pace."""

    def retry_at(self, sent_at: float, now: float) -> float:
        """A probe sent at ``sent_at`` went unanswered (noticed at ``now``): when its
        next try may go, on the scan's clock."""

    def tries_allowed(self, configured: int) -> int:
        """Retries a silent port gets now, of the ``configured`` ones."""


TimingFactory = Callable[[IPv4Address | IPv6Address, Protocol], PathTiming]
"""``factory(address, protocol)``: the timing of a host for one lane."""


class HostTiming(RttEstimator):
    """RFC 6298's timeout (``rtt.py``); a silent port tries again at once, every retry."""

    __slots__ = ()
    cap = UNCAPPED
    rationed = False

    def answered(
        self, rtt: float, attempt: int, lost_at: float, now: float, first_sent: int = 0
    ) -> bool:
        self.sample(rtt)
        return False

    def retry_silent(self, now: float, first_sent: int) -> bool:
        return False

    def retry_at(self, sent_at: float, now: float) -> float:
        return now

    def tries_allowed(self, configured: int) -> int:
        return configured


class AdaptiveTiming(RttEstimator):
    """The default timing (see the module docstring)."""

    __slots__ = (
        "_grown_at",
        "_held_until",
        "_losses_at_growth",
        "_paces",
        "answers",
        "answers_at_loss",
        "canary_losses",
        "cap",
        "cwnd",
        "first_answers",
        "first_at_loss",
        "first_loss_at",
        "losses",
        "lossy",
        "max_cwnd",
        "max_success",
        "measured",
        "pace",
        "rationed",
        "regime_answers",
        "regime_at",
        "regime_canaries",
        "regime_losses",
        "sent_at_loss",
        "silent_retries",
        "slowdowns",
    )

    def __init__(self, maximum: float, window: int = UNCAPPED) -> None:
        super().__init__(maximum)
        self.max_cwnd = window
        # Until the path answers (or a probe times out), the timeout is the longest one:
        # few probes risk it. Then the whole window.
        self.cwnd = float(min(window, FIRST_WINDOW))
        self.cap = int(self.cwnd)
        self.max_success = 0  # the highest try number a port answered
        self.answers = 0
        self.first_answers = 0
        self.losses = 0  # ports that answered a retry after a silent try
        self.first_loss_at = math.inf
        self.answers_at_loss = 0
        self.first_at_loss = 0
        self.sent_at_loss = 0  # first tries sent when the first loss came
        self.silent_retries = 0  # retries that went unanswered too
        self.rationed = False
        self.lossy = False  # losses at every pace: a lossy link, not a ration
        self.pace = math.inf  # probes a second to a rationed host
        self.measured = False  # whether the pace started from a measured ration
        self.regime_at = -math.inf  # when the pace last changed
        self.regime_answers = 0
        self.regime_losses = 0
        self.regime_canaries = 0
        self.canary_losses = 0
        self.slowdowns = 0
        self._held_until = -math.inf
        self._grown_at = -math.inf
        self._losses_at_growth = 0
        self._paces: collections.deque[tuple[float, float]] = collections.deque(maxlen=16)

    def answered(
        self, rtt: float, attempt: int, lost_at: float, now: float, first_sent: int = 0
    ) -> bool:
        self.sample(rtt)
        self.answers += 1
        if self.answers == 1:
            self._open()
        if not lost_at:
            self.first_answers += 1
            if self.cwnd < self.max_cwnd:
                self._grow()
            if self.rationed:
                self.regime_answers += 1
            return False
        self.max_success = max(self.max_success, attempt)
        return self._lost(lost_at, now, first_sent)

    def _open(self) -> None:
        self.cwnd, self.cap = float(self.max_cwnd), self.max_cwnd

    def _grow(self) -> None:
        cwnd = min(self.max_cwnd, self.cwnd + 1.0)
        self.cwnd = cwnd
        self.cap = int(cwnd)

    def _lost(self, lost_at: float, now: float, first_sent: int) -> bool:
        """A try sent at ``lost_at`` went unanswered, a later one was answered."""
        if lost_at < self.regime_at:
            return False  # sent at a pace already given up
        if self.first_loss_at == math.inf:
            self.first_loss_at = now
            self.answers_at_loss = self.answers
            self.first_at_loss = self.first_answers
            self.sent_at_loss = first_sent
        self.losses += 1
        if self.rationed:
            self.regime_losses += 1
            return self._judge_pace(now)
        if self.losses < LOSSES_OF_RATION:
            return False
        if not self.lossy and self._rationing(first_sent):
            return self._start_ration(now)
        if self.losses >= CONGESTION_SHARE * self.answers and now >= self._held_until:
            # A path that answers most probes lost some: congestion; halve the window.
            self.cwnd = max(MIN_CWND, self.cwnd / 2)
            self.cap = int(self.cwnd)
            self._held_until = now + self.timeout
        return False

    def _rationing(self, first_sent: int) -> bool:
        """Since the first loss: a quarter as many losses as first tries answered, a
        flow of answers still, and first tries answered half as often as before it or
        less (a lossy link loses the same share before and after)."""
        first_since = self.first_answers - self.first_at_loss
        if self.losses < RATION_SHARE * first_since:
            return False
        if self.answers - self.answers_at_loss < ANSWERS_OF_RATION:
            return False
        if self.losses > RATION_DROP * (self.losses + self.silent_retries):
            return False  # most retries of silent ports are answered: a lossy link
        sent_since = first_sent - self.sent_at_loss
        if sent_since < ANSWERS_OF_RATION:
            return True  # the first tries were over before the first loss
        before = self.first_at_loss / max(1, self.sent_at_loss)
        return first_since / sent_since <= RATION_DROP * before

    def _start_ration(self, now: float) -> bool:
        """Answers flat while probes grow; the pace is measured at ``measure_pace``."""
        self.rationed = True
        self._open()  # a ration, not congestion
        self.measure_pace(now)
        return True

    def measure_pace(self, now: float) -> None:
        """The lane sent its last first try to the host: the rate answers came at since
        the first loss (a little under) is the host's ration, the pace of the tries from
        now on; what was lost before proves nothing against it."""
        span = now - self.first_loss_at
        since = self.answers - self.answers_at_loss
        self.measured = span >= MEASURE_SPAN
        if self.measured:
            self.pace = max(MIN_RATION_PACE, PACE_MARGIN * since / span)
        else:
            # The first tries were over before the ration could be measured: start
            # low and grow fast until a loss shows the ceiling.
            self.pace = FIRST_RATION_PACE
        self._new_regime(now)

    def canary(self, answered: bool, sent_at: float, now: float) -> bool:
        """A port known to answer, probed again at ``sent_at``: answered, or silent (a
        loss at this pace, if it was sent at it). True when the pace changed."""
        if sent_at < self.regime_at:
            return False
        self.regime_canaries += 1
        if answered:
            return False
        self.canary_losses += 1
        return self._judge_pace(now)

    def _judge_pace(self, now: float) -> bool:
        """Two losses at this pace, and more than a few percent of the canaries (or of
        the answers): slow down, at most once per timeout."""
        if now < self._held_until:
            return False
        canaries, retries = self.canary_losses, self.regime_losses
        if not (
            (canaries >= 2 and canaries >= LOSS_SHARE * self.regime_canaries)
            or (retries >= 2 and retries >= LOSS_SHARE * self.regime_answers)
        ):
            return False
        # Below the slowest pace of the last few seconds: a loss is seen a while after
        # the pace that caused it (a timeout, and a canary's turn).
        lag = LOSS_LAG * (PACE_PROBE_EVERY if self.measured else FAST_PROBE_EVERY)
        base = min([self.pace] + [pace for at, pace in self._paces if at >= now - lag])
        if self.slowdowns >= SLOWDOWNS_OF_LOSS and canaries >= RANDOM_LOSS * self.regime_canaries:
            # Still losing as much at a fraction of the pace: the path loses probes at
            # any pace (a lossy link), it does not ration. Plain retries, every one.
            self.rationed = False
            self.lossy = True
            self._new_regime(now)
            return True
        self.pace = max(MIN_RATION_PACE, base * SLOWDOWN)
        self.slowdowns += 1
        self._new_regime(now)
        return True

    def probe_faster(self, now: float) -> bool:
        """No loss at this pace for a while: try a little faster (the ration measured
        was shared with dropped ports, which use none of it). True when it did."""
        if self.slowdowns:
            return False  # it found the ceiling: no more
        if self.measured:
            every, growth = PACE_PROBE_EVERY, PACE_GROWTH
        else:
            every, growth = FAST_PROBE_EVERY, FAST_GROWTH
        if now < self._grown_at + every:
            return False
        self._grown_at = now
        losses = self.canary_losses + self.regime_losses
        if losses > self._losses_at_growth:
            self._losses_at_growth = losses
            return False  # a loss since the last step: stay
        self._paces.append((now, self.pace))
        self.pace *= growth
        return True

    def _new_regime(self, now: float) -> None:
        self._grown_at = now
        self._losses_at_growth = 0
        self.regime_at = now
        self.regime_answers = self.regime_losses = 0
        self.regime_canaries = self.canary_losses = 0
        self._held_until = now + self.timeout

    def retry_silent(self, now: float, first_sent: int) -> bool:
        """A retry went unanswered too. True when that showed a ration."""
        self.silent_retries += 1
        if self.rationed or self.lossy or self.losses < LOSSES_OF_RATION:
            return False
        if self._rationing(first_sent):
            return self._start_ration(now)
        return False

    def retry_at(self, sent_at: float, now: float) -> float:
        if not self.answers and self.cap < self.max_cwnd:
            self._open()  # a path that drops: nothing to learn by waiting
        return now

    def tries_allowed(self, configured: int) -> int:
        if self.losses:
            return configured
        return min(configured, max(TRIES_BEFORE_LOSS - 1, self.max_success + 1))


def host_timing(timeout: float) -> TimingFactory:
    """A :class:`HostTiming` per host and lane, at most ``timeout``."""

    def make(_address: IPv4Address | IPv6Address, _protocol: Protocol) -> PathTiming:
        return HostTiming(timeout)

    return make


def adaptive_timing(timeout: float, window: int = UNCAPPED) -> TimingFactory:
    """The default factory: an :class:`AdaptiveTiming` per host and lane, at most
    ``timeout``, its window starting at ``window``."""

    def make(_address: IPv4Address | IPv6Address, _protocol: Protocol) -> PathTiming:
        return AdaptiveTiming(timeout, window)

    return make
