import asyncio

from portwindow.gui.result_feed import DeferredSink


def test_active_sink_delivers_each_batch_at_once():
    got = []
    sink = DeferredSink(got.append)
    sink.push([1, 2])
    sink.push([3])
    assert got == [[1, 2], [3]]


def test_hidden_sink_collects_until_shown_or_flushed():
    got = []
    sink = DeferredSink(got.append)
    sink.set_active(False)
    sink.push([1, 2])
    sink.push([3])
    assert got == []
    assert sink.pending == 3
    sink.set_active(True)
    assert got == [[1, 2, 3]]
    sink.set_active(False)
    sink.push([4])
    sink.flush()
    assert got == [[1, 2, 3], [4]]
    sink.push([5])
    sink.discard()
    sink.set_active(True)
    assert got == [[1, 2, 3], [4]]


def test_a_backlog_drains_in_slices_and_keeps_what_arrives_meanwhile_in_order():
    got = []
    sink = DeferredSink(got.append)
    sink.set_active(False)
    sink.push(list(range(10)))

    async def main():
        draining = asyncio.ensure_future(sink.drain(pause=0.001, size=4))
        await asyncio.sleep(0)
        assert got == [[0, 1, 2, 3]]  # one slice, then a pause
        sink.push([10, 11])  # a batch arriving meanwhile waits its turn
        waiter = asyncio.ensure_future(sink.drain(pause=0.001))  # a second drain waits
        await asyncio.wait_for(asyncio.gather(draining, waiter), 5)

    asyncio.run(main())
    assert got == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    assert sink.pending == 0
    sink.set_active(True)
    sink.push([12])
    assert got[-1] == [12]  # delivered at once again


def test_held_results_wait_for_a_flush_even_while_active():
    got = []
    sink = DeferredSink(got.append)
    sink.hold([1, 2])
    assert got == []
    assert sink.pending == 2
    sink.flush()
    assert got == [[1, 2]]
