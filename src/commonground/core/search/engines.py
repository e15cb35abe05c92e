"""SQL for the two full-text engines behind one shape.

Each engine turns a parsed query, the caller's access keys and facet filters into one
``SELECT d.id, <score> AS score FROM ... WHERE ...`` statement with parameters. The
search module wraps that statement for a page of hits, the total and facet counts.
Only fixed SQL fragments and ``%s`` placeholders are joined here; every value the
user typed travels as a parameter (FTS5 phrases are built from word tokens only, so
they contain no FTS5 syntax either).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from commonground.core.search.query import Clause

# Title matches weigh more than body matches.
SQLITE_WEIGHTS = (10.0, 1.0)  # bm25 column weights: title, body
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"  # ts_rank_cd weights for D, C, B (body), A (title)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: list[Any]


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def common_conditions(access_keys: Sequence[str],
                      filters: dict[str, list[str]]) -> tuple[list[str], list[Any]]:
    """Access (inside the query, before any paging) and facet filters."""
    conditions = [f"d.access IN ({_placeholders(access_keys)})"]
    params: list[Any] = list(access_keys)
    for name in sorted(filters):
        values = filters[name]
        conditions.append(
            "d.id IN (SELECT f.document_id FROM core_search_facet f "  # noqa: S608 - placeholders only; values are parameters
            f"WHERE f.name = %s AND f.value IN ({_placeholders(values)}))"
        )
        params.extend([name, *values])
    return conditions, params


class Engine(Protocol):
    name: str

    def matched(self, clauses: Sequence[Clause], *, access_keys: Sequence[str],
                filters: dict[str, list[str]]) -> Statement: ...

    def ids(self, clauses: Sequence[Clause], *, every_clause: bool,
            access_keys: Sequence[str], filters: dict[str, list[str]]) -> Statement: ...


def _browse(access_keys: Sequence[str], filters: dict[str, list[str]]) -> Statement:
    conditions, params = common_conditions(access_keys, filters)
    return Statement(
        "SELECT d.id AS id, 0.0 AS score, d.title AS title, 1 AS all_terms "  # noqa: S608 - placeholders only; values are parameters
        "FROM core_search_document d "
        f"WHERE {' AND '.join(conditions)}",
        params,
    )


def _browse_ids(access_keys: Sequence[str], filters: dict[str, list[str]]) -> Statement:
    conditions, params = common_conditions(access_keys, filters)
    return Statement(f"SELECT d.id AS id FROM core_search_document d "  # noqa: S608 - placeholders only
                     f"WHERE {' AND '.join(conditions)}", params)


class SQLiteEngine:
    """FTS5 with the 'porter unicode61' tokenizer, ranked by bm25."""

    name = "sqlite-fts5"

    @staticmethod
    def match_expression(clauses: Sequence[Clause], *, any_clause: bool) -> str:
        groups = [
            "(" + " OR ".join('"' + " ".join(phrase) + '"' for phrase in clause.alternatives)
            + ")"
            for clause in clauses
        ]
        return (" OR " if any_clause else " AND ").join(groups)

    def matched(self, clauses: Sequence[Clause], *, access_keys: Sequence[str],
                filters: dict[str, list[str]]) -> Statement:
        if not clauses:
            return _browse(access_keys, filters)
        conditions, params = common_conditions(access_keys, filters)
        title_weight, body_weight = SQLITE_WEIGHTS
        any_terms = self.match_expression(clauses, any_clause=True)
        all_terms = self.match_expression(clauses, any_clause=False)
        return Statement(
            f"SELECT d.id AS id, -bm25(core_search_fts, {title_weight}, {body_weight}) AS score, "  # noqa: S608 - placeholders only; values are parameters
            "d.title AS title, CASE WHEN d.id IN (SELECT rowid FROM core_search_fts(%s)) "
            "THEN 1 ELSE 0 END AS all_terms "
            # CROSS JOIN makes SQLite run the full-text match first and look documents up
            # by rowid; otherwise it may scan documents and re-run the match for each.
            "FROM core_search_fts CROSS JOIN core_search_document d "
            "ON d.id = core_search_fts.rowid "
            f"WHERE core_search_fts MATCH %s AND {' AND '.join(conditions)}",
            [all_terms, any_terms, *params],
        )

    def ids(self, clauses: Sequence[Clause], *, every_clause: bool,
            access_keys: Sequence[str], filters: dict[str, list[str]]) -> Statement:
        """Matching ids without ranking: cheaper, for totals and facet counts."""
        if not clauses:
            return _browse_ids(access_keys, filters)
        conditions, params = common_conditions(access_keys, filters)
        return Statement(
            "SELECT d.id AS id FROM core_search_fts CROSS JOIN core_search_document d "  # noqa: S608 - placeholders only
            "ON d.id = core_search_fts.rowid "
            f"WHERE core_search_fts MATCH %s AND {' AND '.join(conditions)}",
            [self.match_expression(clauses, any_clause=not every_clause), *params],
        )


class PostgresEngine:
    """A generated, weighted tsvector with a GIN index, ranked by ts_rank_cd."""

    name = "postgresql"

    @staticmethod
    def tsquery(clauses: Sequence[Clause], *, any_clause: bool) -> Statement:
        groups: list[str] = []
        params: list[Any] = []
        for clause in clauses:
            groups.append(
                "(" + " || ".join(["phraseto_tsquery('english', %s)"] * len(clause.alternatives))
                + ")"
            )
            params.extend(" ".join(phrase) for phrase in clause.alternatives)
        return Statement((" || " if any_clause else " && ").join(groups), params)

    def matched(self, clauses: Sequence[Clause], *, access_keys: Sequence[str],
                filters: dict[str, list[str]]) -> Statement:
        if not clauses:
            return _browse(access_keys, filters)
        any_terms = self.tsquery(clauses, any_clause=True)
        all_terms = self.tsquery(clauses, any_clause=False)
        conditions, params = common_conditions(access_keys, filters)
        # Normalisation 1 divides by 1 + log(length), so long documents do not win
        # merely by repeating words.
        return Statement(
            f"SELECT d.id AS id, ts_rank_cd('{POSTGRES_WEIGHTS}', d.search_vector, q.any_terms, 1) "  # noqa: S608 - placeholders only; values are parameters
            "AS score, d.title AS title, "
            "CASE WHEN d.search_vector @@ q.all_terms THEN 1 ELSE 0 END AS all_terms "
            f"FROM core_search_document d, (SELECT {any_terms.sql} AS any_terms, "
            f"{all_terms.sql} AS all_terms) q "
            f"WHERE d.search_vector @@ q.any_terms AND {' AND '.join(conditions)}",
            [*any_terms.params, *all_terms.params, *params],
        )

    def ids(self, clauses: Sequence[Clause], *, every_clause: bool,
            access_keys: Sequence[str], filters: dict[str, list[str]]) -> Statement:
        """Matching ids without ranking: cheaper, for totals and facet counts."""
        if not clauses:
            return _browse_ids(access_keys, filters)
        query = self.tsquery(clauses, any_clause=not every_clause)
        conditions, params = common_conditions(access_keys, filters)
        return Statement(
            f"SELECT d.id AS id FROM core_search_document d WHERE d.search_vector @@ ({query.sql}) "  # noqa: S608 - placeholders only
            f"AND {' AND '.join(conditions)}",
            [*query.params, *params],
        )


def engine_for(vendor: str) -> Engine:
    if vendor == "postgresql":
        return PostgresEngine()
    if vendor == "sqlite":
        return SQLiteEngine()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
