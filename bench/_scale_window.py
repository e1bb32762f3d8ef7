"""One scan in the real window, in a fresh process, for bench/scale.py's window rows.

    python bench/_scale_window.py TARGETS PORTS   (run with the tree to measure as cwd)

The package imported is the one in the current directory (so another tree can be
measured with this script). Banners are read, as in the issue's figures. Prints one JSON
line: the scan's wall time from pressing Scan to the summary and the process's CPU time
over it, the gaps between ticks of a 16 ms QTimer from 0.1 s before pressing Scan until
the scan is saved to the history (a history of its own, in a temporary folder), the
garbage collections (how many and the longest in the Qt thread's CPU time, per
generation), the Qt thread's CPU time, the doors shown, and the peak RSS.
"""

import asyncio
import gc
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))  # for bench._window_setup

from bench._window_setup import open_window
from portwindow.gui.qt import QtCore, QtWidgets

DEADLINE = 900  # seconds for the scan and its save
# How often the bench looks whether the scan ended: each look wakes the Qt thread, which
# then asks the engine's thread for the GIL (a look every 5 ms cost the scan 10-20 %).
POLL = 0.05


def main() -> None:
    targets, ports = sys.argv[1], sys.argv[2]
    _app, loop, window = open_window(targets, ports, banners=True)

    gaps: list[float] = []
    last = [0.0]
    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}  # collections' ms, by generation
    started = [0.0]
    cpu = [0.0]  # the Qt thread's CPU time from pressing Scan to the save
    process_cpu = [0.0]  # the whole process's (both threads') from pressing Scan to the end

    def collected(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.thread_time()
        else:
            pauses[info["generation"]].append((time.thread_time() - started[0]) * 1000)

    gc.callbacks.append(collected)

    def tick() -> None:
        now = time.perf_counter()
        if last[0]:
            gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QtCore.QTimer()
    timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)

    async def scan() -> tuple[float, float]:
        await asyncio.sleep(0.3)
        timer.start(16)
        await asyncio.sleep(0.1)
        t0 = time.perf_counter()
        cpu[0] = time.thread_time()
        process_cpu[0] = time.process_time()
        window.findChild(QtWidgets.QPushButton, "scanButton").click()
        deadline = t0 + DEADLINE
        while window.scans.last_summary is None:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the scan did not finish within {DEADLINE} s")
            await asyncio.sleep(POLL)
        wall = time.perf_counter() - t0
        process_cpu[0] = time.process_time() - process_cpu[0]
        while window.history_controller.last_saved_id is None:
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the scan was not saved within {DEADLINE} s")
            await asyncio.sleep(POLL)
        saved = time.perf_counter() - t0
        cpu[0] = time.thread_time() - cpu[0]
        await asyncio.sleep(0.1)
        timer.stop()
        return wall, saved

    with loop:
        wall, saved = loop.run_until_complete(scan())
    summary = window.scans.last_summary
    doors = sum(n for state, n in window.views.door_model.counts().items() if state is not None)
    print(
        json.dumps(
            {
                "wall": wall,
                "saved": saved,
                "qt_cpu": cpu[0],
                "cpu": process_cpu[0],
                "done": summary.progress.done,
                "open": summary.progress.open,
                "doors": doors,
                "gaps_ms": gaps,
                "gc_ms": {str(g): [len(p), max(p, default=0.0)] for g, p in pauses.items()},
                "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )
    window.close()


if __name__ == "__main__":
    main()
