"""Hosts a scan on its own event loop in a worker thread and delivers its batches to
another loop, thread-safely.

The GUI's loop (qasync inside Qt) is too slow for the probe loop and would stall the
window; measured on this machine kind, the same scan ran 2.6-27 s on qasync's loop and
0.84 s from a worker thread. So the engine gets a plain asyncio (or uvloop) loop of its
own, and the caller's loop receives ``on_batch(batch)`` calls and awaits a future that
resolves to the ``ScanSummary``. Nothing here imports Qt.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable

from portwindow.engine.core.model import ScanBatch, ScanSummary
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.hosts import HostSource
from portwindow.engine.scan.scheduler import Scan
from portwindow.engine.scan.state import StateObserver


class ThreadedScanRunner:
    """Run one ``Scan`` on a worker thread; control it from any thread."""

    def __init__(
        self,
        config: ScanConfig,
        *,
        deliver_to: asyncio.AbstractEventLoop,
        on_batch: Callable[..., None],
        prefer_uvloop: bool = True,
        on_state: StateObserver | None = None,
        prepare: Callable[[ScanBatch], object] | None = None,
        hosts: HostSource | None = None,
        scan=None,
    ) -> None:
        """``on_state(old, new)``, when given, hears each move of the scan's state
        machine on the delivery loop, after the batches handed out before it.
        ``prepare(batch)``, when given, runs on the worker thread as each batch is made
        (the window collects it into its result set there, not on the Qt thread, which
        would hold the GIL against the engine); ``on_batch(batch, prepared)`` then gets
        what it returned. ``hosts`` is where the scan's hosts come from (host discovery:
        cancelled with the scan when it can be). ``scan``: another scan with a
        :class:`Scan`'s face to run (a cluster's, ``cluster/client.py``) instead of
        ``Scan(config, hosts=hosts)``."""
        self.scan = scan if scan is not None else Scan(config, hosts=hosts)
        self._hosts = hosts
        self._deliver_to = deliver_to
        if on_state is not None:
            self.scan.observe_state(lambda old, new: self._deliver_call(on_state, old, new))
        self._on_batch = on_batch
        self._prepare = prepare
        self._prefer_uvloop = prefer_uvloop
        self._engine_loop: asyncio.AbstractEventLoop | None = None
        self._lock = threading.Lock()
        self._early_calls: list[Callable[[], None]] = []
        self._thread: threading.Thread | None = None
        self._future: asyncio.Future[ScanSummary] | None = None

    def start(self) -> asyncio.Future[ScanSummary]:
        """Start the worker; the returned future belongs to the delivery loop."""
        if self._thread is not None:
            raise RuntimeError("a runner starts once")
        self._future = self._deliver_to.create_future()
        self._thread = threading.Thread(target=self._work, name="portwindow-scan", daemon=True)
        self._thread.start()
        return self._future

    def cancel(self) -> None:
        stop_hosts = getattr(self._hosts, "cancel", None)
        if stop_hosts is not None:
            self._call(stop_hosts)
        self._call(self.scan.cancel)

    def pause(self) -> None:
        self._call(self.scan.pause)

    def resume(self) -> None:
        self._call(self.scan.resume)

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker thread to end; True when it has."""
        if self._thread is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _call(self, method: Callable[[], None]) -> None:
        """Run ``method`` on the engine's loop; calls made before it exists wait for it."""
        with self._lock:
            loop = self._engine_loop
            if loop is None:
                if self._thread is not None and self._thread.is_alive():
                    self._early_calls.append(method)
                return
        if not loop.is_closed():
            # The loop may close between the check and the call.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(method)

    def _deliver(self, batch: ScanBatch) -> None:
        if self._prepare is None:
            self._deliver_call(self._on_batch, batch)
        else:
            self._deliver_call(self._on_batch, batch, self._prepare(batch))

    def _deliver_call(self, method: Callable, *args) -> None:
        # If the receiving loop is gone, nobody is listening any more.
        with contextlib.suppress(RuntimeError):
            self._deliver_to.call_soon_threadsafe(method, *args)

    def _settle(self, summary: ScanSummary | None, error: BaseException | None) -> None:
        future = self._future
        if future is None or future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(summary)

    def _work(self) -> None:
        loop = loops.new_event_loop(self._prefer_uvloop)
        asyncio.set_event_loop(loop)
        with self._lock:
            self._engine_loop = loop
            early, self._early_calls = self._early_calls, []
        for method in early:
            loop.call_soon(method)
        summary = None
        error: BaseException | None = None
        try:
            summary = loop.run_until_complete(self.scan.run(self._deliver))
        except BaseException as exc:
            error = exc
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                asyncio.set_event_loop(None)
                with self._lock:
                    self._engine_loop = None
                loop.close()
        with contextlib.suppress(RuntimeError):
            self._deliver_to.call_soon_threadsafe(self._settle, summary, error)
