"""The one CSV writer of every export: cells a spreadsheet would run as a formula are defused.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula (or, for tab and carriage return, as the
start of one after the spreadsheet strips them), so a resident's "=HYPERLINK(...)" in a
report would run on an officer's machine. Such text gets a leading apostrophe, which the
spreadsheets show as text. Numbers are written as numbers, so "-3" or a negative float
stays a number.

Files read back into the service (the plan's CSV) use ``reversible=True`` and
:func:`restore`, which also quote a leading apostrophe so that the round trip is exact.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    # Imported where a download is made: the analysts' commands write files with this
    # module and run without Django (commonground.offline).
    from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"
# Text that a spreadsheet reads as a plain number is not a formula: "-3", "+44", "1e-5".
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise(text: str, *, reversible: bool = False) -> str:
    """``text`` as a spreadsheet shows it: an apostrophe before anything formula-like."""
    starts = (*FORMULA_STARTS, _QUOTE) if reversible else FORMULA_STARTS
    if text.startswith(starts) and not _NUMBER.fullmatch(text):
        return _QUOTE + text
    return text


def restore(text: str) -> str:
    """The text :func:`neutralise` (``reversible=True``) was given."""
    if len(text) > 1 and text[0] == _QUOTE and text[1:].startswith((*FORMULA_STARTS, _QUOTE)):
        return text[1:]
    return text


def cell(value: Any) -> str:
    """One value as its CSV text: floats at full precision, dates in ISO form, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same number
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    return neutralise(str(value))


class Writer:
    """``csv.writer`` whose every cell goes through :func:`cell`."""

    def __init__(self, stream: Any, *, lineterminator: str = "\r\n") -> None:
        self._writer = csv.writer(stream, lineterminator=lineterminator)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def to_text(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    buffer = io.StringIO()
    writer = Writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def response(filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]
             ) -> HttpResponse:
    """A CSV download named ``filename`` (UTF-8, Windows line ends as RFC 4180 says)."""
    from django.http import HttpResponse

    out = HttpResponse(content_type="text/csv; charset=utf-8")
    out["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = Writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out


def write(destination: str | os.PathLike[str] | TextIO, header: Sequence[str],
          rows: Iterable[Iterable[Any]]) -> int:
    """Write a file (a path is created or overwritten) or an open text stream; returns the
    number of data rows."""
    if isinstance(destination, str | os.PathLike):
        with Path(destination).open("w", encoding="utf-8", newline="") as handle:
            return write(handle, header, rows)
    writer = Writer(destination, lineterminator="\n")
    writer.writerow(header)
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n
