"""Driving the window from a test: run a coroutine on qasync's loop, wait for a state."""

import asyncio
import time


def run(qloop, coro, timeout=60):
    """Run ``coro`` on qasync's loop (Qt processes events meanwhile); at most ``timeout`` s."""
    return qloop.run_until_complete(asyncio.wait_for(coro, timeout))


async def until(predicate, timeout=20.0):
    """Wait, letting the loop run, until ``predicate()`` is true; fail after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(0.02)
