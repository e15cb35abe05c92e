"""Reporting bad input files: each problem names the file, line and field.

Import commands, browser uploads and the analyst CLI all read user files; they
share this one way of saying what is wrong so that the messages read the same
everywhere and an import can refuse the whole file while listing every fault.
"""

from __future__ import annotations

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
