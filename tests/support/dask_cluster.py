"""A real Dask cluster for the cluster tests: ``dask scheduler`` and ``dask worker``
processes (the venv's own), started as subprocesses that live at most ``LIFETIME``
seconds (``timeout``) and are always killed when the test ends.

Every process listens on an address the test names (127.0.1.x by default: outside the
127.0.0.0/24 the tests scan, so the cluster's own ports are never among the doors), its
HTTP routes too (a scheduler serves them on every address's port 8787 otherwise, and a
worker on a random port of every address, even with ``--no-dashboard``).
A worker may be started inside another network namespace (``netns_pid``: it runs
under ``nsenter -t PID -n``), with resources (``vantage-lan=1``).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

BIN = Path(sys.executable).parent
LIFETIME = 300  # seconds any cluster process lives at most
START_TIMEOUT = 60.0  # seconds for the scheduler and the workers to be there


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class DaskCluster:
    """A scheduler and its workers (see the module docstring)."""

    def __init__(self, host: str = "127.0.1.1", log_dir: Path | None = None) -> None:
        self.host = host
        self.port = free_port(host)
        self.address = f"tcp://{host}:{self.port}"
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []
        self.workers: dict[str, subprocess.Popen] = {}

    def _start(self, name: str, argv: list[str], prefix: list[str] = ()) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb") if self.log_dir else subprocess.DEVNULL  # noqa: SIM115
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        process = subprocess.Popen(
            [*prefix, "timeout", "-s", "KILL", str(LIFETIME), *argv],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        if log is not subprocess.DEVNULL:
            log.close()
        self.processes.append(process)
        return process

    def start_scheduler(self) -> None:
        self._start(
            "scheduler",
            [
                str(BIN / "dask"),
                "scheduler",
                "--host",
                self.host,
                "--port",
                str(self.port),
                "--dashboard-address",
                f"{self.host}:0",
            ],
        )

    def start_worker(
        self,
        name: str,
        *,
        host: str = "127.0.1.2",
        resources: Mapping[str, int] | None = None,
        netns_pid: int | None = None,
    ) -> None:
        argv = [
            str(BIN / "dask"),
            "worker",
            self.address,
            "--name",
            name,
            "--nthreads",
            "1",
            "--no-nanny",
            "--dashboard-address",
            f"{host}:0",
            "--host",
            host,
            "--death-timeout",
            "30",
        ]
        if resources:
            argv += ["--resources", " ".join(f"{k}={v}" for k, v in resources.items())]
        prefix = ["nsenter", "-t", str(netns_pid), "-n"] if netns_pid else []
        self.workers[name] = self._start(f"worker-{name}", argv, prefix)

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=START_TIMEOUT, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=START_TIMEOUT)

    def worker_pid(self, name: str) -> int:
        """The worker's own process (``timeout`` runs it as its child)."""
        parent = self.workers[name].pid
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
            if children:
                return int(children[0])
            time.sleep(0.05)
        raise RuntimeError(f"worker {name} has no process")

    def kill_worker(self, name: str) -> None:
        os.killpg(self.workers[name].pid, signal.SIGKILL)

    def stop(self) -> None:
        for process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        for process in self.processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(10)


@contextlib.contextmanager
def dask_cluster(workers: int = 2, log_dir: Path | None = None) -> Iterator[DaskCluster]:
    """A scheduler and ``workers`` plain workers on loopback, killed at the end."""
    cluster = DaskCluster(log_dir=log_dir)
    try:
        cluster.start_scheduler()
        for number in range(workers):
            cluster.start_worker(f"w{number}", host=f"127.0.1.{2 + number}")
        cluster.wait_for_workers(workers)
        yield cluster
    finally:
        cluster.stop()
