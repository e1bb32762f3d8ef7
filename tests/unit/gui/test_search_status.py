"""The search says how many doors it shows, and when nothing matches."""

from portwindow.engine.core.model import PortState
from portwindow.gui.qt import QtWidgets
from tests.unit.gui.finding_scans import TCP, reopen, result, spread


def test_the_count_and_the_notice_follow_the_search(window, history, qloop, qtbot):
    results = spread({22, 3306, 33060}, last=40000)
    results[2221] = result(2222, PortState.OPEN, banner="SSH-2.0-OpenSSH_9.2p1\r\n")
    reopen(window, history, qloop, results)
    views = window.views
    label = window.findChild(QtWidgets.QLabel, "searchCountLabel")
    notice = window.findChild(QtWidgets.QLabel, "doorNotice")
    assert label.text() == ""
    views.search_edit.setText("3306")
    assert views.door_view.shown_door_count() == 1  # not 33060
    assert label.text() == "1 of 40,000 shown"
    views.search_edit.setText("ssh")
    door = views.door_model.door_index
    for port in (22, 2222):  # 22 by IANA's name, 2222 (EtherNet-IP-1) by its banner
        assert not views.door_view.isIndexHidden(door("127.0.0.1", TCP, port))
    assert views.door_view.isIndexHidden(door("127.0.0.1", TCP, 2221))
    views.search_edit.setText("50000-60000")
    assert label.text() == "nothing matches 50000-60000"
    assert notice.isVisible()
    assert notice.text() == "nothing matches 50000-60000"
    assert notice.width() > 100
    views.search_edit.clear()
    assert not notice.isVisible()
    views.state_filter.setCurrentIndex(1)  # open only
    assert label.text() == "4 of 40,000 shown"
    views.show_view(1)
    qtbot.waitUntil(lambda: label.text() == "4 of 40,000 shown")  # once the table caught up
    views.search_edit.setText("8000-9000")
    table_notice = window.findChild(QtWidgets.QLabel, "tableNotice")
    assert table_notice.isVisible()
    assert table_notice.text() == "nothing matches 8000-9000"
