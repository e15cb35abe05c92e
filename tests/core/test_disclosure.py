"""Disclosure control: small counts hidden, and no hidden number narrowed to fewer than the
threshold's worth of values by an attacker who solves for it from everything published."""

from __future__ import annotations

import random

import numpy as np
import pytest

from commonground.core.disclosure import ProtectedTable, is_small, protect_table, safe_count
from tests.core.disclosure_attack import hidden_ranges, pinned

T = 5


def attack(p: ProtectedTable) -> dict[str, tuple[float, float]]:
    """What the attacker pins down from every number the table publishes."""
    return pinned(hidden_ranges(p.cells, p.row_totals, p.column_totals, p.total), p.threshold)


def assert_protected(table: list[list[int]], p: ProtectedTable) -> None:
    assert attack(p) == {}
    sums = [(sum(row), shown) for row, shown in zip(table, p.row_totals, strict=True)]
    sums += [(sum(col), shown) for col, shown in zip(zip(*table, strict=True), p.column_totals,
                                                       strict=True)]
    sums += [(sum(map(sum, table)), p.total)]
    for true, shown in sums:
        assert shown is None if 0 < true < T else shown in (None, true)
    for i, row in enumerate(table):
        for j, value in enumerate(row):
            if 0 < value < T:
                assert p.cells[i][j] is None
            elif value == 0:
                assert p.cells[i][j] == 0  # zeros are always shown
            else:
                assert p.cells[i][j] in (None, value)


def test_small_counts_are_hidden_and_zeros_are_shown() -> None:
    assert [safe_count(n, 5) for n in [0, 1, 4, 5, 12]] == [0, None, None, 5, 12]
    assert not is_small(0, 5) and is_small(4, 5) and not is_small(5, 5)


def test_a_lone_small_cell_takes_the_next_smallest_in_its_row_and_column_with_it() -> None:
    table = [[12, 3, 20],
             [15, 9, 30]]
    p = protect_table(table, T)
    # 3 is hidden; its row and column would give it away, so 9 (its column's other
    # cell) and 12 (the smallest other in its row) go too, then 15 for 12's column.
    assert p.cells == [[None, None, 20], [None, None, 30]]
    assert p.row_totals == [35, 54] and p.column_totals == [27, 12, 50]
    assert p.total == 89
    assert_protected(table, p)


def test_when_nothing_else_can_hide_a_cell_the_line_total_is_hidden() -> None:
    p = protect_table([[3, 0, 0]], T)
    assert p.cells == [[None, 0, 0]]
    assert p.row_totals == [None]
    assert p.column_totals == [None, 0, 0]
    assert p.total is None  # it would equal the hidden cell


def test_the_partner_dashboards_hate_incident_row_gives_nothing_away() -> None:
    # Found on the demo: zeros, two hidden cells and a total of 2 were shown, so both
    # hidden cells were exactly 1. A total below the threshold is hidden like a cell.
    table = [[0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0],
             [0, 3, 6, 0, 9, 0, 0, 2, 0, 7, 0, 0],
             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]
    p = protect_table(table, T)
    assert p.row_totals[0] is None and p.cells[0][2] is None and p.cells[0][6] is None
    assert_protected(table, p)
    # Even from what the page prints (cells and row totals only) nothing is pinned.
    assert pinned(hidden_ranges(p.cells, p.row_totals, with_total=False), T) == {}


def test_hidden_cells_stay_wide_when_the_totals_tie_them_together() -> None:
    # Both small cells of a line with a shown total of 3 would lie in [1, 2]: the rule
    # needs the range to span the threshold, so more is hidden until it does.
    table = [[1, 2, 40],
             [30, 20, 10]]
    p = protect_table(table, T)
    assert_protected(table, p)
    assert p.cells[0][0] is None and p.cells[0][1] is None


@pytest.mark.parametrize("seed", [*range(40), 25, 29])
def test_no_hidden_number_is_pinned_down_on_random_tables(seed: int) -> None:
    # Seeds 25 and 29 were the random tables on which the old lone-cell rule let a hidden
    # cell be worked out from the margins.
    rng = random.Random(seed)
    table = [[rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(6)]
             for _ in range(5)]
    assert_protected(table, protect_table(table, T))


@pytest.mark.parametrize("seed", range(8))
def test_no_hidden_number_is_pinned_down_on_dashboard_shaped_tables(seed: int) -> None:
    # Seven categories by twelve weeks with few reports, as councils' dashboards have.
    rng = np.random.default_rng(seed)
    rates = np.array([[3.0], [1.0], [0.5], [2.0], [1.0], [0.3], [0.2]]) * (1 + seed)
    table = rng.poisson(rates, size=(7, 12)).tolist()
    assert_protected(table, protect_table(table, T))


@pytest.mark.parametrize("shape", [(1, 21), (21, 1), (2, 2), (1, 1)])
def test_single_lines_and_tiny_tables_are_protected(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    table = rng.poisson(3, size=shape).tolist()
    assert_protected(table, protect_table(table, T))


def test_a_total_hidden_in_a_linked_table_is_kept_hidden_and_wide() -> None:
    # Ward counts of 6, 7 and 9 are all large, but the same reports' total is hidden on
    # the table beside them: showing all three would give it away.
    p = protect_table([[6, 7, 9]], T, total_hidden=True)
    assert p.total is None and p.row_totals == [None]
    assert p.suppressed >= 2
    # From the cells alone (nothing else of this table is published), the total is wide.
    assert pinned(hidden_ranges(p.cells), T) == {}


def test_the_owner_sees_every_count() -> None:
    table = [[1, 2, 0], [3, 0, 4]]
    p = protect_table(table, 1)
    assert p.cells == table and p.row_totals == [3, 7] and p.total == 10


def test_the_threshold_comes_from_settings(settings: object) -> None:
    settings.DISCLOSURE_MIN_COUNT = 10  # type: ignore[attr-defined]
    assert protect_table([[7, 20], [30, 40]]).cells[0][0] is None
    settings.DISCLOSURE_MIN_COUNT = 5  # type: ignore[attr-defined]
    assert protect_table([[7, 20], [30, 40]]).cells[0][0] == 7


def test_rows_must_be_the_same_length_and_counts_not_negative() -> None:
    with pytest.raises(ValueError, match="same length"):
        protect_table([[1, 2], [3]])
    with pytest.raises(ValueError, match="negative"):
        protect_table([[1, -2]])
