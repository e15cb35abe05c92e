"""The search engine on a fixed corpus: the same answers on SQLite and PostgreSQL.

Run under both engines (`DATABASE_URL=postgres://...`); every expected value here is
the same for both, which is the point.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection

from commonground.search import index_document, remove_document, search
from commonground.search.access import (
    register_access_provider,
    unregister_access_provider,
)
from commonground.search.query import parse
from tests.personas import PERSONAS, World

CORPUS = [
    ("action", "esol", "Promote ESOL classes",
     "Help residents who speak little English join language courses and conversation groups.",
     {"theme": ["english-language"], "action": ["esol"]}, "public", None),
    ("case_study", "bolton", "Bolton libraries conversation clubs",
     "Weekly English conversation classes in libraries welcomed newcomers and migrants.",
     {"theme": ["english-language", "libraries"], "action": ["esol"], "region": ["North West"]},
     "public", datetime.date(2019, 5, 1)),
    ("guidance", "tension", "Community tension monitoring guidance",
     "How councils and police monitor tensions and plan for contingencies.",
     {"theme": ["tension-monitoring"]}, "public", None),
    ("case_study", "dudley", "Dudley reporting tool",
     "Partners monitored community tension weekly through an online tool.",
     {"theme": ["tension-monitoring"], "region": ["West Midlands"]}, "public",
     datetime.date(2018, 3, 1)),
    ("resource", "vcs", "Strengthening the voluntary sector",
     "Small grants for charities and community groups.",
     {"theme": ["voluntary-and-community-sector"]}, "public", None),
    ("forum_thread", "secret", "Private thread about tension monitoring",
     "Only members of group 1 may read this discussion of tension monitoring.",
     {"action": ["esol"]}, "forum-group:1", None),
    ("case_study", "youth", "Youth clubs bring young people together",
     "Young people from different estates met through sport.",
     {"theme": ["young-people"], "region": ["North West"]}, "public", datetime.date(2019, 1, 1)),
]


def _index() -> None:
    for kind, key, title, body, facets, access, published in CORPUS:
        index_document(kind=kind, key=key, title=title, body=body, url=f"/{kind}/{key}/",
                       facets=facets, access=access, published=published)


def _group_one(user: Any) -> set[str]:
    return {"forum-group:1"} if getattr(user, "email", "") == "officer_a@example.org" else set()


@pytest.fixture
def corpus(db: Any) -> Iterator[None]:
    _index()
    register_access_provider(_group_one)
    yield
    unregister_access_provider(_group_one)


def keys(results: Any) -> list[str]:
    return [hit.key for hit in results.hits]


def test_synonyms_find_the_other_wording(corpus: None) -> None:
    # "English classes" finds ESOL; "VCS" finds "voluntary sector" and "charities".
    assert keys(search(None, "English classes")) == ["esol", "bolton"]
    assert keys(search(None, "VCS")) == ["vcs"]
    assert keys(search(None, "ESOL")) == ["esol", "bolton"]


def test_stemming_matches_other_forms_of_a_word(corpus: None) -> None:
    assert keys(search(None, "monitored tensions")) == ["tension", "dudley"]


def test_title_matches_rank_above_body_matches(corpus: None) -> None:
    # "tension monitoring" is in the guidance's title and only in the case study's body.
    assert keys(search(None, "tension monitoring"))[0] == "tension"


def test_a_term_matches_its_words_anywhere_unless_quoted(corpus: None) -> None:
    # Dudley's case study has "monitored community tension": the words, not the phrase.
    assert keys(search(None, "tension monitoring")) == ["tension", "dudley"]
    assert keys(search(None, '"tension monitoring"')) == ["tension"]


def test_stop_words_of_a_term_are_not_required(db: Any) -> None:
    # "English for speakers of other languages" (an ESOL synonym) matched word by word
    # needs "english", "speakers" and "languages", not "for", "of" or "other".
    index_document(kind="resource", key="s", title="Welcome pack", url="/s/",
                   body="Speakers of many languages learn English at the library.")
    assert [h.key for h in search(None, "ESOL").hits] == ["s"]
    assert search(None, '"English for speakers of other languages"').total == 0


def test_snippets_mark_the_words_of_a_term_apart(db: Any) -> None:
    index_document(kind="resource", key="t", title="Weekly checks", url="/t/",
                   body="Officers monitored the tension in each ward.")
    hit = search(None, "tension monitoring").hits[0]
    assert hit.snippet_html == ("Officers <mark>monitored</mark> the <mark>tension</mark> "
                                "in each ward.")


def test_documents_with_every_word_come_before_those_with_some(corpus: None) -> None:
    results = search(None, "English classes for new arrivals")
    assert keys(results) == ["bolton", "esol"]  # only Bolton also mentions newcomers
    assert results.query.all_terms_total == 1
    assert results.query.terms == ["english classes", "new arrivals"]


def test_documents_with_more_of_the_words_come_before_those_with_fewer(db: Any) -> None:
    # Four words: "three" holds them all, "two" three of them, "one" two ("rural" and
    # "group", often and in its title, so it would win on score alone).
    for key, title, body in [
        ("one", "Rural groups", "Rural groups in rural areas, group by group."),
        ("two", "Notes", "Some family homes here are rural and some are affluent."),
        ("three", "Family group 8", "Stable affluent rural areas."),
    ]:
        index_document(kind="family_group", key=key, title=title, body=body, url=f"/{key}/")
    results = search(None, "rural affluent family group")
    assert keys(results) == ["three", "two", "one"]
    assert results.query.all_terms_total == 1
    # Paging walks across the tiers in the same order.
    pages = [keys(search(None, "rural affluent family group", page=n, per_page=1))
             for n in (1, 2, 3, 4)]
    assert pages == [["three"], ["two"], ["one"], []]


def test_documents_the_ranking_words_miss_follow_the_ranked_by_id(db: Any) -> None:
    # "ESOL" ranks by the word itself: documents found only through a synonym of
    # several words ("English classes") score 0 and come after those it scores, in the
    # order they were indexed (not by title), however the pages cut them.
    for key, title, body in [
        ("body", "Weekly sessions", "ESOL at the library on Tuesdays, with volunteers."),
        ("title", "ESOL for newcomers", "Weekly sessions."),
        ("zero-1", "Learning English together", "English lessons for adults."),
        ("zero-2", "Conversation classes", "Meet on Fridays."),
        ("zero-3", "A welcome in English classes", "For parents."),
    ]:
        index_document(kind="resource", key=key, title=title, body=body, url=f"/{key}/")
    results = search(None, "ESOL")
    assert keys(results) == ["title", "body", "zero-1", "zero-2", "zero-3"]
    assert [hit.score > 0 for hit in results.hits] == [True, True, False, False, False]
    for per_page in (1, 2, 3, 4):
        pages = [keys(search(None, "ESOL", page=n, per_page=per_page)) for n in range(1, 7)]
        assert sum(pages, []) == keys(results), per_page


def test_private_documents_only_for_holders_of_the_key(world: World, corpus: None) -> None:
    seen = {p: "secret" in keys(search(world[p], "tension monitoring")) for p in PERSONAS}
    assert seen == {p: p == "officer_a" for p in PERSONAS}
    # Filtering happens before paging: one hit per page, and the total excludes it.
    anonymous = search(None, "tension", per_page=1)
    assert anonymous.total == 2
    assert search(world["officer_a"], "tension", per_page=1).total == 3
    assert search(None, "", filters={"type": ["forum_thread"]}).total == 0


def test_documents_of_keys_sorting_between_the_users_keys_stay_hidden(world: World) -> None:
    # Matching leaves out the ranges of access keys between the user's keys: a key
    # sorting just before, between or after theirs must be left out, theirs kept.
    for access in ["forum-group:0", "forum-group:1", "forum-group:10", "forum-group:2",
                   "forum-group:3", "forum-group:30", "public", "publicity", "zz"]:
        index_document(kind="forum_thread", key=access, title="Allotment rota",
                       body="Who waters the allotment?", url=f"/{access}/", access=access)

    def member(user: Any) -> set[str]:
        return ({"forum-group:1", "forum-group:3"}
                if getattr(user, "email", "") == "officer_a@example.org" else set())

    register_access_provider(member)
    try:
        found = {who: sorted(keys(search(world[who] if who else None, "allotment")))
                 for who in ("", "officer_a")}
        total = search(world["officer_a"], "allotment").total
    finally:
        unregister_access_provider(member)
    assert found == {"": ["public"], "officer_a": ["forum-group:1", "forum-group:3", "public"]}
    assert total == 3


def test_facet_counts_and_filters(corpus: None) -> None:
    results = search(None, "", filters={"region": ["North West"]})
    assert sorted(keys(results)) == ["bolton", "youth"]
    # A facet's own filter does not narrow its counts; other facets are narrowed.
    assert results.facet_counts["region"] == {"North West": 2, "West Midlands": 1}
    assert results.facet_counts["type"] == {"case_study": 2}
    assert results.facet_counts["year"] == {"2019": 2}
    both = search(None, "", filters={"region": ["North West", "West Midlands"],
                                     "theme": ["tension-monitoring"]})
    assert keys(both) == ["dudley"]


def test_snippets_are_escaped_and_marked(db: Any) -> None:
    index_document(kind="resource", key="x", title="Markup", url="/x/",
                   body='Report <script>alert("hate")</script> crime to True Vision.')
    hit = search(None, "hate crime reporting").hits[0]
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html
    assert "<mark>True</mark> <mark>Vision</mark>" in hit.snippet_html


def test_index_document_replaces_and_remove_document_removes(corpus: None) -> None:
    index_document(kind="resource", key="vcs", title="Renamed grants guide", body="Grants.",
                   url="/resource/vcs/")
    assert [h.title for h in search(None, "grants").hits] == ["Renamed grants guide"]
    assert search(None, "charities").total == 0
    remove_document(kind="resource", key="vcs")
    assert search(None, "grants").total == 0
    remove_document(kind="resource", key="vcs")  # removing twice is harmless


def test_query_syntax_cannot_break_out(corpus: None) -> None:
    # Either engine's operators (FTS5's NEAR, column filters, prefixes, negation; tsquery's
    # & | !) are read as plain words or dropped: each query answers exactly what its words
    # alone answer, and never shows what the reader may not see.
    browse = keys(search(None, ""))
    assert len(browse) == 6 and "secret" not in browse
    same_as_words = {
        '"tension monitoring': "tension monitoring",
        "NEAR(young people)": "near young people",
        "title:ESOL": "title ESOL",
        "ESOL OR tension": "ESOL tension",
        "-tension": "tension",
        "tension*": "tension",
        "esol^2": "esol",
        "{esol}": "esol",
        "(esol": "esol",
        "esol) | !youth & tension": "esol youth tension",
        "a AND OR NOT": "",
        "*": "",
        "-": "",
    }
    for query, words in same_as_words.items():
        expected = keys(search(None, words))
        assert expected, words
        assert keys(search(None, query)) == expected, query
    for query in ['"unclosed', "col:title", "' OR 1=1 --", "secret:*"]:
        assert search(None, query).total == 0, query


def test_parser_drops_stop_words_and_prefers_the_longest_synonym() -> None:
    query = parse("the anti-social behaviour of young people")
    assert [c.label for c in query.clauses] == ["anti social behaviour", "young people"]
    assert ("asb",) in query.clauses[0].alternatives
    assert ("youth",) in query.clauses[1].alternatives
    assert [c.label for c in parse('"hate crime" in the park').clauses] == ["hate crime", "park"]
    assert parse("the of and").is_empty


def test_a_synonym_that_ends_in_a_stop_word_is_not_broadened(db: Any) -> None:
    # "report-it" would become just "report" on PostgreSQL; it is left out on both.
    index_document(kind="resource", key="r", title="How to report a pothole", body="Roads.",
                   url="/r/")
    alternatives = parse("hate crime reporting").clauses[0].alternatives
    assert ("report", "it") not in alternatives and ("report",) not in alternatives
    assert search(None, "hate crime reporting").total == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's ranking table")
def test_ranking_vectors_follow_the_documents(db: Any) -> None:
    def rank_rows() -> list[tuple[str, bool]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT d.key, r.vector @@ plainto_tsquery('english', 'renamed') "
                           "FROM core_search_rank r JOIN core_search_document d "
                           "ON d.id = r.document_id ORDER BY d.key")
            return list(cursor.fetchall())

    index_document(kind="resource", key="a", title="First", body="Text.", url="/a/")
    index_document(kind="resource", key="b", title="Second", body="Text.", url="/b/")
    assert rank_rows() == [("a", False), ("b", False)]
    index_document(kind="resource", key="a", title="Renamed", body="Text.", url="/a/")
    assert rank_rows() == [("a", True), ("b", False)]
    remove_document(kind="resource", key="b")
    assert rank_rows() == [("a", True)]
    with connection.cursor() as cursor:  # as Django's flush empties the tables
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # inside the test's transaction
        cursor.execute("TRUNCATE core_search_facet, core_search_document")
        cursor.execute("SELECT COUNT(*) FROM core_search_rank")
        assert cursor.fetchone() == (0,)
