"""The search results page: one box over everything the user may see, with facets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from commonground.library.indexing import TYPE_LABELS
from commonground.library.models import Action, FamilyGroup, Issue, Theme
from commonground.search import FACETS, SearchResults, search

FACET_TITLES = {"type": "Type", "theme": "Theme", "issue": "Issue", "action": "Action",
                "family_group": "Family group", "region": "Region", "year": "Year"}


def filters_from(params: Any) -> dict[str, list[str]]:
    return {name: params.getlist(name) for name in FACETS if params.getlist(name)}


def facet_labels(results: SearchResults) -> dict[str, dict[str, str]]:
    """Readable names for the facet values on this page (one query per linked sort)."""
    wanted = {name: set(counts) | set(results.filters.get(name, []))
              for name, counts in results.facet_counts.items()}
    for name, values in results.filters.items():
        wanted.setdefault(name, set()).update(values)
    labels: dict[str, dict[str, str]] = {"type": dict(TYPE_LABELS)}
    lookups: list[tuple[str, Any, str, str]] = [
        ("theme", Theme, "slug", "name"), ("issue", Issue, "slug", "title"),
        ("action", Action, "slug", "title")]
    for name, model, key, label in lookups:
        if wanted.get(name):
            labels[name] = dict(model.objects.filter(**{f"{key}__in": wanted[name]})
                                .values_list(key, label))
    if wanted.get("family_group"):
        labels["family_group"] = {str(n): f"{n}. {name}" for n, name in FamilyGroup.objects
                                  .values_list("number", "name")}
    return labels


def facet_groups(results: SearchResults) -> list[dict[str, Any]]:
    labels = facet_labels(results)
    groups = []
    for name in FACETS:
        counts = dict(results.facet_counts.get(name, {}))
        for value in results.filters.get(name, []):
            counts.setdefault(value, 0)
        if not counts:
            continue
        options = [{"value": value, "count": count, "checked": value in
                    results.filters.get(name, []),
                    "label": labels.get(name, {}).get(value, value)}
                   for value, count in counts.items()]
        if name == "year":
            options.sort(key=lambda o: str(o["value"]), reverse=True)
        groups.append({"name": name, "title": FACET_TITLES[name], "options": options,
                       "open": name in results.filters or name == "type"})
    return groups


def page_url(q: str, filters: dict[str, list[str]], page: int) -> str:
    pairs = [("q", q)] + [(n, v) for n in FACETS for v in filters.get(n, [])]
    if page > 1:
        pairs.append(("page", str(page)))
    return "?" + urlencode(pairs)


def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    filters = filters_from(request.GET)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    results = search(request.user, q, filters=filters, page=page)
    return render(request, "library/search.html", {
        "q": q, "results": results, "facet_groups": facet_groups(results),
        "hits": [(hit, TYPE_LABELS.get(hit.kind, hit.kind)) for hit in results.hits],
        "previous_url": page_url(q, results.filters, page - 1) if results.has_previous else "",
        "next_url": page_url(q, results.filters, page + 1) if results.has_next else "",
        "clear_url": page_url(q, {}, 1),
    })
