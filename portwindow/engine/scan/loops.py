"""Which asyncio event loop the engine runs on: uvloop where installed, else asyncio's own."""

from __future__ import annotations

import asyncio


def uvloop_available() -> bool:
    try:
        import uvloop  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def preload() -> None:
    """Import uvloop now, so a worker thread starting a scan does not import it then."""
    uvloop_available()


def new_event_loop(prefer_uvloop: bool = True) -> asyncio.AbstractEventLoop:
    if prefer_uvloop:
        try:
            import uvloop  # noqa: PLC0415
        except ImportError:
            pass
        else:
            return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def run(coro, *, prefer_uvloop: bool = True):
    """Run a coroutine to completion on a fresh loop of the preferred kind."""
    try:
        loop = new_event_loop(prefer_uvloop)
    except BaseException:
        coro.close()  # never started: no "never awaited" warning after the real error
        raise
    return run_on(loop, coro)


def run_on(loop: asyncio.AbstractEventLoop, coro):
    """Run a coroutine to completion on ``loop`` (fresh), then close the loop."""
    try:
        return loop.run_until_complete(coro)
    finally:
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()
