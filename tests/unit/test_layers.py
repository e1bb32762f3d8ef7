"""The layers hold by more than convention: the engine and the command line import, and
a headless scan runs, in an interpreter where PySide6 and qasync cannot be imported; the
engine's public surface resolves; and every module stays small enough to read."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import portwindow.engine

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "portwindow"

# A meta path finder that refuses Qt, so an import of it anywhere fails loudly.
NO_QT = textwrap.dedent(
    """
    import importlib.abc, sys

    class NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "qasync"):
                raise ImportError(f"{name} is not importable in this test")
            return None

    sys.meta_path.insert(0, NoQt())
    """
)


def run_without_qt(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", NO_QT + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def engine_modules() -> list[str]:
    names = []
    for path in sorted((PACKAGE / "engine").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_the_blocker_blocks():
    child = run_without_qt("import PySide6")
    assert child.returncode != 0
    assert "not importable in this test" in child.stderr


def test_every_engine_module_and_the_cli_import_without_qt():
    modules = [*engine_modules(), "portwindow.cli", "portwindow.cli.commands"]
    child = run_without_qt(
        f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "qasync"))
        assert not loaded, loaded
        print(len({modules!r}))
        """
    )
    assert child.returncode == 0, child.stderr
    assert int(child.stdout) == len(modules) > 20


def test_a_headless_scan_runs_without_qt():
    """``portwindow scan --help`` and a real (tiny) scan, with Qt unimportable: argument
    parsing, the engine and the report all stay clear of it. The scan is of port 1 on
    loopback, which nothing listens on in the test namespace."""
    child = run_without_qt(
        """
        import sys
        from portwindow.cli import main
        code = main(["scan", "127.0.0.1", "-p", "1", "--no-history", "--csv", "-", "-q"])
        sys.exit(code)
        """
    )
    assert child.returncode == 0, child.stderr
    assert "127.0.0.1,127.0.0.1,tcp,1," in child.stdout


def test_every_public_name_resolves():
    for name in portwindow.engine.__all__:
        assert getattr(portwindow.engine, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        _ = portwindow.engine.nonsense


MODULE_LINE_LIMIT = 600
MAIN_WINDOW_LIMIT = 500  # the main window lays out and wires; its parts do the work


def test_no_module_is_longer_than_the_limit():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINE_LIMIT
    }
    assert not long, f"modules over {MODULE_LINE_LIMIT} lines: {long}"
    main_window = PACKAGE / "gui" / "mainwindow.py"
    assert len(main_window.read_text(encoding="utf-8").splitlines()) < MAIN_WINDOW_LIMIT
