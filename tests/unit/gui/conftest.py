"""GUI tests run offscreen, with settings in a temp file and qasync's loop at hand."""

import asyncio
import gc
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def english(qapp):
    """The window in English, as the app installs it at start (gui/i18n.py): English's
    catalogue gives the plural forms; a test that switches language is undone."""
    from portwindow.gui import i18n

    i18n.install("en")


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


@pytest.fixture(autouse=True)
def history_in_tmp(tmp_path, monkeypatch):
    """A window opening its default history gets one in the test's temp directory, never
    the user's."""
    from portwindow.gui import history_controller

    path = tmp_path / "default-history.sqlite3"
    monkeypatch.setattr(history_controller, "default_path", lambda: path)
    return path


@pytest.fixture(autouse=True)
def watches_in_tmp(tmp_path, monkeypatch):
    """The window's Watches dock reads watches and their state from the test's temp
    directory, never the user's."""
    monkeypatch.setenv("PORTWINDOW_WATCHES", str(tmp_path / "watches.toml"))
    monkeypatch.setenv("PORTWINDOW_WATCH_STATE", str(tmp_path / "watch-state.json"))


@pytest.fixture
def history(tmp_path):
    from portwindow.engine.audit.history import History

    with History(tmp_path / "h.sqlite3") as opened:
        yield opened


@pytest.fixture
def settings(tmp_path):
    from portwindow.gui.settings import Settings

    return Settings.in_file(tmp_path / "portwindow.ini")


@pytest.fixture
def window(qtbot, settings, history):
    """The main window, shown, on a history in the test's temp directory; a scan still
    running at the end is stopped."""
    from portwindow.gui.mainwindow import MainWindow

    win = MainWindow(settings, history=history)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.controller.busy:
        win.controller.stop_and_wait()


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
