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
]


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


@pytest.mark.parametrize("name", sorted(p.name for p in KNOWLEDGE.glob("*.yaml")))
def test_no_punctuation_slips(name: str) -> None:
    found = [f"{path}: {why}: {text!r}" for path, text in _texts(_load(name), name)
             for pattern, why in SLIPS if pattern.search(text)]
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
    slips = [why for _, text in _texts(bad, "x") for pattern, why in SLIPS
             if pattern.search(text)]
    assert slips == ["starts or ends with a dash",
                     "a hyphen with spaces round it: write an en dash (\u2013)"]
