from portwindow.gui import settings as opt
from portwindow.gui.settings_dialog import ScanSettings, SettingsDialog


def test_dialog_shows_saves_and_restores_defaults(qtbot, settings):
    settings.set(opt.TIMEOUT, 0.5)
    settings.set(opt.RATE, 2500.0)
    dialog = SettingsDialog(ScanSettings.load(settings))
    qtbot.addWidget(dialog)
    assert dialog.timeout.value() == 0.5
    assert dialog.rate.value() == 2500
    assert dialog.concurrency.text() == "Automatic"
    assert dialog.banners.isChecked()
    dialog.retries.setValue(5)
    dialog.concurrency.setValue(300)
    dialog.banners.setChecked(False)
    dialog.values().save(settings)
    again = ScanSettings.load(settings)
    assert (again.timeout, again.retries, again.concurrency, again.rate) == (0.5, 5, 300, 2500.0)
    assert again.grab_banners is False
    dialog.timing.setCurrentIndex(dialog.timing.findData("polite"))
    dialog.values().save(settings)
    assert ScanSettings.load(settings).timing == "polite"
    assert ScanSettings.load(settings).discovery is True
    dialog.discovery.setChecked(False)
    dialog.values().save(settings)
    assert ScanSettings.load(settings).discovery is False
    dialog.restore_defaults()
    assert dialog.discovery.isChecked()
    assert dialog.values() == ScanSettings(
        opt.TIMEOUT.default, opt.RETRIES.default, opt.CONCURRENCY.default, opt.RATE.default
    )
    assert dialog.values().timing == "normal"


def test_every_field_has_an_accessible_name(qtbot):
    dialog = SettingsDialog(ScanSettings(1.0, 2, 0, 0.0))
    qtbot.addWidget(dialog)
    fields = (dialog.timing, dialog.timeout, dialog.retries, dialog.concurrency, dialog.rate)
    for field in (*fields, dialog.banners, dialog.discovery):
        assert field.accessibleName()


def test_the_language_is_chosen_and_saved(qtbot, settings):
    dialog = SettingsDialog(ScanSettings.load(settings))
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == ""  # as the system, by default
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == [
        "",
        "en",
        "ja",
    ]
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    dialog.values().save(settings)
    assert settings.get(opt.LANGUAGE) == "ja"
    assert ScanSettings.load(settings).language == "ja"
    dialog.restore_defaults()
    assert dialog.values().language == ""
