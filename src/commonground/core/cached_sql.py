"""Queries whose SQL is built once per process, then only run.

Django works out a queryset's SQL again each time it is evaluated: every lookup is
resolved through the models' joins, every column quoted. For a short query on a hot path
that costs more CPU than the database spends answering it: reading the signed-in user with
their memberships took 0.43 ms to build and 0.19 ms to run and turn into models (on
PostgreSQL, measured with ``time.process_time`` over 500 calls). A ``CachedSQL`` is made
from a function that builds the queryset from integer arguments (ids); the SQL is built
once per database alias with a marker in each argument's place, and later calls put the
arguments where the markers were and run the same SQL. Rows come back as ``values_list``
gives them: each column through its backend's and field's converters.

This is not a server-side prepared statement: the database parses the SQL each time, as
it does for any query. Nothing kept here refers to a connection (each thread has its own,
and a kept reference would keep it open): the converters are looked up on each call, from
the calling thread's connection.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from django.db import connections, router
from django.db.models import Expression, Model, QuerySet

M = TypeVar("M", bound=Model)

# Argument markers: negative ids, which no table holds, so a marker is found only where it
# was put; inside a 32-bit integer's range, where the ORM would find no match and build no SQL.
_MARKER_BASE = -2_046_000_001


class _Built(NamedTuple):
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]  # for each parameter, the argument it takes, or -1
    columns: tuple[Expression, ...]  # what each column of a row is, for its converters
    low: int | None  # the range of the model's key on this database
    high: int | None


class CachedSQL:
    """``build(*ids)`` must return a ``values_list`` queryset of ``model`` whose SQL
    takes each id as a parameter of its own, with no other parameter equal to a marker.
    The ids are keys of ``model`` (an AutoField or BigAutoField, or a key of the same
    kind): one outside the key's range matches nothing, as the ORM's own lookups treat it."""

    def __init__(self, model: type[Model], build: Callable[..., QuerySet[Any, Any]],
                 arity: int = 1) -> None:
        self._model = model
        self._build = build
        self._markers = tuple(_MARKER_BASE - i for i in range(arity))
        self._built: dict[str, _Built] = {}

    def _prepare(self, alias: str) -> _Built:
        compiler = self._build(*self._markers).query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = tuple(self._markers.index(p) if p in self._markers else -1 for p in params)
        if sorted(s for s in slots if s >= 0) != list(range(len(self._markers))):
            raise ValueError("each argument must appear in the query's SQL exactly once")
        # Columns the SQL adds beyond the selected ones (for an ordering, say) are cut
        # from each row, as the ORM cuts them.
        columns = tuple(select[0] for select in compiler.select[:compiler.col_count])
        low, high = compiler.connection.ops.integer_field_range(
            self._model._meta.pk.get_internal_type())
        built = self._built[alias] = _Built(sql, tuple(params), slots, columns, low, high)
        return built

    def rows(self, *ids: int) -> list[tuple[Any, ...]]:
        """The rows for these ids, as ``build(*ids)`` would give them."""
        alias = router.db_for_read(self._model)
        built = self._built.get(alias) or self._prepare(alias)
        connection = connections[alias]
        ids = tuple(int(i) for i in ids)
        low, high = built.low, built.high
        if any((low is not None and i < low) or (high is not None and i > high) for i in ids):
            return []
        arguments = [ids[slot] if slot >= 0 else param for param, slot
                     in zip(built.params, built.slots, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(built.sql, arguments)
            fetched = cursor.fetchall()
        width = len(built.columns)
        converters = [
            (position, convert, column) for position, column in enumerate(built.columns)
            if (convert := [*connection.ops.get_db_converters(column),
                            *column.get_db_converters(connection)])]
        found = []
        for row in fetched:
            values = list(row[:width])
            for position, convert, column in converters:
                for converter in convert:
                    values[position] = converter(values[position], column, connection)
            found.append(tuple(values))
        return found


@dataclass(frozen=True)
class Columns(Generic[M]):
    """A model's columns in a ``values_list`` row: the lookups that reach them from the
    queryset's model (through ``via``), and the attribute names ``from_db`` takes."""

    model: type[M]
    lookups: tuple[str, ...]
    attnames: tuple[str, ...]

    def build(self, row: Sequence[Any], start: int, db: str) -> M:
        """The instance whose columns begin at ``start``, made as a queryset makes it."""
        return self.model.from_db(db, self.attnames, row[start:start + len(self.attnames)])


def columns(model: type[M], via: str = "") -> Columns[M]:
    fields = model._meta.concrete_fields
    return Columns(model=model, lookups=tuple(f"{via}{f.name}" for f in fields),
                   attnames=tuple(f.attname for f in fields))
