"""``portwindow baseline``: expected doors from a configuration, and the drift both ways
from a scan saved in the history (a scan of listeners this test opens)."""

from portwindow.cli.commands import EXIT_AUDIT_FAILED, EXIT_OK, EXIT_USAGE, main
from portwindow.engine.audit.expected import load_rules
from tests.support.listeners import free_ports, listeners


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_drift_both_ways_from_a_compose_file(capsys, tmp_path):
    history = str(tmp_path / "history.sqlite3")
    (unlisted,) = free_ports(1)
    with listeners(2) as (published, stray):
        compose = tmp_path / "docker-compose.yml"
        compose.write_text(
            f'services:\n  web:\n    ports:\n      - "{published}:80"\n      - "{unlisted}:81"\n'
        )
        ports = f"{published},{stray},{unlisted}"
        argv = ["scan", "127.0.0.1", "-p", ports, "--no-banners", "--history", history]
        assert run(capsys, *argv)[0] == EXIT_OK
    doors = tmp_path / "doors.toml"
    code, out, _ = run(
        capsys, "baseline", str(compose), "--target", "127.0.0.1", "--write", str(doors),
        "--against", "last", "--history", history,
    )  # fmt: skip
    assert code == EXIT_AUDIT_FAILED
    assert f"compose opens on 127.0.0.1: {min(published, unlisted)}/tcp" in out
    assert f"Open but not in the configuration: 1\n  127.0.0.1  {stray}/tcp  open" in out
    assert f"In the configuration but not open: 1\n  127.0.0.1  {unlisted}/tcp  closed" in out
    rules = load_rules(doors).as_dict()
    assert {port for _, port in rules["127.0.0.1"]} == {published, unlisted}


def test_a_bad_configuration_is_one_line(capsys, tmp_path):
    compose = tmp_path / "docker-compose.yml"
    compose.write_text('services:\n  web:\n    ports:\n      - "99999:80"\n')
    code, _, err = run(capsys, "baseline", str(compose), "--target", "127.0.0.1")
    assert code == EXIT_USAGE
    assert "line 4" in err
    assert "99999" in err
    assert err.count("\n") == 1
