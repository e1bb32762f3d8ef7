"""The wheel: every package, the door pictures and the service registry go in it.

The pictures live in the repository's top-level resources/, which pyproject.toml maps
to the package portwindow.resources; the package list is explicit, so a new subpackage
must be added there (the first test says which).
"""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_SOURCES = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")
PICTURES = sorted(p.relative_to(ROOT / "resources") for p in ROOT.glob("resources/*/*.svg"))


def configured_packages() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]["packages"]


def test_every_python_package_is_listed_in_pyproject():
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "portwindow").rglob("__init__.py")
    }
    assert found - set(configured_packages()) == set()


def test_pictures_exist_to_be_packed():
    assert {p.parent.name for p in PICTURES} == {"doors", "icons"}
    assert len(PICTURES) >= 6


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the checkout (setuptools would reuse a stale build/)."""
    source = tmp_path_factory.mktemp("source") / "portwindow"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"),
            *("-w", str(out), str(source)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{built.stderr[-3000:]}")
    (found,) = out.glob("portwindow-*.whl")
    return found


def test_the_wheel_carries_the_pictures_and_the_registry(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for picture in PICTURES:
        assert f"portwindow/resources/{picture.as_posix()}" in names
    assert "portwindow/engine/input/data/services.tsv.gz" in names
    for code in ("en", "ja"):
        assert f"portwindow/resources/i18n/portwindow_{code}.qm" in names
    for package in configured_packages():
        folder = package.replace(".", "/")
        assert any(name.startswith(f"{folder}/") for name in names), package


def test_an_installed_wheel_finds_its_pictures_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), wheel],
        check=True,
        timeout=300,
    )
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from portwindow.gui.resources import resource_path;"
        "from portwindow.engine.input.services import default_registry;"
        "from portwindow.engine.core.model import Protocol;"
        "print(resource_path('doors/door-open.svg'));"
        "print(default_registry().lookup(22, Protocol.TCP).name)"
    )
    shown = subprocess.run(
        [sys.executable, "-I", "-c", code, str(target)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert Path(shown[0]) == target / "portwindow" / "resources" / "doors" / "door-open.svg"
    assert shown[1] == "ssh"
