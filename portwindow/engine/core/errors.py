"""The one error type for bad user input, shared by every parser in the engine.

The CLI prints ``str(error)`` as its single line on stderr; the GUI uses ``token`` and
``span`` to mark the bad part of the field it came from.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input. The message names the bad part and says why.

    ``token`` is the offending piece of text as the user wrote it; ``span`` is its
    (start, end) offsets in the string that was parsed, when known.
    """

    def __init__(
        self, message: str, *, token: str | None = None, span: tuple[int, int] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.token = token
        self.span = span

    def __str__(self) -> str:
        return self.message
