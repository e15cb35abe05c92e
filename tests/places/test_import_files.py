"""Bad import files (issue 14, finding 6): every reader error names the file, line and
column in plain words, counts are whole and totals hold, and nothing is imported."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from commonground.analytics.counts_file import read_counts_csv
from commonground.analytics.problems import InputFileError
from commonground.places import readers

LIMIT = csv.field_size_limit()
KNOWN = {"E05000001": 1, "E05000002": 2}
WIDE: dict[str, Any] = {"name": "wards.csv", "known": KNOWN, "level": "ward",
                        "code_col": "code", "groups": ["a", "b"]}


def problems(read: Callable[[], Any]) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InputFileError) as caught:
        read()
    assert all(p.file.endswith(".csv") or p.file.endswith(".gz") for p in caught.value.problems)
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def write(tmp_path: Path, text: str, name: str = "wards.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_value_over_the_csv_size_limit_is_named_by_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, f"code,a,b\nE05000001,1,2\nE05000002,{'9' * (LIMIT + 1)},3\n")
    for read in (lambda: readers.read_wide_counts(path, **WIDE),
                 lambda: readers.read_wide_values(path, name="wards.csv", known=KNOWN,
                                                  level="ward", code_col="code",
                                                  columns=["a", "b"]),
                 lambda: read_counts_csv(path, region_col="code", groups=["a", "b"])):
        [(line, column, message)] = problems(read)
        assert (line, column) == (3, "a")
        assert message.startswith(f"a value is longer than {LIMIT:,} characters")


def test_a_quote_left_open_is_named_at_the_line_where_it_opens(tmp_path: Path) -> None:
    body = "".join(f"E05{i:06d},1,2\n" for i in range(3, 20_000))
    path = write(tmp_path, f'code,a,b\nE05000001,1,2\nE05000002,3,"4\n{body}')
    [(line, column, message)] = problems(lambda: readers.read_wide_counts(path, **WIDE))
    assert (line, column) == (3, "b")
    assert "a quotation mark that opens a value and is never closed" in message


def test_a_nul_character_and_bytes_not_utf8_are_placed(tmp_path: Path) -> None:
    path = write(tmp_path, "code,name\nE05000001,Hale\nE05000002,Bow\x00don\n")
    assert problems(lambda: readers.read_categories(
        path, name="wards.csv", known=KNOWN, level="ward", code_col="code",
        column="name")) == [
        (3, "name", "holds a NUL character (code 0), which text never contains")]
    latin = tmp_path / "latin.csv"
    latin.write_bytes("code,a,b\nE05000001,1,2\nE05000002,3,4 \xe9\n".encode("latin-1"))
    [(line, column, message)] = problems(
        lambda: readers.read_wide_values(latin, name="latin.csv", known=KNOWN, level="ward",
                                         code_col="code", columns=["a", "b"]))
    assert line == 3 and "is not UTF-8 text" in message


def test_counts_are_whole_numbers(tmp_path: Path) -> None:
    wide = write(tmp_path, "code,a,b\nE05000001,1.5,2\nE05000002,3,4.0\n")
    assert problems(lambda: readers.read_wide_counts(wide, **WIDE)) == [
        (2, "a", "'1.5' is not a whole number; counts of people or households are whole")]
    tidy = write(tmp_path, "area_code,group,value\nE05000001,x,1\nE05000001,y,0.25\n",
                 "tidy.csv")
    assert problems(lambda: readers.read_tidy_counts(tidy, name="tidy.csv", known=KNOWN,
                                                     level="ward")) == [
        (3, "value", "'0.25' is not a whole number; counts of people or households are whole")]
    # The analysts' own tables may hold weighted estimates: decimals are counts there.
    assert read_counts_csv(wide, region_col="code", groups=["a", "b"]).counts[0, 0] == 1.5


def test_a_total_below_the_sum_of_its_groups_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "code,a,b,total\nE05000001,4,5,9\nE05000002,4,5,8\n")
    assert problems(lambda: readers.read_wide_counts(path, **WIDE, total_col="total")) == [
        (3, "total", "the groups add up to 9, more than the total 8")]


def test_a_gzipped_file_is_read_as_it_streams(tmp_path: Path) -> None:
    path = tmp_path / "tidy.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("area_code,group,value\nE05000001,x,1\nE05000001,y,2\n"
                 "E05000002,x,3\nE05000002,y,4\nE05000002,x,5\n")
    assert problems(lambda: readers.read_tidy_counts(path, name="tidy.csv.gz", known=KNOWN,
                                                     level="ward")) == [
        (6, "group", "area 'E05000002' already has 'x' on line 4")]


def test_a_good_table_reads_the_same_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "code,a,b,total\nE05000001,4,5,10\n\nE05000002,\"1\",0,1\n")
    table = readers.read_wide_counts(path, **WIDE, total_col="total")
    assert table.codes == ["E05000001", "E05000002"] and table.lines == [2, 4]
    assert list(table.rows()) == [[4, 5], [1, 0]] and table.totals == [10.0, 1.0]
    tidy = write(tmp_path, "area_code,group,value\nE05000001,x,1\nE05000002,y,2\n"
                           "E05000001,y,3\nE05000002,x,4\n", "tidy.csv")
    table = readers.read_tidy_counts(tidy, name="tidy.csv", known=KNOWN, level="ward")
    assert table.codes == ["E05000001", "E05000002"] and table.lines == [2, 3]
    assert list(table.rows()) == [[1, 3], [4, 2]] and table.totals == [4.0, 6.0]


@pytest.mark.django_db
def test_the_import_command_says_where_rather_than_crashing(tmp_path: Path) -> None:
    path = write(tmp_path, f"code,a,b\nE05000001,1,{'x' * (LIMIT + 5)}\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_counts", str(path), "--dataset=t", "--title=T", "--level=ward",
                     "--code-col=code", "--groups=a,b", stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(
        f"wards.csv, line 2, field 'b': a value is longer than {LIMIT:,} characters")
