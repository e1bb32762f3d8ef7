"""Real servers on loopback for the banner tests and benchmarks: Debian's sshd, nginx
(HTTP and HTTPS), a Python TLS server, and scripted TCP servers (silent, greeting,
hostile, slow).

Every helper is a context manager that starts its server on 127.0.0.1 (a free high port
unless told), waits until it accepts connections, and on exit stops it and closes every
socket it opened. Helpers for installed programs raise :class:`ServerUnavailable` (the
tests skip with its reason) when the program is missing. Every wait is bounded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.support.listeners import free_ports

LOOPBACK = "127.0.0.1"
START_TIMEOUT = 10.0  # seconds for a server to start listening
HOLD = 10.0  # longest a scripted server keeps a connection open


class ServerUnavailable(Exception):
    """A server cannot run here (its program is not installed); the message says why."""


Script = Callable[[socket.socket, threading.Event], None]


@contextlib.contextmanager
def scripted_server(script: Script, *, port: int = 0, host: str = LOOPBACK) -> Iterator[int]:
    """A TCP server on ``host`` (127.0.0.1 or ::1) running ``script(conn, stop)`` for every
    connection, each in a thread of its own; yields the port. ``stop`` is set when the
    server stops."""
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    stop = threading.Event()
    workers: list[threading.Thread] = []
    conns: list[socket.socket] = []
    lock = threading.Lock()

    def handle(conn: socket.socket) -> None:
        try:
            conn.settimeout(HOLD)
            script(conn, stop)
        except OSError:
            pass  # the client went away: that is its right
        finally:
            conn.close()

    def accept() -> None:
        deadline = time.monotonic() + 600
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with lock:
                if stop.is_set():
                    conn.close()
                    return
                conns.append(conn)
                worker = threading.Thread(target=handle, args=(conn,), daemon=True)
                workers.append(worker)
            worker.start()

    try:
        listener.bind((host, port))
        listener.listen(64)
        listener.settimeout(0.05)
        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        try:
            yield listener.getsockname()[1]
        finally:
            stop.set()
            acceptor.join(5)
    finally:
        listener.close()
    with lock:
        started = list(workers)
    for worker in started:
        worker.join(HOLD + 1)
    with lock:
        for conn in conns:
            conn.close()


def silent(conn: socket.socket, stop: threading.Event) -> None:
    """Accept, read and ignore what comes, say nothing; hang up when the client does."""
    conn.settimeout(0.05)
    deadline = time.monotonic() + HOLD
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            if not conn.recv(4096):
                return
        except TimeoutError:
            continue


def greeting(data: bytes, *, delay: float = 0.0) -> Script:
    """Send ``data`` (after ``delay`` seconds), then keep the connection open, as sshd does."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        if delay and stop.wait(delay):
            return
        conn.sendall(data)
        silent(conn, stop)

    return script


def closing(conn: socket.socket, stop: threading.Event) -> None:
    """Accept and hang up at once."""


def http_responder(response: bytes, requests: list[bytes] | None = None) -> Script:
    """Read a request (up to its blank line), record it, answer ``response``, close."""

    def script(conn: socket.socket, stop: threading.Event) -> None:
        request = b""
        while b"\r\n\r\n" not in request and len(request) < 8192:
            chunk = conn.recv(4096)
            if not chunk:
                break
            request += chunk
        if requests is not None:
            requests.append(request)
        conn.sendall(response)

    return script


def tls_script(cert: Path, key: Path, inner: Script = silent) -> Script:
    """Complete a TLS handshake (as a server, with ``cert``), then run ``inner`` over TLS."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def script(conn: socket.socket, stop: threading.Event) -> None:
        try:
            tls = context.wrap_socket(conn, server_side=True)
        except ssl.SSLError:
            return  # not a TLS client (the plain HTTP probe): hang up
        with tls:
            inner(tls, stop)

    return script


# --- Installed programs --------------------------------------------------------------------


def _program(name: str, package: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin:/sbin:/bin")
    if path is None:
        raise ServerUnavailable(f"{name} is not installed (Debian package {package})")
    return os.path.abspath(path)


def _wait_listening(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited ({process.returncode}): {_tail(log)}")
        with socket.socket() as probe:
            probe.settimeout(0.5)
            if probe.connect_ex((LOOPBACK, port)) == 0:
                return
        time.sleep(0.02)
    raise RuntimeError(f"{process.args[0]} did not listen on {port}: {_tail(log)}")


def _tail(log: Path) -> str:
    with contextlib.suppress(OSError):
        return log.read_text(errors="replace")[-2000:].strip()
    return ""


@contextlib.contextmanager
def _process(argv: list[str], log: Path, ports: list[int]) -> Iterator[None]:
    with open(log, "wb") as output:
        process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        for port in ports:
            _wait_listening(port, process, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def make_certificate(
    directory: Path,
    subject: str = "/CN=portwindow-test/O=Portwindow Lab",
    days: int = 30,
    name: str = "cert",
) -> tuple[Path, Path]:
    """A self-signed certificate and its key, made with openssl; returns (cert, key)."""
    openssl = _program("openssl", "openssl")
    cert, key = directory / f"{name}.pem", directory / f"{name}.key"
    argv = [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-utf8", "-days", str(days)]
    argv += ["-keyout", str(key), "-out", str(cert), "-subj", subject]
    subprocess.run(
        argv,
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


@contextlib.contextmanager
def sshd(directory: Path, port: int | None = None) -> Iterator[int]:
    """Debian's OpenSSH server on 127.0.0.1 (no way to log in); yields its port."""
    binary = _program("sshd", "openssh-server")
    keygen = _program("ssh-keygen", "openssh-client")
    try:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # its privilege separation dir
    except OSError as error:
        raise ServerUnavailable(f"sshd needs /run/sshd, which cannot be made: {error}") from None
    key = directory / "ssh_host_ed25519_key"
    if not key.exists():
        subprocess.run(
            [keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
            check=True,
            capture_output=True,
            timeout=30,
        )
    config = directory / "sshd_config"
    config.write_text(
        f"ListenAddress {LOOPBACK}\n"
        f"PidFile {directory / 'sshd.pid'}\n"
        "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PubkeyAuthentication no\nAuthorizedKeysFile none\nPermitRootLogin no\n"
        "StrictModes no\nMaxStartups 100\nLogLevel ERROR\n"
    )
    port = port or free_ports(1)[0]
    argv = [binary, "-D", "-e", "-f", str(config), "-p", str(port), "-h", str(key)]
    with _process(argv, directory / f"sshd-{port}.log", [port]):
        yield port


@functools.cache
def _nginx_modules_left_out(binary: str) -> frozenset[str]:
    built = subprocess.run([binary, "-V"], capture_output=True, text=True, timeout=30).stderr
    return frozenset(
        word.removeprefix("--without-http_").removesuffix("_module")
        for word in built.split()
        if word.startswith("--without-http_")
    )


@contextlib.contextmanager
def nginx(directory: Path, cert: Path, key: Path) -> Iterator[tuple[int, int]]:
    """nginx serving HTTP and HTTPS (with ``cert``) on 127.0.0.1; yields (http, https) ports."""
    binary = _program("nginx", "nginx-light")
    http_port, https_port = free_ports(2)
    temp = [f"client_body_temp_path {directory}/client_body;"]
    for module in ("proxy", "fastcgi", "uwsgi", "scgi"):
        if module not in _nginx_modules_left_out(binary):
            temp.append(f"{module}_temp_path {directory}/{module};")
    user = "user root;\n" if os.geteuid() == 0 else ""
    body = 'return 200 "portwindow test\\n";'
    config = directory / "nginx.conf"
    config.write_text(
        f"{user}worker_processes 1;\npid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "    access_log off;\n    default_type text/plain;\n"
        f"    {' '.join(temp)}\n"
        f"    server {{ listen {LOOPBACK}:{http_port}; location / {{ {body} }} }}\n"
        f"    server {{ listen {LOOPBACK}:{https_port} ssl;\n"
        f"        ssl_certificate {cert}; ssl_certificate_key {key};\n"
        f"        location / {{ {body} }} }}\n"
        "}\n"
    )
    argv = [binary, "-p", str(directory), "-e", str(directory / "error.log")]
    argv += ["-c", str(config), "-g", "daemon off;"]
    with _process(argv, directory / "nginx.out", [http_port, https_port]):
        yield http_port, https_port


def first_line(port: int, timeout: float = 5.0) -> bytes:
    """The first line a server on 127.0.0.1 sends, read with a plain blocking socket."""
    with socket.create_connection((LOOPBACK, port), timeout=timeout) as conn:
        data = b""
        deadline = time.monotonic() + timeout
        while b"\n" not in data and len(data) < 4096 and time.monotonic() < deadline:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.split(b"\n", 1)[0].rstrip(b"\r")
