"""The plain-language note of a door (engine/present/explain.py) in the window's
language.

The engine writes a note as three paragraphs: what usually listens on the port, what
its number range means, what its state tells. Each paragraph is looked up in the
catalogue by its English text (gui/note_texts.py lists them for pyside6-lupdate); the
range's paragraph by its template, ``{port}`` in place of the number. A paragraph the
catalogue does not hold (IANA's own description of a port) stays as the engine wrote it,
after a translated "IANA lists this port as:".
"""

from __future__ import annotations

from portwindow.engine import PortState, Protocol, explain

from .i18n import QT_TRANSLATE_NOOP, translate

_IANA_PREFIX = "IANA lists this port as: "
_IANA = QT_TRANSLATE_NOOP("Notes", "IANA lists this port as: %1.")


def _service(text: str) -> str:
    if text.startswith(_IANA_PREFIX) and text.endswith("."):
        return translate("Notes", _IANA).replace("%1", text[len(_IANA_PREFIX) : -1])
    return translate("Notes", text)


def _port_class(text: str, port: int) -> str:
    number = str(port)
    template = text.replace(f"Port {number} ", "Port {port} ", 1)
    translated = translate("Notes", template)
    return text if translated == template else translated.replace("{port}", number)


def note(port: int, protocol: Protocol, state: PortState | None) -> str:
    """:func:`portwindow.engine.explain`'s note, each paragraph translated."""
    service, port_class, door = explain(port, protocol, state).split("\n\n")
    return "\n\n".join((_service(service), _port_class(port_class, port), translate("Notes", door)))
