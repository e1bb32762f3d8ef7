"""Smoke test of the frozen build, as installed from the .deb.

Skipped unless PORTWINDOW_FROZEN_DEB names a built .deb (``make package-test`` builds one
and sets it). The .deb is unpacked with ``dpkg -x`` into a temporary root; the frozen
executable then runs from there with a clean environment (no PYTHONPATH, a temporary
home), so nothing can come from the source tree. Every scan targets a listener this test
opened on 127.0.0.1.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import tarfile
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from portwindow import APP_ID, __version__
from portwindow.engine.core.model import Protocol
from portwindow.engine.input.services import default_registry
from tests.support.listeners import free_ports, listeners

ROOT = Path(__file__).resolve().parents[2]
DEB = os.environ.get("PORTWINDOW_FROZEN_DEB", "")

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(
        not DEB, reason="PORTWINDOW_FROZEN_DEB is not set (make package-test builds and sets it)"
    ),
]

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Libraries Qt's xcb plugin and QtGui link to that PyInstaller leaves to the system.
SYSTEM_LIBRARIES = {"libGL.so.1": "libgl1", "libEGL.so.1": "libegl1", "libxcb.so.1": "libxcb1"}


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    deb = Path(DEB)
    assert deb.is_file(), f"PORTWINDOW_FROZEN_DEB={DEB} is not a file"
    target = tmp_path_factory.mktemp("deb-root")
    subprocess.run(["dpkg", "-x", str(deb), str(target)], check=True, timeout=300)
    return target


@pytest.fixture(scope="module")
def executable(root) -> Path:
    return root / "opt" / "portwindow" / "portwindow"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user who never saw the source tree."""
    drop = {"PYTHONPATH", "PYTHONHOME", "QT_PLUGIN_PATH", "QT_QPA_PLATFORM_PLUGIN_PATH"}
    drop |= {"LD_LIBRARY_PATH", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        **extra,
    )
    return env


@contextmanager
def named_listener():
    """A listener on 127.0.0.1 on a free port that IANA's registry names and describes."""
    registry = default_registry()
    candidates = [8080, 8443, 8008, 8000, 9000, 5000, 3000, *range(10000, 10200)]
    for port in candidates:
        info = registry.lookup(port, Protocol.TCP)
        if not info.description:
            continue
        try:
            with listeners(ports=[port]):
                pass
        except OSError:
            continue
        with listeners(ports=[port]) as (bound,):
            yield bound, info
        return
    pytest.fail("no free port with an IANA description among the candidates")


def find_log(home: Path) -> Path | None:
    found = sorted(home.rglob("portwindow.log"))
    return found[0] if found else None


def test_deb_fields_name_this_version_and_the_system_libraries():
    fields = subprocess.run(
        ["dpkg-deb", "-f", DEB, "Package", "Version", "Depends"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Package: portwindow\n" in fields
    assert f"Version: {__version__}\n" in fields
    depends = fields.split("Depends:", 1)[1]
    for package in [*SYSTEM_LIBRARIES.values(), "libc6", "fontconfig-config"]:
        assert package in depends


def test_layout(root, executable):
    assert os.access(executable, os.X_OK)
    command = root / "usr" / "bin" / "portwindow"
    assert command.is_symlink()
    assert os.readlink(command) == "/opt/portwindow/portwindow"
    share = root / "usr" / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    icons = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert (icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (share / "doc" / "portwindow" / "copyright").is_file()


def test_bundle_has_every_picture_and_the_service_registry(root):
    internal = root / "opt" / "portwindow" / "_internal"
    # where portwindow.gui.resources.resource_path() looks first in a frozen bundle
    pictures = sorted(
        p.relative_to(ROOT / "resources") for p in (ROOT / "resources").rglob("*.svg")
    )
    assert Path("doors/door-open.svg") in pictures
    for picture in pictures:
        assert (internal / "resources" / picture).is_file(), picture
    assert (internal / "portwindow" / "engine" / "input" / "data" / "services.tsv.gz").is_file()


def test_bundle_leaves_gl_and_xcb_to_the_system_and_misses_nothing(root):
    internal = root / "opt" / "portwindow" / "_internal"
    for library in SYSTEM_LIBRARIES:
        assert not (internal / library).exists(), f"{library} should come from the system"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert not (plugins / "platforms" / "libqwayland.so").exists()  # pruned
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    elves = [plugins / "platforms" / "libqxcb.so", *sorted(plugins.rglob("*.so"))]
    for elf in elves:
        out = subprocess.run(["ldd", str(elf)], env=env, capture_output=True, text=True).stdout
        assert "not found" not in out, f"{elf.name}:\n{out}"


def test_version(executable, tmp_path):
    result = subprocess.run(
        [str(executable), "--version"],
        env=clean_env(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"portwindow {__version__}\n"


def test_version_through_a_symlink_like_usr_bin(executable, tmp_path):
    link = tmp_path / "bin" / "portwindow"
    link.parent.mkdir()
    link.symlink_to(executable)
    result = subprocess.run(
        [str(link), "--version"],
        env=clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"portwindow {__version__}\n"


def test_headless_scan_reports_the_open_port_with_its_iana_description(executable, tmp_path):
    (closed,) = free_ports(1)
    with named_listener() as (port, info):
        result = subprocess.run(
            [str(executable), "scan", "127.0.0.1", "-p", f"{port},{closed}", "--csv", "-"],
            env=clean_env(tmp_path),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    rows = {int(row["port"]): row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert set(rows) == {port, closed}
    assert rows[port]["state"] == "open"
    assert rows[port]["service"] == info.name
    assert rows[port]["description"] == info.description != ""
    assert rows[closed]["state"] == "closed"
    assert info.description in result.stderr  # the table of open ports, on stderr with --csv -


def test_window_scans_offscreen_and_quits_on_ctrl_c(executable, tmp_path):
    (closed,) = free_ports(1)
    env = clean_env(tmp_path, QT_QPA_PLATFORM="offscreen")
    with named_listener() as (port, _info):
        child = subprocess.Popen(
            [str(executable), "--targets", "127.0.0.1", "--ports", f"{port},{closed}", "--start"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            deadline = time.monotonic() + 60
            log = None
            while time.monotonic() < deadline and child.poll() is None:
                log = log or find_log(tmp_path)
                if log and "Finished:" in log.read_text(encoding="utf-8"):
                    break
                time.sleep(0.1)
            child.send_signal(signal.SIGINT)
            _out, err = child.communicate(timeout=15)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert child.returncode == 0, err
    assert log is not None, f"no portwindow.log under {tmp_path}; stderr:\n{err}"
    text = log.read_text(encoding="utf-8")
    assert "Finished: 2 of 2 ports" in text, text
    assert "1 open" in text
    assert "unexpected error" not in text
    assert "Traceback" not in err
    assert "Could not" not in err  # e.g. Qt: "Could not load the Qt platform plugin"


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"
)
def test_window_shows_on_x11_through_the_bundled_xcb_plugin(executable):
    import measure

    with measure.xvfb() as display:
        elapsed = measure.start_to_window_x11(executable, display)
    assert 0 < elapsed < measure.WINDOW_TIMEOUT_S


def test_tarball_holds_the_same_bundle():
    tarballs = sorted(Path(DEB).parent.glob(f"portwindow-{__version__}-linux-*.tar.gz"))
    if not tarballs:
        pytest.skip("no .tar.gz next to the .deb")
    with tarfile.open(tarballs[0]) as tar:
        names = set(tar.getnames())
    top = f"portwindow-{__version__}"
    assert f"{top}/portwindow" in names
    assert f"{top}/_internal/resources/doors/door-open.svg" in names
    assert f"{top}/_internal/portwindow/engine/input/data/services.tsv.gz" in names
