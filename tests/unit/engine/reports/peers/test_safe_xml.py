"""Hostile XML gives one clear line naming the file, and is never expanded or fetched."""

from pathlib import Path

import pytest

from portwindow.engine.core.errors import InputError
from portwindow.engine.reports.peers import read_peer, safe_xml
from portwindow.engine.reports.readers import load_report

HOSTILE = Path(__file__).with_name("hostile")
DECLARATIONS = "line 2: an XML document type with declarations (entities) or an external DTD"


@pytest.mark.parametrize(
    ("fixture", "said"),
    [
        ("billion_laughs.xml", DECLARATIONS),
        ("quadratic.xml", DECLARATIONS),
        ("external_entity.xml", DECLARATIONS),
        ("parameter_entity.xml", DECLARATIONS),
        ("external_dtd.xml", DECLARATIONS),
        ("undeclared_entity.xml", "line 2: not well-formed XML (undefined entity"),
        ("truncated.xml", "not well-formed XML (no element found"),
        ("not_nmap.xml", "an XML file, but not an nmap report (<{http://www.w3.org/2000/svg}svg>)"),
    ],
)
def test_hostile_xml_is_one_line_naming_the_file(fixture, said):
    path = HOSTILE / fixture
    for read in (read_peer, load_report):
        with pytest.raises(InputError) as caught:
            read(str(path))
        message = str(caught.value)
        assert message.startswith(str(path))
        assert said in message
        assert "\n" not in message


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    huge = tmp_path / "huge.xml"
    with open(huge, "wb") as f:
        f.write(b'<?xml version="1.0"?>\n<nmaprun scanner="nmap">')
        f.truncate(1024**3)  # 1 GiB, sparse: nothing but the size is real
    with pytest.raises(InputError, match=r"huge\.xml: larger than 512 MiB, too large an XML"):
        load_report(huge)


def test_a_file_that_grows_past_the_limit_while_read_is_stopped(tmp_path, monkeypatch):
    path = tmp_path / "grows.xml"
    path.write_text('<?xml version="1.0"?>\n<nmaprun scanner="nmap">' + "<x/>" * 50_000)
    monkeypatch.setattr(safe_xml, "MAX_XML_BYTES", 100_000)  # checked at open: 200 kB passes
    real_fstat = safe_xml.os.fstat

    class Small:
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(safe_xml.os, "fstat", lambda fd: Small(real_fstat(fd)))
    with pytest.raises(InputError, match="larger than"):
        load_report(path)


def test_nmaps_own_doctype_is_read(tmp_path):
    path = tmp_path / "plain.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
        '<?xml-stylesheet href="file:///usr/share/nmap/nmap.xsl" type="text/xsl"?>\n'
        '<nmaprun scanner="nmap" args="nmap 192.0.2.1" version="7.93"></nmaprun>\n'
    )
    assert read_peer(str(path)).source.version == "7.93"


def test_not_a_regular_file_is_one_line(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        list(safe_xml.elements("/dev/null", "/dev/null"))
    with pytest.raises(InputError, match=r"cannot read .*: Is a directory"):
        list(safe_xml.elements(str(tmp_path), str(tmp_path)))
