"""Reading another tool's line-by-line report without trusting it: a regular file, read
a line at a time (no line longer than :data:`MAX_LINE`), UTF-8, with the values every
reader checks (addresses, times) parsed once per distinct text.
"""

from __future__ import annotations

import ipaddress
import json
import math
from collections.abc import Iterator
from datetime import datetime

from portwindow.engine.core.errors import InputError
from portwindow.engine.reports.peers.safe_xml import open_regular

MAX_LINE = 1024 * 1024  # bytes of one line (masscan's banners are a few kilobytes)
LATEST = 2**33  # seconds: a time past the year 2242 is not a scan's


def numbered_lines(path: str, name: str) -> Iterator[tuple[int, str]]:
    """(line number, text without its line break) of each line; a BOM at the start is
    dropped. Read a block at a time (split and decoded at C speed), a line never longer
    than :data:`MAX_LINE`."""
    with open_regular(path, name) as handle:
        number = 0
        carry = b""
        while True:
            block = handle.read(_BLOCK)
            data = carry + block
            if not block:
                if data:
                    yield number + 1, _decode(data, name, number + 1).rstrip("\r")
                return
            cut = data.rfind(b"\n") + 1
            carry = data[cut:]
            if len(carry) > MAX_LINE:
                raise InputError(f"{name} line {number + 1}: longer than {MAX_LINE:,} bytes")
            if not cut:
                continue
            text = _decode(data[:cut], name, number + 1)
            if number == 0:
                text = text.removeprefix("\ufeff")
            lines = text.split("\n")
            lines.pop()  # after the last line break
            for line in lines:
                number += 1
                if len(line) > MAX_LINE:
                    raise InputError(f"{name} line {number}: longer than {MAX_LINE:,} bytes")
                yield number, line[:-1] if line.endswith("\r") else line


_BLOCK = 1024 * 1024


def _decode(data: bytes, name: str, first_line: int) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = first_line + data.count(b"\n", 0, error.start)
        raise InputError(f"{name} line {line}: not UTF-8 text") from None


class Addresses:
    """IP address texts as their canonical form, each distinct text checked once."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}
        self.known = self._seen.get  # the canonical form of a text already checked

    def __call__(self, text: object, where: str) -> str:
        if isinstance(text, str):
            known = self._seen.get(text)
            if known is not None:
                return known
            try:
                canonical = str(ipaddress.ip_address(text.strip()))
            except ValueError:
                pass
            else:
                if len(self._seen) < 1 << 22:
                    self._seen[text] = canonical
                return canonical
        raise InputError(f"{where}: {str(text)[:60]!r} is not an IP address")


def unix_time(value: object, where: str) -> float:
    """A Unix time in seconds (a number, or a number's text)."""
    try:
        seconds = float(value) if isinstance(value, str | int | float) else math.nan
    except ValueError:
        seconds = math.nan
    if isinstance(value, bool) or not (math.isfinite(seconds) and 0 <= seconds < LATEST):
        raise InputError(f"{where}: time {str(value)[:40]!r} is not a Unix time")
    return seconds


def iso_time(value: object, where: str) -> float:
    """An ISO 8601 time with a zone (naabu's), or a Unix time."""
    if isinstance(value, str) and not value.replace(".", "", 1).isdigit():
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(_trim_fraction(text))
            seconds = moment.timestamp() if moment.tzinfo else math.nan
        except (ValueError, OverflowError):
            seconds = math.nan
        if not (math.isfinite(seconds) and 0 <= seconds < LATEST):
            raise InputError(f"{where}: time {value[:40]!r} is not an ISO 8601 time with a zone")
        return seconds
    return unix_time(value, where)


def _trim_fraction(text: str) -> str:
    """Go writes nanoseconds (``.123456789``); Python reads at most microseconds."""
    head, dot, rest = text.partition(".")
    if not dot:
        return text
    digits = len(rest) - len(rest.lstrip("0123456789"))
    return f"{head}.{rest[: min(digits, 6)]}{rest[digits:]}"


def json_object(text: str, where: str) -> dict:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        detail = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deeply"
        raise InputError(f"{where}: not valid JSON ({detail})") from None
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected a JSON object")
    return value
