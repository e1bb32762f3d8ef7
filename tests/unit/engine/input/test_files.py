"""Bounded reads of the files a user names (engine/input/files.py): limits named in the
error, FIFOs that nobody writes to read as empty instead of hanging, folders, devices and
missing files one clear line each."""

import os
import threading
from pathlib import Path

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.input import files
from portwindow.engine.input.files import MiB, read_lines, read_text, size_text


def test_dev_zero_is_refused_at_the_limit_and_the_limit_is_named():
    with pytest.raises(InputError) as caught:
        read_text("/dev/zero", what="targets file", limit=1 * MiB)
    assert str(caught.value) == "targets file /dev/zero: larger than the limit of 1 MiB"


def test_dev_zero_as_lines_is_refused_at_the_first_line():
    with pytest.raises(InputError, match=r"^/dev/zero line 1: longer than the limit of 64 KiB$"):
        list(read_lines("/dev/zero", what="", limit=MiB, line_limit=64 << 10))


def test_a_regular_file_over_the_limit_is_refused(tmp_path: Path):
    path = tmp_path / "big"
    path.write_bytes(b"1" * 1025)
    with pytest.raises(InputError, match="larger than the limit of 1 KiB"):
        read_text(path, what="x", limit=1024)
    path.write_bytes(b"1" * 1024)
    assert len(read_text(path, what="x", limit=1024)) == 1024


def test_lines_within_the_limits_and_the_line_limit_is_exact(tmp_path: Path):
    path = tmp_path / "lines"
    path.write_bytes(b"\xef\xbb\xbfabc\n" + b"x" * 9 + b"\nlast")
    assert list(read_lines(path, what="", limit=100, line_limit=10)) == [
        "abc\n",
        "x" * 9 + "\n",
        "last",
    ]
    path.write_bytes(b"x" * 11 + b"\n")
    with pytest.raises(InputError, match="line 1: longer than the limit of 10 bytes"):
        list(read_lines(path, what="", limit=100, line_limit=10))
    path.write_bytes(b"12345\n" * 20)
    with pytest.raises(InputError, match="larger than the limit of 100 bytes"):
        list(read_lines(path, what="", limit=100, line_limit=10))


def test_a_fifo_nobody_writes_to_reads_as_empty_instead_of_hanging(tmp_path: Path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert read_text(fifo, what="targets file", limit=MiB) == ""
    assert list(read_lines(fifo, what="", limit=MiB, line_limit=1024)) == []


def _fds_on(path: Path) -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}") == str(path)
        except OSError:
            continue
    return count


def test_a_fifo_with_a_writer_is_read_whole(tmp_path: Path):
    """As from ``-iL <(command)``: the writer is there first, and the read lasts until it
    closes."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # a writer that holds the FIFO open
    os.write(writer, b"127.0.0.1\n127.0.0.2\n")
    got: list[str] = []
    reader = threading.Thread(target=lambda: got.append(read_text(fifo, what="t", limit=MiB)))
    reader.start()
    try:
        for _ in range(1000):  # until the reader has the FIFO open (bounded: 10 s)
            if _fds_on(fifo) == 2:
                break
            threading.Event().wait(0.01)
    finally:
        os.close(writer)
        reader.join(timeout=10)
    assert got == ["127.0.0.1\n127.0.0.2\n"]


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp / "file.txt" / "below", "no such file"),
        (lambda tmp: tmp, "is a directory, not a file"),
        (lambda tmp: str(tmp / "a\0b"), "the name has a NUL character"),
        (lambda tmp: tmp / ("n" * 5000), "cannot be read (File name too long)"),
    ],
)
def test_files_that_cannot_be_read_are_one_clear_line(tmp_path: Path, make, says):
    (tmp_path / "file.txt").write_text("x")
    path = make(tmp_path)
    for read in (
        lambda: read_text(path, what="report", limit=MiB),
        lambda: list(read_lines(path, what="report", limit=MiB, line_limit=MiB)),
    ):
        with pytest.raises(InputError) as caught:
            read()
        assert str(caught.value).startswith("report ")
        assert str(caught.value).endswith(says)
        assert caught.value.token == str(path)


def test_not_utf8_names_the_place(tmp_path: Path):
    path = tmp_path / "latin1"
    path.write_bytes(b"ok\ncaf\xe9\n")
    with pytest.raises(InputError, match=r"^x .*latin1: not UTF-8 text \(bad byte at offset 6\)$"):
        read_text(path, what="x", limit=4096)
    with pytest.raises(
        InputError, match=r"latin1 line 2: not UTF-8 text \(bad byte at column 4\)$"
    ):
        list(read_lines(path, what="", limit=4096, line_limit=100))


def test_an_empty_device_reads_as_empty():
    assert read_text("/dev/null", what="x", limit=10) == ""


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (MiB, "1 MiB"),
        (16 * MiB, "16 MiB"),
        (2048 * MiB, "2 GiB"),
        (512 << 10, "512 KiB"),
        (7, "7 bytes"),
    ],
)
def test_limits_read_as_a_person_reads_them(limit, text):
    assert size_text(limit) == text


def test_lines_across_blocks_keep_their_numbers_and_limits(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(files, "_BLOCK", 7)
    path = tmp_path / "lines"
    path.write_bytes(b"a\nbbbbbbbbb\n\ncc\xc3\xa9\nlast")
    assert list(read_lines(path, what="", limit=100, line_limit=9)) == [
        "a\n",
        "bbbbbbbbb\n",
        "\n",
        "ccé\n",
        "last",
    ]
    with pytest.raises(InputError, match="line 2: longer than the limit of 8 bytes"):
        list(read_lines(path, what="", limit=100, line_limit=8))
    path.write_bytes(b"ok\nok\nok\n\xffbad\n")
    with pytest.raises(InputError, match=r"line 4: not UTF-8 text \(bad byte at column 1\)"):
        list(read_lines(path, what="", limit=100, line_limit=9))
