"""Reading an analyst's CSV of dated counts and writing the detector's verdicts."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from commonground.analytics.problems import InputFileError
from commonground.analytics.series_file import (
    OUTPUT_COLUMNS,
    detect_rows,
    read_series_csv,
    write_detection_csv,
)


def write(tmp_path: Path, text: str, name: str = "counts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_daily_rows_are_added_up_into_monday_weeks_with_gaps_as_zero(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffward,day,reports\n"
                           "Ashton,2024-06-03,2\nAshton,2024-06-05,1\n"
                           "Bury,2024-06-19,4\nAshton,2024-06-23,3\n")
    series = read_series_csv(path, date_col="day", count_col="reports", area_col="ward")
    assert series.period == "week"
    assert series.areas == ("Ashton", "Bury")
    assert series.period_starts == (date(2024, 6, 3), date(2024, 6, 10), date(2024, 6, 17))
    assert series.counts.tolist() == [[3, 0, 3], [0, 0, 4]]


def test_months_are_recognised_and_a_file_without_areas_is_one_series(tmp_path: Path) -> None:
    path = write(tmp_path, "month,n\n2016-05,10\n2016-07,30\n2016-06,12\n")
    series = read_series_csv(path, date_col="month", count_col="n")
    assert series.period == "month"
    assert series.areas == ("all",)
    assert series.counts.tolist() == [[10, 12, 30]]
    firsts = write(tmp_path, "d,n\n2016-05-01,1\n2016-06-01,2\n2016-07-01,3\n", "b.csv")
    assert read_series_csv(firsts, date_col="d", count_col="n").period == "month"


def test_missing_columns_are_named_with_what_was_found(tmp_path: Path) -> None:
    path = write(tmp_path, "Date,Count\n2024-01-01,1\n")
    with pytest.raises(InputFileError) as err:
        read_series_csv(path, date_col="date", count_col="count", area_col="ward")
    problems = err.value.problems
    assert [(p.line, p.field) for p in problems] == [(1, "date"), (1, "count"), (1, "ward")]
    assert "found 'Date', 'Count'" in problems[0].message


def test_every_bad_row_is_reported_with_its_physical_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, (
        'ward,date,count,note\n'
        'A,2024-01-01,1,"two\nlines"\n'   # lines 2-3
        'A,01/02/2024,1,\n'                # 4: bad date
        'A,2024-02-30,1,\n'                # 5: not a real date
        'A,2024-01-08,-2,\n'               # 6: negative
        'A,2024-01-15,2.5,\n'              # 7: fractional
        ',2024-01-22,1,\n'                 # 8: no area
        'A,2024-01-01,4,\n'                # 9: duplicate of line 2
        '\n'                               # 10: blank, ignored
        'A,2024-01-29,,\n'                 # 11: missing count
    ))
    with pytest.raises(InputFileError) as err:
        read_series_csv(path, date_col="date", count_col="count", area_col="ward")
    found = [(p.line, p.field) for p in err.value.problems]
    assert found == [(4, "date"), (5, "date"), (6, "count"), (7, "count"), (8, "ward"),
                     (9, "date"), (11, "count")]
    messages = [p.message for p in err.value.problems]
    assert "duplicate row" in messages[5] and "line 2" in messages[5]
    assert all(p.file == str(path) for p in err.value.problems)


def test_a_month_in_a_weekly_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "d,n\n2024-01-01,1\n2024-02,3\n")
    with pytest.raises(InputFileError, match="line 3"):
        read_series_csv(path, date_col="d", count_col="n", period="week")


@pytest.mark.parametrize("text", ["", "d,n\n", "d,n\n\n"])
def test_empty_files_are_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(InputFileError):
        read_series_csv(write(tmp_path, text), date_col="d", count_col="n")


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("ward,d,n\nYnys M\xf4n,2024-01-01,1\n".encode("latin-1"))
    with pytest.raises(InputFileError, match="UTF-8"):
        read_series_csv(path, date_col="d", count_col="n", area_col="ward")


def test_detection_csv_has_every_period_and_explains_the_alert(tmp_path: Path) -> None:
    weeks = np.array([3, 2, 4, 3, 2, 3, 4, 3, 2, 3, 14, 3])
    lines = ["area,date,count"]
    for i, n in enumerate(weeks):
        day = date.fromordinal(date(2024, 4, 1).toordinal() + 7 * i)
        lines.append(f"=Ward,{day.isoformat()},{n}")
        lines.append(f"Calm,{day.isoformat()},1")
    path = write(tmp_path, "\n".join(lines) + "\n")
    series = read_series_csv(path, date_col="date", count_col="count", area_col="area")
    rows = detect_rows(series)
    out = tmp_path / "out.csv"
    assert write_detection_csv(rows, out) == 24
    with out.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert tuple(table[0]) == OUTPUT_COLUMNS
    flagged = [r for r in table if r["flagged"] == "true"]
    assert [(r["area"], r["period_start"], r["observed"]) for r in flagged] == [
        ("'=Ward", "2024-06-10", "14")
    ]
    assert flagged[0]["explanation"].startswith("14 reports in the week of 10 June 2024")
    buffer = io.StringIO()
    write_detection_csv(rows[:1], buffer)
    assert buffer.getvalue().splitlines()[0] == ",".join(OUTPUT_COLUMNS)
