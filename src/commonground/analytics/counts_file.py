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
import io
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .problems import FileProblem, InputFileError

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


def _parse_count(text: str) -> float | str:
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
    return value


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

    Returns
    -------
    CountsTable

    Raises
    ------
    InputFileError
        Listing every problem: unreadable or empty file, missing or duplicated columns
        (naming what was found), rows with the wrong number of fields, empty region ids,
        non-numeric, non-finite or negative counts, groups adding up to more than the
        total, duplicate area codes.
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
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        fault(None, None, f"is not UTF-8 text (undecodable byte at offset {exc.start})")
        raise InputFileError(problems) from exc
    except OSError as exc:
        fault(None, None, f"cannot be read: {exc.strerror or exc}")
        raise InputFileError(problems) from exc
    if not text.strip():
        fault(None, None, "the file is empty; expected a header row and one row per area")
        raise InputFileError(problems)

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        fault(1, None, f"the header row cannot be read as CSV: {exc}")
        raise InputFileError(problems) from exc
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
        raise InputFileError(problems)

    col = {c: header.index(c) for c in wanted}
    regions: list[str] = []
    areas: list[str] = []
    rows: list[list[float]] = []
    totals: list[float] = []
    lines: list[int] = []
    first_seen: dict[str, int] = {}
    end_of_previous = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            fault(end_of_previous + 1, None, f"cannot be read as CSV: {exc}")
            break
        line = end_of_previous + 1
        end_of_previous = reader.line_num
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
            parsed = _parse_count(record[col[g]])
            if isinstance(parsed, str):
                fault(line, g, parsed)
                ok = False
            else:
                values.append(parsed)
        total = math.fsum(values) if ok else math.nan
        if total_col is not None:
            parsed_total = _parse_count(record[col[total_col]])
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
        if ok:
            regions.append(region)
            areas.append(area)
            rows.append(values)
            totals.append(total)
            lines.append(line)
    if not problems and not rows:
        fault(None, None, "has a header but no data rows")
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
        counts=np.array(rows, dtype=np.float64).reshape(len(rows), len(groups)),
        totals=np.array(totals, dtype=np.float64),
        lines=np.array(lines, dtype=np.int64),
    )
