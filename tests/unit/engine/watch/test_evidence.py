"""The evidence chain: each scan of a watch names the digest of the one before; an edit
or a deleted scan shows."""

import sqlite3

from portwindow.engine.audit.history import NewScan
from portwindow.engine.watch import evidence
from portwindow.engine.watch.model import Schedule, Watch
from tests.support.listeners import listeners


def three_runs(runner):
    with listeners(1) as (port,):
        watch = Watch("web", "127.0.0.1", Schedule(every=5), ports=str(port), banners=False)
        return [runner.run(watch) for _ in range(3)]


def test_an_untouched_chain_is_intact(runner, history):
    runs = three_runs(runner)
    chain = evidence.verify_chain(history, "web", last_known=runner.state.last("web").sha256)
    assert chain.intact
    assert [link.scan_id for link in chain.links] == [r.scan_id for r in runs]
    assert [link.number for link in chain.links] == [1, 2, 3]
    assert [link.sha256 for link in chain.links] == [r.sha256 for r in runs]
    assert "intact" in chain.summary()
    prev = [history.scan(r.scan_id).settings["evidence"]["previous"] for r in runs]
    assert prev == ["", runs[0].sha256, runs[1].sha256]


def test_an_edited_scan_and_a_deleted_one_show(runner, history):
    runs = three_runs(runner)
    db = sqlite3.connect(history.path)
    db.execute("UPDATE scans SET open = 0, closed = 1 WHERE id = ?", (runs[0].scan_id,))
    db.commit()
    db.close()
    history.delete(runs[1].scan_id)
    chain = evidence.verify_chain(history, "web")
    problems = {link.scan_id: link.problem for link in chain.links}
    assert problems[runs[0].scan_id].startswith("edited")
    assert problems[runs[2].scan_id] == "gap: 1 scan(s) before it are missing"
    assert not chain.intact
    assert "2 with a gap or an edit" in chain.summary()


def test_a_deleted_newest_scan_shows_against_the_state_file(runner, history):
    runs = three_runs(runner)
    history.delete(runs[2].scan_id)
    chain = evidence.verify_chain(history, "web", last_known=runs[2].sha256)
    assert chain.links[-1].problem == "gap: the newest scan run is missing"


def test_scans_outside_a_watch_are_outside_the_chain(runner, history):

    history.save(NewScan(1.0, 2.0, "127.0.0.1", "22", False, 0, {"source": "cli"}), [])
    three_runs(runner)
    assert len(evidence.verify_chain(history, "web").links) == 3


def test_the_report_lines_name_a_break_before_the_scan(runner, history):
    runs = three_runs(runner)
    history.delete(runs[0].scan_id)
    lines = evidence.chain_lines(history, history.scan(runs[2].scan_id))
    assert lines[0] == "Watch web, scan #3 of its chain"
    assert lines[1] == f"SHA-256: {runs[2].sha256}"
    assert lines[3] == f"Chain: scan {runs[1].scan_id}: gap: 1 scan(s) before it are missing"
    outside = history.save(NewScan(1.0, 2.0, "127.0.0.1", "22", False, 0, {}), [])
    assert evidence.chain_lines(history, history.scan(outside)) == ()
