import sys

import pytest

from portwindow.gui import resources


def test_finds_the_door_pictures_in_the_checkout():
    path = resources.resource_path("doors/door-open.svg")
    assert path.is_file()
    assert path.parent.parent.name == "resources"


def test_a_frozen_bundle_comes_first(tmp_path, monkeypatch):
    bundled = tmp_path / "resources" / "doors" / "door-open.svg"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("<svg/>")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_dirs()[0] == tmp_path / "resources"
    assert resources.resource_path("doors/door-open.svg") == bundled
    # What the bundle lacks still comes from the other places.
    assert resources.resource_path("icons/portwindow.svg").is_file()


def test_a_missing_resource_names_the_places_looked_in():
    with pytest.raises(FileNotFoundError, match=r"nothing\.svg.*looked in"):
        resources.resource_path("nothing.svg")
