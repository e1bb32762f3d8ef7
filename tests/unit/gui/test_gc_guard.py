import gc

from portwindow.gui.gc_guard import MainThreadGarbageCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_guard_disables_automatic_collection_and_collects_on_check(qtbot):
    guard = MainThreadGarbageCollector(interval_ms=10)
    guard.start()
    try:
        assert not gc.isenabled()
        threshold = gc.get_threshold()[0]
        for _ in range(threshold * 3):
            Cycle()
        assert gc.get_count()[0] > threshold  # nothing collected them automatically
        qtbot.waitUntil(lambda: gc.get_count()[0] < threshold, timeout=2000)
    finally:
        guard.stop()
