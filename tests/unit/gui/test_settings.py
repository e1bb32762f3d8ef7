import os
import stat
import subprocess
import sys
from pathlib import Path

from portwindow.engine.input.protocol_choice import ProtocolChoice
from portwindow.gui import settings as opt
from portwindow.gui.settings import Settings

ROOT = Path(__file__).resolve().parents[3]


def test_defaults_then_round_trip(settings, tmp_path):
    assert settings.get(opt.TIMEOUT) == 1.0
    assert settings.get(opt.RECENT_TARGETS) == []
    settings.set(opt.TIMEOUT, 0.5)
    settings.set(opt.RETRIES, 4)
    settings.set(opt.SHOW_TABLE, True)
    settings.set(opt.WINDOW_GEOMETRY, b"\x01\x02")
    settings.sync()
    again = Settings.in_file(tmp_path / "portwindow.ini")
    assert again.get(opt.TIMEOUT) == 0.5
    assert again.get(opt.RETRIES) == 4
    assert again.get(opt.SHOW_TABLE) is True
    assert again.get(opt.WINDOW_GEOMETRY) == b"\x01\x02"


def test_corrupt_or_out_of_range_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "bad.ini"
    path.write_text("[scan]\ntimeout=banana\nretries=999\n[view]\ndoor_size=-3\n")
    settings = Settings.in_file(path)
    assert settings.get(opt.TIMEOUT) == opt.TIMEOUT.default
    assert settings.get(opt.RETRIES) == opt.RETRIES.default
    assert settings.get(opt.DOOR_SIZE) == opt.DOOR_SIZE.default


def test_recent_items_are_most_recent_first_without_duplicates(settings):
    for entry in ["127.0.0.1", "localhost", "127.0.0.1", "  ", "::1"]:
        settings.remember(opt.RECENT_TARGETS, entry)
    assert settings.get(opt.RECENT_TARGETS) == ["::1", "127.0.0.1", "localhost"]
    for i in range(opt.RECENT_LIMIT + 5):
        settings.remember(opt.RECENT_PORTS, str(i))
    assert len(settings.get(opt.RECENT_PORTS)) == opt.RECENT_LIMIT


def test_the_protocol_choice_is_stored_by_name(settings, tmp_path):
    assert settings.get(opt.PROTOCOL) is ProtocolChoice.TCP
    settings.set(opt.PROTOCOL, ProtocolChoice.BOTH)
    settings.sync()
    assert "protocol=both" in (tmp_path / "portwindow.ini").read_text()
    assert Settings.in_file(tmp_path / "portwindow.ini").get(opt.PROTOCOL) is ProtocolChoice.BOTH
    (tmp_path / "bad.ini").write_text("[form]\nprotocol=sctp\n")
    assert Settings.in_file(tmp_path / "bad.ini").get(opt.PROTOCOL) is ProtocolChoice.TCP


def _modes(folder):
    return {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir() if p.is_file()}


def test_a_new_settings_file_is_private_whatever_the_umask(tmp_path):
    """With umask 022 the settings (recent targets) were world-readable."""
    folder = tmp_path / "config" / "portwindow"
    previous = os.umask(0o022)
    try:
        settings = Settings.in_file(folder / "portwindow.ini")
        settings.remember(opt.RECENT_TARGETS, "192.0.2.0/24")
        settings.sync()
    finally:
        os.umask(previous)
    assert "192.0.2.0/24" in (folder / "portwindow.ini").read_text()
    assert _modes(folder)["portwindow.ini"] == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.parent.stat().st_mode) == 0o700


SAVE_NATIVE = """
import os, sys
os.umask(0o022)
from portwindow.gui.qt import QtCore, QtWidgets
app = QtWidgets.QApplication([])
from portwindow.gui.settings import RECENT_TARGETS, Settings
settings = Settings()
settings.remember(RECENT_TARGETS, "192.0.2.0/24")
settings.sync()
print(settings.file_name)
"""


def test_the_apps_own_settings_file_is_private(tmp_path):
    env = dict(
        os.environ,
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    child = subprocess.run(
        [sys.executable, "-c", SAVE_NATIVE], capture_output=True, text=True, env=env, timeout=60
    )
    assert child.returncode == 0, child.stderr
    path = Path(child.stdout.strip())
    assert path.is_relative_to(tmp_path)
    assert "192.0.2.0/24" in path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
