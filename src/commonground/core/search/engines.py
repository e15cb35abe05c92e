"""SQL for the two full-text engines behind one shape.

A search asks its engine for three kinds of statement, so the expensive part (ranking)
touches only the documents that can reach the page:

* ``matching``: the ids of the documents the caller may see (access is checked inside
  the statement) that match any clause, or every clause; no ranking, so it is cheap;
* ``ranked``: given ids already known to match, their scores, best first, one page;
* ``browsed``: given ids, one page by title (the empty query).

Facet filters and counts are applied by the search module to the matched ids (see
``facetindex``). Only fixed SQL fragments and ``%s`` placeholders are joined here;
every value the user typed travels as a parameter (FTS5 phrases are built from word
tokens only, so they contain no FTS5 syntax either).
"""

from __future__ import annotations

import json
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


class Engine(Protocol):
    name: str

    def visible(self, access_keys: Sequence[str]) -> Statement: ...

    def clause_matches(self, clauses: Sequence[Clause], *,
                       access_keys: Sequence[str]) -> Statement: ...

    def ranked(self, clauses: Sequence[Clause], ids: Sequence[int], *, every_clause: bool,
               limit: int, offset: int) -> Statement: ...

    def browsed(self, ids: Sequence[int], *, limit: int, offset: int) -> Statement: ...

    def facet_rows(self) -> Statement: ...


def _visible(access_keys: Sequence[str]) -> Statement:
    # On SQLite this is served from the (access) index alone, which also holds the
    # rowid: no document row (with its long body) is read.
    return Statement(
        "SELECT v.id FROM core_search_document v "  # noqa: S608 - placeholders only
        f"WHERE v.access IN ({_placeholders(access_keys)})",
        list(access_keys),
    )


def _bigint_array(ids: Sequence[int]) -> str:
    # PostgreSQL array text for "%s::bigint[]": thousands of ids are a few hundred
    # microseconds to join, where adapting them as a Python list takes milliseconds.
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def _union(parts: list[Statement]) -> Statement:
    return Statement(" UNION ALL ".join(part.sql for part in parts),
                     [param for part in parts for param in part.params])


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

    # "+rowid" keeps the id list from being handed to FTS5 as a rowid constraint,
    # which would run the full-text query once per id; the list is checked instead.

    @staticmethod
    def _id_list(ids: Sequence[int]) -> Statement:
        return Statement("SELECT value FROM json_each(%s)", [json.dumps([int(i) for i in ids])])

    def visible(self, access_keys: Sequence[str]) -> Statement:
        return _visible(access_keys)

    def clause_matches(self, clauses: Sequence[Clause], *,
                       access_keys: Sequence[str]) -> Statement:
        visible = _visible(access_keys)
        each = _union([
            Statement(
                f"SELECT rowid AS id, {number} AS clause FROM core_search_fts "  # noqa: S608 - placeholders only
                f"WHERE core_search_fts MATCH %s AND +rowid IN ({visible.sql})",
                [self.match_expression([clause], any_clause=True), *visible.params],
            )
            for number, clause in enumerate(clauses)
        ])
        return Statement(f"SELECT m.id, COUNT(DISTINCT m.clause) FROM ({each.sql}) m "  # noqa: S608 - placeholders only
                         "GROUP BY m.id", each.params)

    def ranked(self, clauses: Sequence[Clause], ids: Sequence[int], *, every_clause: bool,
               limit: int, offset: int) -> Statement:
        # bm25 sums over the query's phrases, which are the same whether they are
        # joined by AND or OR, so a document scores the same under either; the AND
        # form only makes FTS5 visit fewer rows.
        title_weight, body_weight = SQLITE_WEIGHTS
        wanted = self._id_list(ids)
        return Statement(
            f"SELECT rowid, -bm25(core_search_fts, {title_weight}, {body_weight}) AS score "  # noqa: S608 - placeholders only
            "FROM core_search_fts WHERE core_search_fts MATCH %s "
            f"AND +rowid IN ({wanted.sql}) ORDER BY score DESC, rowid LIMIT %s OFFSET %s",
            [self.match_expression(clauses, any_clause=not every_clause), *wanted.params,
             limit, offset],
        )

    def browsed(self, ids: Sequence[int], *, limit: int, offset: int) -> Statement:
        wanted = self._id_list(ids)
        return Statement(
            "SELECT d.id, 0.0 FROM core_search_document d "  # noqa: S608 - placeholders only
            f"WHERE d.id IN ({wanted.sql}) ORDER BY d.title, d.id LIMIT %s OFFSET %s",
            [*wanted.params, limit, offset],
        )

    def facet_rows(self) -> Statement:
        return Statement("SELECT name, value, group_concat(document_id) FROM core_search_facet "
                         "GROUP BY name, value", [])


class PostgresEngine:
    """A weighted tsvector with a GIN index for matching; a short one for ranking.

    ``search_vector`` (title A, body B) decides what matches. Phrases need word
    positions, which the GIN index cannot check, so each statement also carries the
    same query with its phrases loosened to "all of these words": the index answers
    that exactly, and only documents holding every word of a phrase are opened for
    the positional check. ``rank_vector`` (title A and the first 2,000 characters of
    the body B, kept inside the row) scores the documents of one page's tier.
    """

    name = "postgresql"

    @staticmethod
    def tsquery(clauses: Sequence[Clause], *, any_clause: bool,
                function: str = "phraseto_tsquery") -> Statement:
        groups: list[str] = []
        params: list[Any] = []
        for clause in clauses:
            groups.append(
                "(" + " || ".join([f"{function}('english', %s)"] * len(clause.alternatives))
                + ")"
            )
            params.extend(" ".join(phrase) for phrase in clause.alternatives)
        return Statement((" || " if any_clause else " && ").join(groups), params)

    def visible(self, access_keys: Sequence[str]) -> Statement:
        return _visible(access_keys)

    def clause_matches(self, clauses: Sequence[Clause], *,
                       access_keys: Sequence[str]) -> Statement:
        # One pass over the candidates the GIN index finds for the words alone (every
        # word of some phrase, or a single word); per clause, a single word settles
        # it, and only otherwise are the phrases' positions checked (CASE keeps that
        # order).
        prefilter: list[Statement] = []
        checks: list[Statement] = []
        for clause in clauses:
            words = [p for p in clause.alternatives if len(p) == 1]
            single = {p[0] for p in words}
            # A phrase holding one of the clause's single words adds nothing to it.
            phrases = [p for p in clause.alternatives if len(p) > 1 and not single & set(p)]
            sql, params = "CASE", []
            if words:
                query = self._any_of("phraseto_tsquery", words)
                prefilter.append(query)
                sql += f" WHEN d.search_vector @@ ({query.sql}) THEN 1"
                params += query.params
            if phrases:
                loose = self._any_of("plainto_tsquery", phrases)
                exact = self._any_of("phraseto_tsquery", phrases)
                prefilter.append(loose)
                sql += (f" WHEN NOT d.search_vector @@ ({loose.sql}) THEN 0"
                        f" WHEN d.search_vector @@ ({exact.sql}) THEN 1")
                params += [*loose.params, *exact.params]
            checks.append(Statement(sql + " ELSE 0 END", params))
        candidates = " || ".join(f"({p.sql})" for p in prefilter)
        # Candidates whose phrases all fail come back with 0 (the caller drops them):
        # a "WHERE n > 0" would make PostgreSQL evaluate the checks twice.
        return Statement(
            f"SELECT d.id, {' + '.join(c.sql for c in checks)} "  # noqa: S608 - placeholders only
            f"FROM core_search_document d WHERE d.search_vector @@ ({candidates}) "
            f"AND d.access IN ({_placeholders(access_keys)})",
            [*(p for c in checks for p in c.params), *(p for q in prefilter for p in q.params),
             *access_keys])

    @staticmethod
    def _any_of(function: str, phrases: Sequence[tuple[str, ...]]) -> Statement:
        return Statement(" || ".join([f"{function}('english', %s)"] * len(phrases)),
                         [" ".join(phrase) for phrase in phrases])

    def ranked(self, clauses: Sequence[Clause], ids: Sequence[int], *, every_clause: bool,
               limit: int, offset: int) -> Statement:
        # Scored against any clause in both tiers, as ts_rank_cd sums what it finds.
        # Normalisation 1 divides by 1 + log(length), so long documents do not win
        # merely by repeating words.
        query = self.tsquery(clauses, any_clause=True)
        return Statement(
            f"SELECT d.id, ts_rank_cd('{POSTGRES_WEIGHTS}', d.rank_vector, q.terms, 1) AS score "  # noqa: S608 - placeholders only
            f"FROM core_search_document d, (SELECT {query.sql} AS terms) q "
            "WHERE d.id = ANY(%s::bigint[]) ORDER BY score DESC, d.id LIMIT %s OFFSET %s",
            [*query.params, _bigint_array(ids), limit, offset],
        )

    def browsed(self, ids: Sequence[int], *, limit: int, offset: int) -> Statement:
        return Statement(
            "SELECT d.id, 0.0 FROM core_search_document d WHERE d.id = ANY(%s::bigint[]) "
            "ORDER BY d.title, d.id LIMIT %s OFFSET %s",
            [_bigint_array(ids), limit, offset],
        )

    def facet_rows(self) -> Statement:
        return Statement("SELECT name, value, string_agg(document_id::text, ',') "
                         "FROM core_search_facet GROUP BY name, value", [])


def engine_for(vendor: str) -> Engine:
    if vendor == "postgresql":
        return PostgresEngine()
    if vendor == "sqlite":
        return SQLiteEngine()
    raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
