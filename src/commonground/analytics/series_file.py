"""Read an analyst's CSV of dated counts, run the early-warning detector, write the result.

This is the pure core of ``commonground detect FILE.csv --date-col COL --count-col COL
[--area-col COL] [--out OUT.csv]``: no Django, no printing. A file is checked as a
whole; every fault is reported with its file, physical line and field in one
:class:`~commonground.analytics.problems.InputFileError`, so the analyst can fix them
all at once. Good rows are added up per area and period (Monday-starting ISO weeks or
calendar months) and periods with no rows count as zero.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import numpy as np
from numpy.typing import ArrayLike, NDArray

from commonground.analytics.early_warning import DetectionResult, DetectorParams, Period, detect
from commonground.analytics.early_warning.explain import explain_alerts
from commonground.analytics.problems import FileProblem, InputFileError

__all__ = [
    "OUTPUT_COLUMNS",
    "CountSeries",
    "DetectionRow",
    "detect_rows",
    "period_start",
    "read_series_csv",
    "write_detection_csv",
]

#: Area label used when the file has no area column.
WHOLE_FILE_AREA = "all"

OUTPUT_COLUMNS = (
    "area", "period_start", "observed", "expected", "upper", "score", "p_value", "cusum",
    "flagged", "reason", "explanation",
)

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PERIODS = ("week", "month")


@dataclass(frozen=True)
class CountSeries:
    """Counts per area and period, ready for :func:`detect`.

    Attributes
    ----------
    file : str
        Where the counts came from.
    period : {"week", "month"}
        Period of the columns.
    areas : tuple of str
        Row labels, sorted.
    period_starts : tuple of date
        First day of each column's period (Mondays, or 1st of the month), consecutive.
    counts : ndarray of int64, shape (n_areas, n_periods)
        Reports per area and period; zero where the file had no row.
    """

    file: str
    period: Period
    areas: tuple[str, ...]
    period_starts: tuple[date, ...]
    counts: NDArray[np.int64]


@dataclass(frozen=True)
class DetectionRow:
    """One output line: an area and period with the detector's verdict."""

    area: str
    period_start: date
    observed: int
    expected: float
    upper: int
    score: float
    p_value: float
    cusum: float
    flagged: bool
    reason: str
    explanation: str

    def as_csv_row(self) -> list[str]:
        """Values in the order of :data:`OUTPUT_COLUMNS`, formatted for a CSV file."""
        return [
            _safe_cell(self.area), self.period_start.isoformat(), str(self.observed),
            f"{self.expected:.3f}", str(self.upper), f"{self.score:.3f}",
            f"{self.p_value:.3g}", f"{self.cusum:.3f}", "true" if self.flagged else "false",
            self.reason, self.explanation,
        ]


def period_start(day: date, period: Period) -> date:
    """First day of the period holding ``day``: its ISO week's Monday, or the 1st."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def _next_start(start: date, period: Period) -> date:
    if period == "week":
        return start + timedelta(days=7)
    return date(start.year + (start.month == 12), start.month % 12 + 1, 1)


def _parse_date(text: str) -> tuple[date, bool] | str:
    """``(date, is_month)`` or an error message."""
    value = text.strip()
    if not value:
        return "missing date"
    try:
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2]), int(m[3])), False
        if m := _MONTH.match(value):
            return date(int(m[1]), int(m[2]), 1), True
    except ValueError:
        return f"not a real date: {value!r}"
    return f"not a date: expected YYYY-MM-DD or YYYY-MM, got {value!r}"


def _parse_count(text: str) -> int | str:
    """A non-negative whole count, or an error message."""
    value = text.strip()
    if not value:
        return "missing count"
    try:
        number = int(value)
    except ValueError:
        try:
            as_float = float(value)
        except ValueError:
            return f"not a number: {value!r}"
        if not math.isfinite(as_float) or as_float != math.floor(as_float):
            return f"not a whole number of reports: {value!r}"
        number = int(as_float)
    if number < 0:
        return f"negative count: {value!r}"
    return number


def _cell(row: Sequence[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def _safe_cell(text: str) -> str:
    """Stop a spreadsheet from running a cell that starts like a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def read_series_csv(
    path: str | os.PathLike[str],
    *,
    date_col: str,
    count_col: str,
    area_col: str | None = None,
    period: Period | None = None,
) -> CountSeries:
    """Read, check and aggregate a CSV of dated counts.

    Parameters
    ----------
    path : str or path-like
        UTF-8 CSV file (a byte-order mark is allowed) whose first line is a header.
    date_col, count_col : str
        Header names of the date column (``YYYY-MM-DD`` or ``YYYY-MM``) and of the
        count column (non-negative whole numbers; ``3.0`` is read as 3).
    area_col : str, optional
        Header name of the area column; without it the whole file is one series
        labelled ``"all"``.
    period : {"week", "month"}, optional
        Period to aggregate to. When omitted it is inferred: monthly if every date
        is a month (``YYYY-MM``) or every date is the 1st of a month (with at least
        three different dates), weekly otherwise.

    Returns
    -------
    CountSeries
        Counts per area and period, with missing periods filled with zero.

    Raises
    ------
    InputFileError
        Listing every fault with file, physical line and field: missing header
        names (with the names found), missing or bad dates, months in a weekly
        file, missing, negative or fractional counts, missing areas, and duplicate
        (area, date) rows.
    OSError
        If the file cannot be opened.
    """
    name = os.fspath(path)
    if period is not None and period not in _PERIODS:
        raise ValueError(f"period must be 'week' or 'month', got {period!r}")
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError([FileProblem(
            name, None, None, f"not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8"
        )]) from exc
    return _read_text(text, name, date_col=date_col, count_col=count_col,
                      area_col=area_col, period=period)


def _read_text(
    text: str,
    name: str,
    *,
    date_col: str,
    count_col: str,
    area_col: str | None,
    period: Period | None,
) -> CountSeries:
    problems: list[FileProblem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError([FileProblem(name, None, None, "the file is empty")]) from None
    except csv.Error as exc:
        raise InputFileError([FileProblem(name, 1, None, f"unreadable CSV: {exc}")]) from None
    names = [h.strip() for h in header]
    wanted = [date_col, count_col] + ([area_col] if area_col is not None else [])
    found = ", ".join(repr(h) for h in names) or "nothing"
    for col in wanted:
        if col not in names:
            problems.append(FileProblem(name, 1, col, f"no column named {col!r}; found {found}"))
        elif names.count(col) > 1:
            problems.append(FileProblem(name, 1, col, f"column {col!r} appears more than once"))
    if problems:
        raise InputFileError(problems)
    i_date, i_count = names.index(date_col), names.index(count_col)
    i_area = names.index(area_col) if area_col is not None else None

    records: list[tuple[int, str, date, bool, int]] = []
    seen: dict[tuple[str, date], int] = {}
    last_line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(FileProblem(name, last_line + 1, None, f"unreadable CSV: {exc}"))
            break
        line = last_line + 1
        last_line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue

        area = WHOLE_FILE_AREA
        ok = True
        if i_area is not None and area_col is not None:
            area = _cell(row, i_area).strip()
            if not area:
                problems.append(FileProblem(name, line, area_col, "missing area"))
                ok = False
        parsed_date = _parse_date(_cell(row, i_date))
        if isinstance(parsed_date, str):
            problems.append(FileProblem(name, line, date_col, parsed_date))
            ok = False
        parsed_count = _parse_count(_cell(row, i_count))
        if isinstance(parsed_count, str):
            problems.append(FileProblem(name, line, count_col, parsed_count))
            ok = False
        if not ok or isinstance(parsed_date, str) or isinstance(parsed_count, str):
            continue
        day, is_month = parsed_date
        key = (area, day)
        if key in seen:
            what = f"{area!r} and " if i_area is not None else ""
            problems.append(FileProblem(
                name, line, date_col,
                f"duplicate row: same {what}date as line {seen[key]}",
            ))
            continue
        seen[key] = line
        records.append((line, area, day, is_month, parsed_count))

    chosen = period if period is not None else _infer_period(records)
    if chosen == "week":
        for line, _area, _day, is_month, _count in records:
            if is_month:
                problems.append(FileProblem(
                    name, line, date_col,
                    "a month (YYYY-MM) in a weekly series; give the full date YYYY-MM-DD",
                ))
    if not records and not problems:
        problems.append(FileProblem(name, None, None, "no data rows under the header"))
    if problems:
        raise InputFileError(problems)
    return _aggregate(name, chosen, records)


def _infer_period(records: Sequence[tuple[int, str, date, bool, int]]) -> Period:
    if records and all(r[3] for r in records):
        return "month"
    days = {r[2] for r in records}
    if len(days) >= 3 and all(d.day == 1 for d in days):
        return "month"
    return "week"


def _aggregate(
    name: str, period: Period, records: Sequence[tuple[int, str, date, bool, int]]
) -> CountSeries:
    areas = sorted({r[1] for r in records})
    starts_of = [period_start(r[2], period) for r in records]
    first, last = min(starts_of), max(starts_of)
    starts: list[date] = []
    s = first
    while s <= last:
        starts.append(s)
        s = _next_start(s, period)
    col = {d: j for j, d in enumerate(starts)}
    row = {a: i for i, a in enumerate(areas)}
    counts = np.zeros((len(areas), len(starts)), dtype=np.int64)
    for (_line, area, _day, _is_month, count), start in zip(records, starts_of, strict=True):
        counts[row[area], col[start]] += count
    return CountSeries(file=name, period=period, areas=tuple(areas),
                       period_starts=tuple(starts), counts=counts)


def detect_rows(
    series: CountSeries,
    *,
    params: DetectorParams | None = None,
    watch: ArrayLike | None = None,
) -> list[DetectionRow]:
    """Run the detector on a :class:`CountSeries`; one row per area and period.

    Parameters
    ----------
    series : CountSeries
        From :func:`read_series_csv`.
    params : DetectorParams, optional
        Detector settings; the defaults for ``series.period`` when omitted.
    watch : array_like, optional
        Watch levels from trigger events, as for :func:`detect`.

    Returns
    -------
    list of DetectionRow
        Every area and period (area order, then time), flagged or not; flagged rows
        carry the reason and a plain-English explanation.
    """
    result = detect(series.counts, period=series.period, params=params, watch=watch)
    return rows_from_result(series, result)


def rows_from_result(series: CountSeries, result: DetectionResult) -> list[DetectionRow]:
    """Output rows from an existing detection result on ``series``."""
    alerts = explain_alerts(result, series.period_starts, labels=series.areas,
                            period=series.period)
    told = {(a.series, a.period_index): a for a in alerts}
    rows: list[DetectionRow] = []
    for i, area in enumerate(series.areas):
        for j, start in enumerate(series.period_starts):
            alert = told.get((i, j))
            rows.append(DetectionRow(
                area=area,
                period_start=start,
                observed=int(result.observed[i, j]),
                expected=float(result.expected[i, j]),
                upper=int(result.upper[i, j]),
                score=float(result.z[i, j]),
                p_value=float(result.p_value[i, j]),
                cusum=float(result.cusum[i, j]),
                flagged=alert is not None,
                reason=alert.reason if alert is not None else "",
                explanation=alert.explain() if alert is not None else "",
            ))
    return rows


def write_detection_csv(rows: Iterable[DetectionRow], out: str | os.PathLike[str] | TextIO) -> int:
    """Write detection rows as CSV with the header :data:`OUTPUT_COLUMNS`.

    Parameters
    ----------
    rows : iterable of DetectionRow
        From :func:`detect_rows`.
    out : str, path-like or text file
        Where to write; a path is created or overwritten (UTF-8), an open text file
        (such as ``sys.stdout``) is written to and left open.

    Returns
    -------
    int
        Number of data rows written.
    """
    if isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return _write(rows, handle)
    return _write(rows, out)


def _write(rows: Iterable[DetectionRow], handle: TextIO) -> int:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    n = 0
    for row in rows:
        writer.writerow(row.as_csv_row())
        n += 1
    return n
