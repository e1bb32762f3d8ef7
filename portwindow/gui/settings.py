"""Typed settings over QSettings (MusicBrainz Picard's options pattern).

Each option is declared once with its type and default; reading converts and validates,
so a hand-edited or corrupt settings file gives the default, never a crash. The app uses
the platform's native store; tests use ``Settings.in_file(path)`` (an INI file in a temp
dir), so they never touch the user's settings. A new settings file is private (0600 in
a 0700 folder), whatever the umask.
"""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from portwindow.engine import ProtocolChoice, prepare_private_file

from .. import APP_NAME, ORGANIZATION
from .qt import QtCore

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One typed setting: its key, its default, and how to read a stored value back."""

    key: str
    default: T
    convert: Callable[[Any], T]
    valid: Callable[[T], bool] = lambda value: True


def _to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _to_str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


def _to_bytes(value: Any) -> bytes:
    if isinstance(value, QtCore.QByteArray):
        return bytes(value.data())
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    raise TypeError("not bytes")


def _in_range(low: float, high: float) -> Callable[[float], bool]:
    return lambda value: low <= value <= high


RECENT_LIMIT = 15

TIMING = Option(
    "scan/timing", "normal", str, lambda v: v in ("paranoid", "polite", "normal", "aggressive")
)  # a preset (the engine's TimingPreset); the values below left at their defaults follow it
TIMEOUT = Option("scan/timeout", 1.0, float, _in_range(0.01, 60))
RETRIES = Option("scan/retries", 2, int, _in_range(0, 20))
CONCURRENCY = Option("scan/concurrency", 0, int, _in_range(0, 65_535))  # 0: automatic
RATE = Option("scan/rate", 0.0, float, _in_range(0, 10_000_000))  # 0: no limit
GRAB_BANNERS = Option("scan/grab_banners", True, _to_bool)
DISCOVERY = Option("scan/discovery", True, _to_bool)  # find which hosts are there first
ENGINE = Option("scan/engine", "local", str, lambda v: v in ("local", "cluster"))
CLUSTER_ADDRESS = Option("scan/cluster_address", "tcp://127.0.0.1:8786", str)  # Dask's
VANTAGES = Option("scan/vantages", "", str)  # vantage points, comma-separated; "": any worker
RECENT_TARGETS = Option("form/recent_targets", [], _to_str_list)
RECENT_PORTS = Option("form/recent_ports", [], _to_str_list)
LAST_TARGETS = Option("form/targets", "127.0.0.1", str)
LAST_PORTS = Option("form/ports", "top1000", str)
PROTOCOL = Option("form/protocol", ProtocolChoice.TCP, ProtocolChoice)
WINDOW_GEOMETRY = Option("window/geometry", b"", _to_bytes)
WINDOW_STATE = Option("window/state", b"", _to_bytes)
DOOR_SIZE = Option("view/door_size", 40, int, _in_range(16, 128))
SHOW_TABLE = Option("view/show_table", False, _to_bool)
# "" follows the system's locale; "en", "ja": that language (gui/i18n.py), at the next start.
LANGUAGE = Option("ui/language", "", str, lambda v: v in ("", "en", "ja"))
# Where the last export was saved (its folder is offered again).
EXPORT_FOLDER = Option("files/export_folder", "", str)


def _private(store: QtCore.QSettings) -> QtCore.QSettings:
    """``store``, its file (where it is one) made 0600 in a 0700 folder before Qt first
    writes it: Qt keeps an existing file's mode when it replaces it (recent targets are
    the person's own)."""
    name = store.fileName()
    if name and store.format() in (
        QtCore.QSettings.Format.NativeFormat,
        QtCore.QSettings.Format.IniFormat,
    ):
        path = Path(name)
        if path.is_absolute():
            with contextlib.suppress(OSError):
                prepare_private_file(path)
    return store


class Settings:
    """Reads and writes typed options in a QSettings store."""

    def __init__(self, store: QtCore.QSettings | None = None) -> None:
        self._store = store or _private(QtCore.QSettings(ORGANIZATION, APP_NAME))

    @classmethod
    def in_file(cls, path: Path) -> Settings:
        return cls(_private(QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)))

    def get(self, option: Option[T]) -> T:
        raw = self._store.value(option.key)
        if raw is None:
            return option.default
        try:
            value = option.convert(raw)
        except (TypeError, ValueError):
            return option.default
        return value if option.valid(value) else option.default

    def set(self, option: Option[T], value: T) -> None:
        if isinstance(value, bytes):
            self._store.setValue(option.key, QtCore.QByteArray(value))
        elif isinstance(value, enum.Enum):
            self._store.setValue(option.key, value.value)
        else:
            self._store.setValue(option.key, value)

    def remember(self, option: Option[list[str]], entry: str) -> None:
        """Put ``entry`` first in a recent-items list, without duplicates."""
        entry = entry.strip()
        if not entry:
            return
        items = [e for e in self.get(option) if e != entry]
        self.set(option, [entry, *items][:RECENT_LIMIT])

    def sync(self) -> None:
        self._store.sync()

    @property
    def file_name(self) -> str:
        return self._store.fileName()
