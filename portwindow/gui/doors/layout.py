"""Where the Doors view puts things: per host a header band, then the host's shown doors
in a wrapping grid of equal cells, so the layout is arithmetic.

Per section (one per host row) the grid keeps the top of its header, how many doors it
shows and in how many grid rows, and, while a filter or a search hides some doors, the
ascending list of the door rows shown (None: all of them). A door's place is (section,
position in the section); its cell is ``divmod(position, columns)`` below the header.
All coordinates here are the content's, before scrolling.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence

from portwindow.gui.qt import QtCore

MARGIN = 8  # left and right of the grids; half of it above the first header
SECTION_GAP = 10  # below each host's grid

Place = tuple[int, int]  # (section, position in the section)


class DoorGrid:
    """The layout of every section, for one cell size and one width."""

    def __init__(self) -> None:
        self.visible: list[array | None] = []  # per section: shown door rows; None: all
        self.counts: list[int] = []  # doors shown
        self.tops: list[int] = []  # content y of the section's header
        self.grid_rows: list[int] = []
        self.columns = 1
        self.cell = QtCore.QSize(1, 1)
        self.header = 1
        self.content = QtCore.QSize(0, 0)

    def lay_out(
        self, door_counts: Callable[[int], int], cell: QtCore.QSize, width: int, header: int
    ) -> None:
        """Place the sections of ``self.visible`` (``door_counts(host)``: how many doors a
        host has, for the sections that show them all) in a viewport ``width`` wide."""
        self.cell, self.header = cell, header
        cell_w, cell_h = cell.width(), cell.height()
        self.columns = columns = max(1, (width - 2 * MARGIN) // cell_w)
        self.counts, self.tops, self.grid_rows = [], [], []
        y = MARGIN // 2
        for section, visible in enumerate(self.visible):
            count = door_counts(section) if visible is None else len(visible)
            grid_rows = -(-count // columns)
            self.counts.append(count)
            self.tops.append(y)
            self.grid_rows.append(grid_rows)
            y += header + grid_rows * cell_h + SECTION_GAP
        self.content = QtCore.QSize(2 * MARGIN + columns * cell_w, y if self.visible else 0)

    def place_of_row(self, section: int, row: int) -> Place | None:
        """Where door ``row`` of a section is shown; None when hidden."""
        if section >= len(self.visible):
            return None
        visible = self.visible[section]
        if visible is None:
            return (section, row) if row < self.counts[section] else None
        position = bisect_left(visible, row)
        if position < len(visible) and visible[position] == row:
            return section, position
        return None

    def position_of_row(self, section: int, row: int) -> int:
        """The position a door row has, or would have if shown, in its section."""
        visible = self.visible[section]
        return row if visible is None else bisect_left(visible, row)

    def row_at(self, section: int, position: int) -> int:
        """The door row shown at a position."""
        visible = self.visible[section]
        return position if visible is None else visible[position]

    def rows_span(self, section: int, first: int, last: int) -> tuple[int, int] | None:
        """The top and bottom of the grid rows that show door rows ``first``-``last`` of
        a section; None when none of them is shown."""
        start = self.position_of_row(section, first)
        end = min(self.position_of_row(section, last + 1), self.counts[section]) - 1
        if end < start:
            return None
        grid_top = self.tops[section] + self.header
        height = self.cell.height()
        return grid_top + start // self.columns * height, grid_top + (
            end // self.columns + 1
        ) * height

    def door_rect(self, section: int, position: int) -> QtCore.QRect:
        """A door's cell."""
        grid_row, column = divmod(position, self.columns)
        return QtCore.QRect(
            MARGIN + column * self.cell.width(),
            self.tops[section] + self.header + grid_row * self.cell.height(),
            self.cell.width(),
            self.cell.height(),
        )

    def place_at(self, x: int, y: int) -> Place | None:
        """The door at a point; None over headers, gaps and margins."""
        section = bisect_right(self.tops, y) - 1
        if section < 0:
            return None
        grid_y = y - self.tops[section] - self.header
        grid_x = x - MARGIN
        if grid_y < 0 or grid_x < 0:
            return None
        grid_row = grid_y // self.cell.height()
        column = grid_x // self.cell.width()
        position = grid_row * self.columns + column
        if column >= self.columns or grid_row >= self.grid_rows[section]:
            return None
        return (section, position) if position < self.counts[section] else None

    def place_near(self, y: int) -> Place | None:
        """The first door of the grid row at height ``y``, or the next one."""
        section = max(0, bisect_right(self.tops, y) - 1)
        grid_row = (y - self.tops[section] - self.header) // self.cell.height() if self.tops else 0
        for candidate in range(section, len(self.tops)):
            count = self.counts[candidate]
            if count:
                if candidate != section or grid_row < 0:
                    return candidate, 0
                if grid_row < self.grid_rows[candidate]:
                    return candidate, grid_row * self.columns
            grid_row = -1
        return None

    def header_at(self, y: int, top: int) -> int | None:
        """The host whose header band (pinned or in place) is at viewport height ``y``,
        the viewport's top at ``top``."""
        pinned = self.pinned_header(top)
        if pinned is not None and pinned[1] <= y < pinned[1] + self.header:
            return pinned[0]
        y += top
        section = bisect_right(self.tops, y) - 1
        if section >= 0 and y < self.tops[section] + self.header:
            return section
        return None

    def pinned_header(self, top: int) -> tuple[int, int] | None:
        """(section, viewport y) of the header pinned at the top of a viewport whose top
        is at ``top``, when there is one."""
        section = bisect_right(self.tops, top) - 1
        if section < 0 or self.tops[section] >= top:
            return None
        grid_end = self.tops[section] + self.header + self.grid_rows[section] * self.cell.height()
        y = min(0, grid_end - top - self.header)
        return None if y <= -self.header else (section, y)

    def shown_sections(self) -> Sequence[int]:
        return [section for section, count in enumerate(self.counts) if count]

    def step(self, section: int, position: int, direction: int) -> Place | None:
        """The shown door at ``position`` in ``section``, or the next one in ``direction``
        (0: forwards, then backwards), crossing into other sections."""
        if 0 <= position < self.counts[section]:
            return section, position
        if direction == 0:
            return self.step(section, position, 1) or self.step(section, position, -1)
        other = section + direction
        while 0 <= other < len(self.counts):
            if self.counts[other]:
                return other, 0 if direction > 0 else self.counts[other] - 1
            other += direction
        return None

    def vertical(self, section: int, position: int, direction: int) -> Place | None:
        """One grid row down (1) or up (-1), into the next section at its edge."""
        columns = self.columns
        grid_row, column = divmod(position, columns)
        target_row = grid_row + direction
        if 0 <= target_row < self.grid_rows[section]:
            return section, min(target_row * columns + column, self.counts[section] - 1)
        other = section + direction
        while 0 <= other < len(self.counts):
            count = self.counts[other]
            if count:
                edge = 0 if direction > 0 else self.grid_rows[other] - 1
                return other, min(edge * columns + column, count - 1)
            other += direction
        return None

    def target(
        self, move: str, section: int, position: int, page: int, control: bool
    ) -> Place | None:
        """Where a key press moves from the door at (section, position): ``move`` is next,
        previous, down, up, page down, page up (``page`` grid rows), home or end (of the
        section; of all with ``control``)."""
        if move in ("next", "previous"):
            direction = 1 if move == "next" else -1
            return self.step(section, position + direction, direction)
        if move in ("down", "up"):
            return self.vertical(section, position, 1 if move == "down" else -1)
        if move in ("page down", "page up"):
            place: Place = (section, position)
            direction = 1 if move == "page down" else -1
            for _ in range(page):
                place = self.vertical(*place, direction) or place
            return place
        sections = self.shown_sections()
        if move == "home":
            return (sections[0], 0) if control else (section, 0)
        if move == "end":
            last = sections[-1] if control else section
            return last, self.counts[last] - 1
        return None

    def row_runs_in(self, area: QtCore.QRect) -> Iterator[tuple[int, int, int]]:
        """(section, first row, last row) of the runs of shown door rows whose cells meet
        ``area``."""
        cell_w, cell_h, columns = self.cell.width(), self.cell.height(), self.columns
        first_column = max(0, (area.left() - MARGIN) // cell_w)
        last_column = min(columns - 1, (area.right() - MARGIN) // cell_w)
        if first_column > last_column or area.right() < MARGIN:
            return
        first_section = max(0, bisect_right(self.tops, area.top()) - 1)
        for section in range(first_section, len(self.tops)):
            if self.tops[section] > area.bottom():
                break
            top = self.tops[section] + self.header
            first_row = max(0, (area.top() - top) // cell_h)
            last_row = min(self.grid_rows[section] - 1, (area.bottom() - top) // cell_h)
            visible = self.visible[section]
            for grid_row in range(first_row, last_row + 1):
                first = grid_row * columns + first_column
                last = min(grid_row * columns + last_column, self.counts[section] - 1)
                if first > last:
                    continue
                rows = range(first, last + 1) if visible is None else visible[first : last + 1]
                for start, stop in _runs(rows):
                    yield section, start, stop


def _runs(rows: Iterable[int]) -> list[tuple[int, int]]:
    """Ascending rows as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
