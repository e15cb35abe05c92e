"""What a search returns: hits with safe snippets, the total, facet counts, query info."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class SearchHit:
    kind: str
    key: str
    title: str
    url: str
    snippet_html: SafeString  # escaped text with <mark> around matching words
    score: float
    facets: dict[str, list[str]]


@dataclass(frozen=True)
class QueryInfo:
    text: str
    terms: list[str]  # what was searched for, as the user typed it (stop words dropped)
    expansions: list[tuple[str, list[str]]]  # (typed, other terms searched for it)
    all_terms_total: int  # how many results contain every term (they come first)
    engine: str


    @property
    def matched_all_terms(self) -> bool:
        return self.all_terms_total > 0


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    facet_counts: dict[str, dict[str, int]]
    query: QueryInfo
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
