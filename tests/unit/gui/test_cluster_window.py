"""The window with a cluster: a scan on a real Dask cluster (a scheduler and two
workers in this test's network namespace) shows the doors a local scan shows; File →
Export as nmap XML writes what nmap's own parser reads; View → Exposure shows which
doors each vantage point reaches."""

from __future__ import annotations

import pytest
from libnmap.parser import NmapParser

from portwindow.engine.core.model import PortResult, PortState, Protocol, Reason
from portwindow.engine.input.ports import parse_ports
from portwindow.engine.scan.cluster.exposure import Exposure
from portwindow.gui import settings as opt
from portwindow.gui import xml_export
from portwindow.gui.exposure_view import ExposureDialog, exposure_rows, show_exposure
from portwindow.gui.qt import QtGui
from tests.support.listeners import free_ports, listeners
from tests.unit.gui.driving import run


def scan(window, qloop, ports: str):
    window.form.set_targets("127.0.0.1")
    window.form.set_ports(ports)
    return run(qloop, window.scans.start(), timeout=120)


def doors(window) -> dict:
    return {(r.address, r.protocol, r.port): (r.state, r.reason) for r in window.views.results}


def test_the_window_scans_on_a_cluster_as_it_scans_here(window, qloop, settings, history):
    pytest.importorskip("distributed")
    from tests.support.dask_cluster import dask_cluster

    closed = free_ports(2)
    with listeners(2) as opened:
        ports = ",".join(map(str, [*opened, *closed])) + ",1-300"
        scan(window, qloop, ports)
        here = doors(window)
        with dask_cluster(2) as cluster:
            settings.set(opt.ENGINE, "cluster")
            settings.set(opt.CLUSTER_ADDRESS, cluster.address)
            summary = scan(window, qloop, ports)
    assert not summary.partial
    assert doors(window) == here
    assert {p for (_a, _p, p), (s, _r) in here.items() if s is PortState.OPEN} == set(opened)
    latest = history.scans()[0]
    assert latest.settings["cluster"] == cluster.address


def test_export_as_nmap_xml_writes_what_nmaps_parser_reads(window, qloop, tmp_path, monkeypatch):
    path = tmp_path / "scan.xml"

    async def save_path(*_args, **_kw):
        return str(path)

    monkeypatch.setattr(xml_export.dialogs, "ask_save_path", save_path)
    with listeners(2) as opened:
        scan(window, qloop, ",".join(map(str, opened)) + ",1-20")
    action = window.findChild(QtGui.QAction, "exportXmlAction")
    assert action is not None
    assert run(qloop, xml_export.export_nmap_xml(window)) == path
    report = NmapParser.parse_fromfile(str(path))
    (host,) = report.hosts
    assert host.address == "127.0.0.1"
    assert sorted(port for port, _proto in host.get_open_ports()) == sorted(opened)
    assert len(host.get_ports()) == 22


def door(port, state, reason):
    return PortResult("198.18.0.2", "198.18.0.2", Protocol.TCP, port, state, reason, None, 1e9)


def test_the_exposure_view_lists_the_doors_that_differ_first(qtbot, window):
    exposure = Exposure(parse_ports("22,80"), ("lan", "wan"))
    exposure.add(
        "lan", [door(22, PortState.OPEN, Reason.SYN_ACK), door(80, PortState.OPEN, Reason.SYN_ACK)]
    )
    exposure.add(
        "wan",
        [
            door(80, PortState.OPEN, Reason.SYN_ACK),
            door(22, PortState.FILTERED, Reason.NO_RESPONSE),
        ],
    )
    assert exposure_rows(exposure) == [
        ["198.18.0.2", "22/tcp", "lan", "open", "filtered"],
        ["198.18.0.2", "80/tcp", "lan, wan", "open", "open"],
    ]
    dialog = ExposureDialog(exposure)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.horizontalHeaderItem(4).text() == "From wan"
    assert show_exposure(window) is None  # no scan from vantage points yet
    assert "vantage points" in window.status.message()
