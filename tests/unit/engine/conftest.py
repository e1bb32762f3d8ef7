import asyncio
import functools

import pytest

from portwindow.engine.scan import loops

LOOP_KINDS = ["asyncio"] + (["uvloop"] if loops.uvloop_available() else [])


@functools.cache
def _warm_up(kind: str) -> None:
    """uvloop opens one pipe per process with its first loop; open it before tests count fds."""
    loops.run(asyncio.sleep(0), prefer_uvloop=kind == "uvloop")


@pytest.fixture(params=LOOP_KINDS)
def run_loop(request):
    """Run a coroutine to completion on a fresh loop of each kind (asyncio, uvloop)."""
    _warm_up(request.param)

    def run(coro):
        return loops.run(coro, prefer_uvloop=request.param == "uvloop")

    return run
