"""Take the README's screenshots of the window: light, dark and Japanese.

    .venv/bin/python tools/screenshots.py [--out docs]

Anyone can run it again: the window is drawn on Qt's offscreen platform (no display
needed), with settings and a history in a temporary folder, and it scans 127.0.0.1
inside a private network namespace (tools/in-netns.sh; the script runs itself there),
where the only listeners are the few this script starts: an SSH-like banner on 22, a
web server on 80 and 8080, a database on 3306. An expected-doors rule (22, 80 and 5432
open) makes the audit's red rings show: 3306 and 8080 unexpected, 5432 missing. Each
picture is ``window.grab()`` at 1100x720 after the scan finished and a door was chosen.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import qasync

from portwindow.engine import History, Protocol
from portwindow.gui import i18n
from portwindow.gui.app import make_application
from portwindow.gui.mainwindow import MainWindow
from portwindow.gui.qt import QtGui
from portwindow.gui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PORTS = "top100"
BANNERS = {22: b"SSH-2.0-OpenSSH_9.6p1 Debian-4\r\n", 80: b"", 8080: b"", 3306: b""}
SIZE = (1100, 720)
SHOTS = (("screenshot-light.png", "light", "en"), ("screenshot-dark.png", "dark", "en"),
         ("screenshot-ja.png", "light", "ja"))  # fmt: skip


@contextlib.contextmanager
def listeners():
    """TCP listeners on 127.0.0.1 (in this namespace), each writing its banner."""
    sockets, stop = [], threading.Event()
    for port in BANNERS:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen(64)
        server.settimeout(0.2)
        sockets.append(server)

    def serve(server: socket.socket, banner: bytes) -> None:
        while not stop.is_set():
            try:
                client, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with client:
                if banner:
                    with contextlib.suppress(OSError):
                        client.sendall(banner)

    threads = [
        threading.Thread(target=serve, args=(s, BANNERS[s.getsockname()[1]]), daemon=True)
        for s in sockets
    ]
    for thread in threads:
        thread.start()
    try:
        yield
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=2)
        for server in sockets:
            server.close()


def dark_palette() -> QtGui.QPalette:
    palette = QtGui.QPalette()
    role, color = QtGui.QPalette.ColorRole, QtGui.QColor
    for which, value in (
        (role.Window, "#353535"), (role.WindowText, "#eeeeee"), (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#2a2a2a"), (role.Text, "#eeeeee"), (role.Button, "#353535"),
        (role.ButtonText, "#eeeeee"), (role.Highlight, "#3d6fb4"),
        (role.HighlightedText, "#ffffff"), (role.ToolTipBase, "#2a2a2a"),
        (role.ToolTipText, "#eeeeee"), (role.PlaceholderText, "#9a9a9a"),
    ):  # fmt: skip
        palette.setColor(which, color(value))
    return palette


async def shoot(app, folder: Path, name: str, theme: str, language: str, home: Path) -> Path:
    i18n.install(language)
    app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    history = History(home / f"{name}.sqlite3")
    history.set_expected(
        "127.0.0.1", [(Protocol.TCP, 22), (Protocol.TCP, 80), (Protocol.TCP, 5432)]
    )
    settings = Settings.in_file(home / f"{name}.ini")
    window = MainWindow(settings, history=history)
    window.resize(*SIZE)
    window.show()
    window.form.set_targets("127.0.0.1")
    window.form.set_ports(PORTS)
    await window.scans.start()
    for _ in range(100):  # the banners' batch, the audit, the layout: at most 5 s
        await asyncio.sleep(0.05)
        if window.scans.last_summary is not None and not window.controller.busy:
            break
    door = window.views.door_model.door_index("127.0.0.1", Protocol.TCP, 22)
    window.views.door_view.setCurrentIndex(door)
    await asyncio.sleep(0.3)
    path = folder / name
    window.grab().save(str(path))
    window.close()
    history.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Take the README's screenshots")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    if os.environ.get("PORTWINDOW_IN_NETNS") != "1":
        env = {**os.environ, "PORTWINDOW_IN_NETNS": "1", "QT_QPA_PLATFORM": "offscreen"}
        command = ["sh", str(ROOT / "tools" / "in-netns.sh"), sys.executable, __file__]
        return subprocess.run([*command, *(argv or sys.argv[1:])], env=env, timeout=600).returncode
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="portwindow-shots-") as tmp:
        home = Path(tmp)
        os.environ.update(HOME=tmp, XDG_CONFIG_HOME=f"{tmp}/config", XDG_DATA_HOME=f"{tmp}/data")
        app = make_application()
        app.setStyle("Fusion")
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        args.out.mkdir(parents=True, exist_ok=True)
        with listeners(), loop:
            for name, theme, language in SHOTS:
                path = loop.run_until_complete(
                    asyncio.wait_for(shoot(app, args.out, name, theme, language, home), 120)
                )
                print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
