"""Integer interval sets (input/intervals.py)."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from portwindow.engine.input.intervals import Intervals

values = st.lists(st.integers(0, 300), max_size=60)
pairs = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 40)), max_size=20)


def spans_of(items):
    return [(first, first + width) for first, width in items]


def members(intervals: Intervals) -> set[int]:
    return set(intervals)


@given(values)
def test_of_sorted_holds_exactly_the_values(items):
    intervals = Intervals.of_sorted(sorted(items))
    assert members(intervals) == set(items)
    assert intervals.size == len(set(items))
    assert all(b[0] > a[1] + 1 for a, b in itertools.pairwise(intervals.spans))


@given(pairs, pairs)
def test_merge_union_minus_and_membership_agree_with_sets(a, b):
    left, right = Intervals.merged(spans_of(a)), Intervals.merged(spans_of(b))
    expect_left = {v for first, last in spans_of(a) for v in range(first, last + 1)}
    expect_right = {v for first, last in spans_of(b) for v in range(first, last + 1)}
    assert members(left) == expect_left
    assert members(left.union(right)) == expect_left | expect_right
    assert members(left.minus(right)) == expect_left - expect_right
    for value in range(-1, 342, 7):
        assert (value in left) == (value in expect_left)
    assert "1" not in left
