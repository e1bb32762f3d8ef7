"""The retries of a host that rations its answers (``timing.AdaptiveTiming.rationed``),
sent at the pace the host allows and proven by canaries, for the TCP lane (``tcp.py``).

A host that rations its resets or ICMP errors (FreeBSD: 200 a second each, as token
buckets) drops the answers of every probe past its ration; a silence then proves
nothing. So once its timing calls it rationed, every silent port of it waits in a
:class:`PacedRetries` queue instead of trying again at once:

- nothing leaves the queue until the lane has sent every port's first try to the host
  (those go as fast as the window allows and drain the ration);
- then, once the host's ration has had a batch's time to recover, tries leave at the
  timing's pace in batches of ``BATCH``, in random order
  (seeded), so that each batch holds the mix of the whole queue: a range of closed
  ports taken in port order would all need resets at once;
- each batch ends with canaries: a port that answered with a reset, and one that
  answered with an ICMP error (whichever are known), probed twice each right behind
  it (``CANARIES_EACH``).
  The batch's probes reach the host in order and within microseconds, so if its
  canaries are answered, each of the host's rations still had a token after the whole
  batch: every port of the batch that needed one got its answer, and a silent one is
  silent indeed (filtered, said at once). If a canary is silent, the batch proves
  nothing: its silent ports go back in the queue (a free try, not a retry), and the
  timing hears of a loss at its pace (``AdaptiveTiming.canary``), which slows it.

A port goes back at most ``FREE_TRIES`` times; then its last silence stands.
"""

from __future__ import annotations

import math
import random

CANARY = -1
"""The attempt number of a canary probe."""
BATCH = 24
CANARIES_EACH = 2
"""Canaries of each kind behind a batch: one could find a token that the host's ration
refilled while the batch went out (tens of microseconds, but a token comes due at some
moment); two could not."""
FREE_TRIES = 24

# host, port, attempt, lost_at
Item = tuple[object, int, int, float]


class TokenBucket:
    __slots__ = ("_stamp", "_tokens", "burst", "rate")

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = 0.0  # the host's own ration was just drained: let it recover
        self._stamp = now

    def set_rate(self, rate: float) -> None:
        self.rate = rate

    def _refill(self, now: float) -> None:
        if now > self._stamp:
            self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now

    def allowance(self, now: float) -> int:
        self._refill(now)
        return int(self._tokens)

    def take(self, count: int) -> None:
        self._tokens -= count

    def next_at(self, now: float, count: float) -> float:
        """When ``count`` tokens are there."""
        self._refill(now)
        return now if self._tokens >= count else now + (count - self._tokens) / self.rate


class Batch:
    """Tries sent together with their canaries; judged when every one is over."""

    __slots__ = ("canaries_failed", "outstanding", "sent_at", "silent")

    def __init__(self, sent_at: float) -> None:
        self.sent_at = sent_at
        self.outstanding = 0
        self.canaries_failed = False
        self.silent: list[Item] = []


class PacedRetries:
    """One rationed host's queue of silent ports (see the module docstring)."""

    __slots__ = (
        "_bucket",
        "_canaries",
        "_open",
        "_rng",
        "host",
        "nports",
        "queue",
        "swept_at",
        "timing",
    )

    def __init__(self, host, nports: int, now: float, seed: int | None) -> None:
        self.host = host
        self.nports = nports
        self.timing = host.timing
        self.queue: list[Item] = []
        self.swept_at = math.inf  # when the lane had sent every first try of the host
        self._bucket = TokenBucket(self.timing.pace, BATCH + 2 * CANARIES_EACH, now)
        self._rng = random.Random(seed or 0)
        self._canaries: list[int | None] = [None, None]  # a closed port, an ICMP one
        self._open: set[Batch] = set()  # batches with probes still out

    def __len__(self) -> int:
        return len(self.queue)

    def knows(self, port: int, icmp: bool) -> None:
        """``port`` answered (a reset, or an ICMP error): a canary to probe again."""
        self._canaries[icmp] = port

    def add(self, item: Item) -> None:
        self.queue.append(item)

    def slowed(self) -> None:
        self._bucket.set_rate(self.timing.pace)

    def abandon(self) -> list[Item]:
        """The host is lossy, not rationed: every port waiting, its try counted as a
        first retry, to go back to plain retries; the batches still out are dropped
        with it (their silent ports come back through the lane, see ``tcp.py``)."""
        waiting = [*self.queue, *(item for batch in self._open for item in batch.silent)]
        self.queue.clear()
        for batch in self._open:
            batch.silent.clear()
        return [(host, port, 1, sent_at) for host, port, _attempt, sent_at in waiting]

    def sweep(self, now: float, done: bool) -> None:
        """Note when every first try of the host has gone (``done``: the lane's have)."""
        if self.swept_at == math.inf and (done or self.host.next_index >= self.nports):
            self.swept_at = now
            self.timing.measure_pace(now)
            self._bucket = TokenBucket(self.timing.pace, BATCH + 2 * CANARIES_EACH, now)

    def _kinds(self) -> list[int]:
        return [port for port in self._canaries if port is not None]

    def release(self, now: float, room: int, out: list) -> int:
        """Move whole batches due by the pace into ``out`` (tries with a :class:`Batch`
        as their tag, then the batch's canaries), up to ``room`` probes; how many."""
        if not self.queue or now < self.swept_at:
            return 0
        bucket = self._bucket
        if self.timing.probe_faster(now):
            bucket.set_rate(self.timing.pace)
        canaries = self._kinds()
        queue = self.queue
        rng = self._rng
        released = 0
        while queue:
            size = min(BATCH, len(queue))
            need = size + CANARIES_EACH * len(canaries)
            if need > room - released or bucket.allowance(now) < need:
                break
            batch = Batch(now)
            for _ in range(size):
                index = rng.randrange(len(queue))
                queue[index], queue[-1] = queue[-1], queue[index]
                host, port, attempt, _lost_at = queue.pop()
                out.append((host, port, attempt, batch))
            for port in canaries:
                for _ in range(CANARIES_EACH):
                    out.append((self.host, port, CANARY, batch))
            batch.outstanding = need
            self._open.add(batch)
            bucket.take(need)
            released += need
        return released

    def next_at(self, now: float) -> float | None:
        """When the next batch may go, or None when none waits."""
        if not self.queue:
            return None
        if self.swept_at == math.inf:
            return now if self.host.next_index >= self.nports else None
        need = min(BATCH, len(self.queue)) + CANARIES_EACH * len(self._kinds())
        return max(self.swept_at, self._bucket.next_at(now, need))

    # What became of a batch's probes.

    def canary_done(self, batch: Batch, answered: bool, now: float) -> list[Item] | None:
        """A canary of ``batch`` was answered or stayed silent."""
        if not answered:
            batch.canaries_failed = True
        return self._over(batch, now)

    def member_done(self, batch: Batch, item: Item | None, now: float) -> list[Item] | None:
        """A try of ``batch`` was answered (``item`` None) or stayed silent."""
        if item is not None:
            batch.silent.append(item)
        return self._over(batch, now)

    def _over(self, batch: Batch, now: float) -> list[Item] | None:
        """One probe of ``batch`` is over. When it was the last: the batch's silent
        tries that its canaries prove silent (the others go back in the queue), else
        None."""
        batch.outstanding -= 1
        if batch.outstanding:
            return None
        self._open.discard(batch)
        timing = self.timing
        if not timing.rationed:
            return None  # given up (``abandon``): the lane has its silent ports
        if timing.canary(not batch.canaries_failed, batch.sent_at, now):
            self._bucket.set_rate(timing.pace)
        if not timing.rationed:
            self.queue.extend(batch.silent)  # this batch showed the host lossy
            return None
        if not batch.canaries_failed or not self._kinds():
            return batch.silent
        proven = []
        for host, port, attempt, sent_at in batch.silent:
            if attempt >= FREE_TRIES:
                proven.append((host, port, attempt, sent_at))
            else:
                self.queue.append((host, port, attempt + 1, sent_at))
        return proven
