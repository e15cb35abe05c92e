"""Disclosure control for counts shown beyond the organisation that owns the data.

Small counts of incidents can identify the people involved, so any table shown to a
partner or published is passed through ``protect_table``, which hides numbers until the
table meets the rule below, and reports what it hid as ``None``.

*Primary suppression*: every cell and every total (row, column, grand) from 1 to
``threshold - 1`` is hidden. Zeros are shown: knowing nothing happened identifies nobody.

*The rule*, checked by linear programming after each round of hiding. An attacker knows
every number shown, that the cells add up to each shown total, and that every hidden cell
is at least 1 (zeros are always shown, and only non-zero cells are ever hidden). For every
hidden cell and every hidden total, take the least and the greatest value it has over all
tables of non-negative numbers consistent with that knowledge (SciPy's ``linprog``, two
programmes per number). The table is protected when, for each of them,

    greatest - least >= threshold        (an unbounded greatest passes)

so no hidden number can be narrowed to fewer than ``threshold`` values, and since the least
is at least 1, the attacker cannot even tell that a hidden count is below the threshold.
The constraints of a two-way table with its margins are totally unimodular, so these
bounds are reached by whole-number tables: the relaxation tells the attacker nothing less
than counting would.

*Secondary suppression*, repeated until the rule holds: first the classic pass (a line
whose total is shown with exactly one hidden cell gives it away by subtraction, so the
smallest other non-zero count of that line is hidden too, or the line's total when there
is none; likewise the grand total when exactly one row or column total is hidden); then,
for the first hidden number the rule finds too narrow, the smallest shown non-zero cell of
a line through it whose total is shown, or failing that one of those lines' totals. Each
round hides one more number, and a table with every non-zero number hidden passes, so the
loop ends.

The threshold comes from ``settings.DISCLOSURE_MIN_COUNT`` (environment variable
``DISCLOSURE_MIN_COUNT``, default 5). Tables shown together that share a total (the
dashboard's counts by category and by ward) say so with ``total_hidden``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _
from numpy.typing import NDArray
from scipy.optimize import linprog

SUPPRESSED_TEXT = _("fewer than {n}")

#: A number of the table: ("cell", i, j), ("row", i, -1), ("column", j, -1), ("total", -1, -1).
Item = tuple[str, int, int]
GRAND: Item = ("total", -1, -1)
#: How long a protected table is kept in the cache (its key is its numbers).
CACHE_SECONDS = 24 * 3600
#: Slack for the solver's floating point when comparing a range with the threshold.
TOLERANCE = 1e-6


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


def protect_table(counts: Sequence[Sequence[int]], threshold: int | None = None, *,
                  total_hidden: bool = False) -> ProtectedTable:
    """Hide small counts and whatever would let them be worked out from what is shown.

    ``counts`` is a list of rows of non-negative whole numbers (all the same length).
    ``total_hidden`` hides the grand total (and protects it by the rule) whatever its
    size: for a table published beside another that hides the same total.
    """
    threshold = min_count() if threshold is None else threshold
    n_cols = len(counts[0]) if counts else 0
    if any(len(row) != n_cols for row in counts):
        raise ValueError("every row of the table must have the same length")
    values = np.array(counts, dtype=np.int64).reshape(len(counts), n_cols)
    if (values < 0).any():
        raise ValueError("counts cannot be negative")
    state = _Suppression(values, threshold, total_hidden=total_hidden)
    if not state.needs_protection:
        return state.table()
    # The answer depends only on the numbers, and takes tens of linear programmes to
    # find, so it is kept: a dashboard recomputes only when its counts change. (Change
    # the key's version with the algorithm.)
    key = "disclosure:1:" + hashlib.sha256(
        json.dumps([values.tolist(), threshold, total_hidden]).encode()).hexdigest()
    table: ProtectedTable | None = cache.get(key)
    if table is None:
        state.protect()
        table = state.table()
        cache.set(key, table, CACHE_SECONDS)
    return table


class _Suppression:
    """Which numbers of one table are hidden, and the rounds that hide more."""

    def __init__(self, values: NDArray[np.int64], threshold: int, *, total_hidden: bool):
        self.values = values
        self.threshold = threshold
        self.row_sums = values.sum(axis=1)
        self.column_sums = values.sum(axis=0)
        self.grand = int(values.sum())
        self.cells = (values > 0) & (values < threshold)
        self.rows = (self.row_sums > 0) & (self.row_sums < threshold)
        self.columns = (self.column_sums > 0) & (self.column_sums < threshold)
        self.total = is_small(self.grand, threshold) or (total_hidden and self.grand > 0)
        self._witnesses = values.astype(np.float64)[np.newaxis]
        self._proven: set[Item] = set()

    # -- the loop ------------------------------------------------------------------

    @property
    def needs_protection(self) -> bool:
        return bool(self.cells.any() or self.rows.any() or self.columns.any() or self.total)

    def protect(self) -> None:
        if not self.needs_protection:
            return
        while True:
            self._close_lone_lines()
            weak = self._first_unprotected()
            if weak is None:
                return
            self._hide(self._remedy(weak))

    def table(self) -> ProtectedTable:
        n, m = self.values.shape
        return ProtectedTable(
            cells=[[None if self.cells[i, j] else int(self.values[i, j]) for j in range(m)]
                   for i in range(n)],
            row_totals=[None if self.rows[i] else int(self.row_sums[i]) for i in range(n)],
            column_totals=[None if self.columns[j] else int(self.column_sums[j])
                           for j in range(m)],
            total=None if self.total else self.grand,
            threshold=self.threshold)

    # -- lines and what is shown ---------------------------------------------------

    def _shown_total(self, line: Item) -> bool:
        kind, index, _ = line
        if kind == "row":
            return not self.rows[index]
        if kind == "column":
            return not self.columns[index]
        return not self.total

    def _cells_of(self, line: Item) -> Iterator[tuple[int, int]]:
        kind, index, _ = line
        n, m = self.values.shape
        if kind == "row":
            yield from ((index, j) for j in range(m))
        elif kind == "column":
            yield from ((i, index) for i in range(n))
        else:
            yield from ((i, j) for i in range(n) for j in range(m))

    def _lines(self) -> list[Item]:
        n, m = self.values.shape
        return [("row", i, -1) for i in range(n)] + [("column", j, -1) for j in range(m)]

    def _hide(self, item: Item) -> None:
        kind, a, b = item
        if kind == "cell":
            self.cells[a, b] = True
        elif kind == "row":
            self.rows[a] = True
        elif kind == "column":
            self.columns[a] = True
        else:
            self.total = True

    def _smallest_shown_cell(self, lines: Sequence[Item]) -> Item | None:
        shown = {(i, j) for line in lines if self._shown_total(line)
                 for i, j in self._cells_of(line)
                 if not self.cells[i, j] and self.values[i, j] > 0}
        if not shown:
            return None
        i, j = min(shown, key=lambda c: (int(self.values[c]), c))
        return ("cell", i, j)

    # -- secondary suppression -----------------------------------------------------

    def _close_lone_lines(self) -> None:
        """The classic pass: no shown total may have exactly one hidden number in it."""
        changed = True
        while changed:
            changed = False
            for line in self._lines():
                if not self._shown_total(line):
                    continue
                hidden = [c for c in self._cells_of(line) if self.cells[c]]
                if len(hidden) == 1:
                    self._hide(self._smallest_shown_cell([line]) or line)
                    changed = True
            if not self.total and (self.rows.sum() == 1 or self.columns.sum() == 1):
                self.total = True
                changed = True

    def _remedy(self, weak: Item) -> Item:
        """What to hide next for a hidden number the rule finds too narrow."""
        kind, a, b = weak
        n, m = self.values.shape
        if kind == "cell":
            lines = [("row", a, -1), ("column", b, -1), GRAND]
        elif kind == "row":
            lines = [GRAND, *(("column", j, -1) for j in range(m) if self.cells[a, j]),
                     *(("row", i, -1) for i in range(n) if i != a)]
        elif kind == "column":
            lines = [GRAND, *(("row", i, -1) for i in range(n) if self.cells[i, a]),
                     *(("column", j, -1) for j in range(m) if j != a)]
        else:
            lines = self._lines()
        if kind != "cell" and not any(self.cells[c] for c in self._cells_of(weak)):
            # A hidden total whose cells are all shown is their sum: hide one of them.
            return ("cell", *min((c for c in self._cells_of(weak) if self.values[c] > 0),
                                 key=lambda c: (int(self.values[c]), c)))
        cell = self._smallest_shown_cell([line for line in lines if line != GRAND])
        if cell is not None:
            return cell
        for line in [*lines, GRAND, *self._lines()]:
            if self._shown_total(line) and self._line_sum(line) > 0:
                return line
        cell = self._smallest_shown_cell([GRAND])
        if cell is None:  # nothing non-zero is shown: every range is unbounded
            raise AssertionError("a table with every non-zero number hidden is protected")
        return cell

    def _line_sum(self, line: Item) -> int:
        kind, index, _ = line
        if kind == "row":
            return int(self.row_sums[index])
        if kind == "column":
            return int(self.column_sums[index])
        return self.grand

    # -- the rule --------------------------------------------------------------------

    def _seen(self, item: Item) -> NDArray[np.float64]:
        """The item's value in every table found so far that the attacker cannot rule out."""
        kind, a, b = item
        tables = self._witnesses
        if kind == "cell":
            return tables[:, a, b]
        if kind == "row":
            return tables[:, a, :].sum(axis=1)
        if kind == "column":
            return tables[:, :, a].sum(axis=1)
        return tables.sum(axis=(1, 2))

    def _wide(self, item: Item) -> bool:
        seen = self._seen(item)
        return bool(seen.max() - seen.min() >= self.threshold - TOLERANCE)

    def _first_unprotected(self) -> Item | None:
        """The first hidden number whose feasible range is narrower than the threshold.

        Hiding more only removes what the attacker knows, so a number once shown to be
        wide enough stays so, and every table the solver returned stays one the attacker
        cannot rule out (with the true values in the cells hidden since): both are kept
        from round to round, and most numbers pass without a solve of their own.
        """
        hidden = [(int(i), int(j)) for i, j in np.argwhere(self.cells)]
        position = {cell: k for k, cell in enumerate(hidden)}

        def mask(line: Item) -> NDArray[np.float64]:
            row = np.zeros(len(hidden))
            for cell in self._cells_of(line):
                if cell in position:
                    row[position[cell]] = 1.0
            return row

        equations = [coefficients for line in [*self._lines(), GRAND]
                     if self._shown_total(line) and (coefficients := mask(line)).any()]
        totals = [line for line in [*self._lines(), GRAND]
                  if not self._shown_total(line) and self._line_sum(line) > 0]
        for line in totals:
            if not mask(line).any():
                return line  # every cell of the line is shown: so is its total
        if not equations:
            return None  # nothing published ties a hidden cell down
        items: list[Item] = [("cell", i, j) for i, j in hidden] + totals
        a_eq = np.array(equations)
        b_eq = a_eq @ np.array([float(self.values[c]) for c in hidden])
        # A cap keeps every programme bounded, so each returns a table; a cell reaching
        # it is at least ``threshold`` above its true value, wide enough already.
        bounds = [(1.0, float(self.grand + self.threshold))] * len(hidden)

        def objective(item: Item) -> NDArray[np.float64]:
            if item[0] == "cell":
                return np.eye(len(hidden))[position[(item[1], item[2])]]
            return mask(item)

        def solve(direction: NDArray[np.float64]) -> bool:
            result = linprog(direction, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            if result.status != 0 or result.x is None:
                return False
            table = self.values.astype(np.float64)
            rows, columns = zip(*hidden, strict=True)
            table[list(rows), list(columns)] = result.x
            self._witnesses = np.concatenate([self._witnesses, table[np.newaxis]])
            return True

        def open_items() -> list[Item]:
            for item in items:
                if item not in self._proven and self._wide(item):
                    self._proven.add(item)
            return [item for item in items if item not in self._proven]

        waiting = open_items()
        if len(waiting) > 4 and len(self._witnesses) == 1:
            # Two programmes that push every open number up, then down, at once settle
            # most of them; only the rest need one of their own.
            together = np.sum([objective(item) for item in waiting], axis=0)
            solve(-together)
            solve(together)
            waiting = open_items()
        for item in waiting:
            if self._wide(item) or (solve(-objective(item)) and self._wide(item)) or (
                    solve(objective(item)) and self._wide(item)):
                self._proven.add(item)
                continue
            return item  # too narrow (or the solver could not say: hide more to be safe)
        return None
