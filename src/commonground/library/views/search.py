"""The search results page: one box over everything the user may see, with facets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from commonground.core import languages
from commonground.library import bilingual
from commonground.library.indexing import TYPE_LABELS
from commonground.library.models import REGIONS, Action, FamilyGroup, Issue, Theme
from commonground.search import FACETS, SearchResults, kind_label, search

FACET_TITLES = {"type": _("Type"), "theme": _("Theme"), "issue": _("Issue"),
                "action": pgettext_lazy("library", "Action"), "family_group": _("Family group"),
                "region": _("Region"), "year": _("Year")}


def filters_from(params: Any) -> dict[str, list[str]]:
    return {name: params.getlist(name) for name in FACETS if params.getlist(name)}


def type_label(kind: str) -> str:
    """The library's own kinds and forum threads, then those other apps register."""
    label = TYPE_LABELS.get(kind)
    return str(label) if label is not None else kind_label(kind) or kind


def facet_labels(results: SearchResults) -> dict[str, dict[str, str]]:
    """Readable names for the facet values on this page (one query per linked sort)."""
    wanted = {name: set(counts) | set(results.filters.get(name, []))
              for name, counts in results.facet_counts.items()}
    for name, values in results.filters.items():
        wanted.setdefault(name, set()).update(values)
    labels: dict[str, dict[str, str]] = {
        "type": {kind: type_label(kind) for kind in wanted.get("type", set())},
        "region": {k: str(v) for k, v in REGIONS.items()}}
    lookups: list[tuple[str, Any, str, str]] = [
        ("theme", Theme, "slug", "name"), ("issue", Issue, "slug", "title"),
        ("action", Action, "slug", "title")]
    for name, model, key, label in lookups:
        if wanted.get(name):
            labels[name] = {getattr(o, key): str(bilingual.shown(o, label)[0])
                            for o in model.objects.filter(**{f"{key}__in": wanted[name]})}
    if wanted.get("family_group"):
        labels["family_group"] = {str(g.number): f"{g.number}. {bilingual.shown(g, 'name')[0]}"
                                  for g in FamilyGroup.objects.all()}
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


def hits_in_language(results: SearchResults) -> list[tuple[Any, str, str, str]]:
    """Each hit with its type's name and its title in the page's language, its address
    in that language (the index keeps English titles and addresses)."""
    language = get_language() or ""
    titles = bilingual.titles_of(results.hits) if bilingual.welsh_wanted() else {}
    found = []
    for hit in results.hits:
        url = languages.path_in(hit.url, language) if hit.url.startswith("/") else hit.url
        found.append((hit, type_label(hit.kind),
                      titles.get((hit.kind, hit.key)) or hit.title, url))
    return found


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
        "hits": hits_in_language(results),
        "previous_url": page_url(q, results.filters, page - 1) if results.has_previous else "",
        "next_url": page_url(q, results.filters, page + 1) if results.has_next else "",
        "clear_url": page_url(q, {}, 1),
    })
