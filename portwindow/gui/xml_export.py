"""File → Export as nmap XML: the results the window shows as nmap's own XML report
(``reports/nmap_export.py``), for ndiff, Zenmap, Metasploit's db_import and the others
that read it. Written in a worker thread, atomically, as every report."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import TYPE_CHECKING

from portwindow import __version__
from portwindow.engine import XmlRun, write_nmap_xml

from . import dialogs
from .i18n import translate
from .plurals import PLURALS

if TYPE_CHECKING:
    from .mainwindow import MainWindow

XML_FILTERS = "nmap XML (*.xml)"


def xml_run(shown) -> XmlRun:
    """What the report's ``<nmaprun>`` says: where the results came from, and when."""
    now = time.time()
    if shown is None:
        return XmlRun(args="portwindow", started_at=now, finished_at=now, version=__version__)
    args = f"portwindow {shown.targets} -p {shown.ports}" if shown.ports else "portwindow"
    return XmlRun(args, shown.started_at, shown.finished_at, __version__)


async def export_nmap_xml(window: MainWindow) -> Path | None:
    views, status = window.views, window.status
    results = views.results
    if not len(results):
        status.say(translate("xml_export", "Nothing to export yet"), 3000)
        return None
    if views.busy():
        results = list(results)  # what it holds now: the scan goes on adding
    suggested = str(Path.home() / "portwindow-scan.xml")
    chosen = await dialogs.ask_save_path(
        window, "Export as nmap XML", suggested, XML_FILTERS, default_suffix="xml"
    )
    if not chosen:
        return None
    path = Path(chosen)
    run = xml_run(views.shown)
    try:
        count = await asyncio.get_running_loop().run_in_executor(
            None, write_nmap_xml, results, path, run
        )
    except OSError as exc:
        dialogs.show_error(
            window, translate("xml_export", "Export failed"), f"{path}: {exc.strerror or exc}"
        )
        return None
    status.say(PLURALS.exported_xml(count, str(path)), 5000)
    return path
