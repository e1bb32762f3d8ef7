"""Comparing a top-ports scan with a full one: only what both covered is compared, the
dialog says the scans covered different ports, and names each door's service."""

from portwindow.engine.audit.diff import Change
from portwindow.engine.core.model import PortState
from portwindow.gui.compare_view import DiffColumn
from portwindow.gui.qt import QtCore, QtWidgets
from tests.unit.gui.driving import run
from tests.unit.gui.finding_scans import TCP, result, spread


def save(history, started, results, ports):
    from portwindow.engine.audit.history import NewScan

    record = NewScan(started, started + 1, "127.0.0.1", ports, False, len(results))
    return history.save(record, results)


def test_a_top_ports_scan_against_a_full_one_shows_only_real_changes(window, history, qloop):
    older = save(history, 1000.0, spread({22}, last=1000), "1-1000")
    newer_results = spread({22}, last=40000)
    newer_results[31336] = result(31337, PortState.OPEN)
    newer = save(history, 2000.0, newer_results, "1-40000")
    dialog = run(qloop, window.history_controller.compare_scans(older, newer))
    assert [(c.change, c.port) for c in dialog.diff.changes] == [(Change.OPENED, 31337)]
    summary = dialog.findChild(QtWidgets.QLabel, "compareSummary").text()
    assert "appeared" not in summary
    assert "the scans covered different ports" in summary
    assert "38,999 doors only the newer scan probed were not compared" in summary
    model = dialog.model
    assert model.headerData(DiffColumn.SERVICE, QtCore.Qt.Orientation.Horizontal) == "Service"
    iana = window.views.door_model.service(TCP, 31337).name
    assert iana
    assert model.index(0, DiffColumn.SERVICE).data() == iana
    # the ring marks the new open door, and its tooltip claims no audit rule
    door = dialog.door_model.door_index("127.0.0.1", TCP, 31337)
    assert "rule" not in door.data(QtCore.Qt.ItemDataRole.ToolTipRole)
    dialog.close()
