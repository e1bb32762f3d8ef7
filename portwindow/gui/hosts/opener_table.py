"""The openers a person set, kept in the settings: one line per opener,
``service<TAB>kind<TAB>label<TAB>template`` (kind: url, command or copy), in the order
offered. No line stored: the engine's defaults (``openers.DEFAULT_OPENERS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from portwindow.engine import InputError, openers

from .. import settings as opt

Table = Mapping[str, tuple["openers.Opener", ...]]


def _to_lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


OPENERS = opt.Option("openers/table", [], _to_lines)


def default_rows() -> list[tuple[str, str, str, str]]:
    """(service, kind, label, template) of every default opener."""
    return [
        (service, opener.kind.value, opener.label, opener.template)
        for service, offered in openers.DEFAULT_OPENERS.items()
        for opener in offered
    ]


def table_of(rows: Iterable[tuple[str, str, str, str]]) -> dict[str, tuple]:
    """The openers by service; an :class:`InputError` naming the first bad row."""
    table: dict[str, list] = {}
    for number, (raw_service, kind, raw_label, template) in enumerate(rows, 1):
        service, label = raw_service.strip(), raw_label.strip()
        if not service or any(c.isspace() for c in service):
            raise InputError(f"opener {number}: a service name is one word (e.g. http)")
        try:
            opener_kind = openers.OpenerKind(kind.strip().lower())
        except ValueError:
            raise InputError(
                f"opener {number}: the kind {kind!r} is not url, command or copy"
            ) from None
        try:
            opener = openers.Opener(label or template, opener_kind, template.strip())
        except InputError as exc:
            raise InputError(f"opener {number} ({service}): {exc}") from None
        table.setdefault(service, []).append(opener)
    return {service: tuple(found) for service, found in table.items()}


def load(settings: opt.Settings) -> dict[str, tuple] | None:
    """The person's openers; None (the defaults) when none are set or they do not read."""
    lines = settings.get(OPENERS)
    if not lines:
        return None
    rows = [tuple(line.split("\t", 3)) for line in lines]
    if any(len(row) != 4 for row in rows):
        return None
    try:
        return table_of(rows)  # type: ignore[arg-type]
    except InputError:
        return None


def rows_of(settings: opt.Settings) -> list[tuple[str, str, str, str]]:
    """What the settings dialog shows: the person's openers, or the defaults."""
    table = load(settings)
    if table is None:
        return default_rows()
    return [
        (service, opener.kind.value, opener.label, opener.template)
        for service, offered in table.items()
        for opener in offered
    ]


def save(settings: opt.Settings, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """Keep ``rows`` (checked: an InputError names a bad one); the defaults keep nothing."""
    rows = list(rows)
    table_of(rows)
    if rows == default_rows():
        settings.set(OPENERS, [])
        return
    settings.set(OPENERS, ["\t".join(part.replace("\t", " ") for part in row) for row in rows])
