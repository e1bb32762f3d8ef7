"""Starting the app: `python -m portwindow` with a pre-filled form, Ctrl-C, and the
safety net for unexpected errors."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from portwindow.gui.app import ErrorReporter
from portwindow.gui.qt import QtWidgets
from tests.support.listeners import listeners

ROOT = Path(__file__).resolve().parents[3]


def test_window_starts_prefilled_scans_and_quits_on_ctrl_c(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHONPATH=str(ROOT),
    )
    with listeners(1) as (port,):
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "portwindow",
                "--targets",
                "127.0.0.1",
                "--ports",
                f"{port},{port + 1}",
                "--start",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            log = tmp_path / "data" / "portwindow" / "portwindow" / "portwindow.log"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if log.exists() and "Finished:" in log.read_text():
                    break
                time.sleep(0.1)
            child.send_signal(signal.SIGINT)
            _out, err = child.communicate(timeout=15)
        finally:
            child.kill()
    assert child.returncode == 0, err
    text = log.read_text()
    assert "Finished: 2 of 2 ports" in text
    assert "1 open" in text
    assert "Traceback" not in err


def test_unexpected_error_is_logged_and_shown_and_the_app_goes_on(qtbot, caplog):
    reporter = ErrorReporter()
    try:
        raise ValueError("boom")
    except ValueError as exc:
        reporter.excepthook(type(exc), exc, exc.__traceback__)
    boxes = [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if w.objectName() == "unexpectedErrorBox" and w.isVisible()
    ]
    assert len(boxes) == 1
    assert "ValueError: boom" in boxes[0].informativeText()
    assert "Traceback" in boxes[0].detailedText()
    assert "boom" in caplog.text
    # a second error while the box is open does not stack another box
    reporter.excepthook(RuntimeError, RuntimeError("again"), None)
    assert (
        len(
            [
                w
                for w in QtWidgets.QApplication.topLevelWidgets()
                if w.objectName() == "unexpectedErrorBox" and w.isVisible()
            ]
        )
        == 1
    )
    boxes[0].close()
