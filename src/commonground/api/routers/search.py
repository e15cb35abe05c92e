"""GET /search: the library's one search box as JSON, with the caller's visibility.

Anonymous callers see public documents; a token (or the browser session) adds what
that user may see, such as private forum groups they belong to. A token that is sent
but not valid is refused rather than silently treated as anonymous.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from commonground.api.auth import public_or_token
from commonground.api.schemas import ErrorOut
from commonground.search import search as run_search

router = Router(tags=["Search"], auth=public_or_token)


class SearchQuery(Schema):
    q: str = Field("", max_length=300, description="Words to search for; empty lists all.")
    type: list[str] = Field(default_factory=list, description="e.g. action, case_study")
    theme: list[str] = Field(default_factory=list)
    issue: list[str] = Field(default_factory=list)
    action: list[str] = Field(default_factory=list)
    family_group: list[str] = Field(default_factory=list)
    region: list[str] = Field(default_factory=list)
    year: list[str] = Field(default_factory=list)
    page: int = Field(1, ge=1, le=1000)
    per_page: int = Field(20, ge=1, le=100)


class HitOut(Schema):
    title: str
    type: str
    key: str
    url: str
    snippet: str = Field(description="HTML: escaped text with <mark> around matching words")
    score: float
    facets: dict[str, list[str]]


class SearchOut(Schema):
    query: str
    total: int
    page: int
    per_page: int
    hits: list[HitOut]
    facet_counts: dict[str, dict[str, int]]
    matched_all_terms: bool


@router.get("/search", response={200: SearchOut, 400: ErrorOut, 401: ErrorOut},
            summary="Search the library and discussions")
def search(request: HttpRequest, params: Query[SearchQuery]) -> dict[str, Any]:
    filters = {name: getattr(params, name) for name in
               ("type", "theme", "issue", "action", "family_group", "region", "year")
               if getattr(params, name)}
    results = run_search(request.user, params.q, filters=filters, page=params.page,
                         per_page=params.per_page)
    return {
        "query": results.query.text, "total": results.total, "page": results.page,
        "per_page": results.per_page, "facet_counts": results.facet_counts,
        "matched_all_terms": results.query.matched_all_terms,
        "hits": [{"title": h.title, "type": h.kind, "key": h.key,
                  "url": request.build_absolute_uri(h.url), "snippet": str(h.snippet_html),
                  "score": h.score, "facets": h.facets} for h in results.hits],
    }
