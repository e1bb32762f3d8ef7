"""The door grid's layout: laid out bit by bit (hosts added, some hosts' shown doors
changed) it is the layout made afresh."""

import random
from array import array

from portwindow.gui.doors.layout import DoorGrid
from portwindow.gui.qt import QtCore

CELL = QtCore.QSize(40, 30)


def fresh(visible, door_count, width=700):
    grid = DoorGrid()
    grid.visible = list(visible)
    grid.lay_out(door_count, CELL, width, 20)
    return grid


def same(a: DoorGrid, b: DoorGrid) -> None:
    assert list(a.counts) == list(b.counts)
    assert list(a.grid_rows) == list(b.grid_rows)
    assert list(a.tops) == list(b.tops)
    assert a.content == b.content


def test_laid_out_bit_by_bit_it_is_the_layout_made_afresh():
    rng = random.Random(12)
    grid = DoorGrid()
    grid.lay_out(50, CELL, 700, 20)
    for _ in range(60):
        added = rng.randrange(0, 40)
        grid.visible.extend(
            None if rng.random() < 0.7 else array("i", range(rng.randrange(0, 50)))
            for _ in range(added)
        )
        changed = set()
        for _ in range(rng.randrange(0, 4)):
            if grid.visible:
                section = rng.randrange(len(grid.visible))
                grid.visible[section] = array("i", range(rng.randrange(0, 50)))
                changed.add(section)
        grid.lay_out(50, CELL, 700, 20, changed)
        same(grid, fresh(grid.visible, 50))
    assert len(grid.tops) > 500


def test_a_new_width_or_cell_lays_everything_out_again():
    grid = fresh([None] * 10 + [array("i", [1, 2])], 50)
    grid.lay_out(50, CELL, 300, 20, set())
    same(grid, fresh(grid.visible, 50, width=300))
    grid.lay_out(50, QtCore.QSize(60, 30), 300, 20, set())
    assert grid.columns == (300 - 16) // 60
    grid.lay_out(51, QtCore.QSize(60, 30), 300, 20, set())
    assert grid.counts[0] == 51


def test_hosts_removed_are_gone_from_the_layout():
    grid = fresh([None] * 10, 50)
    del grid.visible[4:]
    grid.lay_out(50, CELL, 700, 20, set())
    same(grid, fresh([None] * 4, 50))
    del grid.visible[:]
    grid.lay_out(50, CELL, 700, 20, set())
    assert (len(grid.tops), grid.content.height()) == (0, 0)
