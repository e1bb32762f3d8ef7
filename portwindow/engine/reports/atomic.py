"""Writing a file whole or not at all: every file portwindow writes goes through here.

:class:`AtomicFile` writes to a temporary file with an unpredictable name (``mkstemp``)
in the destination's folder and, on :meth:`~AtomicFile.commit`, flushes and fsyncs it,
checks that every byte written reached the file, and only then renames it into place:
the destination keeps its old content or gets the complete new one, never a truncated
one (a full disk is an error, and the temporary file is removed).

What the destination may be:

- a regular file or a new name: replaced atomically. A replaced file keeps its mode; a
  new one gets the mode any new file gets (0666 less the umask).
- a character device or a named pipe (``/dev/null``, a FIFO), and the process's own
  descriptors (``/dev/stdout``, ``/dev/fd/N``): written to directly, since a rename would
  replace the device, the pipe or the file behind the descriptor.
- a symbolic link anywhere else: refused (:class:`DestinationError`). A link planted in
  a shared folder must not make portwindow write, or rename, over what it points to.
- a folder, a socket or a block device: refused.

:func:`check_writable` answers, before a scan starts, whether its report could be
written there (missing folder, read-only, a name too long), by making and removing a
temporary file where the report will go.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import IO, Any

#: Bytes a report file gathers before each write. With the default 8 KiB, a report
#: written in a worker thread releases the GIL for a write() every 0.4 ms, which resets
#: the Qt thread's 1 ms switch-interval wait each time: the window got no turn at all for
#: the 0.4 s a full scan's CSV took. 1 MiB makes that a few writes.
WRITE_BUFFER = 1 << 20
_NAME_IN_TEMP = 160  # bytes of the destination's name kept in the temporary file's name


class DestinationError(OSError):
    """The destination cannot be written; the message says which and why, in one line."""


def shown(path: Path | str) -> str:
    """A path as an error message names it: a very long one shortened, its length said."""
    text = str(path)
    if len(text) <= 160:
        return text
    return f"{text[:60]}…{text[-40:]} ({len(text):,} characters)"


def _check_name(path: Path) -> None:
    """Refuse a name longer than its folder's file system allows."""
    folder = Path(os.path.abspath(path)).parent
    try:
        longest = os.pathconf(folder if folder.is_dir() else "/", "PC_NAME_MAX")
    except (OSError, ValueError):
        longest = 255
    if len(os.fsencode(path.name)) > longest:
        raise DestinationError(f"{shown(path)}: the name is longer than {longest} bytes")


def _system_link(path: Path) -> bool:
    """True for a link the system made for the process's own descriptors (/dev/stdout,
    /dev/fd/N, /proc/self/fd/N): under /dev or /proc, in a folder others cannot write
    (/dev/shm, which anyone can write, does not count)."""
    absolute = Path(os.path.abspath(path))
    if absolute.parts[1:2] not in (("dev",), ("proc",)):
        return False
    try:
        folder = os.stat(absolute.parent)
    except OSError:
        return False
    return not folder.st_mode & (stat.S_IWOTH | stat.S_IWGRP)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _written_in_place(path: Path) -> bool:
    """False for a regular file or a new name (replaced atomically); True for a device,
    a pipe or the process's own descriptor (written to directly). Raises
    DestinationError for anything portwindow must not write."""
    _check_name(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise DestinationError(f"{shown(path)}: {exc.strerror}") from None
    if stat.S_ISLNK(info.st_mode):
        if not _system_link(path):
            raise DestinationError(
                f"{shown(path)} is a symbolic link: portwindow does not write through links "
                "(name the file it points to instead)"
            )
        try:
            info = os.stat(path)
        except OSError:
            raise DestinationError(f"{shown(path)} is a link to nothing") from None
        if stat.S_ISREG(info.st_mode):
            return True  # /dev/stdout redirected to a file: that file, appended to
    if stat.S_ISREG(info.st_mode):
        return False
    if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
        return True
    raise DestinationError(
        f"{shown(path)} is {_kind(info.st_mode)}: a report cannot be written there"
    )


def _new_temp(path: Path) -> tuple[int, Path]:
    """A new, private (0600) file with an unpredictable name beside ``path``."""
    name = os.fsencode(path.name)[:_NAME_IN_TEMP].decode(errors="ignore")
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=path.parent)
    return fd, Path(temp)


def _give_final_mode(path: Path, fd: int) -> None:
    """Give the temporary file the mode of the file it replaces, or the one a new file
    gets (temporary files are created private, 0600); best effort."""
    with contextlib.suppress(OSError):
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
        except FileNotFoundError:
            mode = _new_file_mode()
        os.fchmod(fd, mode)


def _new_file_mode() -> int:
    """The mode open() gives a new file: 0666 less the process's umask."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as status:
        for line in status:
            if line.startswith(b"Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    # Without /proc the umask can only be read by setting it, briefly.
    mask = os.umask(0o077)
    os.umask(mask)
    return 0o666 & ~mask


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX only; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_writable(path: Path | str) -> None:
    """Raise DestinationError, in one line, when a file could not be written at ``path``
    (checked before a scan starts: a missing folder, a read-only one, a name too long, a
    link or a folder in the way). Leaves nothing behind."""
    path = Path(path)
    if _written_in_place(path):
        if not os.access(path, os.W_OK):
            raise DestinationError(f"{shown(path)} cannot be written (no permission)")
        return
    folder = Path(os.path.abspath(path)).parent
    if not folder.is_dir():
        raise DestinationError(f"{shown(path)}: the folder {shown(folder)} does not exist")
    try:
        fd, temp = _new_temp(path)
    except OSError as exc:
        raise DestinationError(
            f"{shown(path)}: cannot write in {shown(folder)}: {exc.strerror}"
        ) from None
    os.close(fd)
    temp.unlink(missing_ok=True)


class AtomicFile:
    """A file being written; :meth:`commit` puts it in place, :meth:`discard` abandons
    it (a device or pipe written in place keeps what it got). ``stream`` is a text
    stream, or a binary one with ``binary=True``."""

    def __init__(
        self,
        path: Path | str,
        *,
        newline: str = "",
        buffering: int = -1,
        binary: bool = False,
    ) -> None:
        self._path = Path(path)
        self._temp: Path | None = None
        self._finished = False
        text: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": newline}
        if _written_in_place(self._path):
            # Appending, as writing to the descriptor would: "w" would truncate the file
            # behind /dev/stdout when the shell appends (>>).
            self.stream: IO[Any] = open(  # noqa: SIM115 - closed by commit or discard
                self._path, "ab" if binary else "a", buffering=buffering, **text
            )
            return
        fd, self._temp = _new_temp(self._path)
        try:
            self.stream = os.fdopen(fd, "wb" if binary else "w", buffering=buffering, **text)
        except BaseException:
            os.close(fd)
            self._temp.unlink(missing_ok=True)
            raise

    def commit(self) -> None:
        """Flush the file, check it reached the disk whole, and move it into place (or
        flush the device or pipe)."""
        if self._finished:
            raise RuntimeError("the file is already committed or discarded")
        self._finished = True
        stream = self.stream
        if self._temp is None:
            stream.flush()
            stream.close()
            return
        try:
            stream.flush()
            fd = stream.fileno()
            written = os.lseek(fd, 0, os.SEEK_CUR)
            os.fsync(fd)
            size = os.fstat(fd).st_size
            if size != written:
                raise OSError(
                    errno.EIO,
                    f"only {size:,} of {written:,} bytes reached the disk",
                    str(self._path),
                )
            _give_final_mode(self._path, fd)
            stream.close()
            os.replace(self._temp, self._path)
        except BaseException:
            with contextlib.suppress(OSError):
                stream.close()
            with contextlib.suppress(OSError):
                self._temp.unlink(missing_ok=True)
            raise
        _sync_directory(Path(os.path.abspath(self._path)).parent)

    def discard(self) -> None:
        """Abandon the file: close it and delete the temporary file."""
        if self._finished:
            return
        self._finished = True
        with contextlib.suppress(OSError):
            self.stream.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                self._temp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        if exc_type is None:
            if not self._finished:
                self.commit()
        else:
            self.discard()


def write_text_atomically(path: Path | str, text: str) -> None:
    """Write a small text file whole or not at all (temp file, fsync, size check, rename)."""
    with AtomicFile(path) as file:
        file.stream.write(text)


def write_bytes_atomically(path: Path | str, data: bytes) -> None:
    """Write a file's bytes whole or not at all (temp file, fsync, size check, rename)."""
    with AtomicFile(path, binary=True) as file:
        file.stream.write(data)
