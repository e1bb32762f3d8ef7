"""portwindow import (other scanners' reports into the history, shards merged), scan
--xml and --shard, and diff against a format that lists open doors only."""

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from portwindow.cli.commands import main
from portwindow.engine.audit.history import History, default_path
from tests.support.listeners import listeners

DATA = Path(__file__).resolve().parents[1] / "engine" / "reports" / "peers" / "data"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_saves_each_report_with_its_source(capsys):
    code, out, err = run(capsys, "import", str(DATA / "nmap_sT.xml"), str(DATA / "masscan.list"))
    assert code == 0, err
    assert "nmap nmap-xml" in out
    assert "1,100 doors on 1 host: saved as scan 1" in out
    assert "(open only: the others are not reported): saved as scan 2" in out
    with History(default_path()) as history:
        nmap, masscan = history.scan(1), history.scan(2)
        assert nmap.settings["tool"] == "nmap"
        assert nmap.settings["version"] == "7.93"
        assert nmap.settings["command"].startswith("nmap -sT -n -Pn -p 1-1100")
        assert nmap.settings["reported"] is None
        assert (nmap.targets, nmap.ports, nmap.open, nmap.closed) == (
            "198.18.0.2",
            "T:1-1100",
            3,
            1080,
        )
        assert masscan.settings["format"] == "masscan-list"
        assert masscan.settings["reported"] == ["open"]
        assert len(history.results(2)) == 4


def test_diff_against_masscan_says_not_reported_never_closed(capsys):
    run(capsys, "import", str(DATA / "nmap_sT.xml"), str(DATA / "masscan.list"))
    code, out, _ = run(capsys, "diff", "1", "2")
    assert code == 0
    assert "closed " not in out.replace("0 closed", "")
    assert "1,097 more not reported by one side's format" in out  # nmap's closed and filtered
    assert "3 unchanged" in out  # 22, 80, 443 open in both
    # nmap -sU probed no TCP door: masscan's open ones are not reported by it, not closed
    code, out, _ = run(capsys, "diff", str(DATA / "masscan.list"), str(DATA / "nmap_sU.xml"))
    lines = [line.split() for line in out.splitlines() if "/tcp" in line]
    assert [line[-4:] for line in lines] == [["open", "->", "not", "reported"]] * 3
    assert out.splitlines()[-1].startswith("0 opened, 0 closed, 0 changed")


def test_a_hostile_file_is_one_line_and_nothing_is_saved(capsys, tmp_path):
    hostile = DATA.parent / "hostile" / "billion_laughs.xml"
    code, _, err = run(capsys, "import", str(DATA / "masscan.list"), str(hostile))
    assert code == 2
    assert err.count("\n") == 1
    assert "line 2: an XML document type with declarations" in err
    assert not default_path().exists()  # read all first: no half of an import is saved


def test_scan_xml_to_stdout_is_nmaps_format(capsys):
    with listeners(2) as ports:
        spec = ",".join(map(str, ports))
        code, out, err = run(capsys, "scan", "127.0.0.1", "-p", spec, "--xml", "-", "--no-history")
    assert code == 0, err
    root = ET.fromstring(out)
    assert root.get("args") == f"portwindow scan 127.0.0.1 -p {spec} --xml - --no-history"
    states = {int(p.get("portid")): p.find("state").get("state") for p in root.iter("port")}
    assert states == dict.fromkeys(ports, "open")
    assert "2 open" in err  # the table and summary moved to stderr


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--shard", "0/4"], "--shard: shard '0/4': I must be between 1 and N"),
        (["--shard", "5/4"], "--shard: shard '5/4': I must be between 1 and N"),
        (["--shard", "x"], "--shard: shard 'x' is not of the form I/N, such as 2/4"),
        (["--shard", "1/70000"], "--shard: shard count 70000 is out of range 1-65536"),
        (["--seed", "3"], "--seed needs --shard I/N (it shuffles the shards' ports)"),
        (["--shard", "1/2", "--seed", "abc"], 'argument --seed: "abc" is not a whole number'),
    ],
)
def test_bad_shard_options_are_one_line(capsys, argv, said):
    code, _, err = run(capsys, "scan", "127.0.0.1", "-p", "1-10", *argv)
    assert code == 2
    assert err.endswith(f"{said}\n")  # "portwindow: " or, as parsed, "portwindow scan: "
    assert len(err.splitlines()) == 1


def test_shards_scanned_apart_import_merged_as_the_whole_scan(capsys, tmp_path):
    with listeners(3) as ports:
        spec = "1-60," + ",".join(map(str, ports))
        targets = ["127.0.0.1-4"]
        whole = tmp_path / "whole.jsonl"
        code, _, err = run(
            capsys,
            "scan",
            *targets,
            "-p",
            spec,
            "--json",
            str(whole),
            "-Pn",
            "--no-history",
            "--retries",
            "0",
        )
        assert code == 0, err
        parts = []
        for index in range(1, 4):
            part = tmp_path / f"shard{index}.jsonl"
            code, _, err = run(
                capsys,
                "scan",
                *targets,
                "-p",
                spec,
                "--shard",
                f"{index}/3",
                "--seed",
                "42",
                "--json",
                str(part),
                "--no-history",
                "--retries",
                "0",
            )
            assert code == 0, err
            parts.append(str(part))
    code, out, err = run(capsys, "import", "--merge", *parts)
    assert code == 0, err
    assert "saved as scan 1" in out
    assert "more than one file" not in err  # no door in two shards
    from portwindow.engine.reports.readers import load_report

    expected = {(r.address, r.port): r.state for r in load_report(whole).results}
    with History(default_path()) as history:
        merged = {(r.address, r.port): r.state for r in history.results(1)}
        assert history.scan(1).settings["merged"] == parts
    assert merged == expected
    assert len(merged) == 4 * (60 + 3)
