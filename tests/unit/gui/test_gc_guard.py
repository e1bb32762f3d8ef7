import gc
import weakref

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


def garbage_in_the_oldest_generation():
    """A cycle that only a walk of the oldest generation can find; a weak reference to
    it says whether it was collected."""
    cycle = Cycle()
    gc.collect(1)
    gc.collect(1)  # survived twice: in the oldest generation now
    alive = weakref.ref(cycle)
    del cycle
    gc.collect(0)  # a young collection is due again, as the guard sees it
    return alive


def test_the_oldest_generation_is_walked_only_once_it_grew_by_a_quarter(qtbot):
    guard = MainThreadGarbageCollector(interval_ms=10_000)  # checked by hand here
    guard.start()
    try:
        guard.check()  # the first look: what is there is frozen, never walked again
        assert gc.get_freeze_count() > 1000
        guard._thresholds = (0, 0, 0)  # every collection due as soon as it can be
        alive = garbage_in_the_oldest_generation()
        guard._oldest_at_last_walk = 10 * len(gc.get_objects(2)) + 1000  # grown by little
        guard.check()
        assert alive() is not None  # a young collection, not a walk of everything
        guard._oldest_at_last_walk = 0  # grown by far more than a quarter
        gc.collect(0)  # a collection due again
        guard.check()
        assert alive() is None
    finally:
        guard.stop()
    assert gc.get_freeze_count() == 0
