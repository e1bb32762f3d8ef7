"""Starting the window: the QApplication, qasync's event loop, the safety nets.

PySide6 is imported (through ``qt.py``) before qasync. An unexpected exception anywhere on
the Qt thread is logged and shown in a dialog, and the app keeps running; Ctrl-C in the
terminal closes the window cleanly (stopping a running scan first).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
import traceback
from pathlib import Path

from .. import APP_ID, APP_NAME, ORGANIZATION, __version__
from .i18n import translate
from .qt import QtCore, QtGui, QtWidgets

log = logging.getLogger("portwindow")


def log_file() -> Path:
    location = QtCore.QStandardPaths.writableLocation(
        QtCore.QStandardPaths.StandardLocation.AppLocalDataLocation
    )
    folder = Path(location or Path.home() / ".local/share/portwindow")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "portwindow.log"


def setup_logging() -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    with contextlib.suppress(OSError):
        handlers.append(logging.FileHandler(log_file(), encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=handlers,
        force=True,
    )


class ErrorReporter:
    """sys.excepthook and the loop's exception handler: log it, show it, keep running."""

    def __init__(self) -> None:
        self._box: QtWidgets.QMessageBox | None = None

    def excepthook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QtWidgets.QApplication.quit()
            return
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error:\n%s", text)
        self.show(f"{kind.__name__}: {value}", text)

    def loop_handler(self, loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        if exc is None:
            log.warning("asyncio: %s", context.get("message"))
            return
        self.excepthook(type(exc), exc, exc.__traceback__)

    def show(self, summary: str, details: str) -> None:
        if self._box is not None or QtWidgets.QApplication.instance() is None:
            return
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Critical, APP_NAME, "")
        box.setObjectName("unexpectedErrorBox")
        box.setText(
            translate(
                "ErrorReporter",
                "Something went wrong. portwindow keeps running; your results are kept.",
            )
        )
        box.setInformativeText(summary)
        box.setDetailedText(details)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.finished.connect(self._closed)
        self._box = box  # the box has no parent: this reference keeps it alive
        box.open()

    def _closed(self, _code: int) -> None:
        self._box = None


def make_application(argv: list[str] | None = None) -> QtWidgets.QApplication:
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    from .resources import resource_path  # noqa: PLC0415

    icon = resource_path("icons/portwindow.svg")
    if icon.exists():
        app.setWindowIcon(QtGui.QIcon(str(icon)))
    return app


GIL_SWITCH_INTERVAL = 0.001


def install_safety_nets(app: QtWidgets.QApplication, loop: asyncio.AbstractEventLoop):
    """Errors shown and logged, garbage collected on the Qt thread only, and a short GIL
    switch interval.

    The engine's thread releases the GIL around every syscall but takes it back before a
    waiting thread wakes, so the Qt thread waits for the switch interval (5 ms by
    default) whenever it needs the GIL during a scan; 1 ms keeps the window's timers
    within a few milliseconds of their time.
    """
    sys.setswitchinterval(GIL_SWITCH_INTERVAL)
    from .gc_guard import MainThreadGarbageCollector  # noqa: PLC0415

    reporter = ErrorReporter()
    sys.excepthook = reporter.excepthook
    loop.set_exception_handler(reporter.loop_handler)
    collector = MainThreadGarbageCollector(app)
    collector.start()
    return reporter, collector


def run_app(targets: str | None = None, ports: str | None = None, start: bool = False) -> int:
    app = make_application()
    setup_logging()  # after the app is named: the log goes to its data folder
    import qasync  # noqa: PLC0415 - after PySide6, so qasync picks that binding

    from . import i18n  # noqa: PLC0415
    from . import settings as opt  # noqa: PLC0415
    from .mainwindow import MainWindow  # noqa: PLC0415

    settings = opt.Settings()
    i18n.install(settings.get(opt.LANGUAGE))
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_safety_nets(app, loop)
    window = MainWindow(settings)
    if targets is not None:
        window.form.set_targets(targets)
    if ports is not None:
        window.form.set_ports(ports)
    window.show()

    # Qt's loop keeps Python from seeing SIGINT; a timer lets the handler run.
    signal.signal(signal.SIGINT, lambda *_: window.close())
    heartbeat = QtCore.QTimer()
    heartbeat.start(200)
    heartbeat.timeout.connect(lambda: None)

    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    if start:
        QtCore.QTimer.singleShot(0, window.form.request_scan)
    with loop:
        loop.run_until_complete(closed.wait())
    return 0
