"""Scan settings → Engine: this machine or a Dask cluster, checked before it is kept."""

from portwindow.engine import Budget, ClusterSettings
from portwindow.gui import settings as opt
from portwindow.gui.engine_box import cluster_of
from portwindow.gui.qt import QtWidgets
from portwindow.gui.settings_dialog import ScanSettings, SettingsDialog


def test_the_engine_is_this_machine_until_a_cluster_is_chosen(qtbot, settings):
    dialog = SettingsDialog(ScanSettings.load(settings))
    qtbot.addWidget(dialog)
    box = dialog.engine
    assert box.choice.currentData() == "local"
    assert not box.address.isEnabled()
    assert not box.vantages.isEnabled()
    box.choice.setCurrentIndex(box.choice.findData("cluster"))
    assert box.address.isEnabled()
    box.address.setText("tcp://198.18.0.9:8786")
    box.vantages.setText("lan, wan")
    dialog.accept()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    dialog.values().save(settings)
    again = ScanSettings.load(settings)
    assert (again.engine, again.cluster_address, again.vantages) == (
        "cluster",
        "tcp://198.18.0.9:8786",
        "lan, wan",
    )
    assert cluster_of(again.engine, again.cluster_address, again.vantages) == ClusterSettings(
        "tcp://198.18.0.9:8786", ("lan", "wan"), Budget.SHARED
    )
    dialog.restore_defaults()
    assert dialog.values().engine == "local"


def test_a_wrong_address_keeps_the_dialog_open_and_says_why(qtbot, settings):
    dialog = SettingsDialog(ScanSettings.load(settings))
    qtbot.addWidget(dialog)
    box = dialog.engine
    box.choice.setCurrentIndex(box.choice.findData("cluster"))
    box.address.setText("scheduler:8786")
    dialog.accept()
    assert dialog.result() != QtWidgets.QDialog.DialogCode.Accepted
    assert "tcp://HOST:PORT" in box.problem.text()
    box.address.setText("tcp://scheduler:8786")
    box.vantages.setText("lan,lan")
    dialog.accept()
    assert "named twice" in box.problem.text()
    assert dialog.result() != QtWidgets.QDialog.DialogCode.Accepted


def test_settings_gone_wrong_run_the_scan_here(settings):
    assert cluster_of("local", "tcp://x:1", "") is None
    assert cluster_of("cluster", "not an address", "") is None
    settings.set(opt.ENGINE, "elsewhere")
    assert ScanSettings.load(settings).engine == "local"


def test_the_engine_fields_have_accessible_names(qtbot):
    dialog = SettingsDialog(ScanSettings(1.0, 2, 0, 0.0))
    qtbot.addWidget(dialog)
    for field in (dialog.engine.choice, dialog.engine.address, dialog.engine.vantages):
        assert field.accessibleName()
