"""Queries whose SQL is built once (core/cached_sql.py): the same rows and values as the
queryset they are built from, built once, and ids the ORM would match nothing for match
nothing here either, on each engine."""

from __future__ import annotations

import datetime
import gc
import threading
import weakref
from typing import Any

import pytest
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.accounts.models import Membership, Organisation, Role, User
from commonground.core.cached_sql import CachedSQL, columns
from tests.personas import World

pytestmark = pytest.mark.django_db

USER = columns(User)
MEMBERSHIP = columns(Membership, via="memberships__")


def with_memberships(user_id: int):  # type: ignore[no-untyped-def]
    return (User.objects.filter(pk=user_id).order_by("memberships__pk")
            .values_list(*USER.lookups, *MEMBERSHIP.lookups))


def test_rows_are_what_the_queryset_gives_with_each_column_converted(world: World) -> None:
    user = world["officer_a"]
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())
    Membership.objects.create(user=user, organisation=world.police, role=Role.MEMBER)
    cached = CachedSQL(User, with_memberships)
    rows = cached.rows(user.pk)
    assert rows == list(with_memberships(user.pk))
    assert len(rows) == 2
    # Converters ran: SQLite hands back text and integers for these without them.
    at = USER.attnames.index
    assert isinstance(rows[0][at("last_login")], datetime.datetime)
    assert rows[0][at("is_active")] is True
    built = USER.build(rows[0], 0, User.objects.db)
    assert built == user and built.email == user.email and not built._state.adding


def test_the_sql_is_built_once_and_each_call_runs_one_query(world: World) -> None:
    built: list[int] = []

    def build(user_id: int):  # type: ignore[no-untyped-def]
        built.append(user_id)
        return with_memberships(user_id)

    cached = CachedSQL(User, build)
    for persona in ("officer_a", "partner", "resident"):
        with CaptureQueriesContext(connection) as captured:
            rows = cached.rows(world[persona].pk)
        assert len(captured) == 1
        assert rows[0][USER.attnames.index("email")] == world[persona].email
    assert len(built) == 1, "built once, with the marker"


@pytest.mark.parametrize("user_id", [0, -1, 2**63, -(2**63) - 1, 10**30])
def test_an_id_nothing_can_match_finds_nothing(world: World, user_id: int) -> None:
    assert CachedSQL(User, with_memberships).rows(user_id) == []


def test_a_build_that_leaves_an_id_out_is_refused() -> None:
    cached = CachedSQL(Organisation, lambda _id: Organisation.objects.filter(
        kind="police").values_list("pk"))
    with pytest.raises(ValueError, match="exactly once"):
        cached.rows(1)


def test_a_plan_number_too_large_for_any_key_is_not_found(world: World) -> None:
    """The plan pages read their plan through CachedSQL: a number the database
    cannot hold is a 404, as it was through the ORM, never a 500."""
    for path in ("/plans/99999999999999999999999/", "/plans/9223372036854775808/public/"):
        assert Client().get(path).status_code == 404


def test_columns_the_sql_adds_for_its_ordering_are_cut_as_the_orm_cuts_them(
        world: World) -> None:
    user = world["officer_a"]
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())

    def build(user_id: int):  # type: ignore[no-untyped-def]
        # DISTINCT with an ordering on a column not selected: the SQL selects it too.
        return User.objects.filter(pk=user_id).distinct().order_by("last_login").values_list(
            "email")

    assert CachedSQL(User, build).rows(user.pk) == list(build(user.pk)) == [(user.email,)]


def test_an_id_given_as_text_reads_as_the_orm_reads_it(world: World) -> None:
    user = world["officer_a"]
    assert CachedSQL(User, with_memberships).rows(str(user.pk)) == list(  # type: ignore[arg-type]
        with_memberships(user.pk))


@pytest.mark.django_db(transaction=True)
def test_nothing_kept_holds_on_to_a_threads_connection() -> None:
    """Each thread has its own connection; one that has ended must be free to go (under
    ASGI every request has a thread of its own, and a kept connection stays open)."""
    cached = CachedSQL(User, with_memberships)
    seen: list[weakref.ref[Any]] = []

    def read() -> None:
        seen.append(weakref.ref(connections["default"]))
        assert cached.rows(0) == []
        connections["default"].close()

    for _ in range(3):
        thread = threading.Thread(target=read)
        thread.start()
        thread.join()
    gc.collect()
    assert len(seen) == 3 and all(ref() is None for ref in seen)
