"""GUI tests run offscreen, with settings in a temp file and qasync's loop at hand."""

import asyncio
import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def collect_garbage_on_the_qt_thread():
    """As the app does (gc_guard.py): no automatic collection, which could run in the
    engine's worker thread and destroy Qt objects there; collect here instead."""
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if was_enabled:
        gc.enable()


@pytest.fixture
def settings(tmp_path):
    from portwindow.gui.settings import Settings

    return Settings.in_file(tmp_path / "portwindow.ini")


@pytest.fixture
def qloop(qapp):
    """qasync's loop on the test's QApplication; ``qloop.run_until_complete(coro)`` drives
    a test written as a coroutine while Qt processes events."""
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=False)
    asyncio.set_event_loop(loop)
    yield loop
    try:
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
