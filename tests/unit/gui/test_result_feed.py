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
