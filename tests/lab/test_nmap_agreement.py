"""Every port of a full scan of 127.0.0.1 gets the state nmap -sT gives it, twice in a row."""

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from portwindow.engine.input.ports import parse_ports
from portwindow.engine.input.targets import parse_targets
from portwindow.engine.scan import loops
from portwindow.engine.scan.config import ScanConfig
from portwindow.engine.scan.scheduler import Scan
from tests.support.listeners import listeners

pytestmark = pytest.mark.nmap


def nmap_states() -> tuple[dict[int, str], str | None]:
    out = subprocess.run(
        ["nmap", "-sT", "-p-", "-n", "-Pn", "-oX", "-", "127.0.0.1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    root = ET.fromstring(out)
    listed = {int(p.get("portid")): p.find("state").get("state") for p in root.iter("port")}
    extra = root.find(".//extraports")
    return listed, extra.get("state") if extra is not None else None


def scan_states() -> dict[int, str]:
    async def run():
        results = []
        config = ScanConfig(parse_targets("127.0.0.1"), parse_ports("1-65535"))
        await Scan(config).run(lambda batch: results.extend(batch.results))
        return results

    return {r.port: r.state.value for r in loops.run(run())}


@pytest.mark.skipif(shutil.which("nmap") is None, reason="nmap is not installed")
def test_full_scan_agrees_with_nmap_port_by_port():
    with listeners(20):
        listed, default = nmap_states()
        for _ in range(2):
            ours = scan_states()
            assert len(ours) == 65535
            expected = {port: listed.get(port, default) for port in range(1, 65536)}
            differ = {p: (ours[p], expected[p]) for p in expected if ours[p] != expected[p]}
            assert not differ, (
                f"ours vs nmap differ on {len(differ)} ports: {list(differ.items())[:10]}"
            )
