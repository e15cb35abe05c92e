"""The analyst CLI core: one row per region with every index, from a user's CSV."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from commonground.analytics.counts_file import read_counts_csv
from commonground.analytics.indicators_table import (
    indicator_rows,
    indicators_from_file,
    write_indicator_csv,
)
from commonground.analytics.problems import InputFileError
from commonground.analytics.segregation import MULTIGROUP_INDICES, TWO_GROUP_INDICES

GROUPS = ["asian", "black", "mixed", "white", "other"]


def test_real_lsoa_file_gives_one_row_per_council_with_every_index(
    lsoa_csv: Path, tmp_path: Path
) -> None:
    header, rows = indicators_from_file(
        lsoa_csv, region_col="lad22_code", groups=GROUPS, total_col="total", focal="asian"
    )
    assert header[:3] == ["region", "n_areas", "population"]
    assert set(MULTIGROUP_INDICES) | set(TWO_GROUP_INDICES) <= set(header)
    assert len(rows) == 331
    assert sum(r[1] for r in rows) == 35_672  # type: ignore[misc]
    assert sum(r[2] for r in rows) == 59_597_576  # type: ignore[misc]
    by_region = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    hartlepool = by_region["E06000001"]
    # the same numbers as the PySAL golden file (tests/analytics/golden)
    assert hartlepool["multi_dissimilarity"] == pytest.approx(0.36049891992300176, rel=1e-12)
    assert hartlepool["dissimilarity"] == pytest.approx(0.39608651232547654, rel=1e-12)
    assert hartlepool["focal_group"] == "asian"

    out = tmp_path / "out.csv"
    write_indicator_csv(out, header, rows)
    with out.open(newline="", encoding="utf-8") as fh:
        back = list(csv.reader(fh))
    assert back[0] == header
    assert len(back) == 332
    assert float(back[1][header.index("multi_gini")]) == rows[0][header.index("multi_gini")]


def test_without_focal_there_are_no_two_group_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("lad,a,b\nL1,3,1\nL1,1,3\nL2,5,0\n", encoding="utf-8")
    table = read_counts_csv(path, region_col="lad", groups=["a", "b"])
    header, rows = indicator_rows(table)
    assert "dissimilarity" not in header and "focal_group" not in header
    row_l1 = dict(zip(header, rows[0], strict=True))
    assert row_l1["multi_dissimilarity"] == pytest.approx(0.5)
    assert row_l1["population"] == 8
    row_l2 = dict(zip(header, rows[1], strict=True))
    assert row_l2["multi_dissimilarity"] is None  # one group only: undefined, empty cell
    buffer = io.StringIO()
    write_indicator_csv(buffer, header, rows)
    line_l2 = buffer.getvalue().splitlines()[2].split(",")
    assert line_l2[header.index("multi_dissimilarity")] == ""
    assert math.isclose(float(line_l2[header.index("divergence")]), 0.0)


def test_unknown_focal_group_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("lad,a,b\nL1,3,1\n", encoding="utf-8")
    table = read_counts_csv(path, region_col="lad", groups=["a", "b"])
    with pytest.raises(ValueError, match="focal group 'c' is not one of the groups: a, b"):
        indicator_rows(table, focal="c")
    with pytest.raises(ValueError, match="focal group 'c'"):
        indicators_from_file(path, region_col="lad", groups=["a", "b"], focal="c")


def test_bad_file_reaches_the_caller_as_input_file_error(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("lad,a\nL1,3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="missing column"):
        indicators_from_file(path, region_col="lad", groups=["a", "b"])
