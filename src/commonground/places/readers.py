"""Reading and checking open-data files before anything is written.

Each reader takes the file, what it needs to know about the areas already loaded
(``known``: code -> area id) and returns a validated table, or raises
:class:`~commonground.analytics.problems.InputFileError` listing *every* fault with its
file, line and field. Wide counts go through the analytics reader
(:func:`~commonground.analytics.counts_file.read_counts_csv`), so an import, an upload
and the ``indicators`` command word the same fault the same way.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from commonground.analytics.counts_file import read_counts_csv
from commonground.analytics.problems import (
    FileProblem,
    InputFileError,
    RecordLines,
    csv_fault,
    utf8_lines,
)

Progress = Callable[[int], None]
# The long (tidy) layout of ONS tables as republished by Trafford's Data Lab: these
# columns describe the row; the one column left over names the category.
TIDY_DESCRIPTIVE = {"area_code", "area_name", "geography", "period", "indicator", "measure",
                    "unit", "value"}


@dataclass
class Table:
    """Validated rows: ``codes[i]`` came from file line ``lines[i]``.

    A wide table of counts keeps its numbers in ``counts`` (one packed row per area)
    rather than in ``values``: as lists of Python numbers a national table of output
    areas would take many times its file's size. :meth:`rows` gives either, row by row.
    """

    columns: list[dict[str, str]]
    codes: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    values: list[list[Any]] = field(default_factory=list)
    totals: list[float | None] = field(default_factory=list)
    counts: NDArray[np.float64] | None = None

    def rows(self) -> Iterator[list[Any]]:
        if self.counts is None:
            yield from self.values
            return
        for row in self.counts:
            yield [_number(v) for v in row.tolist()]


class Faults:
    """Collects problems for one file and raises them together."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[FileProblem] = []

    def add(self, line: int | None, column: str | None, message: str) -> None:
        self.problems.append(FileProblem(self.file, line, column, message))

    def extend(self, problems: Sequence[FileProblem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            # A fault two passes over the file both find (a row's width) is said once.
            ordered = sorted(dict.fromkeys(self.problems),
                             key=lambda p: (p.line or 0, p.field or ""))
            raise InputFileError(ordered)


def read_text(path: Path, faults: Faults) -> str:
    """The file as text (gzip allowed), or a fault saying why it cannot be read."""
    try:
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        faults.add(None, None, f"is not UTF-8 text (undecodable byte at offset {exc.start})")
    except (OSError, EOFError) as exc:
        faults.add(None, None, f"cannot be read: {exc}")
    faults.raise_if_any()
    return ""


@contextmanager
def plain_file(path: Path) -> Iterator[Path]:
    """The file itself, or an uncompressed temporary copy of a gzipped one."""
    with open(path, "rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    if not gzipped:
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=".csv") as tmp:
        with gzip.open(path) as source:
            shutil.copyfileobj(source, tmp)
        tmp.flush()
        yield Path(tmp.name)


def _open_binary(path: Path) -> io.BufferedIOBase:
    with open(path, "rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    return gzip.open(path) if gzipped else open(path, "rb")  # noqa: SIM115 (rows closes it)


def csv_rows(path: Path, faults: Faults, wanted: Sequence[str]
             ) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header and an iterator of (line, cells) for non-blank rows of the right width.

    The file is read a record at a time (gzip allowed), never whole. A missing column is
    reported with the columns that were found, then raised at once: nothing else can be
    checked without the header. A record the CSV reader cannot read (a value over its
    size limit, a NUL character, bytes that are not UTF-8) is a fault at its line and
    column, and ends the reading.
    """
    try:
        fh = _open_binary(path)
    except OSError as exc:
        faults.add(None, None, f"cannot be read: {exc.strerror or exc}")
        faults.raise_if_any()
        raise
    source = RecordLines(utf8_lines(fh))
    reader = csv.reader(source)

    def unreadable(exc: Exception, header: Sequence[str] | None) -> None:
        if isinstance(exc, (csv.Error, UnicodeDecodeError)):
            column, message = csv_fault(exc, "".join(source.record), header)
            faults.add(source.start_line(), column, message)
        else:  # a damaged gzip stream
            faults.add(None, None, f"cannot be read: {exc}")

    try:
        first = next(reader, None)
    except (csv.Error, UnicodeDecodeError, OSError, EOFError) as exc:
        fh.close()
        unreadable(exc, None)
        faults.raise_if_any()
        raise
    if first is None or not any(c.strip() for c in first):
        fh.close()
        faults.add(None, None, "the file is empty; expected a header row and data rows")
        faults.raise_if_any()
    header = [h.strip() for h in first or []]
    missing = [c for c in wanted if c not in header]
    if missing:
        fh.close()
        faults.add(1, None, f"missing column(s) {', '.join(repr(c) for c in missing)}; "
                            f"the header has: {', '.join(repr(h) for h in header)}")
        faults.raise_if_any()

    def rows() -> Iterator[tuple[int, list[str]]]:
        with fh:
            while True:
                source.next_record()
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError, OSError, EOFError) as exc:
                    unreadable(exc, header)
                    return
                line = source.start_line()
                if not record or all(not c.strip() for c in record):
                    continue
                raw = "".join(source.record)
                if "\0" in raw:  # Python's reader keeps it; no database should
                    column, message = csv_fault(csv.Error("line contains NUL"), raw, header)
                    faults.add(line, column, message)
                    continue
                if len(record) != len(header):
                    faults.add(line, None, f"has {len(record)} fields but the header has "
                                           f"{len(header)}")
                    continue
                yield line, record

    return header, rows()


class CodeCheck:
    """Unknown, empty and repeated area codes, each reported at its line."""

    def __init__(self, faults: Faults, column: str, known: dict[str, int], level: str) -> None:
        self.faults, self.column, self.known, self.level = faults, column, known, level
        self.first_seen: dict[str, int] = {}

    def ok(self, line: int, code: str) -> bool:
        if not code:
            self.faults.add(line, self.column, "is empty; every row needs an area code")
            return False
        if code in self.first_seen:
            self.faults.add(line, self.column,
                            f"area {code!r} repeats line {self.first_seen[code]}")
            return False
        self.first_seen[code] = line
        if code not in self.known:
            self.faults.add(line, self.column,
                            f"unknown area code {code!r}: no {self.level} with this code "
                            "has been loaded")
            return False
        return True


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and total and done % 2000 == 0:
        progress(min(99, int(100 * done / total)))


def _columns(keys: Sequence[str], labels: dict[str, str] | None = None) -> list[dict[str, str]]:
    return [{"key": k, "label": (labels or {}).get(k, k)} for k in keys]


def read_wide_counts(path: Path, *, name: str, known: dict[str, int], level: str,
                     code_col: str, groups: Sequence[str], total_col: str | None = None,
                     labels: dict[str, str] | None = None, exact_total: bool = False,
                     progress: Progress | None = None) -> Table:
    """One row per area, one column per group, optionally a total column; counts whole.

    ``exact_total``: the groups must add up to the total exactly (a partition of the
    residents, such as age bands), not merely stay within it.
    """
    if exact_total and total_col is None:
        raise ValueError("exact_total needs a total column")
    faults = Faults(name)
    wanted = [code_col, *groups, *([total_col] if total_col else [])]
    _header, rows = csv_rows(path, faults, wanted)
    check = CodeCheck(faults, code_col, known, level)
    header_index = _header.index(code_col)
    for line, record in rows:
        check.ok(line, record[header_index].strip())
    try:
        with plain_file(path) as plain:
            counts = read_counts_csv(plain, region_col=code_col, groups=groups,
                                     total_col=total_col, display_name=name,
                                     whole_numbers=True)
    except InputFileError as exc:
        faults.extend(exc.problems)
    faults.raise_if_any()
    if exact_total:
        _check_exact(faults, counts, total_col)
    table = Table(columns=_columns(groups, labels), counts=counts.counts,
                  codes=counts.regions.tolist(), lines=counts.lines.tolist(),
                  totals=counts.totals.tolist())
    return table


def _check_exact(faults: Faults, counts: Any, total_col: str | None) -> None:
    """Each area's groups add up to its total exactly, or a fault at its line and column."""
    for i, line in enumerate(counts.lines.tolist()):
        added, total = math.fsum(counts.counts[i].tolist()), float(counts.totals[i])
        if added != total:
            faults.add(line, total_col, f"the groups add up to {added:g}, not the total "
                                        f"{total:g}")
    faults.raise_if_any()


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def read_wide_values(path: Path, *, name: str, known: dict[str, int], level: str,
                     code_col: str, columns: Sequence[str],
                     labels: dict[str, str] | None = None) -> Table:
    """One row per area of numbers that are not counts (rates, scores); blank is missing."""
    faults = Faults(name)
    header, rows = csv_rows(path, faults, [code_col, *columns])
    index = {c: header.index(c) for c in [code_col, *columns]}
    check = CodeCheck(faults, code_col, known, level)
    table = Table(columns=_columns(columns, labels))
    for line, record in rows:
        ok = check.ok(line, record[index[code_col]].strip())
        values: list[float | None] = []
        for column in columns:
            text = record[index[column]].strip()
            if not text:
                values.append(None)
                continue
            try:
                value = float(text)
            except ValueError:
                faults.add(line, column, f"{text!r} is not a number")
                ok = False
                continue
            if not math.isfinite(value):
                faults.add(line, column, f"{text!r} is not a finite number")
                ok = False
                continue
            values.append(value)
        if ok:
            table.codes.append(record[index[code_col]].strip())
            table.lines.append(line)
            table.values.append(values)
            table.totals.append(None)
    faults.raise_if_any()
    return table


def read_categories(path: Path, *, name: str, known: dict[str, int], level: str,
                    code_col: str, column: str) -> Table:
    """One classification per area (e.g. the rural-urban class of each LSOA)."""
    faults = Faults(name)
    header, rows = csv_rows(path, faults, [code_col, column])
    i_code, i_value = header.index(code_col), header.index(column)
    check = CodeCheck(faults, code_col, known, level)
    table = Table(columns=_columns([column]))
    for line, record in rows:
        code, value = record[i_code].strip(), record[i_value].strip()
        ok = check.ok(line, code)
        if not value:
            faults.add(line, column, "is empty; every area needs a category")
            ok = False
        if ok:
            table.codes.append(code)
            table.lines.append(line)
            table.values.append([value])
            table.totals.append(None)
    faults.raise_if_any()
    return table


def read_tidy_counts(path: Path, *, name: str, known: dict[str, int], level: str,
                     code_col: str = "area_code", category_col: str | None = None,
                     value_col: str = "value", progress: Progress | None = None) -> Table:
    """The long layout: one row per (area, category) with its count."""
    faults = Faults(name)
    if category_col is None:
        header, _ = csv_rows(path, faults, [code_col, value_col])
        left = [h for h in header if h not in TIDY_DESCRIPTIVE | {code_col, value_col}]
        if len(left) != 1:
            faults.add(1, None, "cannot tell which column holds the category; name it with "
                                f"--category-col (candidates: {', '.join(map(repr, left))})")
            faults.raise_if_any()
        category_col = left[0]
    header, rows = csv_rows(path, faults, [code_col, category_col, value_col])
    i_code, i_cat, i_val = (header.index(c) for c in (code_col, category_col, value_col))
    categories: dict[str, int] = {}
    # Per area, one packed slot per category: its count and the line it came from (0 for
    # none yet). A national file has hundreds of thousands of rows; tuples and dicts per
    # row would take many times the file's size.
    cells: dict[str, array[float]] = {}
    lines: dict[str, array[int]] = {}
    unknown: set[str] = set()
    for line, record in rows:
        code, category, text = record[i_code].strip(), record[i_cat].strip(), record[i_val].strip()
        if not code:
            faults.add(line, code_col, "is empty; every row needs an area code")
            continue
        if code not in known:
            if code not in unknown:
                faults.add(line, code_col, f"unknown area code {code!r}: no {level} with this "
                                           "code has been loaded")
                unknown.add(code)
            continue
        if not category:
            faults.add(line, category_col, "is empty; every row needs a category")
            continue
        slot = categories.setdefault(category, len(categories))
        if code not in lines:
            cells[code], lines[code] = array("d"), array("l")
        area_cells, area_lines = cells[code], lines[code]
        if len(area_lines) <= slot:
            grow = slot + 1 - len(area_lines)
            area_cells.extend([math.nan] * grow)
            area_lines.extend([0] * grow)
        if area_lines[slot]:
            faults.add(line, category_col, f"area {code!r} already has {category!r} on line "
                                           f"{area_lines[slot]}")
            continue
        area_lines[slot] = line
        value = _count(text)
        if isinstance(value, str):
            faults.add(line, value_col, value)
            continue
        area_cells[slot] = value
    names = list(categories)
    for code, area_lines in lines.items():
        absent = [names[i] for i in range(len(names))
                  if i >= len(area_lines) or not area_lines[i]]
        if absent:
            faults.add(min(n for n in area_lines if n), category_col,
                       f"area {code!r} has no row for {', '.join(map(repr, absent))}")
    if not faults.problems and not cells:
        faults.add(None, None, "has a header but no data rows")
    faults.raise_if_any()
    table = Table(columns=_columns(names))
    for i, (code, area_cells) in enumerate(cells.items()):
        table.codes.append(code)
        table.lines.append(min(lines[code]))
        table.values.append([_number(v) for v in area_cells])
        table.totals.append(math.fsum(area_cells))
        _report(progress, i, len(cells))
    return table


def _count(text: str) -> float | str:
    """A count cell's value, or what is wrong with it."""
    if not text:
        return "is empty; a count is needed"
    try:
        value = float(text)
    except ValueError:
        return f"{text!r} is not a number"
    if not math.isfinite(value):
        return f"{text!r} is not a finite number"
    if value < 0:
        return f"{text!r} is negative; counts cannot be below 0"
    if not value.is_integer():
        return f"{text!r} is not a whole number; counts of people or households are whole"
    return value


@dataclass
class Feature:
    code: str
    name: str
    geometry: dict[str, Any]


def read_boundaries(path: Path, *, name: str, code_prop: str, name_prop: str | None = None,
                    known: dict[str, int] | None = None, level: str = "area",
                    skip_unknown: bool = False) -> tuple[list[Feature], int]:
    """GeoJSON features with a code property; returns the features and how many were skipped
    as unknown (only with ``skip_unknown``; otherwise an unknown code is a fault)."""
    faults = Faults(name)
    text = read_text(path, faults)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        faults.add(exc.lineno, None, f"is not valid GeoJSON: {exc.msg}")
        faults.raise_if_any()
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        faults.add(None, None, "is not a GeoJSON FeatureCollection (no 'features' list)")
        faults.raise_if_any()
    out: list[Feature] = []
    seen: dict[str, int] = {}
    skipped = 0
    for i, feature in enumerate(features or []):
        where = f"features[{i}]"
        props = feature.get("properties") or {}
        code = str(props.get(code_prop) or "").strip()
        geometry = feature.get("geometry") or {}
        if not code:
            faults.add(None, f"{where}.properties.{code_prop}", "is missing or empty")
            continue
        if code in seen:
            faults.add(None, f"{where}.properties.{code_prop}",
                       f"area {code!r} repeats features[{seen[code]}]")
            continue
        seen[code] = i
        if known is not None and code not in known:
            if skip_unknown:
                skipped += 1
            else:
                faults.add(None, f"{where}.properties.{code_prop}",
                           f"unknown area code {code!r}: no {level} with this code has been "
                           "loaded")
            continue
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            faults.add(None, f"{where}.geometry", "must be a Polygon or MultiPolygon")
            continue
        out.append(Feature(code, str(props.get(name_prop, "") if name_prop else ""), geometry))
    faults.raise_if_any()
    return out, skipped


def read_pairs(path: Path, *, name: str, key_col: str, value_cols: Sequence[str]
               ) -> list[tuple[int, list[str]]]:
    """(line, [key, *values]) for lookup-style files; identical repeats are dropped, a key
    given two different values is a fault."""
    faults = Faults(name)
    header, rows = csv_rows(path, faults, [key_col, *value_cols])
    idx = [header.index(c) for c in [key_col, *value_cols]]
    out: list[tuple[int, list[str]]] = []
    seen: dict[str, tuple[int, list[str]]] = {}
    for line, record in rows:
        cells = [record[i].strip() for i in idx]
        if not cells[0]:
            faults.add(line, key_col, "is empty; every row needs a code")
            continue
        if cells[0] in seen:
            first_line, first = seen[cells[0]]
            if first != cells:
                faults.add(line, key_col, f"area {cells[0]!r} repeats line {first_line} with "
                                          "different values")
            continue
        seen[cells[0]] = (line, cells)
        out.append((line, cells))
    faults.raise_if_any()
    return out
