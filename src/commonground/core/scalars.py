"""Scalar subqueries of several apps read in one SELECT.

A page that depends on several stamps (a plan's targets: the open data's version and the
council's tension reports) read each in its own query, and under load on PostgreSQL every
round trip waits some milliseconds. Each stamp is written instead as scalar subqueries
(``Scalars``), and the caller reads all of them in one statement. A SELECT with no table to
select from is not something the ORM writes, so the statement is raw SQL; its parts are
the ORM's own SQL of a queryset or quoted names of our models, and values go as parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet


@dataclass(frozen=True)
class Scalars:
    """``columns``: each a parenthesised scalar subquery; ``params`` for them, in order."""

    columns: tuple[str, ...] = ()
    params: tuple[Any, ...] = ()

    def __add__(self, other: Scalars) -> Scalars:
        return Scalars(self.columns + other.columns, self.params + other.params)


def count_and_latest(rows: QuerySet[Any], field: str) -> Scalars:
    """How many ``rows`` there are and the greatest ``field`` among them: together they
    change whenever a row is added, removed or saved with a newer ``field``."""
    sql, params = rows.order_by().values(stamp_latest=F(field)).query.sql_with_params()
    latest = connection.ops.quote_name("stamp_latest")
    return Scalars((f"(SELECT COUNT(*) FROM ({sql}) counted)",  # noqa: S608 - the ORM's SQL
                    f"(SELECT MAX({latest}) FROM ({sql}) counted)"),  # noqa: S608
                   (*params, *params))


def read(parts: Sequence[Scalars]) -> list[tuple[object, ...]]:
    """Each part's values, all read in one query (none when no part has a column)."""
    columns = [column for part in parts for column in part.columns]
    if not columns:
        return [() for _ in parts]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns),  # noqa: S608 - see the module's text
                       [param for part in parts for param in part.params])
        row = cursor.fetchone()
    out, start = [], 0
    for part in parts:
        out.append(tuple(row[start:start + len(part.columns)]))
        start += len(part.columns)
    return out
