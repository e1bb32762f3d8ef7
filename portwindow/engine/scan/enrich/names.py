"""Reverse DNS: the name each address gives itself (its PTR record), within a time budget.

A resolver that does not answer makes ``getnameinfo`` wait seconds per address, so the
lookups run on a few daemon threads (a thread stuck in the resolver never holds up the
end of a scan or of the program) and the caller takes what has come back when its
budget is spent. Answers, and "no name", are remembered for the life of the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import socket
import threading
import time
from collections.abc import Iterable

DEFAULT_NAME_BUDGET = 1.5  # seconds for every lookup of one scan
_THREADS = 8
_NO_NAME = ""

_cache: dict[str, str] = {}
_lock = threading.Lock()
_requests: queue.SimpleQueue = queue.SimpleQueue()
_workers: list[threading.Thread] = []


def _lookup(address: str) -> str:
    try:
        name, _port = socket.getnameinfo((address, 0), socket.NI_NAMEREQD)
    except (OSError, UnicodeError):
        return _NO_NAME
    if name == address:
        return _NO_NAME
    return name[:253]


def _work() -> None:
    while True:
        address, loop, future = _requests.get()
        name = _lookup(address)
        with _lock:
            _cache[address] = name
        if not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(_settle, future, name)


def _settle(future: asyncio.Future, name: str) -> None:
    if not future.done():
        future.set_result(name)


def _ensure_workers() -> None:
    with _lock:
        while len(_workers) < _THREADS:
            thread = threading.Thread(target=_work, name="portwindow-ptr", daemon=True)
            thread.start()
            _workers.append(thread)


async def reverse_names(
    addresses: Iterable[str], budget: float = DEFAULT_NAME_BUDGET
) -> dict[str, str]:
    """The PTR names of ``addresses`` that came back within ``budget`` seconds (an
    address with no name, or whose answer is late, is left out)."""
    loop = asyncio.get_running_loop()
    names: dict[str, str] = {}
    waiting: dict[str, asyncio.Future] = {}
    for address in dict.fromkeys(addresses):
        with _lock:
            known = _cache.get(address)
        if known is not None:
            if known:
                names[address] = known
            continue
        future = loop.create_future()
        waiting[address] = future
        _requests.put((address, loop, future))
    if waiting:
        _ensure_workers()
        deadline = time.monotonic() + budget
        pending = set(waiting.values())
        while pending:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            _done, pending = await asyncio.wait(pending, timeout=left)
        for address, future in waiting.items():
            if future.done() and future.result():
                names[address] = future.result()
            elif not future.done():
                future.cancel()
    return names


def forget_names() -> None:
    """Empty the cache (tests, and the window's "look again")."""
    with _lock:
        _cache.clear()
