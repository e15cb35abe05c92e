"""GET /api/v1/search and the library endpoints, as every persona."""

from __future__ import annotations

from typing import Any

from django.test import Client

from commonground.library.models import CaseStudy
from commonground.search import index_document
from commonground.search.access import (
    register_access_provider,
    unregister_access_provider,
)
from tests.api.conftest import ApiClient
from tests.personas import PERSONAS, World


def _officer_a_only(user: Any) -> set[str]:
    return {"forum-group:9"} if getattr(user, "email", "") == "officer_a@example.org" else set()


def test_search_returns_only_what_the_caller_may_see(world: World) -> None:
    api = ApiClient(world)
    index_document(kind="forum_thread", key="1", title="Tension monitoring rota",
                   body="Private rota.", url="/forums/threads/1/", access="forum-group:9")
    index_document(kind="guidance", key="g", title="Tension monitoring guidance",
                   body="Public guidance <b>bold</b>.", url="/library/guidance/g/")
    register_access_provider(_officer_a_only)
    try:
        seen = {p: [h["type"] for h in api.get(p, "/search?q=tension+monitoring").json()["hits"]]
                for p in PERSONAS}
    finally:
        unregister_access_provider(_officer_a_only)
    assert seen == {p: ["forum_thread", "guidance"] if p == "officer_a" else ["guidance"]
                    for p in PERSONAS}
    body = Client().get("/api/v1/search", {"q": "bold", "type": "guidance"}).json()
    assert body["total"] == 1 and body["page"] == 1
    hit = body["hits"][0]
    assert hit["title"] == "Tension monitoring guidance" and hit["type"] == "guidance"
    assert hit["url"].endswith("/library/guidance/g/")
    assert hit["snippet"] == "Public guidance &lt;b&gt;<mark>bold</mark>&lt;/b&gt;."
    assert body["facet_counts"]["type"] == {"guidance": 1}


def test_a_bad_token_is_refused_not_treated_as_anonymous(db: Any) -> None:
    response = Client().get("/api/v1/search?q=x", HTTP_AUTHORIZATION="Bearer nonsense")
    assert response.status_code == 401


def test_case_study_endpoint_uses_the_access_function(world: World,
                                                      submission: CaseStudy) -> None:
    api = ApiClient(world)
    codes = {p: api.get(p, f"/library/case-studies/{submission.slug}").status_code
             for p in PERSONAS}
    assert codes == {p: 200 if p in ("officer_a", "moderator", "admin") else 404
                     for p in PERSONAS}
    body = api.get("officer_a", f"/library/case-studies/{submission.slug}").json()
    assert body["status"] == "submitted" and body["details"]["council"] == "Trafford Council"
