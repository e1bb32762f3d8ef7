"""Reading the files a user names: a targets file, an expected-doors file, a report.

Every read here is bounded: a file larger than its limit, or a line longer than its limit,
is refused with an :class:`InputError` that names the file and the limit, before the memory
goes (``-iL /dev/zero``, ``diff /dev/zero x``). A FIFO is opened without waiting for a
writer, so one that nobody writes to reads as empty instead of hanging; a folder, a missing
file and an unreadable one are one clear line each. The limits are generous for real use:
a report of a million rows, a targets file of a million addresses.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from typing import BinaryIO

from portwindow.engine.core.errors import InputError

try:
    import fcntl
except ImportError:  # Windows: no FIFOs to wait on, no O_NONBLOCK
    fcntl = None  # type: ignore[assignment]

MiB = 1 << 20

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO without a writer opens at once (then reads EOF)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def size_text(limit: int) -> str:
    """``16 MiB``, ``1 GiB``, ``512 KiB``: a limit as a person reads it."""
    for unit, size in (("GiB", 1 << 30), ("MiB", MiB), ("KiB", 1 << 10)):
        if limit >= size and limit % size == 0:
            return f"{limit // size} {unit}"
    return f"{limit:,} bytes"


class _Source:
    """One file being read: its label for messages, and its open binary stream."""

    def __init__(self, path: str | os.PathLike[str], what: str) -> None:
        self.name = str(os.fspath(path))
        self.label = f"{what} {self.name}" if what else self.name
        self.stream = self._open(self.name)

    def fail(self, why: str, line: int | None = None) -> InputError:
        where = f" line {line}" if line is not None else ""
        return InputError(f"{self.label}{where}: {why}", token=self.name)

    def _open(self, name: str) -> BinaryIO:
        try:
            fd = os.open(name, _OPEN_FLAGS)
        except (FileNotFoundError, NotADirectoryError):
            raise self.fail("no such file") from None
        except IsADirectoryError:
            raise self.fail("is a directory, not a file") from None
        except PermissionError:
            raise self.fail("permission denied") from None
        except OSError as exc:
            raise self.fail(f"cannot be read ({exc.strerror or exc})") from None
        except ValueError:  # a NUL in the name
            raise self.fail("the name has a NUL character") from None
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise self.fail("is a directory, not a file")
            if fcntl is not None:
                flags = fcntl.fcntl(fd, fcntl.F_GETFL)
                fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        except BaseException:
            os.close(fd)
            raise
        return os.fdopen(fd, "rb")

    def read(self, size: int) -> bytes:
        try:
            return self.stream.read(size)
        except OSError as exc:
            raise self.fail(f"cannot be read ({exc.strerror or exc})") from None

    def readline(self, size: int) -> bytes:
        try:
            return self.stream.readline(size)
        except OSError as exc:
            raise self.fail(f"cannot be read ({exc.strerror or exc})") from None

    def close(self) -> None:
        self.stream.close()


def _too_large(source: _Source, limit: int) -> InputError:
    return source.fail(f"larger than the limit of {size_text(limit)}")


def _decoded(source: _Source, data: bytes, line: int | None = None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"column {exc.start + 1}" if line is not None else f"offset {exc.start}"
        raise source.fail(f"not UTF-8 text (bad byte at {where})", line) from None


def read_text(path: str | os.PathLike[str], *, what: str, limit: int) -> str:
    """The whole file as UTF-8 text (a leading BOM dropped), at most ``limit`` bytes."""
    source = _Source(path, what)
    try:
        data = source.read(limit + 1)
    finally:
        source.close()
    if len(data) > limit:
        raise _too_large(source, limit)
    return _decoded(source, data).removeprefix("\ufeff")


_BLOCK = 1 << 20  # bytes read at a time by read_lines


def read_lines(
    path: str | os.PathLike[str], *, what: str, limit: int, line_limit: int
) -> Iterator[str]:
    """The file's lines as UTF-8 text, each with its ``\\n`` (split on LF only), a leading
    BOM dropped; at most ``limit`` bytes in all and ``line_limit`` bytes a line. The file
    is read a block at a time as the lines are taken, and closed when the iterator is."""
    source = _Source(path, what)
    with contextlib.closing(source):
        total = 0
        number = 0  # lines yielded so far
        rest = b""  # the start of a line whose end is not read yet
        while True:
            data = source.read(_BLOCK)
            total += len(data)
            if total > limit:
                raise _too_large(source, limit)
            end = data.rfind(b"\n") + 1
            if not data or not end:  # no line ends in this block (or the file ended)
                rest += data
                if len(rest) > line_limit:
                    raise source.fail(
                        f"longer than the limit of {size_text(line_limit)}", number + 1
                    )
                if data:
                    continue
                if rest:
                    yield _first(_decoded(source, rest, number + 1), number)
                return
            block, rest = rest + data[:end], data[end:]
            lines = block.split(b"\n")[:-1]
            if max(map(len, lines)) > line_limit:
                at = next(i for i, line in enumerate(lines) if len(line) > line_limit)
                raise source.fail(
                    f"longer than the limit of {size_text(line_limit)}", number + at + 1
                )
            text = _block_text(source, block, number)
            for line in text.split("\n")[:-1]:
                yield _first(line + "\n", number)
                number += 1
            if len(rest) > line_limit:
                raise source.fail(f"longer than the limit of {size_text(line_limit)}", number + 1)


def _first(line: str, before: int) -> str:
    return line.removeprefix("\ufeff") if before == 0 else line


def _block_text(source: _Source, block: bytes, before: int) -> str:
    """A block of whole lines decoded; a bad byte names its line and column."""
    try:
        return block.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = block.rfind(b"\n", 0, exc.start) + 1
        line = before + block.count(b"\n", 0, exc.start) + 1
        why = f"not UTF-8 text (bad byte at column {exc.start - line_start + 1})"
        raise source.fail(why, line) from None
