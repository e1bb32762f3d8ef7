"""Banner grabbing: what an open TCP port says, read while the scan goes on.

``scheduler.py`` builds a :class:`BannerGrabber` when ``ScanConfig.grab_banners`` is set,
submits every open TCP result to it, awaits :meth:`BannerGrabber.drain` after the last
probe and calls :meth:`BannerGrabber.close` at the end (or on cancel). The grabber
publishes each port's result again with ``banner`` filled; ``identify.py`` reads
banners, ``reports.py`` writes them.

For each port (at most ``concurrency`` ports at a time) the grabber connects and waits
up to ``timeout`` for a greeting (SSH, FTP, SMTP, POP3, IMAP, MySQL ... speak first).
A port that stays silent gets two probes at once, each on a fresh connection: an HTTP
``HEAD /`` and a TLS handshake (certificate not verified), followed over TLS by the same
``HEAD /``. Every step (connect, greeting, handshake, send, reply) is bounded by
``timeout``, so one port takes at most 7 x ``timeout``; at most :data:`MAX_READ` bytes
are read per connection. Sockets are plain non-blocking sockets watched with the loop's
reader/writer callbacks and closed synchronously, so ``close()`` leaves nothing open even
if the loop stops right after it.

The banner (``PortResult.banner``) is one of:

* a greeting, as received: UTF-8, bytes that are not UTF-8 shown as ``\\xNN``, CRLF
  turned into ``\\n``, surrounding white space stripped, e.g.
  ``SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`` or ``220 mail.example.org ESMTP Postfix``.
  A MySQL greeting (binary) reads ``MySQL 8.0.35`` (its version string), a MySQL error
  packet ``MySQL error 1130: Host ... is not allowed ...``;
* an answer to ``HEAD /``: ``HTTP/1.1 200 OK; Server: nginx/1.22.1`` (the status line,
  and the Server header when there is one), or the answer as for a greeting when it is
  not HTTP;
* for TLS: ``TLS: subject CN=..., O=...; issuer CN=..., O=...; expires 2027-01-01;
  TLSv1.3`` (``expired`` for a date past; "|" in certificate names is shown as "¦"),
  then `` | `` and what came over TLS, rendered as above (``HTTP/1.1 200 OK; Server:
  nginx/1.22.1``, or an IMAPS greeting ...), when something came;
* ``""`` when nothing came (such a result is not published again).

A banner is at most :data:`MAX_BANNER` characters (a cut one ends with "…"). It is text a
remote program chose: it may hold any character, control characters and bidi overrides
included, and is never interpreted here. Show it through ``reports.printable``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import errno
import functools
import ipaddress
import re
import socket
import ssl
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from portwindow import __version__
from portwindow.engine.core.model import PortResult, PortState, Protocol
from portwindow.engine.scan.config import (
    DEFAULT_BANNER_CONCURRENCY,
    DEFAULT_BANNER_TIMEOUT,
)
from portwindow.engine.scan.enrich.certificates import MAX_FIELD, Certificate, parse_certificate

__all__ = [
    "MAX_BANNER",
    "MAX_READ",
    "BannerGrabber",
    "Certificate",
    "grab_banner",
    "parse_certificate",
    "render_greeting",
    "render_reply",
    "render_tls",
]

MAX_READ = 4096
MAX_BANNER = 1024
# After the first bytes of a greeting, how long a pause means the server has finished.
_SETTLE = 0.05
# Readiness waits per operation: each ends with data, a timeout or an error, so this only
# bounds a peer that trickles a TLS record a byte at a time.
_MAX_WAITS = 256
_MAX_READS = 256
_IN_PROGRESS = {errno.EINPROGRESS, errno.EAGAIN, errno.EWOULDBLOCK, errno.EALREADY}
_HOST_NAME = re.compile(r"(?=.{1,253}\Z)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_CONTINUATION = re.compile(rb"\d{3}-")


# --- Rendering ---------------------------------------------------------------------------


def _bounded(text: str, limit: int = MAX_BANNER) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


def render_greeting(data: bytes) -> str:
    """A greeting (or any answer that is not HTTP) as banner text; see the module doc."""
    mysql = _mysql_greeting(data)
    if mysql is not None:
        return _bounded(mysql)
    text = _text(data[:MAX_READ]).replace("\r\n", "\n").strip()
    return _bounded(text)


def render_reply(data: bytes) -> str:
    """An answer to ``HEAD /``: status line and Server header, or as a greeting."""
    if not data.startswith(b"HTTP/"):
        return render_greeting(data)
    head = data[:MAX_READ].split(b"\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    lines = [line.rstrip(b"\r") for line in head.split(b"\n", 100)[:100]]
    parts = [_bounded(_text(lines[0]).strip(), MAX_FIELD)]
    for line in lines[1:]:
        name, colon, value = line.partition(b":")
        if colon and name.strip().lower() == b"server":
            parts.append("Server: " + _bounded(_text(value).strip(), MAX_FIELD))
            break
    return _bounded("; ".join(parts))


def _mysql_greeting(data: bytes) -> str | None:
    """MySQL's handshake packet (protocol 9 or 10) or error packet, readably; else None."""
    if len(data) < 6 or data[3] != 0:
        return None
    length = int.from_bytes(data[:3], "little")
    if not 2 <= length <= 1024:
        return None
    payload = data[4 : 4 + length]
    if payload[0] in (9, 10):
        end = payload.find(b"\0", 1)
        version = payload[1:end]
        if end < 2 or end > 65 or not all(0x21 <= byte <= 0x7E for byte in version):
            return None
        return f"MySQL {version.decode('ascii')}"
    if payload[0] == 0xFF and len(payload) >= 3:
        code = int.from_bytes(payload[1:3], "little")
        message = payload[3:]
        if message.startswith(b"#"):
            message = message[6:]  # "#" and a five-character SQLSTATE
        if 1000 <= code <= 9999:
            return f"MySQL error {code}: {_text(message).strip()}"
    return None


def _mysql_complete(data: bytes) -> bool:
    if len(data) < 5 or data[3] != 0 or data[4] not in (9, 10, 0xFF):
        return False
    return len(data) >= 4 + int.from_bytes(data[:3], "little")


def _greeting_complete(data: bytes) -> bool:
    """Whether a greeting looks whole: a MySQL packet, or lines ending with a last line
    that does not continue (FTP and SMTP continue with ``220-``)."""
    if _mysql_complete(data):
        return True
    if not data.endswith(b"\n"):
        return False
    last = data.rstrip(b"\r\n").rsplit(b"\n", 1)[-1]
    return _CONTINUATION.match(last) is None


def _reply_complete(data: bytes) -> bool:
    if data.startswith(b"HTTP/"):
        return b"\r\n\r\n" in data or b"\n\n" in data
    return _greeting_complete(data)


def _show_name(cn: str, o: str) -> str:
    parts = [f"{key}={value}" for key, value in (("CN", cn), ("O", o)) if value]
    return ", ".join(parts).replace("|", "¦") if parts else "(empty)"


def render_tls(der: bytes | None, version: str | None, reply: bytes, *, now: datetime) -> str:
    """The TLS banner: certificate, protocol version, and what came over TLS."""
    cert = parse_certificate(der) if der else None
    if cert is not None:
        parts = [
            "subject " + _show_name(cert.subject_cn, cert.subject_o),
            "issuer " + _show_name(cert.issuer_cn, cert.issuer_o),
        ]
        if cert.not_after is not None:
            verb = "expired" if cert.not_after < now else "expires"
            parts.append(f"{verb} {cert.not_after:%Y-%m-%d}")
    else:
        parts = ["certificate not readable" if der else "no certificate"]
    if version:
        parts.append(version)
    banner = "TLS: " + "; ".join(parts)
    if reply:
        banner += " | " + render_reply(reply)
    return _bounded(banner)


# --- Connections -------------------------------------------------------------------------


def _settle(waiter: asyncio.Future, value: bool) -> None:
    if not waiter.done():
        waiter.set_result(value)


# what a non-blocking send raises while it must wait (a TLS renegotiation: to read)
_SEND_WAITS = (BlockingIOError, InterruptedError, ssl.SSLWantWriteError, ssl.SSLWantReadError)


class _Channel:
    """One non-blocking TCP connection watched with the loop's reader/writer callbacks.

    ``close()`` is synchronous: it unregisters the descriptor and closes the socket at once.
    """

    __slots__ = ("_loop", "_open", "_sock")

    def __init__(self, loop: asyncio.AbstractEventLoop, family: int, open_channels: set) -> None:
        self._loop = loop
        self._open = open_channels
        self._sock: socket.socket | None = socket.socket(family, socket.SOCK_STREAM)
        self._sock.setblocking(False)
        open_channels.add(self)

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is None:
            return
        self._open.discard(self)
        fd = sock.fileno()
        if fd >= 0:
            self._loop.remove_reader(fd)
            self._loop.remove_writer(fd)
        sock.close()

    def _socket(self) -> socket.socket:
        if self._sock is None:
            raise ConnectionAbortedError(errno.ECONNABORTED, "closed")
        return self._sock

    async def _ready(self, writable: bool, until: float) -> bool:
        """Wait until the socket can be read (or written); False if ``until`` came first."""
        sock = self._socket()
        loop = self._loop
        fd = sock.fileno()
        waiter = loop.create_future()
        if writable:
            loop.add_writer(fd, _settle, waiter, True)
        else:
            loop.add_reader(fd, _settle, waiter, True)
        timer = loop.call_at(until, _settle, waiter, False)
        try:
            return await waiter
        finally:
            timer.cancel()
            if self._sock is sock:
                if writable:
                    loop.remove_writer(fd)
                else:
                    loop.remove_reader(fd)

    async def connect(self, address: tuple[str, int], until: float) -> None:
        sock = self._socket()
        error = sock.connect_ex(address)
        if error in _IN_PROGRESS:
            if not await self._ready(True, until):
                raise TimeoutError("connect timed out")
            error = self._socket().getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise OSError(error, f"connect: {errno.errorcode.get(error, error)}")

    async def start_tls(self, context: ssl.SSLContext, server_name: str | None, until: float):
        sock = self._socket()
        tls = context.wrap_socket(sock, server_hostname=server_name, do_handshake_on_connect=False)
        self._sock = tls  # wrap_socket took the descriptor over
        for _ in range(_MAX_WAITS):
            try:
                tls.do_handshake()
                return tls
            except (ssl.SSLWantReadError, ssl.SSLWantWriteError) as wait:
                if not await self._ready(isinstance(wait, ssl.SSLWantWriteError), until):
                    break
        raise TimeoutError("TLS handshake timed out")

    async def send(self, data: bytes, until: float) -> None:
        for _ in range(_MAX_WAITS):
            if not data:
                return
            try:
                data = data[self._socket().send(data) :]
            except (
                BlockingIOError,
                InterruptedError,
                ssl.SSLWantWriteError,
                ssl.SSLWantReadError,
            ) as wait:
                if not await self._ready(not isinstance(wait, ssl.SSLWantReadError), until):
                    break
        raise TimeoutError("send timed out")

    async def recv(self, limit: int, until: float) -> bytes | None:
        """Up to ``limit`` bytes; b"" at the end of the stream; None if ``until`` came first."""
        for _ in range(_MAX_WAITS):
            try:
                return self._socket().recv(limit)
            except (BlockingIOError, InterruptedError, ssl.SSLWantReadError):
                writable = False
            except ssl.SSLWantWriteError:
                writable = True
            except OSError:  # a reset, or a TLS error after the handshake: the end
                return b""
            if not await self._ready(writable, until):
                return None
        return None


async def _collect(
    channel: _Channel, loop: asyncio.AbstractEventLoop, timeout: float, complete
) -> tuple[bytes, bool]:
    """Read what the peer sends: (bytes, whether it closed).

    Waits up to ``timeout`` for the first bytes; then reads on until ``complete(data)``,
    a pause of ``_SETTLE``, :data:`MAX_READ` bytes, the end, or ``timeout`` more.
    """
    data = bytearray()
    deadline = loop.time() + timeout
    for _ in range(_MAX_READS):
        until = deadline if not data else min(deadline, loop.time() + min(_SETTLE, timeout))
        chunk = await channel.recv(MAX_READ - len(data), until)
        if chunk is None:
            break
        if not chunk:
            return bytes(data), True
        if not data:
            deadline = loop.time() + timeout
        data += chunk
        if len(data) >= MAX_READ or complete(data):
            break
    return bytes(data), False


@functools.cache
def _tls_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    # A probe sends nothing secret, so old servers are welcome: they should be seen.
    with contextlib.suppress(ValueError, ssl.SSLError):
        context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    with contextlib.suppress(ssl.SSLError):
        context.set_ciphers("ALL:@SECLEVEL=0")
    with contextlib.suppress(NotImplementedError):
        context.set_alpn_protocols(["http/1.1"])
    return context


def _host_name(host: str) -> str | None:
    """``host`` if it is a DNS name (for Host and SNI), else None."""
    if ":" in host or _HOST_NAME.fullmatch(host) is None or host.replace(".", "").isdigit():
        return None
    return host


def _head_request(address: str, port: int, name: str | None) -> bytes:
    host = name or (f"[{address}]" if ":" in address else address)
    return (
        f"HEAD / HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: portwindow/{__version__}\r\n"
        "Accept: */*\r\nConnection: close\r\n\r\n"
    ).encode("ascii", "backslashreplace")


class _Session:
    """The sockets and tasks of the ports being read, so that ``close()`` ends them all."""

    def __init__(self, loop: asyncio.AbstractEventLoop, timeout: float) -> None:
        if not 0 < timeout <= 60:
            raise ValueError(f"banner timeout {timeout} s is out of range (0, 60]")
        self.loop = loop
        self.timeout = timeout
        self._channels: set[_Channel] = set()
        self._tasks: set[asyncio.Task] = set()

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for channel in list(self._channels):
            channel.close()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
        task = self.loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def _channel(self, address: str) -> _Channel:
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return _Channel(self.loop, family, self._channels)

    async def banner(self, address: str, port: int, host: str) -> str:
        """What ``address:port`` says (see the module doc for the text)."""
        loop, timeout = self.loop, self.timeout
        try:
            channel = self._channel(address)
        except OSError:  # out of descriptors: a banner is not worth waiting for
            return ""
        try:
            await channel.connect((address, port), loop.time() + timeout)
            greeting, ended = await _collect(channel, loop, timeout, _greeting_complete)
        except OSError:  # TimeoutError included
            return ""
        finally:
            channel.close()
        if greeting:
            return render_greeting(greeting)
        if ended:
            return ""
        name = _host_name(host)
        request = _head_request(address, port, name)
        http = self._spawn(self._guarded(self._http(address, port, request)))
        tls = self._spawn(self._guarded(self._tls(address, port, request, name)))
        try:
            await asyncio.wait((http, tls))
        finally:
            http.cancel()
            tls.cancel()
        if tls.result():
            return tls.result()
        return render_reply(http.result()) if http.result() else ""

    async def _guarded(self, probe: Awaitable[Any]) -> Any:
        """A probe's answer; None when the connection failed or timed out."""
        try:
            return await probe
        except OSError:
            return None

    async def _http(self, address: str, port: int, request: bytes) -> bytes:
        loop, timeout = self.loop, self.timeout
        channel = self._channel(address)
        try:
            await channel.connect((address, port), loop.time() + timeout)
            await channel.send(request, loop.time() + timeout)
            reply, _ = await _collect(channel, loop, timeout, _reply_complete)
            return reply
        finally:
            channel.close()

    async def _tls(self, address: str, port: int, request: bytes, name: str | None) -> str:
        loop, timeout = self.loop, self.timeout
        channel = self._channel(address)
        try:
            await channel.connect((address, port), loop.time() + timeout)
            tls = await channel.start_tls(_tls_context(), name, loop.time() + timeout)
            der, version = tls.getpeercert(binary_form=True), tls.version()
            try:
                await channel.send(request, loop.time() + timeout)
                reply, _ = await _collect(channel, loop, timeout, _reply_complete)
            except OSError:
                reply = b""
            return render_tls(der, version, reply, now=datetime.now(UTC))
        finally:
            channel.close()


async def grab_banner(
    address: str, port: int, *, timeout: float = DEFAULT_BANNER_TIMEOUT, host: str = ""
):
    """Read one port's banner (see the module doc); "" when it says nothing.

    ``address`` is an IP address (never looked up); ``host``, when it is a DNS name, is
    sent as the HTTP Host and the TLS server name.
    """
    try:
        ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        raise ValueError(f"{address!r} is not an IP address") from None
    session = _Session(asyncio.get_running_loop(), timeout)
    try:
        return await session.banner(address, port, host)
    finally:
        session.close()


class BannerGrabber:
    """Reads the banners of open ports concurrently with the scan (lanes/tcp.py's Enricher).

    ``submit`` queues an open TCP result (others are ignored); at most ``concurrency``
    ports are read at a time. ``publish`` gets the result again with ``banner`` set, for
    every port that said something. Runs on ``loop``, called from its thread.
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        publish: Callable[[PortResult], None],
        *,
        timeout: float = DEFAULT_BANNER_TIMEOUT,
        concurrency: int = DEFAULT_BANNER_CONCURRENCY,
    ) -> None:
        if concurrency < 1:
            raise ValueError(f"banner concurrency {concurrency} must be at least 1")
        self._session = _Session(loop, timeout)
        self._loop = loop
        self._publish = publish
        self._concurrency = concurrency
        self._waiting: deque[PortResult] = deque()
        self._running: set[asyncio.Task] = set()
        self._closed = False

    def submit(self, result: PortResult) -> None:
        if self._closed or result.protocol is not Protocol.TCP:
            return
        if result.state is PortState.OPEN:
            self._waiting.append(result)
            self._start()

    async def drain(self) -> None:
        """Wait until every submitted port has been read."""
        while self._running:  # each pass ends when a task does; every task is bounded
            await asyncio.wait(tuple(self._running))

    def close(self) -> None:
        """Stop at once: forget the queue, cancel the reads, close every socket."""
        self._closed = True
        self._waiting.clear()
        for task in list(self._running):
            task.cancel()
        self._session.close()

    def _start(self) -> None:
        while self._waiting and len(self._running) < self._concurrency:
            task = self._loop.create_task(self._read(self._waiting.popleft()))
            self._running.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._running.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            self._loop.call_exception_handler(
                {"message": "banner grabbing failed", "exception": error, "task": task}
            )
        if not self._closed:
            self._start()

    async def _read(self, result: PortResult) -> None:
        banner = await self._session.banner(result.address, result.port, result.host)
        if banner and not self._closed:
            self._publish(dataclasses.replace(result, banner=banner))
