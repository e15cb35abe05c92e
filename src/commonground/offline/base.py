"""What the offline commands share: their output streams, failure, and list arguments."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from commonground.analytics.problems import InputFileError
from commonground.core import csvfile


class CommandFailed(Exception):
    """The command cannot go on; the message closes its output on stderr (Django's
    ``CommandError`` carries it when the command runs under Django)."""

    def __init__(self, message: str, returncode: int = 1) -> None:
        super().__init__(message)
        self.returncode = returncode


class Output:
    """A text stream whose ``write`` ends each message with a newline unless it has one:
    what Django's ``OutputWrapper`` does, so the commands write the same either way."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, msg: str = "", ending: str = "\n") -> None:
        if ending and not msg.endswith(ending):
            msg += ending
        self.stream.write(msg)

    def flush(self) -> None:
        self.stream.flush()


def write_csv(destination: str | os.PathLike[str] | None, out: Output, header: Sequence[str],
              rows: Iterable[Iterable[Any]], returncode: int = 1) -> int:
    """The table to ``destination`` (a new file) or the screen; a file that cannot be
    written ends the command with one sentence, not a traceback."""
    try:
        return csvfile.write(destination or out.stream, header, rows)
    except OSError as exc:
        raise CommandFailed(f"{destination}: cannot be written: {exc.strerror or exc}",
                            returncode) from None


def split_list(text: str) -> list[str]:
    """``"a, b,,c"`` -> ``["a", "b", "c"]``: a comma-separated option's values."""
    return [part.strip() for part in text.split(",") if part.strip()]


def file_problems(err: Output, error: InputFileError, outcome: str,
                  returncode: int = 1) -> CommandFailed:
    """Every fault of a refused file on ``err``, and the failure that ends the command."""
    for problem in error.problems:
        err.write(str(problem))
    return CommandFailed(f"{len(error.problems)} problem(s) found; {outcome}", returncode)
