"""Running a search: parse once, ask the database's engine, shape the results.

Documents with every term come first (best first), then those with only some, so
a long question still finds the thing that answers most of it. Facet counts follow
the usual faceted-search rule: a facet's counts apply every filter except its own, so
ticking one type still shows how many results the other types would give.
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from commonground.core.search.access import access_keys
from commonground.core.search.engines import Statement, engine_for
from commonground.core.search.models import SearchDocument
from commonground.core.search.query import ParsedQuery, parse
from commonground.core.search.results import QueryInfo, SearchHit, SearchResults
from commonground.core.search.snippets import query_phrases, snippet

MAX_PER_PAGE = 100
MAX_FILTER_VALUES = 50


def clean_filters(filters: dict[str, list[str]] | None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, values in (filters or {}).items():
        kept = sorted({str(v) for v in values if str(v).strip()})[:MAX_FILTER_VALUES]
        if kept:
            out[str(name)] = kept
    return out


def _rows(statement: Statement) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.params)
        return list(cursor.fetchall())


def _facet_counts(query: ParsedQuery, *, keys: list[str],
                  filters: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    engine = engine_for(connection.vendor)
    counts: dict[str, dict[str, int]] = {}
    # Facets without a filter of their own share one query; each filtered facet is
    # counted with every other filter applied.
    groups: list[tuple[list[str] | None, dict[str, list[str]]]] = [(None, filters)]
    groups += [([name], {k: v for k, v in filters.items() if k != name}) for name in filters]
    for names, applied in groups:
        inner = engine.ids(query.clauses, every_clause=False, access_keys=keys, filters=applied)
        name_sql, name_params = "f.name = %s", names or []
        if names is None:
            name_sql = f"f.name NOT IN ({', '.join(['%s'] * len(filters))})" if filters else "1 = 1"
            name_params = list(filters)
        rows = _rows(Statement(
            "SELECT f.name, f.value, COUNT(*) FROM core_search_facet f "  # noqa: S608 - placeholders only; values are parameters
            f"WHERE f.document_id IN (SELECT m.id FROM ({inner.sql}) m) AND {name_sql} "
            "GROUP BY f.name, f.value",
            [*inner.params, *name_params],
        ))
        for name, value, count in rows:
            counts.setdefault(name, {})[value] = int(count)
    return {name: dict(sorted(values.items(), key=lambda kv: (-kv[1], kv[0])))
            for name, values in sorted(counts.items())}


def search(user: Any, q: str, *, filters: dict[str, list[str]] | None = None,
           page: int = 1, per_page: int = 20) -> SearchResults:
    """The documents ``user`` may see that match ``q`` and ``filters``, best first."""
    query = parse(q)
    filters = clean_filters(filters)
    per_page = max(1, min(MAX_PER_PAGE, int(per_page)))
    page = max(1, int(page))
    keys = access_keys(user)
    engine = engine_for(connection.vendor)

    matched = engine.matched(query.clauses, access_keys=keys, filters=filters)
    any_ids = engine.ids(query.clauses, every_clause=False, access_keys=keys, filters=filters)
    count = "SELECT COUNT(*) FROM ({}) m"
    total = _rows(Statement(count.format(any_ids.sql), any_ids.params))[0][0]
    all_terms_total = total
    if len(query.clauses) > 1 and total:
        all_ids = engine.ids(query.clauses, every_clause=True, access_keys=keys, filters=filters)
        all_terms_total = _rows(Statement(count.format(all_ids.sql), all_ids.params))[0][0]

    order = "m.all_terms DESC, m.score DESC, m.id" if not query.is_empty else "m.title, m.id"
    page_rows = [] if not total else _rows(Statement(
        f"SELECT m.id, m.score FROM ({matched.sql}) m ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608 - placeholders only; values are parameters
        [*matched.params, per_page, (page - 1) * per_page],
    ))
    documents = SearchDocument.objects.in_bulk([row[0] for row in page_rows])
    phrases = query_phrases(query)
    hits = []
    for doc_id, score in page_rows:
        document = documents[doc_id]
        hits.append(SearchHit(
            kind=document.kind, key=document.key, title=document.title, url=document.url,
            snippet_html=snippet(document.body, phrases), score=float(score),
            facets=dict(document.facets),
        ))
    return SearchResults(
        hits=hits, total=int(total), page=page, per_page=per_page,
        facet_counts=_facet_counts(query, keys=keys, filters=filters),
        query=QueryInfo(text=query.text, terms=[c.label for c in query.clauses],
                        expansions=query.expansions, all_terms_total=int(all_terms_total),
                        engine=engine.name),
        filters=filters,
    )
