"""A remembered size larger than the screen (QT_SCALE_FACTOR=2, another monitor) is shrunk
to the screen's free area, and the window is moved back onto it."""

from portwindow.gui import settings as opt
from portwindow.gui.qt import QtWidgets
from portwindow.gui.screen_fit import fit_to_screen


def test_a_window_larger_than_the_screen_is_fitted(qtbot):
    window = QtWidgets.QWidget()
    qtbot.addWidget(window)
    area = window.screen().availableGeometry()
    window.resize(area.width() * 2, area.height() * 2)
    window.move(area.right() + 500, area.bottom() + 500)
    assert fit_to_screen(window)
    assert window.width() <= area.width()
    assert window.height() <= area.height()
    assert area.contains(window.frameGeometry().topLeft())
    assert not fit_to_screen(window)  # fitted already


def test_the_main_window_restores_a_too_large_size_fitted(qtbot, settings, history):
    from portwindow.gui.mainwindow import MainWindow

    first = MainWindow(settings, history=history)
    qtbot.addWidget(first)
    area = first.screen().availableGeometry()
    first.resize(area.width() + 1100, area.height() + 720)  # 2200x1440 on a small screen
    first.save_settings()
    assert settings.get(opt.WINDOW_GEOMETRY)
    again = MainWindow(settings, history=history)
    qtbot.addWidget(again)
    assert again.width() <= area.width()
    assert again.height() <= area.height()
    scan = again.form.scan_button
    again.show()
    qtbot.waitExposed(again)
    corner = scan.mapTo(again, scan.rect().bottomRight())
    assert again.rect().contains(corner)
