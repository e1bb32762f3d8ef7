"""One full scan in the real window, in a fresh process, for bench/ui_responsiveness.py.

Prints one JSON line: when the window was first shown (Unix time), the scan's wall time
from pressing Scan to the summary, the gaps between ticks of a 16 ms QTimer from 0.1 s
before pressing Scan until 0.1 s after the scan is saved to the history (a history of
its own, in a temporary folder), and the peak RSS.
"""

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._window_setup import open_window  # noqa: E402
from portwindow.gui.qt import QtCore, QtWidgets  # noqa: E402


def main() -> None:
    ports = sys.argv[1] if len(sys.argv) > 1 else "1-65535"
    # The figure is the scan's; bench/banner_overhead.py measures banners (in a namespace).
    _app, loop, window = open_window("127.0.0.1", ports, banners=False)
    shown_at = time.time()

    gaps: list[float] = []
    when: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if last[0]:
            gaps.append((now - last[0]) * 1000)
            when.append(now)
        last[0] = now

    timer = QtCore.QTimer()
    timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)

    marks: dict[str, float] = {}

    async def scan():
        await asyncio.sleep(0.3)
        timer.start(16)
        await asyncio.sleep(0.1)
        t0 = time.perf_counter()
        marks["t0"] = t0
        button = window.findChild(QtWidgets.QPushButton, "scanButton")
        button.click()
        deadline = time.perf_counter() + 60
        while window.scans.last_summary is None:
            if time.perf_counter() > deadline:
                raise RuntimeError("the scan did not finish within 60 s")
            await asyncio.sleep(0.005)
        wall = time.perf_counter() - t0
        # The ticks also cover saving the scan to the history, and the repaint after it.
        while window.history_controller.last_saved_id is None:
            if time.perf_counter() > deadline:
                raise RuntimeError("the scan was not saved to the history within 60 s")
            await asyncio.sleep(0.005)
        marks["saved"] = time.perf_counter() - t0
        await asyncio.sleep(0.1)
        timer.stop()
        return wall

    with loop:
        wall = loop.run_until_complete(scan())
    summary = window.scans.last_summary
    window.views.flush()  # the hidden table's results wait until it is needed
    doors_shown = sum(
        n for state, n in window.views.door_model.counts().items() if state is not None
    )
    print(
        json.dumps(
            {
                "shown_at": shown_at,
                "wall": wall,
                "done": summary.progress.done,
                "open": summary.progress.open,
                "gaps_ms": gaps,
                "gap_at_s": [round(t - marks["t0"], 3) for t in when],
                "t0_perf": marks["t0"],
                "saved": marks["saved"],
                "rows": window.views.results_model.rowCount(),
                "doors": doors_shown,
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )
    window.close()


if __name__ == "__main__":
    main()
