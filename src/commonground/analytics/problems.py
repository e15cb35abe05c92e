"""Reporting bad input files: each problem names the file, line and field.

Import commands, browser uploads and the analyst CLI all read user files; they
share this one way of saying what is wrong so that the messages read the same
everywhere and an import can refuse the whole file while listing every fault.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    """One thing wrong with an input file.

    ``line`` is the 1-based physical line of the file (the header is line 1),
    or ``None`` when the problem concerns the file as a whole.
    """

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field {self.field!r}"
        return f"{where}: {self.message}"


class InputFileError(ValueError):
    """A file could not be used; ``problems`` lists every fault found.

    Raised only after the whole file has been checked, so the user can fix all
    the faults in one go rather than one per attempt.
    """

    def __init__(self, problems: list[FileProblem]) -> None:
        if not problems:
            raise ValueError("InputFileError needs at least one problem")
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = len(problems) - 20
        if more > 0:
            shown += f"\n... and {more} more problem(s)"
        super().__init__(shown)


class RecordLines:
    """A text file's lines for :func:`csv.reader`, keeping the raw text of the record being
    read so that a :class:`csv.Error` can be placed at its line and column
    (:func:`csv_fault`). Call :meth:`next_record` after each record the reader returns:
    the reader never reads past the end of the record it returns."""

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.record: list[str] = []
        self.lines_read = 0

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.record.append(line)
        self.lines_read += 1
        return line

    def next_record(self) -> None:
        self.record.clear()

    def start_line(self) -> int:
        """The file line where the record being read (or just read) starts."""
        return self.lines_read - len(self.record) + 1


def utf8_lines(lines: Iterable[bytes]) -> Iterator[str]:
    """A binary file's lines as text, decoded one at a time (a byte-order mark dropped), so
    bytes that are not UTF-8 fail at their own line rather than at the first block read."""
    first = True
    for raw in lines:
        if first:
            raw, first = raw.removeprefix(b"\xef\xbb\xbf"), False
        yield raw.decode("utf-8")


def _field_at_fault(raw: str, limit: int) -> int:
    """The 0-based index of the field where reading ``raw`` (one record's text) fails: the
    first holding a NUL character or longer than ``limit``, or the last one reached."""
    index = length = 0
    quoted, at_start = False, True
    i = 0
    while i < len(raw):
        ch = raw[i]
        i += 1
        if ch == "\0":
            return index
        if quoted:
            if ch == '"':
                if raw[i:i + 1] == '"':
                    i += 1
                else:
                    quoted = False
                    continue
        elif ch == '"' and at_start:
            quoted, at_start = True, False
            continue
        elif ch == ",":
            index, length, at_start = index + 1, 0, True
            continue
        elif ch in "\r\n":
            continue
        at_start = False
        length += 1
        if length > limit:
            return index
    return index


def csv_fault(exc: Exception, raw: str, header: Sequence[str] | None
              ) -> tuple[str | None, str]:
    """The column (header name, or "column N") and a plain message for a failure to read
    one record: the CSV reader's own errors (a value over its size limit, a NUL character)
    and text that is not UTF-8."""
    if isinstance(exc, UnicodeDecodeError):
        return None, (f"is not UTF-8 text (undecodable byte at position {exc.start + 1} of "
                      "the line); save the file as \u201cCSV UTF-8\u201d and try again")
    limit = csv.field_size_limit()
    index = _field_at_fault(raw, limit)
    column = (header[index] if header is not None and index < len(header)
              else f"column {index + 1}")
    text = str(exc)
    if "field larger than field limit" in text:
        return column, (f"a value is longer than {limit:,} characters, the most a cell may "
                        "hold; a quotation mark that opens a value and is never closed makes "
                        "the rest of the file one value")
    if "NUL" in text:
        return column, "holds a NUL character (code 0), which text never contains"
    return column, f"cannot be read as CSV: {text}"
