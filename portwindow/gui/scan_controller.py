"""The window's side of a scan: Angry IP Scanner's state machine (idle, starting,
scanning, stopping) around the engine's ThreadedScanRunner.

The engine runs on its own loop in a worker thread; its batches arrive here on the Qt
thread (through qasync's loop) and are re-emitted as Qt signals for the views. The
window's coroutines await ``run`` as they await anything else.
"""

from __future__ import annotations

import asyncio
import enum
import logging

from portwindow.engine import ScanBatch, ScanConfig, ScanSummary, ThreadedScanRunner

from .qt import QtCore, Signal

log = logging.getLogger(__name__)

JOIN_TIMEOUT = 2.0


class ScanPhase(enum.Enum):
    IDLE = "idle"
    STARTING = "starting"
    SCANNING = "scanning"
    STOPPING = "stopping"


class ScanController(QtCore.QObject):
    phase_changed = Signal(object)  # ScanPhase
    paused_changed = Signal(bool)
    batch_received = Signal(object)  # ScanBatch
    scan_finished = Signal(object)  # ScanSummary
    scan_failed = Signal(str)

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._phase = ScanPhase.IDLE
        self._runner: ThreadedScanRunner | None = None
        self._paused = False

    @property
    def phase(self) -> ScanPhase:
        return self._phase

    @property
    def busy(self) -> bool:
        return self._phase is not ScanPhase.IDLE

    @property
    def paused(self) -> bool:
        return self._paused

    def _set_phase(self, phase: ScanPhase) -> None:
        if phase is not self._phase:
            self._phase = phase
            self.phase_changed.emit(phase)

    async def run(self, config: ScanConfig) -> ScanSummary | None:
        """Scan with ``config``; return the summary, or None when the engine failed."""
        if self.busy:
            raise RuntimeError("a scan is already running")
        self._set_phase(ScanPhase.STARTING)
        self._set_paused(False)
        runner = ThreadedScanRunner(
            config, deliver_to=asyncio.get_running_loop(), on_batch=self._deliver
        )
        self._runner = runner
        summary: ScanSummary | None = None
        try:
            future = runner.start()
            if self._phase is ScanPhase.STARTING:
                self._set_phase(ScanPhase.SCANNING)
            summary = await future
        except Exception as exc:
            log.exception("the scan failed")
            self.scan_failed.emit(f"The scan failed: {exc}")
        finally:
            runner.join(JOIN_TIMEOUT)
            self._runner = None
            self._set_paused(False)
            self._set_phase(ScanPhase.IDLE)
        if summary is not None:
            self.scan_finished.emit(summary)
        return summary

    def stop(self) -> None:
        if self._runner is not None and self._phase in (ScanPhase.STARTING, ScanPhase.SCANNING):
            self._set_phase(ScanPhase.STOPPING)
            self._runner.cancel()

    def set_paused(self, paused: bool) -> None:
        if self._runner is None or self._phase is not ScanPhase.SCANNING:
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

    def _set_paused(self, paused: bool) -> None:
        if paused != self._paused:
            self._paused = paused
            self.paused_changed.emit(paused)

    def _deliver(self, batch: ScanBatch) -> None:
        self.batch_received.emit(batch)
