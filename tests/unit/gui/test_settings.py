from portwindow.engine.input.protocol_choice import ProtocolChoice
from portwindow.gui import settings as opt
from portwindow.gui.settings import Settings


def test_defaults_then_round_trip(settings, tmp_path):
    assert settings.get(opt.TIMEOUT) == 1.0
    assert settings.get(opt.RECENT_TARGETS) == []
    settings.set(opt.TIMEOUT, 0.5)
    settings.set(opt.RETRIES, 4)
    settings.set(opt.SHOW_TABLE, True)
    settings.set(opt.WINDOW_GEOMETRY, b"\x01\x02")
    settings.sync()
    again = Settings.in_file(tmp_path / "portwindow.ini")
    assert again.get(opt.TIMEOUT) == 0.5
    assert again.get(opt.RETRIES) == 4
    assert again.get(opt.SHOW_TABLE) is True
    assert again.get(opt.WINDOW_GEOMETRY) == b"\x01\x02"


def test_corrupt_or_out_of_range_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "bad.ini"
    path.write_text("[scan]\ntimeout=banana\nretries=999\n[view]\ndoor_size=-3\n")
    settings = Settings.in_file(path)
    assert settings.get(opt.TIMEOUT) == opt.TIMEOUT.default
    assert settings.get(opt.RETRIES) == opt.RETRIES.default
    assert settings.get(opt.DOOR_SIZE) == opt.DOOR_SIZE.default


def test_recent_items_are_most_recent_first_without_duplicates(settings):
    for entry in ["127.0.0.1", "localhost", "127.0.0.1", "  ", "::1"]:
        settings.remember(opt.RECENT_TARGETS, entry)
    assert settings.get(opt.RECENT_TARGETS) == ["::1", "127.0.0.1", "localhost"]
    for i in range(opt.RECENT_LIMIT + 5):
        settings.remember(opt.RECENT_PORTS, str(i))
    assert len(settings.get(opt.RECENT_PORTS)) == opt.RECENT_LIMIT


def test_the_protocol_choice_is_stored_by_name(settings, tmp_path):
    assert settings.get(opt.PROTOCOL) is ProtocolChoice.TCP
    settings.set(opt.PROTOCOL, ProtocolChoice.BOTH)
    settings.sync()
    assert "protocol=both" in (tmp_path / "portwindow.ini").read_text()
    assert Settings.in_file(tmp_path / "portwindow.ini").get(opt.PROTOCOL) is ProtocolChoice.BOTH
    (tmp_path / "bad.ini").write_text("[form]\nprotocol=sctp\n")
    assert Settings.in_file(tmp_path / "bad.ini").get(opt.PROTOCOL) is ProtocolChoice.TCP
