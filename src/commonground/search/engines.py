"""SQL for the two full-text engines behind one shape.

A search asks its engine for three kinds of statement, so the expensive part (ranking)
touches only the documents that can reach the page:

* ``matching``: for each clause, the ids of the documents the caller may see (access is
  checked inside the statement) that match it, as one text of ids ("3,8,21"); no
  ranking, so it is cheap. One row a clause, not one a document: at 50,000 documents a
  broad query matches 40,000, and fetching them as rows cost more than finding them
  (issue 14, performance);
* ``ranked``: given ids already known to match, those the ranking terms find (the
  only ones that score), best first, one page; ``found``: all of those, as one text,
  only wanted when a page runs past them into the ids that score 0;
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
from itertools import pairwise
from typing import Any, Protocol

from commonground.search.folding import fold
from commonground.search.query import STOP_WORDS, Clause

# Title matches weigh more than body matches.
SQLITE_WEIGHTS = (10.0, 1.0)  # bm25 column weights: title, body
POSTGRES_WEIGHTS = "{0.1, 0.2, 0.25, 1.0}"  # ts_rank weights for D, C, B (body), A (title)


@dataclass(frozen=True)
class Statement:
    sql: str
    params: list[Any]
    # Settings for this statement alone ("SET LOCAL ..."), run first in its transaction.
    setup: tuple[str, ...] = ()


def _placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


class Engine(Protocol):
    name: str

    def clause_matches(self, clauses: Sequence[Clause], *,
                       access_keys: Sequence[str]) -> Statement:
        """One row a clause: its number and the matching ids as text ("3,8,21", or
        NULL when none)."""
        ...

    def ranked(self, terms: RankTerms, ids: Sequence[int], *, limit: int,
               offset: int) -> Statement:
        """One page of the ids the terms find, (id, score > 0), best first."""
        ...

    def found(self, terms: RankTerms, ids: Sequence[int]) -> Statement:
        """One row: the ids the terms find (those ``ranked`` pages), as text."""
        ...

    def browsed(self, ids: Sequence[int], *, limit: int, offset: int) -> Statement: ...

    def facet_rows(self) -> Statement: ...


def visible(access_keys: Sequence[str]) -> Statement:
    """The ids of the documents the caller may see (the empty query's matches): the
    same SQL on both engines, so not a method of theirs."""
    # On SQLite this is served from the (access) index alone, which also holds the
    # rowid: no document row (with its long body) is read.
    return Statement(
        "SELECT v.id FROM core_search_document v "  # noqa: S608 - placeholders only
        f"WHERE v.access IN ({_placeholders(access_keys)})",
        list(access_keys),
    )


def _hidden(access_keys: Sequence[str]) -> Statement:
    """The ids of the documents whose access key is none of the caller's.

    Read from the (access) index in the ranges between the caller's keys, so only the
    documents the caller may not see are touched: they are few (private groups' threads),
    where those they may see are nearly all, and excluding the few from what matched is
    cheaper than checking every match against the many (at 50,000 documents, 2-8 ms for a
    query against 25-80 ms)."""
    keys = sorted(set(access_keys))
    if not keys:
        return Statement("SELECT v.id FROM core_search_document v", [])
    ranges = ["v.access < %s", *["(v.access > %s AND v.access < %s)"] * (len(keys) - 1),
              "v.access > %s"]
    params = [keys[0], *(key for pair in pairwise(keys) for key in pair), keys[-1]]
    return Statement("SELECT v.id FROM core_search_document v WHERE "  # noqa: S608 - placeholders only
                     + " OR ".join(ranges), params)


def _bigint_array(ids: Sequence[int]) -> str:
    # PostgreSQL array text for "%s::bigint[]": thousands of ids are a few hundred
    # microseconds to join, where adapting them as a Python list takes milliseconds.
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


def _union(parts: list[Statement]) -> Statement:
    return Statement(" UNION ALL ".join(part.sql for part in parts),
                     [param for part in parts for param in part.params])


@dataclass(frozen=True)
class RankTerms:
    """What ranking weighs, on both engines. Every document ranked already matches,
    so ranking need not see every synonym: it weighs the words the user typed and
    one-word synonyms (an engine's ranking cost grows with the terms: on PostgreSQL 9 ms
    for the benchmark's broadest tier, against 19 ms with every synonym's words), and
    each term of several words the user typed again as a phrase, so documents with
    the words together rank above those with them scattered."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        """Only stop words (or the empty query): nothing to weigh."""
        return not self.words and not self.phrases

    @classmethod
    def of(cls, clauses: Sequence[Clause]) -> RankTerms:
        words: list[str] = []
        phrases: list[str] = []
        for clause in clauses:
            typed = clause.label.split()
            if len(typed) > 1:
                phrases.append(clause.label)
            if not clause.exact:
                words += [w for w in typed if w not in STOP_WORDS]
                words += [p[0] for p in clause.alternatives if len(p) == 1]
        return cls(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(phrases)))


class SQLiteEngine:
    """FTS5 with the 'porter unicode61' tokenizer, ranked by bm25."""

    name = "sqlite-fts5"

    @staticmethod
    def match_expression(clauses: Sequence[Clause], *, any_clause: bool) -> str:
        groups = []
        for clause in clauses:
            if clause.exact:
                options = ['"' + " ".join(phrase) + '"' for phrase in clause.alternatives]
            else:
                options = ["(" + " AND ".join(f'"{w}"' for w in words) + ")"
                           for words in clause.word_sets]
            groups.append("(" + " OR ".join(options) + ")")
        return (" OR " if any_clause else " AND ").join(groups)

    @staticmethod
    def rank_expression(terms: RankTerms) -> str:
        return " OR ".join([*(f'"{p}"' for p in terms.phrases),
                            *(f'"{w}"' for w in terms.words)])

    # "+rowid" keeps the id list from being handed to FTS5 as a rowid constraint,
    # which would run the full-text query once per id; the list is checked instead.

    @staticmethod
    def _id_list(ids: Sequence[int]) -> Statement:
        return Statement("SELECT value FROM json_each(%s)", [json.dumps([int(i) for i in ids])])

    def clause_matches(self, clauses: Sequence[Clause], *,
                       access_keys: Sequence[str]) -> Statement:
        hidden = _hidden(access_keys)
        return _union([
            Statement(
                f"SELECT {number}, group_concat(rowid) FROM core_search_fts "  # noqa: S608 - placeholders only
                f"WHERE core_search_fts MATCH %s AND +rowid NOT IN ({hidden.sql})",
                [self.match_expression([clause], any_clause=True), *hidden.params],
            )
            for number, clause in enumerate(clauses)
        ])

    def ranked(self, terms: RankTerms, ids: Sequence[int], *, limit: int,
               offset: int) -> Statement:
        # bm25 scores only the rows its MATCH finds, so only those are sorted: keeping
        # every id as well (a LEFT JOIN, those missed scoring 0) cost a fifth more for
        # a tier of 10,000 (issue 14); the search pads a short page with the rest.
        title_weight, body_weight = SQLITE_WEIGHTS
        hits = self._hits(terms, ids)
        return Statement(
            f"SELECT rowid, -bm25(core_search_fts, {title_weight}, {body_weight}) AS score "
            f"{hits.sql} ORDER BY score DESC, rowid LIMIT %s OFFSET %s",
            [*hits.params, limit, offset],
        )

    def found(self, terms: RankTerms, ids: Sequence[int]) -> Statement:
        hits = self._hits(terms, ids)
        return Statement(f"SELECT group_concat(rowid) {hits.sql}", hits.params)

    def _hits(self, terms: RankTerms, ids: Sequence[int]) -> Statement:
        wanted = self._id_list(ids)
        return Statement(
            "FROM core_search_fts WHERE core_search_fts MATCH %s "  # noqa: S608 - placeholders only
            f"AND +rowid IN ({wanted.sql})",
            [self.rank_expression(terms), *wanted.params])

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
    """A weighted tsvector with a GIN index for matching; a table of short ones for ranking.

    ``search_vector`` (title A, body B) decides what matches. A clause matched word by
    word is a query of words joined by AND and OR, which the GIN index answers exactly,
    so matching reads no vector, only the narrow document rows (their long values are
    kept out of line, migration 0005). Only a phrase the user quoted needs the words'
    positions, so only its candidates are opened to check them. ``core_search_rank``
    holds each document's title and first 2,000 characters of body as a vector, inside
    its row, which ``ts_rank`` scores for the documents of one page's tier.
    """

    name = "postgresql"
    # The planner prices scanning the narrow rows (sequentially, or in id order) as
    # cheap, not counting that it must then unpack every out-of-line vector to test
    # it: 30-60 ms on the benchmark, against 2-4 ms a clause through the GIN index.
    # Still so after matching became one text of ids a clause (issue 14): the national
    # bench's 20 searches matched in 300-620 ms summed with these, 610-1,350 without
    # ("ESOL", whose many synonyms the planner prices high in the index, 31 against
    # 287 ms by a sequential scan). Turning off the index scan changed nothing there
    # (the id order was not chosen); it stays against that plan.
    MATCH_SETUP = ("SET LOCAL enable_seqscan = off", "SET LOCAL enable_indexscan = off")

    @staticmethod
    def clause_query(clause: Clause) -> Statement:
        if clause.exact:
            function, phrases = "phraseto_tsquery", clause.alternatives
        else:
            function, phrases = "plainto_tsquery", clause.word_sets
        # The index holds folded words (migration 0006), so the query's are folded too.
        return Statement(" || ".join([f"{function}('english', %s)"] * len(phrases)),
                         [fold(" ".join(phrase)) for phrase in phrases])

    def clause_matches(self, clauses: Sequence[Clause], *,
                       access_keys: Sequence[str]) -> Statement:
        # Each clause through the index alone, less the few documents the caller may
        # not see (a hashed list), its ids joined into one text.
        hidden = _hidden(access_keys)
        each = []
        for number, clause in enumerate(clauses):
            query = self.clause_query(clause)
            each.append(Statement(
                f"SELECT {number}, string_agg(d.id::text, ',') FROM core_search_document d "  # noqa: S608 - placeholders only
                f"WHERE d.search_vector @@ ({query.sql}) AND d.id NOT IN ({hidden.sql})",
                [*query.params, *hidden.params]))
        union = _union(each)
        return Statement(union.sql, union.params, setup=self.MATCH_SETUP)

    def ranked(self, terms: RankTerms, ids: Sequence[int], *, limit: int,
               offset: int) -> Statement:
        scores = self._scores(terms, ids)
        return Statement(
            f"SELECT s.id, s.score FROM ({scores.sql}) s WHERE s.score > 0 "  # noqa: S608 - placeholders only
            "ORDER BY s.score DESC, s.id LIMIT %s OFFSET %s",
            [*scores.params, limit, offset],
        )

    def found(self, terms: RankTerms, ids: Sequence[int]) -> Statement:
        scores = self._scores(terms, ids)
        return Statement(
            "SELECT string_agg(s.id::text, ',') "  # noqa: S608 - placeholders only
            f"FROM ({scores.sql}) s WHERE s.score > 0", scores.params)

    @staticmethod
    def _scores(terms: RankTerms, ids: Sequence[int]) -> Statement:
        # ts_rank rather than ts_rank_cd: cover density cost 10-80 µs a document with
        # a query of many synonyms. Over the words joined by OR, ts_rank counts how
        # often each occurs, title (A) above body (B); a phrase on its own rewards
        # its words standing close. Normalisation 1 divides by 1 + log(length): long
        # documents do not win by repetition alone. It scores every id (0 where no
        # term occurs): testing the terms first would cost as much as ranking.
        queries = ([" || ".join(["plainto_tsquery('english', %s)"] * len(terms.words))]
                   if terms.words else []) + ["phraseto_tsquery('english', %s)"] * len(
                       terms.phrases)
        score = " + ".join(f"ts_rank('{POSTGRES_WEIGHTS}', r.vector, q.q{n}, 1)"
                           for n in range(len(queries)))
        columns = ", ".join(f"{sql} AS q{n}" for n, sql in enumerate(queries))
        return Statement(
            f"SELECT r.document_id AS id, {score} AS score "  # noqa: S608 - placeholders only
            f"FROM core_search_rank r, (SELECT {columns}) q "
            # OFFSET 0 keeps this a subquery of its own: merged into the caller's,
            # its score would be computed twice, for "score > 0" and for the order.
            "WHERE r.document_id = ANY(%s::bigint[]) OFFSET 0",
            [*map(fold, terms.words), *map(fold, terms.phrases), _bigint_array(ids)],
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
