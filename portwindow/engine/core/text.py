"""Text from outside made safe to show and to store, and back.

Banners, names, report fields, file contents and command-line arguments are text from
outside. :func:`printable` is THE escaping function for all of it: everything shown to a
terminal or a dialog passes through it (the command line writes every line for people
through it, the window's error dialogs and fields too), and so does every text cell of a
report. It escapes every character that ``str.isprintable`` rejects (C0 and C1 controls,
DEL, line breaks, bidi overrides, lone surrogates ...), reversibly:
:func:`unescape_printable` undoes it. :func:`excerpt` shortens outside text that an error
message quotes, so a hostile megabyte stays a short line.
"""

from __future__ import annotations

import re

_SHORT_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


_SHORT_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


_ESCAPE_SEQUENCE = re.compile(
    r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\\tnr]))"
)


def printable(text: str) -> str:
    """Return ``text`` with every character that ``str.isprintable`` rejects escaped.

    Such a character becomes ``\\t``, ``\\n``, ``\\r``, ``\\xNN``, ``\\uNNNN`` or
    ``\\UNNNNNNNN`` (Python's spelling), and a backslash becomes ``\\\\``, so the result
    is reversible with :func:`unescape_printable`. Escaped are: C0 and C1 controls
    (NUL, ESC, DEL ...), line and paragraph separators, format characters (bidi
    overrides such as U+202E, zero-width characters, BOM), lone surrogates, unusual
    spaces (U+00A0 ...), private-use and unassigned code points.
    """
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_escape(char) for char in text)


def _escape(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def excerpt(text: str, limit: int = 60) -> str:
    """``text`` cut to at most ``limit`` characters, ``...`` marking the cut.

    Error messages quote the bad part of an input with it; it does not escape (the face
    that shows the message does, with :func:`printable`).
    """
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 3)] + "..."


def quoted(text: str, limit: int = 60) -> str:
    """``'text'``, cut short (:func:`excerpt`), raw: how an error message quotes a bad
    value. Not ``repr()``, whose escapes the face would escape again."""
    return f"'{excerpt(text, limit)}'"


def unescape_printable(text: str) -> str:
    """Undo :func:`printable`.

    A backslash that starts no escape :func:`printable` could have written (``\\q``, a
    lone trailing ``\\``, ``\\U`` beyond U+10FFFF) is kept as it is, so a hand-edited
    file loads rather than fails.
    """
    if "\\" not in text:
        return text
    return _ESCAPE_SEQUENCE.sub(_unescape, text)


def _unescape(match: re.Match[str]) -> str:
    hex_digits = match.group(1) or match.group(2) or match.group(3)
    if hex_digits is None:
        return _SHORT_UNESCAPES[match.group(4)]
    code = int(hex_digits, 16)
    return chr(code) if code <= 0x10FFFF else match.group(0)
