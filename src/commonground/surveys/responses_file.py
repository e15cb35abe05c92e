"""Reading a contractor's file of responses against a wave's questionnaire.

One row per respondent; one column per question, named by the question's key (the bank's,
or ``own_…`` for the council's own questions), holding the answer's code; a blank cell is
a question not answered. ``ward`` holds the ward's code (E05…, W05…) or its name, and an
optional ``comment`` column holds free text (kept, never published). Every fault in the
file is found before anything is saved, each naming the file, line and column, so the
contractor can fix them all at once.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from commonground.analytics.problems import FileProblem, RecordLines, csv_fault
from commonground.surveys.questions import Question

COMMENT = "comment"
MAX_ROWS = 200_000


@dataclass(frozen=True)
class Row:
    line: int
    answers: dict[str, str]
    ward_code: str | None
    comment: str


@dataclass
class ReadFile:
    rows: list[Row] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)

    def answered(self) -> dict[str, int]:
        """How many rows answer each column."""
        return {c: sum(1 for r in self.rows if c in r.answers or (c == "ward" and r.ward_code))
                for c in self.columns if c != COMMENT}


def _decode(content: bytes | str, name: str) -> str | FileProblem:
    if isinstance(content, str):
        return content.removeprefix("\ufeff")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return FileProblem(name, None, None, _("The file is not in UTF-8 text. Save it from "
                                               "your spreadsheet as “CSV UTF-8” and try again."))


def _header(header: list[str], questions: Mapping[str, Question], name: str,
            problems: list[FileProblem]) -> list[str]:
    columns = [c.strip().lower() for c in header]
    known = [*questions, COMMENT]
    for column in columns:
        if column in known:
            continue
        nearest = difflib.get_close_matches(column, known, n=1)
        hint = (_(" Did you mean “%(key)s”?") % {"key": nearest[0]}) if nearest else ""
        problems.append(FileProblem(name, 1, column, _(
            "“%(column)s” is not a question of this wave.%(hint)s Remove the column or "
            "rename it to a question’s key.") % {"column": column, "hint": hint}))
    seen: set[str] = set()
    for column in columns:
        if column in seen:
            problems.append(FileProblem(name, 1, column, _("The column appears twice.")))
        seen.add(column)
    if not any(questions[c].is_indicator for c in columns if c in questions):
        problems.append(FileProblem(name, 1, None, _(
            "The file has no column for any of the wave’s indicator questions; the first "
            "line must name the columns by the questions’ keys.")))
    return columns


def read_responses(content: bytes | str, *, name: str, questions: Mapping[str, Question],
                   wards: Mapping[str, str]) -> ReadFile:
    """Every row of the file checked against ``questions`` (key -> question) and the
    council's ``wards`` (lower-case code or name -> code)."""
    out = ReadFile()
    text = _decode(content, name)
    if isinstance(text, FileProblem):
        out.problems.append(text)
        return out
    source = RecordLines(io.StringIO(text, newline=""))
    reader = csv.reader(source)
    try:
        header = next(reader)
    except StopIteration:
        out.problems.append(FileProblem(name, None, None, _("The file is empty.")))
        return out
    except csv.Error as exc:
        out.problems.append(_unreadable(exc, source, None, name))
        return out
    out.columns = _header(header, questions, name, out.problems)
    if out.problems:
        return out
    while True:
        source.next_record()
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            out.problems.append(_unreadable(exc, source, out.columns, name))
            break
        line = source.start_line()
        if not any(cell.strip() for cell in record):
            continue
        if len(out.rows) >= MAX_ROWS:
            out.problems.append(FileProblem(name, line, None, _(
                "The file has more than %(max)s rows; split it into smaller files.")
                % {"max": f"{MAX_ROWS:,}"}))
            break
        _row(record, line, out, questions, wards, name)
    if not out.rows and not out.problems:
        out.problems.append(FileProblem(name, None, None, _("The file has no responses.")))
    return out


def _unreadable(exc: csv.Error, source: RecordLines, columns: Sequence[str] | None,
                name: str) -> FileProblem:
    """A record the CSV reader cannot read, at its line and column."""
    column, _detail = csv_fault(exc, "".join(source.record), columns)
    if "field larger than field limit" in str(exc):
        message = _("A value is longer than %(limit)s characters, the most a cell may hold. "
                    "A quotation mark that opens a value and is never closed makes the rest "
                    "of the file one value.") % {"limit": f"{csv.field_size_limit():,}"}
    else:
        message = _("The line cannot be read as CSV: %(error)s") % {"error": str(exc)}
    return FileProblem(name, source.start_line(), column, message)


def _row(record: Sequence[str], line: int, out: ReadFile, questions: Mapping[str, Question],
         wards: Mapping[str, str], name: str) -> None:
    if len(record) != len(out.columns):
        out.problems.append(FileProblem(name, line, None, _(
            "The line has %(found)s cells where the first line names %(expected)s columns.")
            % {"found": len(record), "expected": len(out.columns)}))
        return
    answers: dict[str, str] = {}
    ward_code, comment, ok = None, "", True
    for column, raw in zip(out.columns, record, strict=True):
        value = raw.strip()
        if not value:
            continue
        if column == COMMENT:
            comment = value[:2000]
            continue
        question = questions[column]
        if question.is_area:
            ward_code = wards.get(value.lower())
            if ward_code is None:
                ok = False
                out.problems.append(FileProblem(name, line, column, _(
                    "“%(value)s” is not a ward of this council (give the ward’s code, such "
                    "as E05000820, or its name).") % {"value": value}))
            continue
        if value.endswith(".0") and value[:-2] in question.codes:
            value = value[:-2]  # a spreadsheet's 1.0 for the code 1
        if value not in question.codes:
            ok = False
            out.problems.append(FileProblem(name, line, column, _(
                "“%(value)s” is not one of this question’s codes (%(codes)s).")
                % {"value": value, "codes": ", ".join(a.code for a in question.answers)}))
            continue
        answers[column] = value
    if ok:
        out.rows.append(Row(line, answers, ward_code, comment))
