"""Write portwindow/gui/note_texts.py: the engine's plain-language notes
(engine/present/explain.py) marked for translation, so that pyside6-lupdate finds them.

    .venv/bin/python tools/note_texts.py        (make translations runs it first)

The engine stays Qt-free and English (the CLI prints its notes as they are); the window
translates each paragraph of a note (gui/notes.py). tests/unit/gui/test_notes.py fails
when the engine's notes changed and this was not run again.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "portwindow" / "gui" / "note_texts.py"
HEADER = '''"""The engine's plain-language notes, marked for translation (context "Notes").

Made by tools/note_texts.py from engine/present/explain.py: do not edit by hand. The
window shows them translated through gui/notes.py; ``{port}`` stands for the port.
"""

from .i18n import QT_TRANSLATE_NOOP

NOTES: tuple[str, ...] = (
'''


def note_texts() -> list[str]:
    """Every paragraph the engine's notes are made of, in a stable order."""
    sys.path.insert(0, str(ROOT))
    from portwindow.engine.present import explain  # noqa: PLC0415

    texts = [
        *explain._NOTES_BY_PROTOCOL.values(),
        *explain._NOTES.values(),
        *explain._CLASS_NOTES.values(),
        *explain._STATE_NOTES.values(),
        explain._UDP_OPEN_NOTE,
    ]
    return list(dict.fromkeys(texts))


def module_text() -> str:
    lines = [HEADER]
    for text in note_texts():
        quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines.append(f'    QT_TRANSLATE_NOOP("Notes", {quoted}),\n')
    lines.append(")\n")
    return "".join(lines)


def main() -> int:
    TARGET.write_text(module_text(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(note_texts())} texts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
