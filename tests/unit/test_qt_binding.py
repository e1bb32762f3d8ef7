"""Guards the PySide6 pin in pyproject.toml.

PySide6 6.12.0 on Python 3.11 loses a reference to ``True`` on every
``Signal.disconnect()``. qasync disconnects a notifier signal once per socket, so a busy
asyncio program on qasync's loop drives True's refcount to zero and the interpreter aborts
with "Fatal Python error: bool_dealloc". Both checks run in a child process, so an abort
fails the test instead of killing pytest.
"""

import os
import subprocess
import sys
import textwrap

DISCONNECTS = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QObject, Signal

    class Emitter(QObject):
        fired = Signal()

    def slot():
        pass

    app = QCoreApplication([])
    emitter = Emitter()
    before = sys.getrefcount(True)
    for _ in range(50_000):
        emitter.fired.connect(slot)
        emitter.fired.disconnect(slot)
    after = sys.getrefcount(True)
    print(before, after)
    """
)

QASYNC_SOCKETS = textwrap.dedent(
    """
    import asyncio
    from PySide6.QtCore import QCoreApplication
    import qasync

    async def handle(reader, writer):
        writer.close()

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        for _ in range(3000):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            await writer.wait_closed()
        server.close()
        await server.wait_closed()
        print("ok")

    app = QCoreApplication([])
    loop = qasync.QEventLoop(app)
    with loop:
        loop.run_until_complete(main())
    """
)


def run_child(code: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )


def test_signal_disconnect_keeps_the_reference_to_true():
    child = run_child(DISCONNECTS)
    assert child.returncode == 0, child.stderr
    before, after = map(int, child.stdout.split())
    if sys.version_info < (3, 12):
        # Booleans are not immortal before 3.12: a leak shows as a falling count.
        assert after >= before - 100, f"True lost {before - after} references"


def test_qasync_loop_survives_thousands_of_sockets():
    child = run_child(QASYNC_SOCKETS)
    assert child.returncode == 0, child.stderr
    assert child.stdout.strip() == "ok"
