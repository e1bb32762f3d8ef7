"""Light and dark palettes for the Doors view's tests."""

import pytest


@pytest.fixture
def dark_palette(qapp):
    from portwindow.gui.qt import QtGui

    role = QtGui.QPalette.ColorRole
    palette = QtGui.QPalette()
    for which, color in [
        (role.Window, "#2b2b2b"),
        (role.WindowText, "#e6e6e6"),
        (role.Base, "#1e1e1e"),
        (role.AlternateBase, "#262626"),
        (role.Text, "#e6e6e6"),
        (role.Button, "#353535"),
        (role.ButtonText, "#e6e6e6"),
        (role.Highlight, "#2a82da"),
        (role.HighlightedText, "#ffffff"),
        (role.Mid, "#555555"),
    ]:
        palette.setColor(which, QtGui.QColor(color))
    return palette


@pytest.fixture
def light_palette(qapp):
    from portwindow.gui.qt import QtGui

    role = QtGui.QPalette.ColorRole
    palette = QtGui.QPalette()
    for which, color in [
        (role.Window, "#efefef"),
        (role.WindowText, "#000000"),
        (role.Base, "#ffffff"),
        (role.Text, "#000000"),
        (role.Highlight, "#308cc6"),
        (role.Mid, "#a0a0a0"),
    ]:
        palette.setColor(which, QtGui.QColor(color))
    return palette
