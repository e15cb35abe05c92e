"""Reading an analyst's survey files: population margins and respondents' answers.

``MARGINS.csv`` is long, one row per category of each weighting variable::

    variable,category,population
    age_band*sex,16-24*female,10122
    ward,Altrincham,8468

A variable written ``a*b`` is the joint distribution of the responses' columns ``a`` and
``b`` (census tables give age by sex together); its categories are written the same way.

``RESPONSES.csv`` has a header and one row per respondent, with a column named after each
weighting variable (each part of a joint one) holding the same category labels as the
margins.  Only the columns asked for are read; any others are ignored.

Both readers check the whole file first and report every fault at once as
:class:`~commonground.analytics.problems.InputFileError`, naming the file, the line
(the header is line 1) and the column, as the other analyst commands do.
"""

from __future__ import annotations

import csv
import gc
import io
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..problems import FileProblem, InputFileError
from .margins import Categorical, Margin, labels_in

#: Separator of the parts of a joint variable and of its categories.
JOINT = "*"
MARGIN_COLUMNS = ("variable", "category", "population")
#: Faults listed per column before the rest are summarised.
SHOWN_PER_COLUMN = 10


@dataclass(frozen=True)
class MarginSpec:
    """A margin as written in the file: the response columns it needs, and its totals."""

    margin: Margin
    columns: tuple[str, ...]


def _read_text(path: str | os.PathLike[str], name: str) -> str:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            text = fh.read()
    except UnicodeDecodeError as exc:
        raise InputFileError([FileProblem(
            name, None, None, f"is not UTF-8 text (undecodable byte at offset {exc.start})")]
        ) from exc
    except OSError as exc:
        raise InputFileError([FileProblem(
            name, None, None, f"cannot be read: {exc.strerror or exc}")]) from exc
    if not text.strip():
        raise InputFileError([FileProblem(name, None, None, "the file is empty")])
    return text


def _rows(text: str, name: str, problems: list[FileProblem]) -> Iterator[tuple[int, list[str]]]:
    """``(line, fields)`` of each non-blank data row; CSV errors become problems."""
    reader = csv.reader(io.StringIO(text, newline=""))
    end_of_previous = 0
    try:
        for record in reader:
            line = end_of_previous + 1
            end_of_previous = reader.line_num
            if record and "".join(record).strip():
                yield line, record
    except csv.Error as exc:
        problems.append(FileProblem(name, end_of_previous + 1, None,
                                    f"cannot be read as CSV: {exc}"))


def _records_by_line(text: str) -> list[list[str]] | None:
    """Every record, the i-th on line i + 1, when no quoted value spans lines.

    Reading the whole file in one call is several times faster than row by row; when a
    value does span lines the record count differs from the line count, and the caller
    takes the row-by-row path, which knows where each record starts.
    """
    # A hundred thousand new lists set off the cyclic garbage collector again and again,
    # each time walking every object: half the time of reading. Lists of strings make
    # no cycles, so it may rest while they are made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return None
    finally:
        if collecting:
            gc.enable()
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    return records if len(records) == physical else None


def _header(rows: Iterator[tuple[int, list[str]]], name: str, wanted: Sequence[str]) -> dict[
        str, int]:
    try:
        _line, header = next(rows)
    except StopIteration:
        raise InputFileError([FileProblem(name, None, None, "the file has no header row")]
                             ) from None
    header = [h.strip() for h in header]
    missing = [c for c in dict.fromkeys(wanted) if c not in header]
    problems = []
    if missing:
        problems.append(FileProblem(
            name, 1, None, f"missing column(s) {', '.join(repr(c) for c in missing)}; the "
            f"header has: {', '.join(repr(h) for h in header)}"))
    problems.extend(FileProblem(name, 1, h, "this column appears more than once")
                    for h in sorted({h for h in header if h in wanted and header.count(h) > 1}))
    if problems:
        raise InputFileError(problems)
    return {c: header.index(c) for c in wanted}


def read_margins_csv(
    path: str | os.PathLike[str], *, display_name: str | None = None
) -> list[MarginSpec]:
    """Read and check a long margins file.

    Returns
    -------
    list of MarginSpec
        One per variable, in the order each first appears (the first margin's total is
        the one others are reconciled to), categories in file order.

    Raises
    ------
    InputFileError
        Listing every problem: missing columns, empty variable or category, populations
        that are not non-negative numbers, repeated categories, joint categories with the
        wrong number of parts.
    """
    name = display_name or Path(path).name
    problems: list[FileProblem] = []
    rows = _rows(_read_text(path, name), name, problems)
    col = _header(rows, name, MARGIN_COLUMNS)
    width = max(col.values()) + 1
    totals: dict[str, dict[str, float]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, record in rows:
        if len(record) < width:
            problems.append(FileProblem(name, line, None,
                                        f"has {len(record)} fields; expected at least {width}"))
            continue
        # Spaces around the joint separator are not part of the labels.
        variable = JOINT.join(p.strip() for p in record[col["variable"]].split(JOINT))
        category = JOINT.join(p.strip() for p in record[col["category"]].split(JOINT))
        text = record[col["population"]].strip()
        ok = True
        if not variable:
            problems.append(FileProblem(name, line, "variable", "is empty"))
            ok = False
        if not category:
            problems.append(FileProblem(name, line, "category", "is empty"))
            ok = False
        elif variable and category.count(JOINT) != variable.count(JOINT):
            problems.append(FileProblem(
                name, line, "category",
                f"{category!r} should have {variable.count(JOINT) + 1} part(s) separated by "
                f"{JOINT!r}, like the variable {variable!r}"))
            ok = False
        try:
            population = float(text)
        except ValueError:
            problems.append(FileProblem(name, line, "population",
                                        f"{text!r} is not a number" if text else "is empty"))
            continue
        if not math.isfinite(population) or population < 0:
            problems.append(FileProblem(name, line, "population",
                                        f"{text!r} is not a population (0 or more)"))
            continue
        if not ok:
            continue
        key = (variable, category)
        if key in seen:
            problems.append(FileProblem(name, line, "category",
                                        f"{variable} {category!r} repeats line {seen[key]}"))
            continue
        seen[key] = line
        totals.setdefault(variable, {})[category] = population
    if not problems and not totals:
        problems.append(FileProblem(name, None, None, "has a header but no margins"))
    problems.extend(FileProblem(name, None, None, f"the margin {v!r} adds up to 0 people")
                    for v, t in totals.items() if not math.fsum(t.values()) > 0)
    if problems:
        raise InputFileError(problems)
    return [MarginSpec(Margin(v, t), tuple(v.split(JOINT)))
            for v, t in totals.items()]


@dataclass(frozen=True)
class Responses:
    """The columns asked for, coded (:class:`~.margins.Categorical`: the distinct texts
    of a column and each respondent's index into them), and each row's file line."""

    file: str
    columns: dict[str, Categorical]
    lines: NDArray[np.int64]

    @property
    def n(self) -> int:
        return int(self.lines.shape[0])


def _coded(values: Sequence[str]) -> Categorical:
    """A column's texts coded in order of first appearance, stripped (two texts that
    differ only in spaces around them keep two codes; :class:`Categorical` merges them)."""
    index = {v: k for k, v in enumerate(dict.fromkeys(values))}
    codes = np.fromiter(map(index.__getitem__, values), dtype=np.intp, count=len(values))
    return Categorical(codes, tuple(v.strip() for v in index))


def read_responses_csv(
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str],
    display_name: str | None = None,
) -> Responses:
    """Read the named columns of a responses file.

    Raises
    ------
    InputFileError
        If the file cannot be read, a column is missing or repeated, a row has too few
        fields, or there are no rows.
    """
    name = display_name or Path(path).name
    problems: list[FileProblem] = []
    text = _read_text(path, name)
    records = _records_by_line(text)
    rows = (_rows(text, name, problems) if records is None
            else ((i, r) for i, r in enumerate(records, start=1) if any(r)))
    col = _header(rows, name, columns)
    wanted = list(dict.fromkeys(columns))
    index = [col[c] for c in wanted]
    width = max(index) + 1
    body: list[list[str]] = []
    lines: list[int] = []
    numbers: NDArray[np.int64] | None = None
    if (records is not None and any(records[0])
            and min(map(len, records[1:]), default=width) >= width):
        # The usual file: header first, every row whole, record i on line i + 1 (rows of
        # empty fields dropped). map() keeps the loops over rows out of Python.
        filled = list(map(any, records[1:]))
        if all(filled):
            body = records[1:]
            numbers = np.arange(2, len(body) + 2, dtype=np.int64)
        else:
            lines = [i for i, full in enumerate(filled, start=2) if full]
            body = [records[i - 1] for i in lines]
    else:
        for line, record in rows:
            if len(record) < width:
                problems.append(FileProblem(
                    name, line, None, f"has {len(record)} fields; the columns needed reach "
                    f"field {width}"))
                continue
            body.append(record)
            lines.append(line)
    if not problems and not body:
        problems.append(FileProblem(name, None, None, "has a header but no responses"))
    if problems:
        raise InputFileError(problems)
    return Responses(
        file=name,
        columns={c: _coded(list(map(itemgetter(i), body)))
                 for c, i in zip(wanted, index, strict=True)},
        lines=np.array(lines, dtype=np.int64) if numbers is None else numbers)


def check_categories(responses: Responses, specs: Sequence[MarginSpec]) -> dict[
        str, Categorical]:
    """Each margin's category per respondent, refusing blanks and unknown labels.

    Returns
    -------
    dict of str to Categorical
        Keyed by margin variable (a joint variable's parts joined by ``*``).

    Raises
    ------
    InputFileError
        Naming the line and column of every blank or unknown category (the first
        ``SHOWN_PER_COLUMN`` per column, then how many more).
    """
    problems: list[FileProblem] = []
    sample: dict[str, Categorical] = {}
    for spec in specs:
        categories = [c.split(JOINT) for c in spec.margin.totals]  # parts already stripped
        parts = [responses.columns[c].factorised() for c in spec.columns]
        for j, (column, (found, inverse, _counts)) in enumerate(
                zip(spec.columns, parts, strict=True)):
            allowed = sorted({c[j] for c in categories})
            blank_label = found == ""
            unknown_label = ~blank_label & ~labels_in(found, allowed)
            bad = np.flatnonzero((blank_label | unknown_label)[inverse])
            for i in bad[:SHOWN_PER_COLUMN]:
                code = inverse[i]
                problems.append(FileProblem(
                    responses.file, int(responses.lines[i]), column,
                    "is empty; every respondent needs a category for weighting"
                    if blank_label[code]
                    else f"{str(found[code])!r} is not a category of the margins "
                         f"({', '.join(repr(a) for a in allowed[:12])}"
                         f"{', ...' if len(allowed) > 12 else ''})"))
            if bad.shape[0] > SHOWN_PER_COLUMN:
                problems.append(FileProblem(
                    responses.file, None, column,
                    f"... and {bad.shape[0] - SHOWN_PER_COLUMN} more rows with this problem"))
        if problems:
            continue
        # The joint category as one number: the parts' codes in mixed radix.
        joint = parts[0][1].astype(np.int64)
        for more, more_codes, _counts in parts[1:]:
            joint = joint * more.shape[0] + more_codes
        present, codes = np.unique(joint, return_inverse=True)
        labels = []
        for value in present.tolist():
            texts = []
            for found, _inverse, _counts in reversed(parts):
                value, k = divmod(value, found.shape[0])
                texts.append(str(found[k]))
            labels.append(JOINT.join(reversed(texts)))
        known = labels_in(np.array(labels, dtype=np.str_), spec.margin.totals)
        missing = np.flatnonzero(~known[codes])
        for i in missing[:SHOWN_PER_COLUMN]:
            problems.append(FileProblem(
                responses.file, int(responses.lines[i]), ", ".join(spec.columns),
                f"{labels[codes[i]]!r} has no population in the margin "
                f"{spec.margin.variable!r}"))
        sample[spec.margin.variable] = Categorical(codes.astype(np.intp), tuple(labels))
    if problems:
        raise InputFileError(problems)
    return sample
