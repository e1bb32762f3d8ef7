"""One run of bench/ui_file_actions.py, in a fresh process: a full scan in the real
window, then what a person does after it (look at the table, export, open, reopen,
compare),
each timed with a 16 ms QTimer ticking. The file dialogs are answered by the script
(temporary files).

Prints one JSON line: per action, its duration (from the start of the action until the
window has shown its outcome) and the timer's worst gap meanwhile.
"""

import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from portwindow.gui.app import install_safety_nets, make_application  # noqa: E402
from portwindow.gui.qt import QtCore, QtWidgets  # noqa: E402

DEADLINE = 60  # seconds for any one step


async def until(predicate) -> None:
    deadline = time.perf_counter() + DEADLINE
    while not predicate():
        if time.perf_counter() > deadline:
            raise RuntimeError("a step did not finish within 60 s")
        await asyncio.sleep(0.005)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["PORTWINDOW_HISTORY"] = str(folder / "history.sqlite")  # not the user's
    app = make_application()
    import qasync

    from portwindow.engine.audit.history import History, NewScan
    from portwindow.gui.mainwindow import MainWindow
    from portwindow.gui.settings import GRAB_BANNERS, Settings

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_safety_nets(app, loop)
    settings = Settings.in_file(folder / "bench.ini")
    settings.set(GRAB_BANNERS, False)
    window = MainWindow(settings)
    window.resize(1200, 800)
    window.form.set_targets("127.0.0.1")
    window.form.set_ports("1-65535")
    window.show()

    answers: list[str] = []

    async def answer(*_args) -> str:
        return answers.pop(0)

    window.files.ask_save_path = answer
    window.files.ask_open_path = answer

    gaps: list[tuple[float, float]] = []  # (tick time, gap in ms)
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if last[0]:
            gaps.append((now, (now - last[0]) * 1000))
        last[0] = now

    timer = QtCore.QTimer()
    timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    figures: dict[str, dict[str, float]] = {}

    async def timed(name: str, action, done) -> None:
        await asyncio.sleep(0.2)
        start = time.perf_counter()
        await action()
        await until(done)
        end = time.perf_counter()
        await asyncio.sleep(0.05)  # the repaint that shows the outcome
        during = [gap for at, gap in gaps if start <= at <= end + 0.05]
        figures[name] = {"seconds": end - start, "worst_gap_ms": max(during, default=0.0)}

    async def run() -> None:
        await asyncio.sleep(0.3)
        window.findChild(QtWidgets.QPushButton, "scanButton").click()
        await until(lambda: window.history_controller.last_saved_id is not None)
        timer.start(16)
        csv_path = folder / "full.csv"
        message = window.statusBar().currentMessage

        async def reopen() -> None:
            window.history_panel.open_requested.emit(
                window.history_controller.last_saved_id
            )  # a double click

        async def show_table() -> None:
            window.views.view_switch.setCurrentIndex(1)  # as a click on the Table tab

        await timed(
            "switch to the table",
            show_table,
            lambda: window.views.results_table.model().rowCount() == 65535,
        )
        answers.append(str(csv_path))
        await timed(
            "export CSV", window.files.export_csv, lambda: message().startswith("Exported 65,535")
        )
        answers.append(str(csv_path))
        await timed(
            "open CSV report",
            window.files.open_report_dialog,
            lambda: message().startswith("Opened 65,535"),
        )
        await timed("reopen from the history", reopen, lambda: message().startswith("Reopened"))

        # A second full scan in the history to compare with (the same results again).
        with History(window.history_controller.history.path) as writer:
            writer.save(
                NewScan(time.time(), time.time(), "127.0.0.1", "1-65535", False, 65535),
                window.views.results_model.results(),
            )

        async def compare() -> None:
            window.window_actions.compare_previous.trigger()

        await timed(
            "compare with the previous scan",
            compare,
            lambda: window.history_controller.compare_dialog is not None,
        )
        timer.stop()

    with loop:
        loop.run_until_complete(run())
    print(json.dumps(figures))
    window.close()


if __name__ == "__main__":
    main()
