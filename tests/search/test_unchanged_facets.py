"""Indexing a document again with the same facets leaves its facet rows, and so the
search stamp, alone (issue 14, performance): every forum reply re-indexes its thread, and
rewriting unchanged facet rows made every process reload its in-memory facet copy
(120-350 ms with 50,000 documents) after each reply anywhere."""

from __future__ import annotations

import pytest

from commonground.search import index_document
from commonground.search.models import SearchFacet, SearchStamp

pytestmark = pytest.mark.django_db


def stamp() -> str:
    return SearchStamp.objects.get(pk=1).stamp


def test_the_same_facets_keep_the_rows_and_the_stamp() -> None:
    facets = {"region": ["North West"], "action": ["promote-esol-classes"]}
    index_document(kind="forum_thread", key="7", title="ESOL clubs", body="First post.",
                   url="/forums/threads/7/", facets=facets)
    rows = set(SearchFacet.objects.values_list("pk", "name", "value"))
    before = stamp()
    index_document(kind="forum_thread", key="7", title="ESOL clubs",
                   body="First post.\n\nA reply.", url="/forums/threads/7/", facets=facets)
    assert stamp() == before
    assert set(SearchFacet.objects.values_list("pk", "name", "value")) == rows


def test_changed_facets_are_rewritten_and_move_the_stamp() -> None:
    index_document(kind="forum_thread", key="8", title="Fair", body="Who is going?",
                   url="/forums/threads/8/", facets={"region": ["North West"]})
    before = stamp()
    index_document(kind="forum_thread", key="8", title="Fair", body="Who is going?",
                   url="/forums/threads/8/",
                   facets={"region": ["North West"], "action": ["hold-community-events"]})
    assert stamp() != before
    assert set(SearchFacet.objects.filter(document__key="8").values_list("name", "value")) \
        == {("region", "North West"), ("action", "hold-community-events"),
            ("type", "forum_thread")}
