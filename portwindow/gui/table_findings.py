"""The Table view's side of the expected-doors audit: what the audit found at each door
(the Finding column, its tooltip the finding's explanation) and the filter that shows
only the doors with a finding (Show → Findings). A mixin of
:class:`~portwindow.gui.results_model.ResultsModel`, which asks :meth:`_finding` for a
row's cells and its filter."""

from __future__ import annotations

import html
from collections.abc import Iterable

from portwindow.engine import AuditItem, Column, PortResult, Protocol

from .findings_words import explain


class TableFindings:
    """The findings of the rows; the model keeps its filter in ``_states`` and ``_text``."""

    _findings: dict[tuple[str, Protocol, int], AuditItem]
    _findings_only: bool

    def _forget_findings(self) -> None:
        self._findings = {}
        self._findings_only = False

    def set_findings(self, items: Iterable[AuditItem]) -> None:
        """What the audit found at each probed door (a run of doors not probed has no
        row)."""
        self._findings = {(i.address, i.protocol, i.port): i for i in items if i.state is not None}
        if self._findings_only:
            self._refilter()
        elif self.rowCount():  # type: ignore[attr-defined]
            last = self.rowCount() - 1  # type: ignore[attr-defined]
            self.dataChanged.emit(  # type: ignore[attr-defined]
                self.index(0, Column.FINDING),  # type: ignore[attr-defined]
                self.index(last, Column.FINDING),  # type: ignore[attr-defined]
            )

    def findings_only(self) -> bool:
        return self._findings_only

    def set_findings_only(self, on: bool) -> None:
        """Show only the doors with a finding (within the state and text filter)."""
        if on != self._findings_only:
            self._findings_only = on
            self._refilter()

    def _refilter(self) -> None:
        states, text = self._states, self._text  # type: ignore[has-type]
        self._states, self._text = frozenset(), "\0"  # differs from any filter given
        self.set_filter(states, text)  # type: ignore[attr-defined]

    def finding_text(self, result: PortResult) -> str:
        """What the audit found at a result's door, explained; "" for nothing."""
        item = self._finding(result)
        return explain(item) if item is not None else ""

    def finding_tooltip(self, result: PortResult) -> str | None:
        """The Finding cell's tooltip (rich text, escaped here); None without a finding."""
        text = self.finding_text(result)
        return f"<p>{html.escape(text)}</p>" if text else None

    def _finding(self, result: PortResult) -> AuditItem | None:
        return self._findings.get((result.address, result.protocol, result.port))
