"""The window's side of a scan: a :class:`~portwindow.engine.ScanSession` run on the
engine's worker thread, shown through the engine's one state machine.

The engine runs the session's scan on its own loop in a worker thread
(:class:`~portwindow.engine.ThreadedScanRunner`); its batches and the moves of its state
machine (idle, starting, scanning, stopping, finished: ``engine/scan/state.py``) arrive
here on the Qt thread, in order. Each batch went into the session's result set
(:meth:`ScanSession.collect`) on the worker thread as it was made (there it does not
hold the GIL against the engine: the window's Qt thread only paints) and is re-emitted
here with what it changed for the views, which read only the hosts announced to them. The
controller keeps a :class:`~portwindow.engine.ScanStateMachine` that follows the
engine's moves; it makes two moves first itself, so that the window answers at once: to
"starting" when asked to scan, to "stopping" when asked to stop. The window's coroutines
await :meth:`ScanController.run` as they await anything else.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from portwindow.engine import (
    TRANSITIONS,
    Delta,
    ScanBatch,
    ScanState,
    ScanStateMachine,
    ScanSummary,
)

from .qt import QtCore, Signal

if TYPE_CHECKING:
    from portwindow.engine import ScanSession, ThreadedScanRunner

log = logging.getLogger(__name__)

JOIN_TIMEOUT = 2.0
#: The states in which a scan is under way (the window's controls follow them).
BUSY = frozenset({ScanState.STARTING, ScanState.SCANNING, ScanState.STOPPING})


class ScanController(QtCore.QObject):
    state_changed = Signal(object)  # ScanState
    paused_changed = Signal(bool)
    batch_received = Signal(object, object)  # ScanBatch, the Delta it made
    scan_failed = Signal(str)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._machine = self._new_machine()
        self._runner: ThreadedScanRunner | None = None
        self.session: ScanSession | None = None  # of the scan running, or of the last one
        self.paused = False  # still scanning: pausing is not a state

    @property
    def state(self) -> ScanState:
        """The scan's state: IDLE before the first scan, FINISHED after one."""
        return self._machine.state

    @property
    def busy(self) -> bool:
        """A scan is starting, scanning or stopping."""
        return self._machine.state in BUSY

    async def run(self, session: ScanSession) -> ScanSummary | None:
        """Run ``session``'s scan, collecting its batches into its result set; return
        the summary (the session has it too), or None when the engine failed."""
        if self.busy:
            raise RuntimeError("a scan is already running")
        self.session = session
        self._machine = self._new_machine()
        self._machine.move(ScanState.STARTING)
        self._set_paused(False)
        from portwindow.engine import ThreadedScanRunner  # noqa: PLC0415 - at the first scan

        runner = ThreadedScanRunner(
            session.request.config,
            deliver_to=asyncio.get_running_loop(),
            on_batch=self._deliver,
            on_state=self._engine_moved,
            prepare=session.collect,
            hosts=session.host_source(),  # discovery first, when the request asks for it
            scan=session.cluster_scan(),  # None: a Scan on this machine
        )
        self._runner = runner
        summary: ScanSummary | None = None
        try:
            summary = await runner.start()
        except Exception as exc:
            log.exception("the scan failed")
            self.scan_failed.emit(f"The scan failed: {exc}")
        finally:
            runner.join(JOIN_TIMEOUT)
            self._runner = None
            self._set_paused(False)
            if summary is not None:
                session.finish(summary)
            if self._machine.state is not ScanState.FINISHED:
                self._machine.move(ScanState.FINISHED)
        return summary

    def stop(self) -> None:
        if self._runner is not None and self.state in (ScanState.STARTING, ScanState.SCANNING):
            self._machine.move(ScanState.STOPPING)
            self._runner.cancel()

    def set_paused(self, paused: bool) -> None:
        if self._runner is None or self.state is not ScanState.SCANNING:
            return
        if paused:
            self._runner.pause()
        else:
            self._runner.resume()
        self._set_paused(paused)

    def stop_and_wait(self, timeout: float = JOIN_TIMEOUT) -> bool:
        """Stop from a non-async context (closing the window); True once the worker ended."""
        runner = self._runner
        if runner is None:
            return True
        self.stop()
        return runner.join(timeout)

    def _new_machine(self) -> ScanStateMachine:
        machine = ScanStateMachine()
        machine.observe(lambda _old, new: self.state_changed.emit(new))
        return machine

    def _engine_moved(self, _old: ScanState, new: ScanState) -> None:
        """Follow the engine, except where it goes where this machine already is (the
        two moves made ahead of it) or can no longer go (scanning, once stopping)."""
        if self._runner is not None and new in TRANSITIONS[self._machine.state]:
            self._machine.move(new)

    def _set_paused(self, paused: bool) -> None:
        if paused != self.paused:
            self.paused = paused
            self.paused_changed.emit(paused)

    def _deliver(self, batch: ScanBatch, delta: Delta) -> None:
        if self.session is not None:
            self.batch_received.emit(batch, delta)
