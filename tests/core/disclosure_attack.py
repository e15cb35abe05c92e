"""An attacker of published tables: how far can each hidden number be pinned down?

Written apart from ``core.disclosure`` on purpose (every cell a variable, published
cells fixed by their bounds, no shortcuts), so the tests check the rule rather than the
code that applies it. Linear programming over real-valued tables; for two-way tables with
margins the bounds are whole numbers (the constraints are totally unimodular), so an
attacker working in whole numbers learns exactly the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog

Range = tuple[float, float]
Vector = NDArray[np.float64]


def ranges(shown: Sequence[int | None], equations: Sequence[tuple[Vector, float]],
           targets: Mapping[str, Vector]) -> dict[str, Range]:
    """Least and greatest value of each target (a linear form over the variables).

    ``shown`` has one entry per variable: its published value, or None when hidden (then
    at least 1, since zeros are always published). ``equations`` are the published sums.
    """
    bounds = [(float(v), float(v)) if v is not None else (1.0, None) for v in shown]
    a_eq = np.array([e[0] for e in equations]) if equations else None
    b_eq = np.array([e[1] for e in equations], dtype=float) if equations else None
    found: dict[str, Range] = {}
    for name, target in targets.items():
        low = linprog(target, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        high = linprog(-target, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
        assert low.status == 0, (name, low.message)
        assert high.status in (0, 3), (name, high.message)
        found[name] = (low.fun, np.inf if high.status == 3 else -high.fun)
    return found


def table_forms(cells: Sequence[Sequence[int | None]], offset: int = 0, size: int | None = None
                ) -> dict[str, Vector]:
    """Each cell, row, column and the whole of a table as linear forms over ``size``
    variables, the table's cells being variables ``offset`` onwards, row by row."""
    n, m = len(cells), len(cells[0])
    size = n * m + offset if size is None else size
    forms: dict[str, Vector] = {}

    def form(flat: list[int]) -> Vector:
        vector = np.zeros(size)
        vector[[offset + k for k in flat]] = 1
        return vector

    for i in range(n):
        for j in range(m):
            forms[f"cell {i},{j}"] = form([i * m + j])
        forms[f"row {i}"] = form([i * m + j for j in range(m)])
    for j in range(m):
        forms[f"column {j}"] = form([i * m + j for i in range(n)])
    forms["total"] = form(list(range(n * m)))
    return forms


def hidden_ranges(cells: Sequence[Sequence[int | None]],
                  row_totals: Sequence[int | None] = (),
                  column_totals: Sequence[int | None] = (),
                  total: int | None = None, *, with_total: bool = True
                  ) -> dict[str, Range]:
    """The least and greatest value of every hidden cell and total of one table.

    ``None`` is a hidden value. Totals not given (empty sequences, ``with_total=False``)
    are not published, and not asked about.
    """
    forms = table_forms(cells)
    published = {f"row {i}": v for i, v in enumerate(row_totals)}
    published |= {f"column {j}": v for j, v in enumerate(column_totals)}
    if with_total:
        published["total"] = total
    equations = [(forms[name], float(v)) for name, v in published.items() if v is not None]
    targets = {name: forms[name] for name, v in published.items() if v is None}
    targets |= {f"cell {i},{j}": forms[f"cell {i},{j}"]
                for i, row in enumerate(cells) for j, v in enumerate(row) if v is None}
    return ranges([v for row in cells for v in row], equations, targets)


def pinned(found: dict[str, Range], threshold: int) -> dict[str, Range]:
    """The hidden numbers an attacker narrows to fewer than ``threshold`` values."""
    return {name: r for name, r in found.items() if r[1] - r[0] < threshold - 1e-6}
