"""Every colour pair the window shows meets WCAG 2.1 AA on light and dark palettes."""

import pytest

from portwindow.engine import PortState
from portwindow.gui import colors
from portwindow.gui.colors import CONTRAST_PAIRS, Theme, contrast_ratio
from portwindow.gui.qt import QtGui


def test_the_formula_gives_wcags_known_ratios():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    # The figure: the old error red on a dark window.
    assert contrast_ratio("#d32f2f", "#353535") < 3.0


@pytest.mark.parametrize(
    ("what", "theme", "foreground", "background", "minimum"),
    CONTRAST_PAIRS,
    ids=[f"{p[0]}-{p[1].value}-{p[3]}" for p in CONTRAST_PAIRS],
)
def test_every_pair_meets_wcag_aa(what, theme, foreground, background, minimum):
    assert contrast_ratio(foreground, background) >= minimum, what


def test_the_pairs_cover_every_state_both_themes_and_the_error_text():
    whats = {(what, theme) for what, theme, *_ in CONTRAST_PAIRS}
    for theme in Theme:
        assert ("error text", theme) in whats
        assert ("marked text", theme) in whats
        for state in PortState:
            assert (f"door {state.value}", theme) in whats
        assert ("door unprobed", theme) in whats


def test_error_styles_follow_the_palette(qapp):
    light = QtGui.QPalette(QtGui.QColor("#efefef"))
    dark = QtGui.QPalette(QtGui.QColor("#353535"))
    assert colors.WARNING_RED in colors.error_text_style(light)
    assert colors.WARNING_RED_DARK in colors.error_text_style(dark)
    assert colors.MARK_TEXT_DARK in colors.mark_style(dark)


@pytest.mark.parametrize("state", [s for s in PortState])
def test_every_door_picture_stands_out_on_both_palettes(state):
    """A door's SVG (its own colours; ``currentColor`` is the palette's ink) has a colour
    at 3:1 or more against every background of both themes: its outline."""
    import re

    from portwindow.gui.doors.pictures import SVG_FILES
    from portwindow.gui.resources import resource_path

    svg = resource_path(SVG_FILES[state]).read_text(encoding="utf-8")
    own = set(re.findall(r'(?:fill|stroke)="(#[0-9a-fA-F]{6})"', svg))
    assert own
    for theme in Theme:
        for background in colors.BACKGROUNDS[theme]:
            assert max(contrast_ratio(c, background) for c in own) >= colors.GRAPHIC_MINIMUM
