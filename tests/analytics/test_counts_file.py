"""Reading a user's wide CSV of counts: every fault is reported with its line and column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from commonground.analytics.counts_file import read_counts_csv
from commonground.analytics.problems import InputFileError

GROUPS = ["asian", "white", "other"]


def write(tmp_path: Path, text: str, name: str = "counts.csv", *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def problems_of(path: Path, **kwargs: object) -> list[tuple[int | None, str | None, str]]:
    args: dict[str, object] = {"region_col": "lad", "groups": GROUPS, **kwargs}
    with pytest.raises(InputFileError) as info:
        read_counts_csv(path, **args)  # type: ignore[arg-type]
    assert all(p.file == path.name for p in info.value.problems)
    return [(p.line, p.field, p.message) for p in info.value.problems]


GOOD = "area,lad,total,asian,white,other\nA1,L1,10,2,7,1\nA2,L1,5,0,5,0\nA3,L2,8,4,3,0\n"


def test_a_good_file_gives_counts_regions_areas_and_totals(tmp_path: Path) -> None:
    table = read_counts_csv(
        write(tmp_path, GOOD), region_col="lad", groups=GROUPS, total_col="total", area_col="area"
    )
    assert list(table.regions) == ["L1", "L1", "L2"]
    assert table.areas is not None
    assert list(table.areas) == ["A1", "A2", "A3"]
    np.testing.assert_array_equal(table.counts, [[2, 7, 1], [0, 5, 0], [4, 3, 0]])
    np.testing.assert_array_equal(table.totals, [10, 5, 8])
    assert table.explicit_total
    assert list(table.lines) == [2, 3, 4]


def test_without_a_total_column_the_total_is_the_sum_of_the_groups(tmp_path: Path) -> None:
    table = read_counts_csv(write(tmp_path, GOOD), region_col="lad", groups=GROUPS)
    np.testing.assert_array_equal(table.totals, [10, 5, 7])
    assert not table.explicit_total
    assert table.areas is None


def test_utf8_with_byte_order_mark_and_crlf_and_blank_lines(tmp_path: Path) -> None:
    text = GOOD.replace("\n", "\r\n").replace("A2,", "\r\nA2,")
    table = read_counts_csv(
        write(tmp_path, text, bom=True), region_col="lad", groups=GROUPS, area_col="area"
    )
    assert table.n_areas == 3
    assert list(table.lines) == [2, 4, 5]  # the blank line 3 is skipped but counted


def test_empty_file(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "")) == [
        (None, None, "the file is empty; expected a header row and one row per area")
    ]
    assert problems_of(write(tmp_path, "", bom=True))[0][2].startswith("the file is empty")


def test_header_only(tmp_path: Path) -> None:
    assert problems_of(write(tmp_path, "lad,asian,white,other\n")) == [
        (None, None, "has a header but no data rows")
    ]


def test_missing_columns_are_named_with_what_was_found(tmp_path: Path) -> None:
    [(line, field, message)] = problems_of(
        write(tmp_path, "council,asian,White\nL1,1,2\n"), total_col="total"
    )
    assert line == 1
    assert field is None
    assert "'lad', 'white', 'other', 'total'" in message
    assert "'council', 'asian', 'White'" in message


def test_repeated_column_in_header(tmp_path: Path) -> None:
    got = problems_of(write(tmp_path, "lad,asian,white,other,asian\nL1,1,2,3,4\n"))
    assert got == [(1, "asian", "this column appears more than once in the header")]


def test_every_bad_cell_is_reported_with_its_line_and_column(tmp_path: Path) -> None:
    text = (
        "area,lad,total,asian,white,other\n"
        "A1,L1,10,2,seven,1\n"  # line 2: non-numeric
        "A2,L1,5,-1,5,0\n"  # line 3: negative
        '"A3",L2,8,4,3,\n'  # line 4: empty cell
        "A4,L2,5,4,3,0\n"  # line 5: groups 7 > total 5
        "A1,L3,9,1,1,1\n"  # line 6: duplicate area
        "A6,,9,1,1,1\n"  # line 7: empty region
        "A7,L3,9,1,1\n"  # line 8: too few fields
        "A8,L3,x,1,nan,inf\n"  # line 9: total not a number, nan and inf
    )
    got = problems_of(write(tmp_path, text), total_col="total", area_col="area")
    assert got == [
        (2, "white", "'seven' is not a number"),
        (3, "asian", "'-1' is negative; counts cannot be below 0"),
        (4, "other", "is empty; a count is needed"),
        (5, "total", "the groups add up to 7, more than the total 5"),
        (6, "area", "area 'A1' repeats line 2"),
        (7, "lad", "is empty; every area needs a region"),
        (8, None, "has 5 fields but the header has 6"),
        (9, "white", "'nan' is not a finite number"),
        (9, "other", "'inf' is not a finite number"),
        (9, "total", "'x' is not a number"),
    ]


def test_line_numbers_follow_physical_lines_when_a_quoted_value_spans_lines(
    tmp_path: Path,
) -> None:
    text = 'area,lad,asian,white,other\n"A\n1",L1,1,2,3\nA2,L1,1,-2,3\n'
    assert problems_of(write(tmp_path, text)) == [
        (4, "white", "'-2' is negative; counts cannot be below 0")
    ]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("lad,asian,white,other\nCaf\xe9,1,2,3\n".encode("latin-1"))
    [(line, field, message)] = problems_of(path)
    assert line == 2 and field is None
    assert "not UTF-8" in message


def test_missing_file(tmp_path: Path) -> None:
    [(_, _, message)] = problems_of(tmp_path / "nope.csv")
    assert message.startswith("cannot be read")


def test_the_error_message_lists_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, "lad,asian,white,other\nL1,1,-2,3\n", name="mine.csv")
    with pytest.raises(InputFileError, match=r"mine\.csv, line 2, field 'white': '-2' is negative"):
        read_counts_csv(path, region_col="lad", groups=GROUPS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"groups": ["asian"]}, "at least two group columns"),
        ({"groups": "asian,white"}, "list of column names"),
        ({"groups": ["asian", "lad"]}, "more than one role: lad"),
    ],
)
def test_inconsistent_arguments_are_a_plain_value_error(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    args: dict[str, object] = {"region_col": "lad", **kwargs}
    with pytest.raises(ValueError, match=message):
        read_counts_csv(write(tmp_path, GOOD), **args)  # type: ignore[arg-type]


def test_reads_the_real_lsoa_file(lsoa_csv: Path) -> None:
    table = read_counts_csv(
        lsoa_csv,
        region_col="lad22_code",
        groups=["asian", "black", "mixed", "white", "other"],
        total_col="total",
        area_col="lsoa21_code",
    )
    assert table.n_areas == 35_672
    assert np.unique(table.regions).size == 331
    assert table.totals.sum() == 59_597_576
    np.testing.assert_array_equal(table.counts.sum(axis=1), table.totals)
