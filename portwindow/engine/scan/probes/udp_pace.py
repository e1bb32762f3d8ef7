"""How fast UDP probes go out, and how long the UDP part of a scan has left.

A closed UDP port says so only through an ICMP port unreachable, and kernels ration
those: Linux's host-wide bucket (``net.ipv4.icmp_msgs_per_sec``, 1000 a second, and
``icmp_msgs_burst``, 50; each message costs 0-2 tokens at random) and, towards other
hosts, one message per ``icmp_ratelimit`` (1 s) per destination. A probe whose ICMP
answer was rationed away looks exactly like a silent ``open|filtered`` port, so a scan
that outruns the target's ration is not slow but wrong, unless retries catch it.

The UDP lane (``scan/lanes/udp.py``) sends its probes through a :class:`Pacer`, a token
bucket. It starts at
``DEFAULT_UDP_PACE``: measured on Linux 6.18, which exempts loopback from both ICMP
limits, every pace up to the prober's own top speed gave exact states on 127.0.0.1 and
::1 (``bench/udp_vs_nmap.py --paces``). Where the target does ration ICMP, two kinds of
evidence slow it down:

- a retry answered by an ICMP error (its first try's answer was lost), and
- silences from a target that answers: once it has sent ICMP errors, a quarter as many
  silent probes as answers at one pace. Another host's Linux answers 6 probes, then one
  a second; retries sent as fast as the first tries find its ration just as empty, so
  only the silences tell. A firewall that drops most ports while the kernel refuses a
  few looks the same, so the scan probes again a port that answered (a canary):
  silent, it is a ration (``confirm``); answered twice in a row (a ration that had
  refilled one token would not answer the second), the silences are real
  (``refute``), until four, then eight... times as many silences again pile up: then
  the canary is asked again.
  A port whose last try went silent while the canary is out waits for its verdict.

The first slowdown drops the pace below the local kernel's host-wide ration
(``fallback_pace``), each further one halves it, at most once per probe timeout, down to
``MIN_PACE`` (one a second, another Linux host's ration). A probe sent at a pace since
given up gets its next try free (it does not count as a retry), and once a target is
known to ration, silent ports get ``RATIONED_EXTRA_RETRIES`` more tries: their earlier
tries went out too fast to prove anything. Measured in the lab: with ICMP errors rationed
to 1,000 a second (``--ration 1000``), the scan ended exact at 800 a second from any
starting pace; against another namespace's kernel over a veth pair (tests/lab), 20
closed ports took 16 s and all came back closed, where the pacer before called all but
the 6 of the burst open|filtered in 0.3 s; nmap -sU, too, slows to one probe a second.
Behind a firewall dropping 90 of 100 ports, the canary answers and the scan takes about
a second.

:func:`udp_eta` estimates the time left from the pace, never from the rate seen so far,
which a burst or the fast start of a scan would make look far better than it is.
"""

from __future__ import annotations

from collections.abc import Iterable

SILENCES_OF_LOSS = 3
RECHECK_AFTER = 2
"""After the n-th refutation the canary is asked again after ``RECHECK_AFTER * 2**n``
times as many silences: a few checks over a whole scan, never one per silence."""
RATIONED_EXTRA_RETRIES = 2
"""Tries a silent port gets beyond the configured retries once the target is known to
ration its answers: some of its tries went out at a pace that was still too fast."""
LOSS_SHARE = 0.25  # silences per answer at one pace that mean answers are being lost
MIN_PACE = 1.0
"""The slowest pace: Linux answers another host with one ICMP error per
``icmp_ratelimit`` (1 s) at most, after a burst of 6."""
_FALLBACK_SHARE = 0.8  # of the kernel's host-wide ICMP ration
_DEFAULT_ICMP_MSGS_PER_SEC = 1000
_BURST_SECONDS = 0.004
_MAX_BURST = 64.0


def fallback_pace(path: str = "/proc/sys/net/ipv4/icmp_msgs_per_sec") -> float:
    """The pace to drop to when ICMP answers go missing: below this kernel's ration."""
    try:
        with open(path) as f:
            per_second = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        per_second = _DEFAULT_ICMP_MSGS_PER_SEC
    if per_second <= 0:  # 0 switches the host-wide limit off
        per_second = _DEFAULT_ICMP_MSGS_PER_SEC
    return max(MIN_PACE, per_second * _FALLBACK_SHARE)


def burst_for(rate: float) -> float:
    """Tokens the bucket holds: a few milliseconds' worth, so a pause or a slow loop
    turn never lets out more than a small, even burst (Linux's ICMP burst is 50 tokens,
    and a message may cost two)."""
    return max(1.0, min(_MAX_BURST, rate * _BURST_SECONDS))


class Pacer:
    """A token bucket: ``delay(now)`` is how long until the next probe may go."""

    __slots__ = (
        "_heard",
        "_hold_until",
        "_stamp",
        "_tokens",
        "_unheard",
        "burst",
        "changed_at",
        "confirmed",
        "ever_heard",
        "fallback",
        "rate",
        "refuted",
        "refutes",
        "slowdowns",
        "wants_canary",
    )

    def __init__(self, rate: float, *, fallback: float, now: float) -> None:
        if not rate > 0:
            raise ValueError(f"pace {rate} must be above 0 probes/s")
        self.rate = rate
        self.burst = burst_for(rate)
        self.fallback = min(fallback, rate)
        self.slowdowns = 0
        self.ever_heard = False
        self.confirmed = False  # the target is known to ration its ICMP answers
        self.refuted = False  # its silences are known to be real
        self.refutes = 0
        self.wants_canary = False  # silences piled up: is it a ration?
        self._heard = 0  # ICMP answers since the last change of pace
        self._unheard = 0  # silent probes sent since the last change
        self._tokens = 1.0
        self._stamp = now
        self._hold_until = now
        self.changed_at = now

    def _refill(self, now: float) -> None:
        elapsed = now - self._stamp
        if elapsed > 0:
            self._tokens = min(self.burst, self._tokens + elapsed * self.rate)
            self._stamp = now

    def delay(self, now: float) -> float:
        """Seconds until the next probe may go (0: now)."""
        self._refill(now)
        if self._tokens >= 1.0:
            return 0.0
        return (1.0 - self._tokens) / self.rate

    def wait_for(self, now: float, count: float) -> float:
        """Seconds until ``count`` probes (at most a burst) may go one after the other."""
        self._refill(now)
        count = min(count, self.burst)
        if self._tokens >= count:
            return 0.0
        return (count - self._tokens) / self.rate

    def allowance(self, now: float) -> int:
        """How many probes may go now, one after the other (then ``take`` them)."""
        self._refill(now)
        return int(self._tokens) if self._tokens >= 1.0 else 0

    def take(self, count: int = 1) -> None:
        self._tokens -= count

    def on_answer(self) -> None:
        """An ICMP error came back (closed or filtered): the target does answer."""
        self.ever_heard = True
        self._heard += 1

    def on_silence(self, now: float, sent_at: float, hold: float) -> bool:
        """A probe sent at ``sent_at`` got no answer after every wait. From a target that
        has answered with ICMP errors before, a quarter as many silences as answers at
        this pace (and at least ``SILENCES_OF_LOSS``) are answers rationed away: slow
        down, as :meth:`on_loss` does. Retries at a pace as fast as the first try's find the
        ration just as empty, so they never bring the evidence ``on_loss`` waits for."""
        if sent_at < self.changed_at or not self.ever_heard:
            return False
        self._unheard += 1
        threshold = max(SILENCES_OF_LOSS, self._heard * LOSS_SHARE)
        if self.refuted:
            threshold *= RECHECK_AFTER << self.refutes
        if self._unheard < threshold:
            return False
        if self.refuted:
            # As many silences again since the canary last answered: ask again (another
            # sender may have started to take the target's ration).
            self.refuted = False
            self._unheard = 0
            self.wants_canary = True
            return False
        if not self.confirmed:
            # A firewall that drops most ports and rejects a few looks the same: the scan
            # probes a port that answered before (a canary) and calls confirm or refute.
            self.wants_canary = True
            return False
        return self._slow_down(now, sent_at, hold)

    def confirm(self, now: float, hold: float) -> bool:
        """A port that answered with an ICMP error went silent: the target rations its
        answers. Slow down now, and on silences from here on."""
        self.confirmed = True
        return self._slow_down(now, now, hold)

    def refute(self) -> None:
        """A port that answered before answered again, twice in a row: the silences are
        real, until as many again pile up (then the canary is asked again)."""
        self.refuted = not self.confirmed
        self.refutes += 1
        self._unheard = 0

    def settle(self, now: float) -> None:
        """The last tries: from here on at half the pace (at least ``MIN_PACE``), sent
        from ``now`` (for ``changed_at``: what went before proves nothing)."""
        new = max(MIN_PACE, self.rate / 2)
        if new < self.rate:
            self.rate = new
            self.burst = burst_for(new)
            self._tokens = min(self._tokens, self.burst)
        self.changed_at = now
        self._heard = self._unheard = 0

    def on_loss(self, now: float, lost_at: float, hold: float) -> bool:
        """Evidence that an answer was rationed away: a probe sent at ``lost_at`` went
        unanswered, and its retry was answered by an ICMP error. Slow down, unless the
        lost probe went out before the last change (at a pace already left behind) or
        the last change is less than ``hold`` seconds (a probe timeout) old.

        The first time the pace drops to ``fallback``, then it halves, down to
        ``MIN_PACE``.
        """
        self.confirmed = True
        self.refuted = False
        return self._slow_down(now, lost_at, hold)

    def _slow_down(self, now: float, lost_at: float, hold: float) -> bool:
        if lost_at < self.changed_at or now < self._hold_until:
            return False
        new = self.fallback if self.rate > self.fallback else max(MIN_PACE, self.rate / 2)
        self._hold_until = now + hold
        if new >= self.rate:
            return False
        self.rate = new
        self.changed_at = now
        self._heard = self._unheard = 0
        self.burst = burst_for(new)
        self._tokens = min(self._tokens, self.burst)
        self.slowdowns += 1
        return True


def udp_eta(
    *,
    unsent: int,
    pace: float,
    timeout: float,
    retries: int,
    silent_seen: bool,
    waiting: Iterable[float] = (),
) -> float:
    """Seconds until the UDP part of a scan ends, at ``pace``.

    ``unsent`` first probes still to go; ``waiting`` the seconds each probe in flight or
    queued for a retry may still need (its deadline, then its retries); once some port
    has stayed silent (``silent_seen``), the last ports sent may too, so the estimate
    keeps room for their timeouts and retries.
    """
    sending = unsent / pace if unsent else 0.0
    tail = (retries + 1) * timeout if unsent and silent_seen else 0.0
    return max(sending + tail, max(waiting, default=0.0))
