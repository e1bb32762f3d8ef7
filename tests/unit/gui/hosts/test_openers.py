"""Right-click a door or a host: the openers that fit it, and launching one calls the
process starter with its argv (no shell, no real browser or terminal)."""

import pytest

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.gui.hosts import opener_table
from portwindow.gui.hosts.opener_dialog import OpenerDialog
from portwindow.gui.qt import QtWidgets

HOST = "198.51.100.7"


def door(port, state=PortState.OPEN, reason=Reason.SYN_ACK, banner=""):
    return PortResult(HOST, HOST, Protocol.TCP, port, state, reason, 0.001, 1.7e9, banner)


DOORS = {
    22: door(22),
    23: door(23, PortState.CLOSED, Reason.CONN_REFUSED),
    80: door(80),
    443: door(443),
    3389: door(3389),
    5900: door(5900),
    8081: door(8081, banner="HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n"),
}


@pytest.fixture
def shown(window):
    window.views.door_model.add_results(list(DOORS.values()))
    return window


@pytest.fixture
def calls(shown):
    """What the launcher was asked to do, instead of doing it."""
    made = []
    launcher = shown.openers.launcher
    launcher.start_process = lambda argv: made.append(("start", tuple(argv))) or True
    launcher.open_url = lambda url: made.append(("url", url)) or True
    launcher.find_program = lambda name: f"/usr/bin/{name}"
    return made


def labels(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def entry(menu, label):
    return next(a for a in menu.actions() if a.text() == label)


def test_an_ssh_door_offers_a_login_and_copies(shown):
    menu = shown.openers.door_menu(DOORS[22])
    assert menu.objectName() == "openerMenu"
    assert labels(menu) == [
        "Log in with ssh",
        "Copy the ssh command",
        "Copy host:port",
        "Copy as a URL",
    ]


@pytest.mark.parametrize(
    ("port", "first"),
    [
        (80, "Open http://… in the browser"),
        (443, "Open https://… in the browser"),
        (3389, "Connect with RDP"),
        (5900, "Connect with VNC"),
        (8081, "Open http://… in the browser"),  # what its banner said, not IANA's name
    ],
)
def test_each_service_offers_what_fits_it_first(shown, port, first):
    assert labels(shown.openers.door_menu(DOORS[port]))[0] == first


def test_a_door_that_is_not_open_offers_nothing(shown):
    menu = shown.openers.door_menu(DOORS[23])
    assert [a.isEnabled() for a in menu.actions()] == [False]
    assert shown.openers.actions_for(DOORS[23]) == []


def test_launching_ssh_calls_the_process_starter_with_its_argv(shown, calls):
    entry(shown.openers.door_menu(DOORS[22]), "Log in with ssh").trigger()
    assert calls == [("start", ("x-terminal-emulator", "-e", "ssh", "-p", "22", HOST))]
    assert shown.statusBar().currentMessage() == f"Started x-terminal-emulator -e ssh -p 22 {HOST}"


def test_a_url_goes_to_the_desktop_and_a_copy_to_the_clipboard(shown, calls, qapp):
    entry(shown.openers.door_menu(DOORS[80]), "Open http://… in the browser").trigger()
    assert calls == [("url", f"http://{HOST}:80/")]
    entry(shown.openers.door_menu(DOORS[22]), "Copy the ssh command").trigger()
    assert qapp.clipboard().text() == f"ssh -p 22 {HOST}"
    entry(shown.openers.door_menu(DOORS[22]), "Copy host:port").trigger()
    assert qapp.clipboard().text() == f"{HOST}:22"


def test_a_program_that_is_not_installed_is_said_not_started(shown, calls):
    shown.openers.launcher.find_program = lambda _name: None
    message = shown.openers.run(shown.openers.actions_for(DOORS[3389])[0])
    assert message.startswith("Could not start xfreerdp: it is not installed")
    assert calls == []


def test_a_host_offers_each_open_door_s_openers(shown, calls):
    menu = shown.openers.host_menu(HOST)
    subs = [a.menu() for a in menu.actions() if a.menu() is not None]
    assert [s.title() for s in subs] == [
        "22/tcp ssh",
        "80/tcp http",
        "443/tcp https",
        "3389/tcp ms-wbt-server",
        "5900/tcp rfb",
        "8081/tcp http",
    ]
    assert "Copy the address" in labels(menu)
    entry(subs[0], "Log in with ssh").trigger()
    assert calls[-1][1][-1] == HOST


def test_right_clicking_a_door_in_the_view_opens_its_menu(shown, monkeypatch):
    popped = []  # a real popup grabs the keyboard, which the offscreen platform warns about
    monkeypatch.setattr(shown.openers, "_popup", lambda menu, *_where: popped.append(menu))
    view = shown.views.door_view
    index = shown.views.door_model.door_index(HOST, Protocol.TCP, 22)
    view.doItemsLayout()  # as the view does once its relayout delay passed
    shown.openers._door_view_menu(view.visualRect(index).center())
    assert popped == [shown.openers.last_menu]
    assert labels(popped[0])[0] == "Log in with ssh"
    band = view.visualRect(shown.views.door_model.host_index(HOST))
    shown.openers._door_view_menu(band.center())  # a host's band: its doors' openers
    assert popped[-1].actions()[0].menu().title() == "22/tcp ssh"
    host_list = shown.views.host_list
    shown.openers._host_list_menu(host_list.table.visualRect(host_list.proxy.index(0, 0)).center())
    assert popped[-1].actions()[0].menu().title() == "22/tcp ssh"


def test_the_person_s_openers_replace_the_defaults(shown, calls, settings):
    opener_table.save(settings, [("ssh", "command", "My ssh", "myssh --to {host} {port}")])
    menu = shown.openers.door_menu(DOORS[22])
    assert labels(menu) == ["My ssh", "Copy host:port", "Copy as a URL"]
    entry(menu, "My ssh").trigger()
    assert calls == [("start", ("myssh", "--to", HOST, "22"))]
    opener_table.save(settings, opener_table.default_rows())
    assert settings.get(opener_table.OPENERS) == []
    assert labels(shown.openers.door_menu(DOORS[22]))[0] == "Log in with ssh"


def test_the_dialog_names_a_bad_template_and_keeps_a_good_one(qtbot):
    dialog = OpenerDialog(opener_table.default_rows())
    qtbot.addWidget(dialog)
    dialog._add(("vnc", "command", "Bad", "{host} connect"))
    dialog.accept()
    assert dialog.result() != QtWidgets.QDialog.DialogCode.Accepted
    assert "must start with a program" in dialog.error.text()
    assert dialog.error.text().startswith(f"opener {len(opener_table.default_rows()) + 1} (vnc)")
    dialog.table.removeRow(dialog.table.rowCount() - 1)
    dialog._add(("vnc", "command", "Good", "vncviewer {host}:{port}"))
    dialog.accept()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert dialog.rows()[-1] == ("vnc", "command", "Good", "vncviewer {host}:{port}")


def test_the_edit_menu_has_the_openers(shown):
    edit = next(a.menu() for a in shown.menuBar().actions() if a.text() == "&Edit")
    assert shown.openers.edit_action in edit.actions()
