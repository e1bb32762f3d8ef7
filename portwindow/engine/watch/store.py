"""Where watches live: a TOML file in the user's config folder (``watches.toml``, one
``[watch.NAME]`` table each, written by portwindow and readable by a person), and a small
JSON state file in the user's state folder with what each watch's last run found (when,
which scan, its status and sentence, its findings: what the next run compares with).

Both are private (0600 in a 0700 folder) and written atomically. ``$PORTWINDOW_WATCHES``
and ``$PORTWINDOW_WATCH_STATE`` point them elsewhere (tests, a second set of watches).
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from portwindow.engine.core.errors import InputError
from portwindow.engine.core.private import create_private_file, make_private_folder
from portwindow.engine.input.files import MiB, read_text
from portwindow.engine.input.ports import DEFAULT_PORTS
from portwindow.engine.reports.atomic import write_text_atomically
from portwindow.engine.watch.model import Schedule, Watch

WATCHES_ENV = "PORTWINDOW_WATCHES"
STATE_ENV = "PORTWINDOW_WATCH_STATE"
FILE_LIMIT = 1 * MiB
MAX_WATCHES = 1000
_KNOWN = {"targets", "ports", "every", "at", "expected", "timing", "timeout", "banners"}
_KNOWN |= {"hook_command", "hook_url"}


def default_watches_path() -> Path:
    override = os.environ.get(WATCHES_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_path  # noqa: PLC0415 - only the app needs it

    return user_config_path("portwindow", appauthor=False) / "watches.toml"


def default_state_path() -> Path:
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_state_path  # noqa: PLC0415 - only the app needs it

    return user_state_path("portwindow", appauthor=False) / "watch-state.json"


def _write_private(path: Path, text: str) -> None:
    make_private_folder(path.parent)
    create_private_file(path)  # a new file starts 0600; a replaced one keeps its mode
    write_text_atomically(path, text)


class WatchStore:
    """The watches of one file, by name."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_watches_path()

    def load(self) -> dict[str, Watch]:
        if not self.path.exists():
            return {}
        text = read_text(self.path, what="watches file", limit=FILE_LIMIT)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"{self.path}: not valid TOML: {exc}") from None
        table = data.get("watch", {})
        if not isinstance(table, dict) or len(table) > MAX_WATCHES:
            raise InputError(f"{self.path}: [watch.NAME] tables expected (at most {MAX_WATCHES})")
        watches = {}
        for name, given in table.items():
            try:
                watches[name] = _watch_of(name, given)
            except InputError as error:
                raise InputError(f"{self.path}: {error}") from None
        return watches

    def get(self, name: str) -> Watch:
        watches = self.load()
        if name not in watches:
            known = ", ".join(sorted(watches)) or "none yet: portwindow watch add"
            raise InputError(f'there is no watch "{name[:40]}" (watches: {known})')
        return watches[name]

    def put(self, watch: Watch) -> None:
        """Add or replace a watch (checked first)."""
        watches = self.load()
        watches[watch.name] = watch.checked()
        self._save(watches)

    def remove(self, name: str) -> bool:
        watches = self.load()
        if watches.pop(name, None) is None:
            return False
        self._save(watches)
        return True

    def _save(self, watches: dict[str, Watch]) -> None:
        lines = ["# portwindow's watches: portwindow watch add/list/run NAME"]
        for watch in watches.values():
            lines += ["", f"[watch.{watch.name}]", *_toml_lines(watch)]
        _write_private(self.path, "\n".join(lines) + "\n")


def _watch_of(name: str, given: object) -> Watch:
    if not isinstance(given, dict):
        raise InputError(f"watch {name[:40]}: not a table")
    targets = given.get("targets")
    if not isinstance(targets, str):
        raise InputError(f"watch {name[:40]}: needs targets (a string)")
    at = given.get("at", [])
    every = given.get("every")
    kinds = {
        "ports": str,
        "expected": str,
        "timing": str,
        "timeout": (int, float),
        "banners": bool,
        "hook_url": str,
        "hook_command": list,
    }
    for key, kind in kinds.items():
        if key in given and not isinstance(given[key], kind):
            raise InputError(f"watch {name[:40]}: {key} is of the wrong type")
    if not isinstance(at, list) or (every is not None and type(every) is not int):
        raise InputError(f"watch {name[:40]}: every is minutes, at a list of HH:MM")
    watch = Watch(
        name,
        targets,
        Schedule(every, tuple(str(time) for time in at)),
        ports=given.get("ports", DEFAULT_PORTS),
        expected=given.get("expected"),
        timing=given.get("timing", "normal"),
        timeout=given.get("timeout"),
        banners=given.get("banners", True),
        hook_command=tuple(given.get("hook_command", ())),
        hook_url=given.get("hook_url"),
        extra={key: value for key, value in given.items() if key not in _KNOWN},
    )
    return watch.checked()


def _toml_lines(watch: Watch) -> list[str]:
    values: dict[str, object] = {"targets": watch.targets, "ports": watch.ports}
    if watch.schedule.every is not None:
        values["every"] = watch.schedule.every
    else:
        values["at"] = list(watch.schedule.at)
    optional = {
        "expected": watch.expected,
        "timing": watch.timing,
        "timeout": watch.timeout,
        "banners": watch.banners,
        "hook_command": list(watch.hook_command) or None,
        "hook_url": watch.hook_url,
    }
    values |= {key: value for key, value in optional.items() if value is not None}
    return [f"{key} = {_toml_value(value)}" for key, value in values.items()]


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    return json.dumps(str(value))  # a JSON string is a TOML basic string


@dataclass(frozen=True, slots=True)
class LastRun:
    """What a watch's last run found, as kept in the state file."""

    finished_at: float
    scan_id: int | None
    status: str  # "ok", "changed", "findings", "partial", "failed"
    sentence: str  # what changed, in one sentence
    previous_id: int | None = None  # the run before, for the compare view
    findings: tuple[str, ...] = field(default=())  # keys of the findings it alerted on
    sha256: str = ""  # its scan's digest: a newer scan deleted shows as a gap


class WatchState:
    """The last run of every watch, in one JSON file; a damaged file counts as empty (it
    is only a convenience: the history holds the scans)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else default_state_path()

    def _all(self) -> dict:
        try:
            data = json.loads(read_text(self.path, what="watch state", limit=FILE_LIMIT * 8))
        except (InputError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def last(self, name: str) -> LastRun | None:
        entry = self._all().get(name)
        if not isinstance(entry, dict):
            return None
        try:
            return LastRun(
                float(entry["finished_at"]),
                entry.get("scan_id"),
                str(entry["status"]),
                str(entry["sentence"]),
                entry.get("previous_id"),
                tuple(str(key) for key in entry.get("findings", ())),
                str(entry.get("sha256", "")),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def set(self, name: str, run: LastRun) -> None:
        data = self._all()
        data[name] = {
            "finished_at": run.finished_at,
            "scan_id": run.scan_id,
            "status": run.status,
            "sentence": run.sentence,
            "previous_id": run.previous_id,
            "findings": list(run.findings),
            "sha256": run.sha256,
        }
        _write_private(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")

    def forget(self, name: str) -> None:
        data = self._all()
        if data.pop(name, None) is not None:
            _write_private(self.path, json.dumps(data, indent=1, sort_keys=True) + "\n")
