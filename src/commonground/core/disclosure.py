"""Disclosure control for counts shown beyond the organisation that owns the data.

Small counts of incidents can identify the people involved, so any table shown to a
partner or published is passed through ``protect_table``:

1. *Primary suppression*: a count from 1 to ``DISCLOSURE_MIN_COUNT - 1`` is hidden
   (zeros are shown: knowing nothing happened identifies nobody).
2. *Secondary suppression*: totals are shown, so a row or column with exactly one
   hidden cell would give it away by subtraction. In each such line the smallest
   other non-zero count is hidden too; where there is none, the line's total is
   hidden instead. This repeats until no line has a lone hidden cell.

The threshold comes from ``settings.DISCLOSURE_MIN_COUNT`` (environment variable
``DISCLOSURE_MIN_COUNT``, default 5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

SUPPRESSED_TEXT = "fewer than {n}"


def min_count() -> int:
    return int(getattr(settings, "DISCLOSURE_MIN_COUNT", 5))


def is_small(count: int, threshold: int | None = None) -> bool:
    threshold = min_count() if threshold is None else threshold
    return 0 < count < threshold


def safe_count(count: int, threshold: int | None = None) -> int | None:
    """One count on its own: None (hide it) when it is small."""
    return None if is_small(count, threshold) else count


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts with hidden cells as None; totals likewise."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    threshold: int

    @property
    def suppressed(self) -> int:
        return sum(v is None for row in self.cells for v in row)


def _lines(n_rows: int, n_cols: int) -> list[list[tuple[int, int]]]:
    rows = [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    cols = [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    return rows + cols


def protect_table(counts: Sequence[Sequence[int]], threshold: int | None = None
                  ) -> ProtectedTable:
    """Hide small counts and whatever would let them be worked out from the totals.

    ``counts`` is a list of rows of non-negative whole numbers (all the same length).
    The grand total is hidden when it is small itself, or when exactly one row (or
    column) total is hidden, since it would then give that total away.
    """
    threshold = min_count() if threshold is None else threshold
    n_rows = len(counts)
    n_cols = len(counts[0]) if n_rows else 0
    if any(len(row) != n_cols for row in counts):
        raise ValueError("every row of the table must have the same length")
    hidden = [[is_small(int(v), threshold) for v in row] for row in counts]
    line_total_hidden = [False] * (n_rows + n_cols)
    lines = _lines(n_rows, n_cols)
    changed = True
    while changed:
        changed = False
        for index, line in enumerate(lines):
            if line_total_hidden[index]:
                continue
            lone = [cell for cell in line if hidden[cell[0]][cell[1]]]
            if len(lone) != 1:
                continue
            others = [cell for cell in line
                      if not hidden[cell[0]][cell[1]] and counts[cell[0]][cell[1]] > 0]
            if others:
                i, j = min(others, key=lambda c: (counts[c[0]][c[1]], c))
                hidden[i][j] = True
            else:
                line_total_hidden[index] = True
            changed = True
    cells = [[None if hidden[i][j] else int(counts[i][j]) for j in range(n_cols)]
             for i in range(n_rows)]
    row_totals = [None if line_total_hidden[i] else int(sum(counts[i])) for i in range(n_rows)]
    column_totals = [
        None if line_total_hidden[n_rows + j] else int(sum(row[j] for row in counts))
        for j in range(n_cols)
    ]
    grand = int(sum(sum(row) for row in counts))
    lone_total = (sum(t is None for t in row_totals) == 1
                  or sum(t is None for t in column_totals) == 1)
    total = None if lone_total or is_small(grand, threshold) else grand
    return ProtectedTable(cells=cells, row_totals=row_totals, column_totals=column_totals,
                          total=total, threshold=threshold)
