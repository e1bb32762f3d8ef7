import asyncio

from portwindow.gui.result_feed import Feed


class Backlog:
    """Stands in for the table's model: items 0, 1, 2, ... arrive in a log that the
    model reads from where it stopped; ``got`` lists what each sync took in."""

    def __init__(self) -> None:
        self.log: list[int] = []
        self.read = 0
        self.noted: list[object] = []
        self.got: list[list[int]] = []

    def add(self, *items: int) -> object:
        self.log.extend(items)
        return ("delta", items)

    @property
    def pending(self) -> int:
        return len(self.log) - self.read

    def note(self, delta) -> None:
        self.noted.append(delta)

    def sync(self, limit=None) -> int:
        stop = len(self.log) if limit is None else min(len(self.log), self.read + limit)
        if stop > self.read:
            self.got.append(self.log[self.read : stop])
        self.read = stop
        return self.pending


def test_an_active_feed_takes_each_batch_in_at_once():
    model = Backlog()
    feed = Feed(model)
    feed.update(model.add(1, 2))
    feed.update(model.add(3))
    assert model.got == [[1, 2], [3]]
    assert model.noted == [("delta", (1, 2)), ("delta", (3,))]


def test_a_hidden_feed_notes_until_shown_or_flushed():
    model = Backlog()
    feed = Feed(model)
    feed.set_active(False)
    feed.update(model.add(1, 2))
    feed.update(model.add(3))
    assert model.got == []
    assert len(model.noted) == 2
    assert feed.pending == 3
    feed.set_active(True)
    assert model.got == [[1, 2, 3]]
    feed.set_active(False)
    feed.update(model.add(4))
    feed.flush()
    assert model.got == [[1, 2, 3], [4]]


def test_a_backlog_drains_in_slices_and_keeps_what_arrives_meanwhile_in_order():
    model = Backlog()
    feed = Feed(model)
    feed.set_active(False)
    feed.update(model.add(*range(10)))
    feed.active = True

    async def main():
        draining = asyncio.ensure_future(feed.drain(pause=0.001, size=4))
        await asyncio.sleep(0)
        assert model.got == [[0, 1, 2, 3]]  # one slice, then a pause
        feed.update(model.add(10, 11))  # a batch arriving meanwhile waits its turn
        assert model.got == [[0, 1, 2, 3]]
        waiter = asyncio.ensure_future(feed.drain(pause=0.001))  # a second drain waits
        await asyncio.wait_for(asyncio.gather(draining, waiter), 5)

    asyncio.run(main())
    assert model.got == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    assert feed.pending == 0
    feed.update(model.add(12))
    assert model.got[-1] == [12]  # taken in at once again
