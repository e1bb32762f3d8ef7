"""Ctrl-C, SIGTERM and SIGHUP for ``portwindow scan``, from its start to its exit.

While the scan runs, any of them stops it as Ctrl-C does: the scan ends early, its
partial report is written and it is saved to the history. While the reports and the
history are written, one more signal waits for them (and says so); the next one aborts.
The exit code says which signal came first: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP).

One handler serves the whole command (never swapped, so no signal falls between two
handlers); it reaches the scan's event loop through ``call_soon_threadsafe``. When the
process ends with the command (``exiting``), a signal that stopped it makes the later ones
ignored: Python's shutdown resets the handlers, and one more Ctrl-C would otherwise kill
the process, its work done, and lose the exit code.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterator
from typing import TextIO

SIGNALS = tuple(
    sig
    for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
    if sig is not None
)


class Interrupted(KeyboardInterrupt):
    """A signal ended the command; ``exit_code`` is 128 plus the first signal's number."""

    def __init__(self, exit_code: int, message: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.message = message


class Interrupts:
    """The command's signal handler; use as a context manager around the command."""

    def __init__(self, err: TextIO, *, exiting: bool = False) -> None:
        self.first: int | None = None
        self._exiting = exiting
        self._err = err
        self._previous: dict[int, object] = {}
        self._stop: Callable[[], None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._saving = False
        self._waited = False

    @property
    def exit_code(self) -> int:
        return 128 + int(self.first or signal.SIGINT)

    def __enter__(self) -> Interrupts:
        for sig in SIGNALS:
            self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc) -> None:
        ignore = self._exiting and self.first is not None
        for sig, previous in self._previous.items():
            signal.signal(sig, signal.SIG_IGN if ignore else previous)  # type: ignore[arg-type]

    @contextlib.contextmanager
    def stopping(self, stop: Callable[[], None]) -> Iterator[None]:
        """While the scan is set up and runs, a signal calls ``stop``: on the scan's loop
        once :meth:`on_loop` named it, directly before."""
        self._stop = stop
        try:
            yield
        finally:
            self._stop = None
            self._loop = None

    def on_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """The scan's loop is running: ``stop`` goes through it from now on."""
        self._loop = loop

    @contextlib.contextmanager
    def saving(self) -> Iterator[None]:
        """While reports and the history are written, one signal waits, the next aborts."""
        self._saving = True
        try:
            yield
        finally:
            self._saving = False

    def _handle(self, signum: int, _frame) -> None:
        if self.first is None:
            self.first = signum
        if self._stop is not None:
            loop = self._loop
            if loop is not None and not loop.is_closed():
                loop.call_soon_threadsafe(self._stop)
            else:
                self._stop()
        elif self._saving and not self._waited:
            self._waited = True
            # The handler may interrupt a write to the same stream: never fail for that.
            with contextlib.suppress(OSError, RuntimeError, ValueError):
                self._err.write("portwindow: saving the scan first; Ctrl-C once more to abort\n")
                self._err.flush()
        else:
            what = ": the scan was not saved" if self._saving else ""
            raise Interrupted(self.exit_code, f"interrupted{what}")
