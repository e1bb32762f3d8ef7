"""Running a watch headless on its schedule: a systemd user timer and service
(``~/.config/systemd/user/portwindow-watch-NAME.{timer,service}``, or under
``$XDG_CONFIG_HOME``), or, where there is no systemd, a crontab line.

The service runs ``python -m portwindow watch run NAME`` with the interpreter that
installed it, and with the watch, history and state files this process uses
(``PORTWINDOW_WATCHES``, ``PORTWINDOW_HISTORY``, ``PORTWINDOW_WATCH_STATE`` when set).
Enabling asks ``systemctl --user``; a failure there is a note, the files stay written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from portwindow.engine.core.errors import InputError
from portwindow.engine.reports.atomic import write_text_atomically
from portwindow.engine.watch.model import Watch

PASSED_ON = ("PORTWINDOW_WATCHES", "PORTWINDOW_HISTORY", "PORTWINDOW_WATCH_STATE")
SYSTEMCTL_SECONDS = 30


def unit_name(watch_name: str) -> str:
    return f"portwindow-watch-{watch_name}"


def unit_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def cron_file(watch_name: str) -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "portwindow" / f"{unit_name(watch_name)}.cron"


def command(watch_name: str) -> list[str]:
    return [sys.executable, "-m", "portwindow", "watch", "run", watch_name]


def _plain(word: str) -> bool:
    return bool(word) and all(c.isalnum() or c in "/._-=:+@," for c in word)


def _quoted(word: str) -> str:
    """A word as systemd's command lines and Environment= read it."""
    if _plain(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def service_text(watch: Watch) -> str:
    passed = [f"{key}={os.environ[key]}" for key in PASSED_ON if os.environ.get(key)]
    env = [f"Environment={_quoted(pair)}" for pair in passed]
    return "\n".join(
        [
            "[Unit]",
            f"Description=portwindow watch {watch.name} ({watch.targets[:60]})",
            "",
            "[Service]",
            "Type=oneshot",
            *env,
            "ExecStart=" + " ".join(_quoted(word) for word in command(watch.name)),
            # exit code 3 is a finding, said by the run's alerts: not a failed unit
            "SuccessExitStatus=3",
            "",
        ]
    )


def timer_text(watch: Watch) -> str:
    schedule = watch.schedule
    if schedule.every is not None:
        when = [f"OnBootSec={schedule.every}min", f"OnUnitActiveSec={schedule.every}min"]
    else:
        when = [f"OnCalendar=*-*-* {time}:00" for time in schedule.at] + ["Persistent=true"]
    return "\n".join(
        [
            "[Unit]",
            f"Description=Run portwindow watch {watch.name} {schedule.describe()}",
            "",
            "[Timer]",
            *when,
            f"Unit={unit_name(watch.name)}.service",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ]
    )


def cron_line(watch: Watch) -> str:
    """The crontab line(s) of a watch; InputError when cron cannot say its schedule."""
    schedule = watch.schedule
    run = " ".join(_shell_word(word) for word in command(watch.name))
    env = " ".join(
        _shell_word(f"{key}={os.environ[key]}") for key in PASSED_ON if os.environ.get(key)
    )
    job = (f"{env} " if env else "") + run
    if schedule.every is not None:
        every = schedule.every
        if every < 60 and 60 % every == 0:
            timing = [f"*/{every} * * * *"]
        elif every % 60 == 0 and every <= 1440 and 24 % (every // 60) == 0:
            timing = [f"0 */{every // 60} * * *" if every < 1440 else "0 0 * * *"]
        else:
            raise InputError(
                f"every {every} minutes cannot be a crontab line: use a divisor of 60 minutes "
                "or of 24 hours, or times of day"
            )
    else:
        timing = [f"{int(t[3:])} {int(t[:2])} * * *" for t in schedule.at]
    return "\n".join(f"{when} {job.replace('%', chr(92) + '%')}" for when in timing)


def _shell_word(word: str) -> str:
    if _plain(word):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


@dataclass(frozen=True, slots=True)
class Installed:
    files: tuple[Path, ...]
    notes: tuple[str, ...]
    kind: str  # "systemd" or "cron"


def has_systemd() -> bool:
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def _systemctl(*args: str) -> str | None:
    """Run ``systemctl --user ARGS``; a line saying what failed, or None."""
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args],
            capture_output=True,
            text=True,
            timeout=SYSTEMCTL_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"systemctl --user {' '.join(args)}: {exc}"
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[0]
        return f"systemctl --user {' '.join(args)}: {said}"
    return None


def install(watch: Watch, *, systemd: bool | None = None, enable: bool = True) -> Installed:
    """Write the watch's timer and service (or its crontab line) and, with ``enable``,
    start the timer."""
    if systemd is None:
        systemd = has_systemd()
    if not systemd:
        path = cron_file(watch.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(path, cron_line(watch) + "\n")
        note = f"add this to your crontab (crontab -e): {path.read_text().strip()}"
        return Installed((path,), (note,), "cron")
    folder = unit_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = unit_name(watch.name)
    service, timer = folder / f"{name}.service", folder / f"{name}.timer"
    write_text_atomically(service, service_text(watch))
    write_text_atomically(timer, timer_text(watch))
    notes = []
    if enable:
        for args in (("daemon-reload",), ("enable", "--now", f"{name}.timer")):
            failed = _systemctl(*args)
            if failed:
                notes.append(failed)
                break
    return Installed((service, timer), tuple(notes), "systemd")


def uninstall(watch_name: str, *, disable: bool = True) -> Installed:
    """Stop and remove what :func:`install` wrote (whichever it was)."""
    name = unit_name(watch_name)
    folder = unit_folder()
    units = [folder / f"{name}.timer", folder / f"{name}.service"]
    notes = []
    if disable and units[0].exists():
        failed = _systemctl("disable", "--now", f"{name}.timer")
        if failed:
            notes.append(failed)
    removed = []
    for path in [*units, cron_file(watch_name)]:
        if path.exists():
            path.unlink()
            removed.append(path)
    cron = cron_file(watch_name)
    if cron in removed:
        notes.append("remove the watch's line from your crontab too (crontab -e)")
    if disable and any(path in removed for path in units):
        failed = _systemctl("daemon-reload")
        if failed:
            notes.append(failed)
    kind = "cron" if cron in removed else "systemd" if removed else "none"
    return Installed(tuple(removed), tuple(notes), kind)
