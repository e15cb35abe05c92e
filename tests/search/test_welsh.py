"""Welsh text is found on both engines: accents folded on the index and the query side
alike (ŵ, ŷ, â, ï), words matched as they are. Run under both engines
(`DATABASE_URL=postgres://...`): every expected value is the same for both."""

from __future__ import annotations

from typing import Any

import pytest

from commonground.search import index_document, search
from commonground.search.folding import FOLD_FROM, FOLD_TO, fold
from commonground.search.query import parse
from commonground.search.snippets import highlight, query_phrases

WELSH = [
    ("dwr", "Dŵr, cydlyniant cymunedol a’r afon",
     "Mae’r gymuned yn trafod ansawdd dŵr yr afon a’r tŷ pwmpio."),
    ("sion", "Ymateb i sïon yn y ward",
     "Sut y gall swyddogion ymateb yn gyflym i sïon ar y cyfryngau cymdeithasol."),
    ("ty", "Tŷ cymunedol Treganna", "Canolfan i breswylwyr o bob cefndir, â chaffi."),
    ("english", "Water quality in the river", "An English page about water."),
]


@pytest.fixture
def welsh(db: Any) -> None:
    for key, title, body in WELSH:
        index_document(kind="guidance", key=key, title=title, body=body, url=f"/g/{key}/",
                       facets={}, access="public", published=None)


def keys(query: str) -> list[str]:
    return sorted(hit.key for hit in search(None, query).hits)


def test_the_fold_table_is_one_letter_for_one(db: Any) -> None:
    assert len(FOLD_FROM) == len(FOLD_TO)
    assert fold("Dŵr, TŶ, sïon, â, ê, î, ô, û, ẁ") == "Dwr, TY, sion, a, e, i, o, u, ẁ"


@pytest.mark.parametrize(("query", "found"), [
    ("dŵr", ["dwr"]), ("dwr", ["dwr"]), ("DWR", ["dwr"]),
    ("tŷ", ["dwr", "ty"]), ("ty", ["dwr", "ty"]),
    ("sïon", ["sion"]), ("sion", ["sion"]),
    ('"tŷ cymunedol"', ["ty"]),
    ("water", ["english"]),
])
def test_welsh_words_are_found_with_or_without_their_accents(welsh: None, query: str,
                                                             found: list[str]) -> None:
    assert keys(query) == found


def test_a_welsh_term_ranks_the_page_with_all_its_words_first(welsh: None) -> None:
    assert [hit.key for hit in search(None, "cydlyniant cymunedol").hits][0] == "dwr"


def test_the_snippet_marks_the_accented_word_for_a_plain_query(db: Any) -> None:
    marked = highlight("Ansawdd dŵr yr afon", query_phrases(parse("dwr")))
    assert str(marked) == "Ansawdd <mark>dŵr</mark> yr afon"
