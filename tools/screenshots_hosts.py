"""The README's screenshots of the host list and an opener menu, made by a real scan of
a lab anyone can rebuild: a second network namespace on a veth cable holding a few
198.18.0.0/15 hosts (tests/lab/wan.py), the window offscreen in the scanner's namespace.
Nothing outside the two namespaces is scanned.

    sudo .venv/bin/python tools/screenshots_hosts.py [--out docs]

(root, or wherever tests/lab runs: unshare, ip, iptables). Writes docs/hosts.png and
docs/opener-menu.png.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NETWORK = "198.18.0.0/28"
PORTS = "21,22,23,80,443,3389,5900,8080"
SERVER = "198.18.0.2"  # ssh and a web server
DESKTOP = "198.18.0.5"  # RDP and VNC
SCAN_TIMEOUT = 120


def lab_hosts():
    from tests.lab.wan import Host  # noqa: PLC0415 - only where the lab is built

    return [
        Host(SERVER, tcp_open=(22, 80, 443)),
        Host("198.18.0.3", policy="drop"),  # answers ARP only: "up (arp-response)"
        Host(DESKTOP, tcp_open=(3389, 5900)),
        Host("198.18.0.9"),  # nothing open: every door closed
        Host("198.18.0.12", tcp_open=(8080,)),
    ]


def build_lab_and_shoot(out: Path) -> int:
    from tests.lab import wan  # noqa: PLC0415

    reason = wan.unavailable(tun=False)
    if reason:
        print(f"screenshots: the lab cannot run here: {reason}", file=sys.stderr)
        return 1
    with wan.Lab(lab_hosts(), relay=False) as lab:
        done = lab.run_in_scanner(
            [sys.executable, str(Path(__file__).resolve()), "--shoot", str(out.resolve())],
            timeout=SCAN_TIMEOUT + 60,
        )
    sys.stdout.write(done.stdout)
    sys.stderr.write(done.stderr)
    return done.returncode


def shoot(out: Path) -> int:
    """In the scanner's namespace: scan the lab in the window, then take the pictures."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync  # noqa: PLC0415

    from portwindow.engine import History, Protocol  # noqa: PLC0415
    from portwindow.gui.doors.model import DoorRole  # noqa: PLC0415
    from portwindow.gui.mainwindow import MainWindow  # noqa: PLC0415
    from portwindow.gui.qt import QtCore, QtGui, QtWidgets  # noqa: PLC0415
    from portwindow.gui.settings import Settings  # noqa: PLC0415

    app = QtWidgets.QApplication(["portwindow"])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    folder = Path(tempfile.mkdtemp(prefix="portwindow-shots-"))
    history = History(folder / "history.sqlite3")
    window = MainWindow(Settings.in_file(folder / "portwindow.ini"), history=history)
    window.resize(1280, 820)
    window.show()
    window.history_dock.hide()  # room for the host list's columns
    window.form.set_targets(NETWORK)
    window.form.set_ports(PORTS)
    summary = loop.run_until_complete(asyncio.wait_for(window.scans.start(), SCAN_TIMEOUT))
    if summary is None:
        print("screenshots: the scan did not run", file=sys.stderr)
        return 1

    def settle(ms: int = 400) -> None:
        loop.run_until_complete(asyncio.sleep(ms / 1000))

    hosts = window.views.host_list
    hosts.model.flush()
    hosts.show_down.setChecked(True)  # the hosts that did not answer, greyed
    window.views.doors_splitter.setSizes([300, 420])
    hosts.choose(SERVER)
    settle()
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / "hosts.png"))

    view = window.views.door_view
    index = window.views.door_model.door_index(SERVER, Protocol.TCP, 22)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    settle()
    menu = window.openers.door_menu(index.data(DoorRole.RESULT))
    menu.adjustSize()
    picture = window.grab()
    corner = view.viewport().mapTo(window, view.visualRect(index).center())
    painter = QtGui.QPainter(picture)
    painter.drawPixmap(QtCore.QPoint(corner.x(), corner.y()), menu.grab())
    painter.end()
    picture.save(str(out / "opener-menu.png"))
    rows = hosts.model.rowCount()
    print(f"screenshots: {rows} hosts listed; wrote {out / 'hosts.png'}, {out / 'opener-menu.png'}")
    window.close()
    history.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs"), help="where the pictures go")
    parser.add_argument("--shoot", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.shoot:
        return shoot(Path(args.shoot))
    return build_lab_and_shoot(Path(args.out))


if __name__ == "__main__":
    sys.exit(main())
