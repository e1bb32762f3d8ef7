"""Virtual time for tests of the scheduler: an asyncio loop whose clock moves only when
the loop would otherwise wait, by exactly as long as it would have waited.

With a fake prober (``fake_prober.py``) nothing real happens on the loop, so a scan runs
as fast as the CPU allows, and every sleep, timeout, pace and batch interval comes out
the same on every run, however loaded the machine is. The scan reads the same clock
(``Scan(config, clock=clock)``), so what it measures is what the loop did.
"""

from __future__ import annotations

import asyncio
import selectors

from portwindow.engine.scan import loops

START = 1000.0  # far from 0, so a time wrongly taken as a duration shows
LIMIT = 24 * 3600.0  # virtual seconds a test may take before it is called stuck
TICK = 1e-6
"""The least a turn of the loop with nothing ready costs, as it does in real time: a
deadline computed as ``now + (deadline - now)`` may round a hair short of itself, and
time that never moved would never reach it."""


class VirtualClock:
    """The time, in virtual seconds; ``clock()`` reads it."""

    __slots__ = ("now", "start")

    def __init__(self, start: float = START) -> None:
        self.start = start
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"time runs forward only, not by {seconds}")
        self.now += seconds
        if self.now - self.start > LIMIT:
            raise RuntimeError(f"virtual time ran past {LIMIT} s: the scan is stuck")


class _VirtualSelector(selectors.BaseSelector):
    """A real selector (the loop's own wake-up pipe lives in it) that never blocks: when
    nothing is ready, the virtual clock jumps ahead by the timeout instead."""

    def __init__(self, clock: VirtualClock) -> None:
        self._real = selectors.DefaultSelector()
        self._clock = clock

    def register(self, fileobj, events, data=None):
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj):
        return self._real.unregister(fileobj)

    def modify(self, fileobj, events, data=None):
        return self._real.modify(fileobj, events, data)

    def get_map(self):
        return self._real.get_map()

    def close(self) -> None:
        self._real.close()

    def select(self, timeout=None):
        ready = self._real.select(0)
        if ready:
            return ready
        if timeout is None:
            raise RuntimeError(
                "virtual time: nothing is ready and nothing is due; it would wait forever"
            )
        self._clock.advance(max(timeout, TICK))
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        super().__init__(selector=_VirtualSelector(clock))

    def time(self) -> float:
        return self.clock.now


def run_virtual(coro, clock: VirtualClock):
    """Run ``coro`` to completion on a fresh loop in ``clock``'s virtual time."""
    return loops.run_on(VirtualTimeLoop(clock), coro)
