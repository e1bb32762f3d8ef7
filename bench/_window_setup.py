"""The real window as the window benches open it (in a fresh process each): qasync's
loop and the app's safety nets as run_app installs them, settings and a history of its
own in a temporary folder, targets and ports filled in, shown at 1200 x 800. The
``portwindow`` package is whichever the script put first on ``sys.path``."""

import asyncio
import os
import tempfile
from pathlib import Path


def open_window(targets: str, ports: str, *, banners: bool):
    """(app, loop, window), the window shown and its first events processed."""
    from portwindow.gui.app import install_safety_nets, make_application

    app = make_application()
    import qasync

    from portwindow.gui.mainwindow import MainWindow
    from portwindow.gui.settings import GRAB_BANNERS, Settings

    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_safety_nets(app, loop)  # as run_app does
    folder = tempfile.mkdtemp()
    os.environ["PORTWINDOW_HISTORY"] = str(Path(folder) / "history.sqlite")  # not the user's
    settings = Settings.in_file(Path(folder) / "bench.ini")
    settings.set(GRAB_BANNERS, banners)
    window = MainWindow(settings)
    window.resize(1200, 800)
    window.form.set_targets(targets)
    window.form.set_ports(ports)
    window.show()
    app.processEvents()
    return app, loop, window
