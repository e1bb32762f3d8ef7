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
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate

from portwindow.gui.qt import QtCore

MARGIN = 8  # left and right of the grids; half of it above the first header
SECTION_GAP = 10  # below each host's grid
LINE_GAP = 2  # below a host that shows no door (collapsed, or all filtered out): a list

Place = tuple[int, int]  # (section, position in the section)


class DoorGrid:
    """The layout of every section, for one cell size and one width.

    Laying out again after a batch of a scan costs the sections that changed, not every
    section: new sections are appended, changed ones recomputed, and the tops of the
    sections after the first changed one follow by a running sum (C speed), so a window
    with 65,536 hosts lays out as fast as one with a few."""

    def __init__(self) -> None:
        self.visible: list[array | None] = []  # per section: shown door rows; None: all
        self.counts = array("i")  # doors shown
        self.tops = array("q")  # content y of the section's header
        self.grid_rows = array("i")
        self.heights = array("i")  # of each section: header, grid rows and the gap below
        self.columns = 1
        self.cell = QtCore.QSize(1, 1)
        self.header = 1
        self.content = QtCore.QSize(0, 0)
        self._door_count = -1  # doors of a section that shows them all, at the last layout

    def lay_out(
        self,
        door_count: int,
        cell: QtCore.QSize,
        width: int,
        header: int,
        changed: Iterable[int] | None = None,
    ) -> int:
        """Place the sections of ``self.visible`` (a section that shows all its doors has
        ``door_count``) in a viewport ``width`` wide. ``changed``: the sections whose
        shown doors changed since the last layout, sections added since always count;
        None: lay every section out afresh. Returns the first section that moved or
        changed (the sections before it are where they were)."""
        columns = max(1, (width - 2 * MARGIN) // cell.width())
        same = (
            changed is not None
            and cell == self.cell
            and header == self.header
            and columns == self.columns
            and door_count == self._door_count
        )
        self.cell, self.header, self.columns, self._door_count = cell, header, columns, door_count
        kept = min(len(self.counts), len(self.visible)) if same else 0
        for kept_array in (self.counts, self.grid_rows, self.heights, self.tops):
            del kept_array[kept:]
        first = kept
        for section in changed or ():
            if section < kept:
                self._measure(section)
                first = min(first, section)
        self._append(kept)
        self._tops_from(first)
        bottom = self.tops[-1] + self.heights[-1] if self.tops else 0
        self.content = QtCore.QSize(2 * MARGIN + columns * cell.width(), bottom)
        return first

    def _section_size(self, count: int) -> tuple[int, int]:
        grid_rows = -(-count // self.columns)
        gap = SECTION_GAP if grid_rows else LINE_GAP
        return grid_rows, self.header + grid_rows * self.cell.height() + gap

    def _measure(self, section: int) -> None:
        visible = self.visible[section]
        count = self._door_count if visible is None else len(visible)
        self.counts[section] = count
        self.grid_rows[section], self.heights[section] = self._section_size(count)

    def _append(self, start: int) -> None:
        """Measure the sections from ``start`` on, the runs that show every door at once."""
        visible, section = self.visible, start
        every_rows, every_height = self._section_size(self._door_count)
        while section < len(visible):
            if visible[section] is None:
                run = section
                while run < len(visible) and visible[run] is None:
                    run += 1
                self.counts.extend(array("i", [self._door_count]) * (run - section))
                self.grid_rows.extend(array("i", [every_rows]) * (run - section))
                self.heights.extend(array("i", [every_height]) * (run - section))
                section = run
                continue
            count = len(visible[section])
            grid_rows, height = self._section_size(count)
            self.counts.append(count)
            self.grid_rows.append(grid_rows)
            self.heights.append(height)
            section += 1

    def _tops_from(self, first: int) -> None:
        """The tops of the sections from ``first`` on: a running sum of the heights."""
        if first >= len(self.heights):
            return
        top = (
            self.tops[first]
            if first < len(self.tops)
            else (self.tops[first - 1] + self.heights[first - 1] if first else MARGIN // 2)
        )
        del self.tops[first:]
        self.tops.extend(accumulate(self.heights[first:-1], initial=top))

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

    def scroll_target(self, rect: QtCore.QRect, viewport: QtCore.QRect, hint: str) -> Place:
        """(left, top) of a viewport (now at ``viewport``, in content coordinates) that
        shows ``rect``: at its ``hint`` ("top", "bottom", "center"), or "visible" with as
        little a move as will do. A door at the top sits under its section's pinned
        header."""
        top, height = viewport.top(), viewport.height()
        clear_top = rect.top() - self.header
        if not self.tops or clear_top <= self.tops[0]:
            clear_top = 0  # show the margin above the first header too
        if hint == "top":
            top = clear_top
        elif hint == "bottom":
            top = rect.bottom() + 1 - height
        elif hint == "center":
            top = rect.center().y() - height // 2
        elif clear_top < top:
            top = clear_top
        elif rect.bottom() + 1 > top + height:
            top = rect.bottom() + 1 - height
        left, width = viewport.left(), viewport.width()
        if rect.left() < left:
            left = rect.left()
        elif rect.right() + 1 > left + width:
            left = rect.right() + 1 - width
        return left, top

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
