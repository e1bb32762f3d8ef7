from dataclasses import dataclass

from portwindow.engine.scan.probes.deadlines import DeadlineHeap


@dataclass(eq=False)
class Probe:
    name: str
    done: bool = False


def test_due_probes_come_out_earliest_first_and_finished_ones_drop_out():
    heap = DeadlineHeap()
    a, b, c, d = Probe("a"), Probe("b"), Probe("c"), Probe("d")
    heap.push(3.0, c)
    heap.push(1.0, a)
    heap.push(2.0, b)
    heap.push(2.0, d)  # same deadline: taken in the order pushed, never compared
    assert heap.next_deadline() == 1.0
    a.done = True
    assert heap.next_deadline() == 2.0
    assert [p.name for p in heap.pop_due(2.5)] == ["b", "d"]
    assert heap.next_deadline() == 3.0
    assert list(heap.pop_due(2.9)) == []
    heap.clear()
    assert heap.next_deadline() is None
