"""Titles and punctuation of the knowledge data, as the pages show them.

Pure pytest + PyYAML, like test_knowledge_fixtures.py. Lists of case studies show
"title – council", so a title that names its council again reads twice; a dash with
nothing after it, or a hyphen standing in for a dash, reads as a slip. Fields that
hold text as printed elsewhere (addresses, citations of sections) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

KNOWLEDGE = Path(__file__).resolve().parents[2] / "data" / "knowledge"
# Addresses and citations (of sections, as `source.section` names them) stay as printed.
AS_PRINTED = {"url", "archive_url", "links", "source", "also_cited_in", "seeds",
              "guidance_basis"}  # names the Annex E heading as citations do
DASH = "[-\u2013\u2014]"
SLIPS = [
    (re.compile(rf"^\s*{DASH}|{DASH}\s*$"), "starts or ends with a dash"),
    (re.compile(rf"{DASH}\s*[,.;:)]|\(\s*{DASH}"), "a dash with nothing after it"),
    (re.compile(rf"\s{DASH}\s*{DASH}"), "two dashes in a row"),
    (re.compile(r"\s-\s"), "a hyphen with spaces round it: write an en dash (\u2013)"),
    (re.compile(r"\s{2,}"), "two spaces in a row"),
    (re.compile(r"\s[,.;:]"), "a space before punctuation"),
    (re.compile(r"^\s|\s$"), "a space at the start or end"),
    (re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE), "a word twice (\"Trafford Trafford\")"),
    # An ellipsis ("...") is one mark; any other two marks in a row are a slip.
    (re.compile(r"(?!\.\.\.)[,.;:!?]\s*(?<!\.\.)[,;:!?]|[,;:!?]\s*\.(?!\.\.)|"
                r"(?<![.])\.\s*\.(?!\.)"), "two punctuation marks in a row"),
    (re.compile(r"\(\s|\s\)"), "a space inside brackets"),
]
# Paired marks that must close within the same text: a list item split at a comma
# inside brackets ("(drugs" / "gangs)") leaves each half unbalanced.
PAIRS = [("(", ")"), ("[", "]"), ("\u201c", "\u201d")]
# A title, name or heading ends with its last word (or a closing mark, or "?"/"!").
TITLE_KEYS = {"title", "name", "factor", "council"}


def _texts(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in AS_PRINTED:
                yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def _load(name: str) -> Any:
    return yaml.safe_load((KNOWLEDGE / name).read_text(encoding="utf-8"))


def slips_in(path: str, text: str) -> list[str]:
    found = [why for pattern, why in SLIPS if pattern.search(text)]
    found += [f"unbalanced {a}{b}" for a, b in PAIRS if text.count(a) != text.count(b)]
    if text.count('"') % 2:
        found.append('unbalanced "')
    if path.rsplit(".", 1)[-1] in TITLE_KEYS and re.search(r"[,;:.\u2013-]$", text) \
            and not text.endswith("..."):
        found.append("a title ending with punctuation")
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in KNOWLEDGE.glob("*.yaml")))
def test_no_punctuation_slips(name: str) -> None:
    found = [f"{path}: {why}: {text!r}" for path, text in _texts(_load(name), name)
             for why in slips_in(path, text)]
    assert found == []


def test_case_study_titles_do_not_repeat_their_council() -> None:
    found = []
    for case in _load("case_studies.yaml")["case_studies"]:
        title, council = case["title"], case.get("council") or ""
        last_part = re.split(rf"\s{DASH}\s", title)[-1]
        if re.search(r"\bCouncil\b", title):
            found.append(f"{case['id']}: names a council in its title: {title!r}")
        elif council and council.lower() in title.lower():
            found.append(f"{case['id']}: its title holds its council {council!r}: {title!r}")
        elif council and last_part != title and last_part.lower() in council.lower():
            found.append(f"{case['id']}: its title ends with its council: {title!r}")
    assert found == []


def test_the_checks_catch_what_they_are_for() -> None:
    bad = {"title": "Programme \u2013 ", "summary": "One - two", "source": {"section": "A - B"}}
    slips = [why for path, text in _texts(bad, "x") for why in slips_in(path, text)]
    assert slips == ["starts or ends with a dash", "a space at the start or end",
                     "a hyphen with spaces round it: write an en dash (\u2013)"]
    examples = {
        "Trafford Trafford youth forum": ["a word twice (\"Trafford Trafford\")"],
        "It worked.. mostly": ["two punctuation marks in a row"],
        "It worked,.": ["two punctuation marks in a row"],
        "It worked;": [],
        "('If you could do one thing...')": [],
        "Wait... then go.": [],
        "community safety data (drugs": ["unbalanced ()"],
        "gangs)": ["unbalanced ()"],
        "the \u201cmain\u201d road ( north )": ["a space inside brackets"],
        'a "quote': ['unbalanced "'],
    }
    assert {text: slips_in("x.summary", text) for text in examples} == examples
    assert slips_in("x.title", "Local leadership:") == ["a title ending with punctuation"]
    assert slips_in("x.name", "Is it working?") == []
