"""How fast the Doors view lays out and scrolls: prints paint times per scroll step.

Builds two models with random states, 1 host x 65,535 doors and 256 hosts x 1,000 doors,
shows each in a DoorView (offscreen unless QT_QPA_PLATFORM says otherwise), then scrolls
down a page at a time (back to the top after the end) and times ``viewport().repaint()``
(a synchronous paint) at each step. Prints the time to fill the model, to lay out and to
filter, and the median, p99 and maximum paint time per step. The target is a p99 well
under 16 ms (one frame at 60 Hz).

    .venv/bin/python bench/door_scroll.py [--steps 200] [--size 24 --size 40] [--width 1280]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.gui.doors import DoorModel, DoorView
from portwindow.gui.qt import QtWidgets

REASONS = {
    PortState.OPEN: Reason.SYN_ACK,
    PortState.CLOSED: Reason.CONN_REFUSED,
    PortState.FILTERED: Reason.NO_RESPONSE,
}
BATCH = 2000


def random_results(hosts: int, ports: range, rnd: random.Random) -> list[PortResult]:
    states = list(REASONS)
    results = []
    for host in range(hosts):
        address = f"10.0.{host // 256}.{host % 256}"
        for port in ports:
            state = rnd.choices(states, (2, 90, 8))[0]
            if rnd.random() < 0.05:
                continue  # leave some doors not probed
            rtt = None if state is PortState.FILTERED else rnd.uniform(0.00002, 0.002)
            results.append(
                PortResult(address, address, Protocol.TCP, port, state, REASONS[state], rtt, 0.0)
            )
    return results


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_case(
    name: str,
    hosts: int,
    ports: range,
    size: int,
    args: argparse.Namespace,
    app: QtWidgets.QApplication,
) -> None:
    rnd = random.Random(42)
    results = random_results(hosts, ports, rnd)
    model = DoorModel()
    start = time.perf_counter()
    model.set_plan([(Protocol.TCP, port) for port in ports])
    for first in range(0, len(results), BATCH):
        model.add_results(results[first : first + BATCH])
    fill = time.perf_counter() - start

    view = DoorView()
    view.set_door_size(size)
    view.setModel(model)
    view.resize(args.width, args.height)
    view.show()
    app.processEvents()
    start = time.perf_counter()
    view.doItemsLayout()
    layout = time.perf_counter() - start
    start = time.perf_counter()
    view.set_state_filter({PortState.OPEN, PortState.FILTERED})
    filtered = time.perf_counter() - start
    view.set_state_filter(None)

    bar = view.verticalScrollBar()
    stride = bar.pageStep()
    paints = []
    deadline = time.perf_counter() + args.budget
    value = 0
    for _ in range(args.steps):
        bar.setValue(value)
        app.processEvents()
        start = time.perf_counter()
        view.viewport().repaint()
        paints.append((time.perf_counter() - start) * 1000)
        value = value + stride if value + stride <= bar.maximum() else 0
        if time.perf_counter() > deadline:
            break
    steps = len(paints)
    print(
        f"{name}: {model.host_count():,} hosts x {model.door_count():,} doors "
        f"({model.host_count() * model.door_count():,} doors), viewport "
        f"{view.viewport().width()}x{view.viewport().height()}, door size {view.door_size()}"
    )
    print(
        f"  fill {fill * 1000:.0f} ms ({len(results):,} results in batches of {BATCH:,}), "
        f"layout {layout * 1000:.1f} ms, state filter {filtered * 1000:.1f} ms"
    )
    print(
        f"  paint per step over {steps} steps of {stride:,} px: median "
        f"{statistics.median(paints):.2f} ms, p99 {percentile(paints, 0.99):.2f} ms, "
        f"max {max(paints):.2f} ms"
    )
    view.close()
    view.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument(
        "--size",
        type=int,
        action="append",
        help="door size in px (24-96); repeat for several (default: 24 and 40)",
    )
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per case at most")
    args = parser.parse_args()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    for size in args.size or [24, 40]:
        run_case("one host", 1, range(1, 65536), size, args, app)
        run_case("256 hosts", 256, range(1, 1001), size, args, app)


if __name__ == "__main__":
    main()
