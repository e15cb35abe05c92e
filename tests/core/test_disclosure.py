"""Disclosure control: small counts hidden, and never recoverable from the totals."""

from __future__ import annotations

import pytest

from commonground.core.disclosure import is_small, protect_table, safe_count


def recoverable(table: list[list[int]], protected: object) -> list[tuple[int, int]]:
    """Cells an attacker can work out from what is shown (a lone hidden cell in a line
    whose total is shown)."""
    p = protected
    found = []
    for i, row in enumerate(p.cells):  # type: ignore[attr-defined]
        hidden = [j for j, v in enumerate(row) if v is None]
        if len(hidden) == 1 and p.row_totals[i] is not None:  # type: ignore[attr-defined]
            found.append((i, hidden[0]))
    for j in range(len(table[0])):
        hidden = [i for i, row in enumerate(p.cells) if row[j] is None]  # type: ignore[attr-defined]
        if len(hidden) == 1 and p.column_totals[j] is not None:  # type: ignore[attr-defined]
            found.append((hidden[0], j))
    return found


def test_small_counts_are_hidden_and_zeros_are_shown() -> None:
    assert [safe_count(n, 5) for n in [0, 1, 4, 5, 12]] == [0, None, None, 5, 12]
    assert not is_small(0, 5) and is_small(4, 5) and not is_small(5, 5)


def test_a_lone_small_cell_takes_the_next_smallest_in_its_row_and_column_with_it() -> None:
    table = [[12, 3, 20],
             [15, 9, 30]]
    p = protect_table(table, 5)
    # 3 is hidden; its row and column would give it away, so 9 (its column's other
    # cell) and 12 (the smallest other in its row) go too, then 15 for 12's column.
    assert p.cells == [[None, None, 20], [None, None, 30]]
    assert p.row_totals == [35, 54] and p.column_totals == [27, 12, 50]
    assert p.total == 89
    assert recoverable(table, p) == []


def test_when_nothing_else_can_hide_a_cell_the_line_total_is_hidden() -> None:
    p = protect_table([[3, 0, 0]], 5)
    assert p.cells == [[None, 0, 0]]
    assert p.row_totals == [None]
    assert p.column_totals == [None, 0, 0]
    assert p.total is None  # it would equal the hidden cell


def test_the_threshold_comes_from_settings(settings: object) -> None:
    settings.DISCLOSURE_MIN_COUNT = 10  # type: ignore[attr-defined]
    assert protect_table([[7, 20], [30, 40]]).cells[0][0] is None
    settings.DISCLOSURE_MIN_COUNT = 5  # type: ignore[attr-defined]
    assert protect_table([[7, 20], [30, 40]]).cells[0][0] == 7


@pytest.mark.parametrize("seed", range(30))
def test_no_hidden_cell_is_ever_recoverable_from_the_totals(seed: int) -> None:
    import random

    rng = random.Random(seed)
    table = [[rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for _ in range(6)]
             for _ in range(5)]
    p = protect_table(table, 5)
    assert recoverable(table, p) == []
    for i, row in enumerate(table):
        for j, value in enumerate(row):
            if 0 < value < 5:
                assert p.cells[i][j] is None
            elif p.cells[i][j] is not None:
                assert p.cells[i][j] == value


def test_rows_must_be_the_same_length() -> None:
    with pytest.raises(ValueError):
        protect_table([[1, 2], [3]])
