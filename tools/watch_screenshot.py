"""The README's Keep watch picture (docs/watches.png): the window offscreen with the
Watches dock after a watch's run found a door opened, and the compare view opened from
its notification. Run inside a private network namespace:

    tools/in-netns.sh .venv/bin/python tools/watch_screenshot.py

Every file it makes is in a temporary folder; it scans only listeners it opens on
127.0.0.1 inside that namespace.
"""

import asyncio
import os
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
folder = Path(tempfile.mkdtemp(prefix="portwindow-shot-"))
os.environ.update(
    PORTWINDOW_WATCHES=str(folder / "watches.toml"),
    PORTWINDOW_WATCH_STATE=str(folder / "watch-state.json"),
    PORTWINDOW_HISTORY=str(folder / "history.sqlite3"),
)

import qasync  # noqa: E402

from portwindow.engine import History, Schedule, Watch, WatchStore  # noqa: E402
from portwindow.gui.mainwindow import MainWindow  # noqa: E402
from portwindow.gui.qt import QtWidgets  # noqa: E402
from portwindow.gui.settings import Settings  # noqa: E402


def listen(port: int) -> socket.socket:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen()
    return s


async def main(window: MainWindow) -> None:
    doors = folder / "doors.toml"
    doors.write_text('[expected]\n"127.0.0.1" = ["22/tcp", "443/tcp"]\n')
    watch = Watch(
        "web", "127.0.0.1", Schedule(every=15), ports="22,80,443,8080", expected=str(doors),
        banners=False,
    )  # fmt: skip
    WatchStore().put(watch)
    WatchStore().put(Watch("nightly", "127.0.0.1", Schedule(at=("02:00",)), ports="1-1024"))
    window.watches.notifier.show = lambda *args: None
    held = [listen(22), listen(443)]
    await window.watches.run(watch)
    held.append(listen(8080))
    await window.watches.run(watch)
    window.watches.dock.raise_()
    from portwindow.gui.qt import QtCore  # noqa: PLC0415

    window.resizeDocks([window.watches.dock], [640], QtCore.Qt.Orientation.Horizontal)
    window.watches.panel.table.resizeColumnsToContents()
    window.watches.panel.select("web")
    window.watches.notifier.clicked.emit()
    for _ in range(200):
        if window.history_controller.compare_dialog is not None:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.5)
    dialog = window.history_controller.compare_dialog
    dialog.resize(560, 330)
    dialog.move(window.x() + 440, window.y() + 240)
    await asyncio.sleep(0.3)
    picture = window.grab()
    from portwindow.gui.qt import QtGui  # noqa: PLC0415

    painter = QtGui.QPainter(picture)
    painter.drawPixmap(620, 360, dialog.grab())
    painter.end()
    picture.save(str(ROOT / "docs" / "watches.png"))
    for s in held:
        s.close()


app = QtWidgets.QApplication(sys.argv)
loop = qasync.QEventLoop(app)
asyncio.set_event_loop(loop)
with History(folder / "history.sqlite3") as history:
    win = MainWindow(Settings.in_file(folder / "portwindow.ini"), history=history)
    win.resize(1200, 720)
    win.history_controller.refresh()
    win.show()
    loop.run_until_complete(main(win))
    win.close()
print(ROOT / "docs" / "watches.png")
sys.stdout.flush()
os._exit(0)  # the picture is saved; Qt's teardown of the idle worker threads adds nothing
