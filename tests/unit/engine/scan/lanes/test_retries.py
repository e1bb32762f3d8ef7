"""A lane's retries: due ones in order, later ones by time, the canary first."""

from portwindow.engine.scan.lanes.retries import Retries


def test_due_retries_keep_their_order_and_the_front_one_goes_first():
    r = Retries()
    r.add(("h", 1, 1, 0))
    r.add(("h", 2, 1, 0))
    r.add_first(("h", 3, -1, 0))
    assert [item[1] for item in r.ready] == [3, 1, 2]
    assert len(r) == 3


def test_retries_due_later_wait_until_their_time_in_time_order():
    r = Retries()
    r.schedule(("h", 1, 1, 0), at=5.0, now=1.0)
    r.schedule(("h", 2, 1, 0), at=3.0, now=1.0)
    r.schedule(("h", 3, 1, 0), at=0.5, now=1.0)  # already due: ready at once
    assert [item[1] for item in r.ready] == [3]
    assert r.next_due(1.0) == 1.0 + 0.001  # a due one goes at the next look
    r.ready.clear()
    assert r.next_due(1.0) == 3.0
    r.release(2.9)
    assert not r.ready
    r.release(4.0)
    assert [item[1] for item in r.ready] == [2]
    r.release(5.0)
    assert [item[1] for item in r.ready] == [2, 1]
    assert not r.later
    assert sorted(item[1] for item in r.items()) == [1, 2]


def test_a_hold_delays_every_retry():
    r = Retries()
    r.hold = 2.0
    r.add(("h", 1, 0, 0))
    assert r.next_due(1.0) == 2.0
    assert Retries().next_due(1.0) is None
