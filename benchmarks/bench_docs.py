"""Writing a benchmark's figures into its own section of docs/BENCHMARKS.md.

Each script owns the text between its start and end markers; a script run for the first
time appends its heading and section at the end of the page.
"""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "BENCHMARKS.md"


def replace_section(start: str, end: str, heading: str, text: str, doc: Path = DOC) -> None:
    """Put ``text`` (which begins with ``start`` and ends with ``end``) in its place."""
    page = doc.read_text(encoding="utf-8")
    if start in page:
        before, rest = page.split(start, 1)
        page = before + text + rest.split(end, 1)[1]
    else:
        page = page.rstrip("\n") + f"\n\n{heading}\n\n{text}\n"
    doc.write_text(page, encoding="utf-8")
