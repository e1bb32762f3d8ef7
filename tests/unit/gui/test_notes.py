"""The plain-language notes in the window's language (gui/notes.py, gui/note_texts.py)."""

import importlib.util
from pathlib import Path

import pytest

from portwindow.engine import PortState, Protocol, explain
from portwindow.gui import i18n, notes

ROOT = Path(__file__).resolve().parents[3]


def _generator():
    spec = importlib.util.spec_from_file_location("note_texts", ROOT / "tools" / "note_texts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_marked_notes_are_the_engines_current_ones():
    generator = _generator()
    assert generator.TARGET.read_text(encoding="utf-8") == generator.module_text(), (
        "run tools/note_texts.py (make translations)"
    )


@pytest.mark.parametrize(
    ("port", "protocol", "state"),
    [
        (22, Protocol.TCP, PortState.OPEN),
        (5353, Protocol.UDP, PortState.OPEN_FILTERED),
        (50000, Protocol.TCP, PortState.CLOSED),
        (1, Protocol.TCP, None),
    ],
)
def test_in_english_the_note_is_the_engines(qapp, port, protocol, state):
    assert notes.note(port, protocol, state) == explain(port, protocol, state)


def test_in_japanese_every_paragraph_is_translated(qapp):
    i18n.install("ja")
    try:
        text = notes.note(22, Protocol.TCP, PortState.OPEN)
        service, port_class, door = text.split("\n\n")
        assert "セキュアシェル" in service
        assert port_class.startswith("ポート 22 はウェルノウンポート")
        assert "このドアは開いています" in door
        # A port with no note of its own: IANA's words, after a translated lead-in.
        iana = notes.note(2222, Protocol.TCP, PortState.CLOSED).split("\n\n")[0]
        assert iana.startswith("IANA はこのポートを次のように登録しています: ")
    finally:
        i18n.install("en")
