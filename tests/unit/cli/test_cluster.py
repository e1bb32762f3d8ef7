"""portwindow scan --cluster's options: bad ones are one clear line (exit 2), and a
scheduler nobody answers at is one line too, before anything is scanned or saved."""

import pytest

from portwindow.cli.commands import main
from tests.support.listeners import free_ports


def run(capsys, *argv):
    code = main(["scan", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--cluster", "127.0.0.1:8786"], "is not of the form tcp://HOST:PORT"),
        (["--cluster", "tcp://127.0.0.1:99999"], "port 99999 is out of range"),
        (["--cluster", "tcp://127.0.0.1:8786", "--vantage", "lan,lan"], "named twice"),
        (["--vantage", "lan"], "--vantage needs --cluster"),
        (["--cluster-budget", "each"], "--cluster-budget needs --cluster"),
        (["--cluster", "tcp://127.0.0.1:8786", "--exposure", "e.csv"], "--exposure needs"),
        (["--cluster", "tcp://127.0.0.1:8786", "--shard", "1/2"], "do not go together"),
    ],
)
def test_bad_cluster_options_are_one_line(capsys, argv, message):
    code, _out, err = run(capsys, "127.0.0.1", "-p", "22", *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_scheduler_nobody_answers_at_is_one_line(capsys):
    pytest.importorskip("distributed")
    (port,) = free_ports(1)
    address = f"tcp://127.0.0.1:{port}"
    code, _out, err = run(
        capsys, "127.0.0.1", "-p", "22", "--cluster", address, "--cluster-timeout", "1"
    )
    assert code == 2
    assert f"cannot reach the cluster's scheduler at {address}" in err
    assert len(err.strip().splitlines()) == 1
