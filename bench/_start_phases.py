"""One start of the window in this process, offscreen, timed by phase in CPU seconds:
Qt and the application object, the window's imports, its construction, its show and
first paint. Prints one line of JSON. bench/cold_start.py --phases runs it."""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
start = time.process_time()
from portwindow.gui.app import make_application  # noqa: E402

app = make_application()
qt = time.process_time()
from portwindow.gui import settings as opt  # noqa: E402
from portwindow.gui.mainwindow import MainWindow  # noqa: E402

try:  # a checkout from before the window spoke other languages has no i18n
    from portwindow.gui import i18n
except ImportError:
    i18n = None
imported = time.process_time()
if i18n is not None:
    i18n.install("")
with tempfile.TemporaryDirectory() as tmp:
    window = MainWindow(opt.Settings.in_file(Path(tmp) / "p.ini"))
    built = time.process_time()
    window.show()
    app.processEvents()
    shown = time.process_time()
    print(json.dumps({"interpreter": start, "qt": qt - start, "imports": imported - qt,
                      "construct": built - imported, "show": shown - built,
                      "total": shown}))  # fmt: skip
    sys.stdout.flush()
    os._exit(0)
