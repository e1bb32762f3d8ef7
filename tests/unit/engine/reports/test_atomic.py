"""Atomic writes: links not followed, unpredictable temporary names, nothing truncated
put in place, destinations checked before a scan. (test_writers.py has the basics:
replacing, modes, devices and pipes.)"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from portwindow.engine.reports import atomic
from portwindow.engine.reports.atomic import (
    AtomicFile,
    DestinationError,
    check_writable,
    write_bytes_atomically,
    write_text_atomically,
)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def shared(tmp_path):
    """A folder anyone can write, as /tmp (sticky, 1777)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o1777)
    return folder


def test_a_symlink_planted_in_a_shared_folder_is_not_followed(shared, tmp_path):
    """The writer resolved the link and renamed the report over what it pointed to."""
    victim = tmp_path / "victim.conf"
    victim.write_text("precious\n")
    planted = shared / "report.csv"
    planted.symlink_to(victim)
    with pytest.raises(DestinationError, match="symbolic link"):
        write_text_atomically(planted, "report\n")
    with pytest.raises(DestinationError, match="symbolic link"):
        check_writable(planted)
    assert victim.read_text() == "precious\n"
    assert planted.is_symlink()
    assert names(shared) == ["report.csv"]


def test_a_link_to_a_device_is_not_written_through(shared):
    planted = shared / "out.csv"
    planted.symlink_to("/dev/null")
    with pytest.raises(DestinationError, match="symbolic link"):
        write_text_atomically(planted, "x")
    assert planted.is_symlink()


def test_temporary_names_are_unpredictable_and_never_a_planted_file(shared, tmp_path):
    """A fixed temporary name lets another user plant a link there first."""
    victim = tmp_path / "victim.conf"
    victim.write_text("precious\n")
    for guess in (".report.csv.tmp", "report.csv.tmp", ".report.csv.part"):
        (shared / guess).symlink_to(victim)
    seen = set()
    for _ in range(3):
        with AtomicFile(shared / "report.csv") as file:
            (temp,) = (
                set(names(shared))
                - {".report.csv.tmp", "report.csv.tmp"}
                - {
                    ".report.csv.part",
                    "report.csv",
                }
            )
            seen.add(temp)
            file.stream.write("report\n")
    assert len(seen) == 3
    assert victim.read_text() == "precious\n"
    assert (shared / "report.csv").read_text() == "report\n"


def test_a_long_name_gets_a_temporary_file_that_fits(tmp_path):
    """The temporary name was the destination's name plus more, too long for a name of
    250 bytes: the write failed although the name itself was fine."""
    path = tmp_path / ("r" * 250 + ".csv")
    write_text_atomically(path, "report\n")
    assert path.read_text() == "report\n"
    assert names(tmp_path) == [path.name]


def test_a_regular_file_under_dev_shm_is_replaced_not_appended_to():
    folder = Path("/dev/shm")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        pytest.skip("no writable /dev/shm")
    path = folder / f"portwindow-test-{os.getpid()}.csv"
    try:
        path.write_text("old report\n")
        write_text_atomically(path, "new report\n")
        assert path.read_text() == "new report\n"
    finally:
        path.unlink(missing_ok=True)


def test_a_disk_full_at_fsync_never_puts_a_truncated_file_in_place(tmp_path, monkeypatch):
    path = tmp_path / "report.csv"
    path.write_text("previous report\n")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space left"):
        write_text_atomically(path, "new report\n" * 1000)
    assert path.read_text() == "previous report\n"
    assert names(tmp_path) == ["report.csv"]


def test_a_short_write_is_found_before_the_rename(tmp_path, monkeypatch):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF old")
    real_fstat = os.fstat

    def short(fd):
        info = real_fstat(fd)
        return os.stat_result((*info[:6], info.st_size - 1, *info[7:10]))

    monkeypatch.setattr(atomic.os, "fstat", short)
    with pytest.raises(OSError, match="reached the disk"):
        write_bytes_atomically(path, b"%PDF new" * 100)
    assert path.read_bytes() == b"%PDF old"
    assert names(tmp_path) == ["report.pdf"]


def test_bytes_are_written_whole(tmp_path):
    path = tmp_path / "report.pdf"
    data = bytes(range(256)) * 100
    write_bytes_atomically(path, data)
    assert path.read_bytes() == data


def test_the_temporary_file_is_private_while_it_is_written(tmp_path):
    previous = os.umask(0)
    try:
        with AtomicFile(tmp_path / "report.csv") as file:
            (temp,) = [p for p in tmp_path.iterdir()]
            assert stat.S_IMODE(temp.stat().st_mode) == 0o600
            file.stream.write("x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.csv").stat().st_mode) == 0o666


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda p: None, None),
        (lambda p: p.write_text("old"), None),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.symlink_to(p.parent / "elsewhere"), "symbolic link"),
    ],
)
def test_check_writable_before_a_scan(tmp_path, make, named):
    path = tmp_path / "report.csv"
    make(path)
    before = names(tmp_path)
    if named is None:
        check_writable(path)
    else:
        with pytest.raises(DestinationError, match=named):
            check_writable(path)
    assert names(tmp_path) == before  # nothing left behind


def test_check_writable_names_a_missing_folder(tmp_path):
    with pytest.raises(DestinationError, match="does not exist") as missing:
        check_writable(tmp_path / "no" / "such" / "report.csv")
    assert str(tmp_path / "no" / "such") in str(missing.value)


def test_check_writable_names_a_name_too_long(tmp_path):
    with pytest.raises(DestinationError, match="longer than"):
        check_writable(tmp_path / ("x" * 5000))
