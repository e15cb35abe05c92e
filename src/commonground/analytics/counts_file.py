"""Reading a user's wide CSV of counts (one row per area, one column per group).

This is the door through which an analyst's own table reaches the segregation indices
(the ``commonground indicators`` command, uploads).  The whole file is checked before
anything is computed, and every fault is reported at once as
:class:`~commonground.analytics.problems.InputFileError`, each naming the file, the
physical line (the header is line 1; a quoted value spanning lines is reported at the
line where its row starts) and the column.

Accepted: UTF-8 with or without a byte-order mark, comma-separated, a header row, blank
lines ignored.  Counts are non-negative finite numbers (decimals allowed, e.g. weighted
estimates); thousands separators are not.
"""

from __future__ import annotations

import csv
import math
import os
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .problems import FileProblem, InputFileError, RecordLines, csv_fault, utf8_lines

FloatArray = NDArray[np.float64]

#: Slack when checking that the groups do not add up to more than the total (float
#: estimates); integer counts are effectively compared exactly.
TOTAL_SLACK = 1e-9


@dataclass(frozen=True)
class CountsTable:
    """A validated table of counts: one row per area.

    ``totals`` is the total column when one was named, otherwise the sum of the groups
    (``explicit_total`` says which).  ``lines[i]`` is the file line of area ``i``.
    """

    file: str
    region_col: str
    groups: tuple[str, ...]
    total_col: str | None
    area_col: str | None
    regions: NDArray[np.str_]
    areas: NDArray[np.str_] | None
    counts: FloatArray
    totals: FloatArray
    lines: NDArray[np.int64]

    @property
    def explicit_total(self) -> bool:
        return self.total_col is not None

    @property
    def n_areas(self) -> int:
        return int(self.counts.shape[0])


def _parse_count(text: str, whole_numbers: bool = False) -> float | str:
    """The value of a count cell, or the reason it is not one."""
    s = text.strip()
    if not s:
        return "is empty; a count is needed"
    try:
        value = float(s)
    except ValueError:
        return f"{s!r} is not a number"
    if not math.isfinite(value):
        return f"{s!r} is not a finite number"
    if value < 0:
        return f"{s!r} is negative; counts cannot be below 0"
    if whole_numbers and not value.is_integer():
        return f"{s!r} is not a whole number; counts of people or households are whole"
    return value


def _read_rows(fh: Iterable[bytes], fault: Callable[[int | None, str | None, str], None],
               problems: list[FileProblem], *, wanted: list[str], region_col: str,
               groups: Sequence[str], total_col: str | None, area_col: str | None,
               whole_numbers: bool
               ) -> tuple[list[str], list[str], array[float], array[float], list[int]]:
    """One pass over the file, a record at a time; counts kept as packed doubles (a
    national table of output areas is millions of cells)."""
    regions: list[str] = []
    areas: list[str] = []
    counts: array[float] = array("d")
    totals: array[float] = array("d")
    lines: list[int] = []
    source = RecordLines(utf8_lines(fh))
    reader = csv.reader(source)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        fault(None, None, "the file is empty; expected a header row and one row per area")
        return regions, areas, counts, totals, lines
    except (csv.Error, UnicodeDecodeError) as exc:
        column, message = csv_fault(exc, "".join(source.record), None)
        fault(source.start_line(), column, message)
        return regions, areas, counts, totals, lines
    if not any(header):
        fault(None, None, "the file is empty; expected a header row and one row per area")
        return regions, areas, counts, totals, lines
    missing = [c for c in wanted if c not in header]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    if missing:
        fault(
            1,
            None,
            f"missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"the header has: {', '.join(repr(h) for h in header)}",
        )
    for dup in repeated:
        if dup in wanted:
            fault(1, dup, "this column appears more than once in the header")
    if problems:
        return regions, areas, counts, totals, lines

    col = {c: header.index(c) for c in wanted}
    first_seen: dict[str, int] = {}
    while True:
        source.next_record()
        try:
            record = next(reader)
        except StopIteration:
            break
        except (csv.Error, UnicodeDecodeError) as exc:
            column, message = csv_fault(exc, "".join(source.record), header)
            fault(source.start_line(), column, message)
            break
        line = source.start_line()
        if not record or all(not cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            fault(line, None, f"has {len(record)} fields but the header has {len(header)}")
            continue
        ok = True
        region = record[col[region_col]].strip()
        if not region:
            fault(line, region_col, "is empty; every area needs a region")
            ok = False
        values: list[float] = []
        for g in groups:
            parsed = _parse_count(record[col[g]], whole_numbers)
            if isinstance(parsed, str):
                fault(line, g, parsed)
                ok = False
            else:
                values.append(parsed)
        total = math.fsum(values) if ok else math.nan
        if total_col is not None:
            parsed_total = _parse_count(record[col[total_col]], whole_numbers)
            if isinstance(parsed_total, str):
                fault(line, total_col, parsed_total)
                ok = False
            elif ok and total > parsed_total + TOTAL_SLACK * max(parsed_total, 1.0):
                fault(
                    line,
                    total_col,
                    f"the groups add up to {total:g}, more than the total {parsed_total:g}",
                )
                ok = False
            else:
                total = parsed_total
        area = ""
        if area_col is not None:
            area = record[col[area_col]].strip()
            if not area:
                fault(line, area_col, "is empty; every area needs a code")
                ok = False
            elif area in first_seen:
                fault(line, area_col, f"area {area!r} repeats line {first_seen[area]}")
                ok = False
            else:
                first_seen[area] = line
        if ok and not problems:  # once the file is refused, only faults are kept
            regions.append(region)
            areas.append(area)
            counts.extend(values)
            totals.append(total)
            lines.append(line)
    if not problems and not regions:
        fault(None, None, "has a header but no data rows")
    return regions, areas, counts, totals, lines


def _check_arguments(
    region_col: str, groups: Sequence[str], total_col: str | None, area_col: str | None
) -> list[str]:
    if isinstance(groups, str):
        raise ValueError("groups must be a list of column names, not one string")
    wanted = [region_col, *groups]
    if total_col is not None:
        wanted.append(total_col)
    if area_col is not None:
        wanted.append(area_col)
    if len(groups) < 2:
        raise ValueError(f"at least two group columns are needed; got {list(groups)}")
    dupes = sorted({c for c in wanted if wanted.count(c) > 1})
    if dupes:
        raise ValueError(f"a column is named for more than one role: {', '.join(dupes)}")
    return wanted


def read_counts_csv(
    path: str | os.PathLike[str],
    *,
    region_col: str,
    groups: Sequence[str],
    total_col: str | None = None,
    area_col: str | None = None,
    display_name: str | None = None,
    whole_numbers: bool = False,
) -> CountsTable:
    """Read and validate a wide CSV of counts.

    Parameters
    ----------
    path : path-like
        The CSV file.
    region_col : str
        Column with the region id of each area (e.g. the council code).
    groups : sequence of str
        Columns holding the group counts, at least two.
    total_col : str, optional
        Column with the area total (e.g. all usual residents); each must be at least the
        sum of the groups.  Without it the total is the sum of the groups.
    area_col : str, optional
        Column with the area code; codes must be unique.
    display_name : str, optional
        Name used for the file in messages (default: the file's name).
    whole_numbers : bool, optional
        Refuse counts with a fractional part (people, households), as imports of published
        tables do; without it decimals are counts too (weighted estimates).

    Returns
    -------
    CountsTable

    Raises
    ------
    InputFileError
        Listing every problem: unreadable or empty file, missing or duplicated columns
        (naming what was found), rows with the wrong number of fields, empty region ids,
        non-numeric, non-finite or negative counts (or fractional ones, with
        ``whole_numbers``), groups adding up to more than the total, duplicate area codes,
        values the CSV reader cannot read (over its size limit, a NUL character).
    ValueError
        If the arguments themselves are inconsistent (fewer than two groups, a column
        named twice).
    """
    wanted = _check_arguments(region_col, groups, total_col, area_col)
    name = display_name or Path(path).name
    problems: list[FileProblem] = []

    def fault(line: int | None, field: str | None, message: str) -> None:
        problems.append(FileProblem(name, line, field, message))

    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError as exc:
        fault(None, None, f"cannot be read: {exc.strerror or exc}")
        raise InputFileError(problems) from exc
    with fh:
        regions, areas, counts, totals, lines = _read_rows(
            fh, fault, problems, wanted=wanted, region_col=region_col, groups=groups,
            total_col=total_col, area_col=area_col, whole_numbers=whole_numbers)
    if problems:
        raise InputFileError(problems)
    return CountsTable(
        file=name,
        region_col=region_col,
        groups=tuple(groups),
        total_col=total_col,
        area_col=area_col,
        regions=np.array(regions, dtype=np.str_),
        areas=np.array(areas, dtype=np.str_) if area_col is not None else None,
        counts=np.frombuffer(counts, dtype=np.float64).reshape(len(regions), len(groups)),
        totals=np.frombuffer(totals, dtype=np.float64),
        lines=np.array(lines, dtype=np.int64),
    )
