"""Writing a file whole or not at all: every file portwindow writes goes through here.

:class:`AtomicFile` writes to a temporary file beside the destination and, on
:meth:`~AtomicFile.commit`, flushes, fsyncs and renames it into place, so the destination
either keeps its old content or gets the complete new one. A symbolic link's file is
replaced and the link kept. A path that names a device, a pipe or the process's own
descriptors (``/dev/null``, a FIFO, ``/dev/stdout``) is written to directly, since a
rename would replace the device itself. A new file gets the permissions any new file
gets (0666 less the umask); a replaced file keeps its own.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path
from typing import IO

#: Bytes a report file gathers before each write. With the default 8 KiB, a report
#: written in a worker thread releases the GIL for a write() every 0.4 ms, which resets
#: the Qt thread's 1 ms switch-interval wait each time: the window got no turn at all for
#: the 0.4 s a full scan's CSV took. 1 MiB makes that a few writes.
WRITE_BUFFER = 1 << 20


def _written_in_place(path: Path) -> bool:
    """True for an existing file that is not a regular file (``/dev/null``, a named
    pipe), and for anything under /dev or /proc (``/dev/stdout`` redirected to a file is
    that file): a rename would replace the device, the pipe or the file behind the
    process's own descriptor, so these are written to directly."""
    if path.is_absolute() and path.parts[1:2] in (("dev",), ("proc",)):
        return True  # /dev/stdout, /dev/fd/N: the process's own file, even a regular one
    try:
        mode = os.stat(path).st_mode  # through symbolic links
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _replaced_file(path: Path) -> Path:
    """The file a rename must replace to write ``path``: a symbolic link's target, so the
    link stays a link."""
    return Path(os.path.realpath(path))


def _give_final_mode(target: Path, temp: Path) -> None:
    """Give ``temp`` the permissions of the file it replaces, or those a new file gets
    (temporary files are created private, 0600); best effort."""
    with contextlib.suppress(OSError):
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
        os.chmod(temp, mode)


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


class AtomicFile:
    """A text file being written; :meth:`commit` puts it in place, :meth:`discard`
    abandons it (a device or pipe written in place keeps what it got)."""

    def __init__(self, path: Path | str, *, newline: str = "", buffering: int = -1) -> None:
        self._path = Path(path)
        self._temp: Path | None = None
        self._target: Path | None = None
        self._finished = False
        if _written_in_place(self._path):
            # Appending, as writing to the descriptor would: "w" would truncate the file
            # behind /dev/stdout when the shell appends (>>).
            self.stream: IO[str] = open(  # noqa: SIM115 - closed by commit or discard
                self._path, "a", encoding="utf-8", newline=newline, buffering=buffering
            )
            return
        self._target = _replaced_file(self._path)
        temp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by commit or discard
            "w",
            buffering=buffering,
            encoding="utf-8",
            newline=newline,
            dir=self._target.parent,
            prefix=f".{self._target.name}.",
            suffix=".tmp",
            delete=False,
        )
        self._temp = Path(temp.name)
        self.stream = temp

    def commit(self) -> None:
        """Flush the file and move it into place (or flush the device or pipe)."""
        if self._finished:
            raise RuntimeError("the file is already committed or discarded")
        self._finished = True
        stream = self.stream
        if self._temp is None or self._target is None:
            stream.flush()
            stream.close()
            return
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            _give_final_mode(self._target, self._temp)
            os.replace(self._temp, self._target)
        except BaseException:
            with contextlib.suppress(OSError):
                stream.close()
            with contextlib.suppress(OSError):
                self._temp.unlink(missing_ok=True)
            raise
        _sync_directory(self._target.parent)

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
    """Write a small text file whole or not at all (temp file, fsync, rename)."""
    with AtomicFile(path) as file:
        file.stream.write(text)
