"""Adding, replacing and removing documents in the search index."""

from __future__ import annotations

import datetime

from django.db import transaction

from commonground.search.models import SearchDocument, SearchFacet

MAX_BODY_CHARS = 100_000


def clean_facets(kind: str, facets: dict[str, list[str]] | None,
                 published: datetime.date | None) -> dict[str, list[str]]:
    """Facet values as sorted unique strings; "type" and "year" are filled in."""
    out: dict[str, list[str]] = {}
    for name, values in (facets or {}).items():
        cleaned = sorted({str(v).strip()[:200] for v in values if str(v).strip()})
        if cleaned:
            out[str(name)[:40]] = cleaned
    out["type"] = [kind]
    if published is not None and "year" not in out:
        out["year"] = [str(published.year)]
    return out


@transaction.atomic
def index_document(
    *,
    kind: str,
    key: str,
    title: str,
    body: str,
    url: str,
    facets: dict[str, list[str]] | None = None,
    access: str = "public",
    published: datetime.date | None = None,
) -> None:
    """Add or replace the document ``kind``/``key``."""
    if not kind or not key:
        raise ValueError("A search document needs a kind and a key.")
    if not access:
        raise ValueError("A search document needs an access key ('public' or a key).")
    cleaned = clean_facets(kind, facets, published)
    before = (SearchDocument.objects.filter(kind=kind, key=str(key))
              .values_list("facets", flat=True).first())
    document, _ = SearchDocument.objects.update_or_create(
        kind=kind, key=str(key),
        defaults={"title": title[:500], "body": body[:MAX_BODY_CHARS], "url": url[:500],
                  "access": access, "published": published, "facets": cleaned},
    )
    if before == cleaned:
        # The facet rows already say this. Rewriting them would change the search
        # stamp, and every process would reload its facet copy (120-350 ms with 50,000
        # documents) after each forum reply (issue 14, performance).
        return
    SearchFacet.objects.filter(document=document).delete()
    SearchFacet.objects.bulk_create(
        SearchFacet(document=document, name=name, value=value)
        for name, values in cleaned.items()
        for value in values
    )


@transaction.atomic
def remove_document(*, kind: str, key: str) -> None:
    """Take the document out of the index; nothing happens if it is not there."""
    SearchDocument.objects.filter(kind=kind, key=str(key)).delete()
