"""Who is behind a door of this machine: listeners this test starts are found with its
own pid and process name, their reach said by the address they listen on, and a user
who may not see a process is told so."""

import json
import os
import shutil
import socket
import subprocess
import sys

import psutil
import pytest

from portwindow.engine.core.model import Protocol
from portwindow.engine.scan.enrich.listeners import (
    NOT_VISIBLE,
    Listener,
    ListenerTable,
    is_this_machine,
    unit_and_container,
)


def _listening(address: str) -> socket.socket:
    sock = socket.create_server((address, 0))
    return sock


def test_a_listener_of_this_process_is_found_with_its_pid_and_name():
    me = psutil.Process()
    with _listening("127.0.0.1") as loopback, _listening("0.0.0.0") as everywhere:
        table = ListenerTable.snapshot()
        near = table.behind("127.0.0.1", Protocol.TCP, loopback.getsockname()[1])
        far = table.behind("127.0.0.1", Protocol.TCP, everywhere.getsockname()[1])
    assert near is not None
    assert far is not None
    assert (near.pid, near.process, near.listen_address) == (os.getpid(), me.name(), "127.0.0.1")
    assert near.reach == "listens on 127.0.0.1 only: reachable from this machine only"
    assert far.listen_address == "0.0.0.0"
    assert far.reach.endswith("reachable from every network this machine is on")
    assert near.owner.startswith(f"{me.name()} (pid {os.getpid()}, {me.username()})")
    assert near.command is not None
    assert "pytest" in near.command or sys.executable in near.command


def test_a_bound_udp_socket_is_a_udp_listener():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        found = ListenerTable.snapshot().behind("127.0.0.1", Protocol.UDP, port)
    assert found is not None
    assert found.pid == os.getpid()
    assert ListenerTable.snapshot().behind("127.0.0.1", Protocol.UDP, port) is None


def test_the_socket_bound_to_the_address_wins_over_a_wildcard():
    table = ListenerTable(
        [
            Listener(Protocol.TCP, 80, "0.0.0.0", 1, "any"),
            Listener(Protocol.TCP, 80, "198.51.100.5", 2, "exact"),
            Listener(Protocol.TCP, 443, "::", 3, "dual"),
        ]
    )
    assert table.behind("198.51.100.5", Protocol.TCP, 80).process == "exact"
    assert table.behind("198.51.100.6", Protocol.TCP, 80).process == "any"
    assert table.behind("198.51.100.6", Protocol.TCP, 443).process == "dual"  # :: takes IPv4
    assert table.behind("198.51.100.6", Protocol.UDP, 80) is None


def test_a_process_not_visible_says_so():
    listener = Listener(Protocol.TCP, 22, "0.0.0.0")
    assert listener.owner == NOT_VISIBLE


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to drop to nobody"
)
def test_another_users_listener_is_not_visible_to_an_unprivileged_user():
    code = (
        "import json, sys; from portwindow.engine.core.model import Protocol; "
        "from portwindow.engine.scan.enrich.listeners import ListenerTable; "
        "found = ListenerTable.snapshot().behind('127.0.0.1', Protocol.TCP, int(sys.argv[1])); "
        "print(json.dumps(None if found is None else [found.pid, found.owner]))"
    )
    with _listening("127.0.0.1") as sock:
        done = subprocess.run(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
             sys.executable, "-c", code, str(sock.getsockname()[1])],
            capture_output=True, text=True, timeout=60, check=False,
            env={**os.environ, "PYTHONPATH": os.getcwd()},
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [None, NOT_VISIBLE]


def test_units_and_containers_from_cgroups():
    assert unit_and_container(["0::/system.slice/ssh.service"]) == ("ssh.service", None)
    assert unit_and_container(
        ["0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-foo.scope"]
    ) == ("app-foo.scope", None)
    docker = "0::/system.slice/docker-" + "ab12" * 16 + ".scope"
    assert unit_and_container([docker]) == (None, "ab12" * 16)
    assert unit_and_container(["12:pids:/docker/" + "cd34" * 16]) == (None, "cd34" * 16)
    assert unit_and_container(["0::/"]) == (None, None)


def test_this_machine():
    assert is_this_machine("127.0.0.1")
    assert is_this_machine("::1")
    assert is_this_machine("127.9.9.9")
    assert not is_this_machine("198.51.100.7", own=())
    assert is_this_machine("198.51.100.7", own=("198.51.100.7",))
    assert not is_this_machine("not an address")
