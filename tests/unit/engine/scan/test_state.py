"""The scan state machine: the moves it allows, and who hears of them."""

import pytest

from portwindow.engine.scan.state import TRANSITIONS, ScanState, ScanStateMachine


def test_it_starts_idle_and_tells_every_observer_of_each_move():
    machine = ScanStateMachine()
    seen, also = [], []
    machine.observe(lambda old, new: seen.append((old, new)))
    machine.observe(lambda old, new: also.append(new))
    assert machine.state is ScanState.IDLE
    for state in (ScanState.STARTING, ScanState.SCANNING, ScanState.STOPPING, ScanState.FINISHED):
        machine.move(state)
    assert seen == [
        (ScanState.IDLE, ScanState.STARTING),
        (ScanState.STARTING, ScanState.SCANNING),
        (ScanState.SCANNING, ScanState.STOPPING),
        (ScanState.STOPPING, ScanState.FINISHED),
    ]
    assert also == [new for _old, new in seen]


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        ([], ScanState.SCANNING),
        ([ScanState.STARTING], ScanState.IDLE),
        ([ScanState.STARTING, ScanState.FINISHED], ScanState.STARTING),
        ([ScanState.STARTING, ScanState.STOPPING], ScanState.SCANNING),
    ],
)
def test_a_move_the_table_does_not_allow_is_refused(path, bad):
    machine = ScanStateMachine()
    for state in path:
        machine.move(state)
    with pytest.raises(RuntimeError, match="cannot go from"):
        machine.move(bad)
    assert machine.state is (path[-1] if path else ScanState.IDLE)


def test_every_state_can_reach_finished_and_finished_is_the_end():
    for state in ScanState:
        reach, frontier = {state}, [state]
        while frontier:
            for nxt in TRANSITIONS[frontier.pop()]:
                if nxt not in reach:
                    reach.add(nxt)
                    frontier.append(nxt)
        assert ScanState.FINISHED in reach
    assert TRANSITIONS[ScanState.FINISHED] == frozenset()
