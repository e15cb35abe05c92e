"""What the offline commands share: their output streams, failure, and list arguments."""

from __future__ import annotations

from typing import TextIO

from commonground.analytics.problems import InputFileError


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


def split_list(text: str) -> list[str]:
    """``"a, b,,c"`` -> ``["a", "b", "c"]``: a comma-separated option's values."""
    return [part.strip() for part in text.split(",") if part.strip()]


def file_problems(err: Output, error: InputFileError, outcome: str,
                  returncode: int = 1) -> CommandFailed:
    """Every fault of a refused file on ``err``, and the failure that ends the command."""
    for problem in error.problems:
        err.write(str(problem))
    return CommandFailed(f"{len(error.problems)} problem(s) found; {outcome}", returncode)
