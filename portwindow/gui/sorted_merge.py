"""Merging a few new rows into a sorted table: the Table view's model (``results_model.py``)
keeps its rows sorted while a scan adds batches, at the cost of one merge per batch
rather than a full sort."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from typing import Any


def merged(ordered: list[int], new: list[int], keys: Sequence[Any], descending: bool) -> list[int]:
    """``ordered`` (sorted by ``keys``) with ``new`` in their places."""
    precedes = operator.gt if descending else operator.lt
    new = sorted(new, key=keys.__getitem__, reverse=descending)
    if not ordered or precedes(keys[ordered[-1]], keys[new[0]]):
        return ordered + new
    if len(new) * 32 > len(ordered):
        return sorted(ordered + new, key=keys.__getitem__, reverse=descending)
    # A few new rows among many: binary-search each one's place.
    result = ordered.copy()
    low = 0
    for item in new:
        key = keys[item]
        high = len(result)
        while low < high:
            middle = (low + high) // 2
            if precedes(keys[result[middle]], key):
                low = middle + 1
            else:
                high = middle
        result.insert(low, item)
        low += 1
    return result
