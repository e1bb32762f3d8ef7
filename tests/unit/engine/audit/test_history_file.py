"""Opening the history never harms it: what is refused and left untouched, what is damage
(moved aside), what is only busy or locked (kept), private modes, many processes at once."""

import hashlib
import json
import os
import sqlite3
import stat
import threading

import pytest

from portwindow.engine.audit import history_file
from portwindow.engine.audit.history import (
    History,
    HistoryError,
    HistoryRefused,
    HistoryUnavailable,
    NewScan,
)
from tests.support.damaged import T0, damaged_sqlite, some_results
from tests.support.history_writers import concurrent_writers


def save_one(history, started=T0, count=100):
    scan = NewScan(started, started + 1, "127.0.0.1", "1-100", False, count)
    return history.save(scan, some_results(count))


def fingerprint(path):
    """What must not change about a file left untouched: kind, size, mode and content."""
    info = os.lstat(path)
    content = b""
    if stat.S_ISREG(info.st_mode):
        content = path.read_bytes()
    elif stat.S_ISLNK(info.st_mode):
        content = os.readlink(path).encode()
    return (stat.S_IFMT(info.st_mode), info.st_size, info.st_mode, hashlib.sha256(content).digest())


def siblings(path):
    return sorted(p.name for p in path.parent.iterdir())


def _text(path):
    path.write_text("my notes, not a database\n")


def _json(path):
    path.write_text(json.dumps({"scans": [1, 2, 3]}))


def _folder(path):
    path.mkdir()
    (path / "inside.txt").write_text("kept")


def _fifo(path):
    os.mkfifo(path)


def _device(path):
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # as /dev/null
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")


def _link_to_folder(path):
    (path.parent / "real-folder").mkdir()
    path.symlink_to(path.parent / "real-folder")


def _link_to_device(path):
    path.symlink_to("/dev/null")


def _link_to_nothing(path):
    path.symlink_to(path.parent / "nowhere")


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (_text, "not an SQLite database"),
        (_json, "not an SQLite database"),
        (_folder, "a folder"),
        (_fifo, "a named pipe"),
        (_device, "a device"),
        (_link_to_folder, "a folder"),
        (_link_to_device, "a device"),
        (_link_to_nothing, "link to nothing"),
    ],
)
def test_a_history_path_that_is_not_an_sqlite_file_is_refused_and_left_untouched(
    tmp_path, make, named
):
    path = tmp_path / "history.sqlite3"
    make(path)
    before, listing = fingerprint(path), siblings(path)
    with pytest.raises(HistoryRefused) as refused:
        History(path)
    message = str(refused.value)
    assert named in message
    assert str(path) in message
    assert "\n" not in message
    assert fingerprint(path) == before
    assert siblings(path) == listing  # nothing moved aside, no new file beside it


def test_another_programs_sqlite_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "contacts.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE people (name TEXT)")
    db.execute("INSERT INTO people VALUES ('Ada')")
    db.commit()
    db.close()
    before = fingerprint(path)
    with pytest.raises(HistoryRefused, match="another program's database"):
        History(path)
    assert fingerprint(path) == before
    assert siblings(path) == ["contacts.db"]


def test_an_empty_file_becomes_a_history(tmp_path):
    path = tmp_path / "made-by-mktemp"
    path.touch()
    with History(path) as history:
        save_one(history)
        assert len(history.scans()) == 1


def test_only_a_failed_quick_check_on_an_sqlite_file_is_damage(tmp_path):
    path = tmp_path / "h.sqlite3"
    damaged_sqlite(path)
    with History(path) as history:
        assert history.recovered_from is not None
        assert history.recovered_from.exists()
        assert history.recovered_from.read_bytes()[:16] == b"SQLite format 3\x00"
        assert str(history.recovered_from) in history.notice
        assert history.scans() == []
        save_one(history)
    with History(path) as again:
        assert again.notice is None
        assert len(again.scans()) == 1


def test_a_locked_history_is_kept_not_moved_aside(tmp_path, monkeypatch):
    """Another program holding an exclusive lock made the history look damaged: it was
    moved aside and its scans lost."""
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        save_one(history)
    monkeypatch.setattr(history_file, "BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = path.read_bytes()
        with pytest.raises(HistoryUnavailable) as locked:
            History(path)
        assert "locked by another program" in str(locked.value)
        assert "kept" in str(locked.value)
        assert path.read_bytes() == before
        assert not [name for name in siblings(path) if ".damaged-" in name]
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with History(path) as history:
        assert len(history.scans()) == 1


def test_a_writer_holding_the_lock_makes_a_save_wait_then_land(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        save_one(history)
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        with History(path) as history:
            save_one(history, started=T0 + 5)
    finally:
        release.join()
        holder.close()
    with History(path) as history:
        assert len(history.scans()) == 2


def test_a_save_that_stays_locked_is_one_clear_error_and_the_file_is_kept(tmp_path, monkeypatch):
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        save_one(history)
        monkeypatch.setattr(history_file, "BUSY_TIMEOUT", 0.2)
        history._db.execute("PRAGMA busy_timeout = 200")
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(HistoryUnavailable, match="locked by another program"):
                save_one(history, started=T0 + 1)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert len(history.scans()) == 1
        save_one(history, started=T0 + 2)  # the connection is still usable
        assert len(history.scans()) == 2


def test_ten_processes_creating_a_new_history_at_once_all_land(tmp_path):
    """The migration race: "table scans already exists", and a healthy new history moved
    aside as damaged."""
    path = tmp_path / "new.sqlite3"
    writers = concurrent_writers(path, 10)
    for writer in writers:
        assert writer.returncode == 0, writer.err
        assert writer.out.split()[-1] == "None", writer.out  # no "moved aside" notice
    assert siblings(path) == ["new.sqlite3", "new.sqlite3-shm", "new.sqlite3-wal"] or siblings(
        path
    ) == ["new.sqlite3"]
    with History(path) as history:
        scans = history.scans()
        assert sorted(s.targets for s in scans) == sorted(f"writer {n}" for n in range(10))
        assert all(len(history.results(s.id)) == 1000 for s in scans)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_ten_processes_saving_to_an_existing_history_at_once_all_land(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History(path) as history:
        save_one(history)
    writers = concurrent_writers(path, 10)
    assert [w.returncode for w in writers] == [0] * 10, [w.err for w in writers]
    with History(path) as history:
        assert len(history.scans()) == 11


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_a_new_history_and_its_folder_are_private_whatever_the_umask(tmp_path, umask):
    """With umask 022 the history (hosts, open doors, banners) was world-readable."""
    folder = tmp_path / "data" / "portwindow"
    path = folder / "history.sqlite3"
    previous = os.umask(umask)
    try:
        with History(path) as history:
            save_one(history)
            modes = {
                p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.is_file()
            }
    finally:
        os.umask(previous)
    assert modes == dict.fromkeys(modes, 0o600)
    assert {"history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"} <= set(modes)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


def test_an_existing_folder_keeps_its_mode(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    with History(folder / "h.sqlite3"):
        pass
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755


def test_reading_a_missing_history_does_not_create_one(tmp_path):
    path = tmp_path / "none.sqlite3"
    with pytest.raises(HistoryError, match="there is no history at"):
        History(path, create=False)
    assert not path.exists()


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "h.sqlite3"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    before = fingerprint(path)
    with pytest.raises(HistoryRefused, match="newer portwindow"):
        History(path)
    assert fingerprint(path) == before
