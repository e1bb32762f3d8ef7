"""Print the frozen bundle's figures: its unpacked size and its start-up time.

    .venv/bin/python packaging/measure.py [--bundle dist/portwindow] [--runs 5]

(``make package`` runs it last.)

- Size: the bytes of every file in the onedir bundle (symlinks counted as links).
  Target: at most 150 MB; over it, the script exits 1.
- Start to window shown: the frozen GUI is spawned with ``--targets 127.0.0.1 --ports 1
  --start`` under Xvfb, and ``xdotool search --onlyvisible`` is polled every 10 ms until
  a window named portwindow is mapped. The first run is cold: as root the script first
  drops the kernel's page cache (``/proc/sys/vm/drop_caches``), so the bundle is read
  from disk; it says when it could not. The other runs are warm; their median is shown.
  Without Xvfb or xdotool it falls back to the offscreen platform and the log line
  "Finished:" (written when the one-port scan ends, just after the window is shown), and
  says so. Target: at most 2 s cold (reported, not enforced: timing depends on the
  machine).

Only 127.0.0.1 is scanned, port 1, once per run.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE_TARGET_MB = 150
START_TARGET_S = 2.0
WINDOW_TIMEOUT_S = 30
EXIT_TIMEOUT_S = 15


def bundle_size(bundle: Path) -> int:
    return sum(p.lstat().st_size for p in bundle.rglob("*") if p.is_file() or p.is_symlink())


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


@contextlib.contextmanager
def xvfb():
    """A private Xvfb server; yields its DISPLAY value.

    ``-noreset``: by default the X server resets when its last client leaves, and a client
    connecting during the reset is refused; the runs here come one after another.
    """
    read, write = os.pipe()
    args = ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"]
    server = subprocess.Popen(
        [*args, "-noreset"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as f:
            number = f.readline().strip()  # Xvfb writes the display number when ready
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of one run: a fresh home, and only the display asked for."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        **extra,
    )
    return env


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.send_signal(signal.SIGINT)
    try:
        child.wait(timeout=EXIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise RuntimeError("the frozen GUI did not quit on SIGINT") from None
    # 130: the SIGINT came before the window installed its own handler (cli/__init__.py)
    if child.returncode not in (0, 130):
        raise RuntimeError(f"the frozen GUI exited with {child.returncode}")


def wait_until(child: subprocess.Popen, started: float, ready, what: str) -> float:
    """Seconds from ``started`` until ``ready()`` is true, polled every 10 ms; an error if
    ``child`` exits first or ``WINDOW_TIMEOUT_S`` passes."""
    while time.perf_counter() - started < WINDOW_TIMEOUT_S:
        if ready():
            return time.perf_counter() - started
        if child.poll() is not None:
            raise RuntimeError(f"the frozen GUI exited early ({child.returncode})")
        time.sleep(0.01)
    raise RuntimeError(f"no {what} within {WINDOW_TIMEOUT_S} s")


def window_shown(env: dict[str, str]):
    """Whether xdotool sees a portwindow window mapped (a function to poll)."""
    search = ["xdotool", "search", "--onlyvisible", "--name", "^portwindow"]

    def shown() -> bool:
        found = subprocess.run(search, env=env, capture_output=True)
        return found.returncode == 0 and bool(found.stdout.strip())

    return shown


def start_to_window_x11(executable: Path, display: str) -> float:
    """Seconds from spawning the GUI until xdotool sees its window mapped."""
    with tempfile.TemporaryDirectory(prefix="portwindow-measure-") as tmp:
        env = _env(Path(tmp), DISPLAY=display)
        args = [str(executable), "--targets", "127.0.0.1", "--ports", "1", "--start"]
        with open(Path(tmp) / "stderr.txt", "w+", encoding="utf-8") as err:
            started = time.perf_counter()
            child = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=err)
            try:
                elapsed = wait_until(child, started, window_shown(env), "window")
                _stop(child)
            except RuntimeError as exc:
                child.kill()
                child.wait()
                err.seek(0)
                raise RuntimeError(f"{exc}; its stderr:\n{err.read()}") from None
    return elapsed


def start_to_finished_offscreen(executable: Path) -> float:
    """Seconds from spawning the GUI (offscreen) until its log says "Finished:"."""
    with tempfile.TemporaryDirectory(prefix="portwindow-measure-") as tmp:
        env = _env(Path(tmp), QT_QPA_PLATFORM="offscreen")
        log = Path(tmp) / "data" / "portwindow" / "portwindow" / "portwindow.log"
        args = [str(executable), "--targets", "127.0.0.1", "--ports", "1", "--start"]
        started = time.perf_counter()
        child = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            elapsed = wait_until(
                child,
                started,
                lambda: log.exists() and "Finished:" in log.read_text(encoding="utf-8"),
                "'Finished:' in the log",
            )
        finally:
            _stop(child)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Print the frozen bundle's size and start time")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "portwindow")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs (first one cold)")
    args = parser.parse_args(argv)
    executable = args.bundle / "portwindow"
    if not executable.is_file():
        print(f"measure: no frozen executable at {executable}; run make package")
        return 1

    size = bundle_size(args.bundle)
    size_ok = size <= SIZE_TARGET_MB * 1e6
    print(
        f"unpacked onedir size: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB); "
        f"target at most {SIZE_TARGET_MB} MB: {'met' if size_ok else 'NOT MET'}"
    )

    runs = max(1, min(args.runs, 20))
    use_x11 = shutil.which("Xvfb") and shutil.which("xdotool")
    cold = drop_page_cache()
    times = []
    if use_x11:
        method = "until the window is mapped (Xvfb + xdotool)"
        with xvfb() as display:
            for run in range(runs):
                if run == 0 and cold:
                    drop_page_cache()
                times.append(start_to_window_x11(executable, display))
    else:
        method = "until the log says Finished: (offscreen; no Xvfb/xdotool)"
        for run in range(runs):
            if run == 0 and cold:
                drop_page_cache()
            times.append(start_to_finished_offscreen(executable))
    first = "cold, page cache dropped" if cold else "first run, page cache NOT dropped"
    verdict = "met" if times[0] <= START_TARGET_S else "NOT MET"
    print(
        f"frozen start {method}: {times[0]:.2f} s ({first}); target at most "
        f"{START_TARGET_S:.0f} s: {verdict}"
    )
    if len(times) > 1:
        warm = times[1:]
        print(
            f"frozen start, warm: median {statistics.median(warm):.2f} s "
            f"(min {min(warm):.2f}, max {max(warm):.2f}, {len(warm)} runs)"
        )
    return 0 if size_ok else 1


if __name__ == "__main__":
    sys.exit(main())
