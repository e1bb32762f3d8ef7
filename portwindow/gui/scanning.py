"""Scan as the window does it, the command line's steps with a face: from the form's input
a :class:`~portwindow.engine.ScanSession` is planned (``ScanRequest``), shown (both views
over its result set, the first hosts' doors drawn before any result), run by the
:class:`~portwindow.gui.scan_controller.ScanController` (which collects every batch into
the session), saved to the history and audited against the expected doors; the status
bar says how it ended.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from typing import TYPE_CHECKING

from portwindow.engine import (
    LARGE_TARGET_LIMIT,
    Delta,
    ScanBatch,
    ScanConfig,
    ScanSummary,
    parse_timing,
    summary_text,
)

from .. import APP_NAME
from . import dialogs
from . import settings as opt
from .engine_box import cluster_of
from .i18n import translate
from .qt import QtCore
from .scan_form import FormInput
from .settings_dialog import ScanSettings
from .status_words import summary_line
from .views import SETUP_PAUSE, shown

if TYPE_CHECKING:
    from portwindow.engine import ScanSession

    from .mainwindow import MainWindow

log = logging.getLogger(__name__)

#: Hosts whose (not yet probed) doors are shown as soon as a scan starts.
PRESHOWN_HOSTS = 16
#: A batch every 50 ms: the engine's thread collects it (ScanSession.collect), so the Qt
#: thread's share is small; each batch wakes the Qt thread, which then takes the GIL from
#: the engine (at 25 ms the window's scans took 10-15 % longer and its timers' worst gaps
#: were longer).
GUI_BATCH_INTERVAL = 0.05


class Scanning(QtCore.QObject):
    """The window's scans: one at a time, run by the window's controller."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window, self._form, self._settings = window, window.form, window.settings
        self._views, self._status = window.views, window.status
        self._history = window.history_controller
        self.controller = controller = window.controller
        self.starting = False  # a scan is being set up (see start)
        self.last_summary: ScanSummary | None = None
        self._hosts_shown: list | None = None  # the discovery results the host list has
        controller.batch_received.connect(self.batch_received)

    @property
    def busy(self) -> bool:
        """A scan runs, or is being set up."""
        return self.controller.busy or self.starting

    def config(self, data: FormInput) -> ScanConfig:
        """The scan the form asks for, with the settings' timing and banners."""
        values = ScanSettings.load(self._settings)

        def own(option: opt.Option, value):
            """A value the user set; None (the preset's) when left at its default."""
            return None if value == option.default else value

        return ScanConfig.with_timing(
            data.targets,
            data.ports,
            parse_timing(values.timing),
            timeout=own(opt.TIMEOUT, values.timeout),
            retries=own(opt.RETRIES, values.retries),
            concurrency=own(opt.CONCURRENCY, values.concurrency),
            rate=own(opt.RATE, values.rate),
            batch_interval=GUI_BATCH_INTERVAL,
            grab_banners=values.grab_banners,
        )

    async def confirm(self, title: str, text: str) -> bool:
        return await dialogs.confirm(self._window, title, text)

    async def start(self, data: FormInput | None = None) -> ScanSummary | None:
        """Scan what the form says (or ``data``); the summary, None when nothing ran."""
        data = data or self._form.current_input
        if data is None or self.busy:
            return None
        # Setting up yields to Qt (the confirmation, the pauses): a second Scan meanwhile
        # must not start a second scan or redo the views under the first.
        self.starting = True
        try:
            session = await self._set_up(data)
        finally:
            self.starting = False
        if session is None:
            return None
        summary = await self.controller.run(session)
        self._show_hosts(session)
        if summary is not None:
            self.last_summary = summary
            self._views.behind.take(session.results)  # while the listeners still listen
            self._status.show_final(summary.progress)
            message = summary_text(summary)
            if session.hosts_down:
                message += (
                    f"; {session.hosts_down:,} of {len(session.hosts):,} hosts did not answer "
                    "discovery and were not scanned"
                )
            self._views.shown = shown(
                data.targets_text,
                data.targets_text,
                data.ports_text,
                summary.started_at,
                summary.finished_at,
                summary.partial,
            )
            find = self._window.find
            if len(session.results) or not summary.host_errors:
                await self._history.save(session)
            else:  # nothing resolved: nothing to keep, and the view says why
                find.nothing_scanned(summary.host_errors)
            find.panel.set_host_errors(summary.host_errors)
            audited = self._history.audit(session.audit)
            if audited:
                message += f"; expected doors: {audited}"
            self._status.say(self._said(summary, session, audited))
            log.info("%s", message)  # in English: the log is read by tools (measure.py)
        return summary

    @staticmethod
    def _said(summary, session, audited: str) -> str:
        """The finish line of the status bar in the window's language."""
        said = summary_line(summary)
        if session.hosts_down:
            said += (
                translate(
                    "Scanning",
                    "; %1 of %2 hosts did not answer discovery and were not scanned",
                )
                .replace("%1", f"{session.hosts_down:,}")
                .replace("%2", f"{len(session.hosts):,}")
            )
        if audited:
            said += translate("Scanning", "; expected doors: %1").replace("%1", audited)
        return said

    async def _set_up(self, data: FormInput) -> ScanSession | None:
        """Confirm a large scan, remember the input and show the new doors; the session
        to run, or None when the user said no."""
        if data.targets.is_large:
            question = (
                translate(
                    "Scanning",
                    "The targets hold %1 addresses, more than %2. Scanning them can take "
                    "very long. Scan anyway?",
                )
                .replace("%1", f"{data.targets.address_count:,}")
                .replace("%2", f"{LARGE_TARGET_LIMIT:,}")
            )
            if not await self.confirm(translate("Scanning", "Large scan"), question):
                return None
        config = self.config(data)
        settings = self._settings
        settings.remember(opt.RECENT_TARGETS, data.targets_text)
        settings.remember(opt.RECENT_PORTS, data.ports_text)
        self._form.set_recent(settings.get(opt.RECENT_TARGETS), settings.get(opt.RECENT_PORTS))
        views = self._views
        views.begin_loading()  # a report or saved scan still being read is not shown
        views.clear()
        self._status.clear()
        self._history.last_audit = None
        await asyncio.sleep(SETUP_PAUSE)
        # The scan's modules load when the first scan starts, not before the window shows.
        from portwindow.engine import DiscoverySettings, ScanRequest, ScanSession  # noqa: PLC0415

        values = ScanSettings.load(self._settings)
        cluster = cluster_of(values.engine, values.cluster_address, values.vantages)
        wanted = values.discovery and cluster is None  # a cluster scans every target (-Pn)
        request = ScanRequest(
            config,
            data.targets_text,
            data.ports_text,
            source="window",
            discovery=DiscoverySettings() if wanted else None,
            cluster=cluster,
        )
        session = ScanSession(request, keep_order=True)
        views.show_results(session.results)
        # With discovery, a host is shown once it is found there (a lone target always is).
        lone = data.targets.address_count <= 1
        if not data.targets.hostnames and (request.discovery is None or lone):
            first_hosts = itertools.islice(data.targets.iter_hosts(), PRESHOWN_HOSTS)
            views.door_model.add_hosts((h.label, h.address.compressed) for h in first_hosts)
        # Let Qt lay out and paint the new doors before the engine competes for the GIL.
        views.door_view.doItemsLayout()
        await asyncio.sleep(SETUP_PAUSE)
        self._window.setWindowTitle(f"{APP_NAME} — {data.targets_text}")
        self._status.say(translate("Scanning", "Scanning…"))
        await asyncio.sleep(SETUP_PAUSE)
        return session

    def _show_hosts(self, session: ScanSession | None) -> None:
        """Give the host list what discovery found (once: the engine sets it once)."""
        if session is not None and session.hosts and session.hosts is not self._hosts_shown:
            self._hosts_shown = session.hosts
            self._views.host_list.model.set_statuses(session.hosts)

    def batch_received(self, batch: ScanBatch, delta: Delta) -> None:
        self._show_hosts(self.controller.session)
        if batch.results:
            self._views.update(delta)
        if self._status.progress_due(batch.progress):
            self._status.show_progress(batch.progress)
