"""Take docs/findings.png: the window after a full scan of 127.0.0.1 with its findings
summary, scrollbar marks and the details of a missing door (the README shows it).

No probe is sent: the scan's 65,535 results are made here, saved to a history in a
temporary folder and reopened, as the History dock does. Settings go to a temporary
file too. Rerun with ``.venv/bin/python tools/screenshot_findings.py [PATH]``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

import qasync

from portwindow.engine import (
    History,
    NewScan,
    PortResult,
    PortState,
    Protocol,
    Reason,
    parse_doors,
)
from portwindow.gui.mainwindow import MainWindow
from portwindow.gui.qt import QtWidgets
from portwindow.gui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
OPEN = {
    22: "SSH-2.0-OpenSSH_9.2p1\r\n",
    80: "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n",
    631: "",
    2222: "SSH-2.0-OpenSSH_9.2p1\r\n",
    3306: "",
    5900: "RFB 003.008\n",
    8080: "",
    31337: "",
}
EXPECTED = "22/tcp, 80/tcp, 443/tcp, 631/tcp"


def main(path: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QtWidgets.QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    results = [
        PortResult(
            "127.0.0.1", "127.0.0.1", Protocol.TCP, port,
            PortState.OPEN if port in OPEN else PortState.CLOSED,
            Reason.SYN_ACK if port in OPEN else Reason.CONN_REFUSED,
            0.00005, 1_790_000_000.0, OPEN.get(port, ""),
        )
        for port in range(1, 65536)
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder, History(Path(folder) / "h.sqlite3") as history:
        record = NewScan(1_790_000_000.0, 1_790_000_003.2, "127.0.0.1", "1-65535", False, 65535)
        scan_id = history.save(record, results)
        history.set_expected("127.0.0.1", parse_doors(EXPECTED))
        window = MainWindow(Settings.in_file(Path(folder) / "portwindow.ini"), history=history)
        window.resize(1280, 860)
        window.show()
        loop.run_until_complete(window.history_controller.open_scan(scan_id))
        window.views.zoom.setValue(40)
        window.find.jump_finding(1)  # the missing 443: its details say why
        for _ in range(20):
            app.processEvents()
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(path))
        window.close()
    print(f"{path}: {'written' if saved else 'NOT written'}")
    return 0 if saved else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "findings.png"))
