"""Queries built once per connection (core/prepared.py): the same rows and values as the
queryset they are built from, built once, and ids the ORM would match nothing for match
nothing here either, on each engine."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.accounts.models import Membership, Organisation, Role, User
from commonground.core.prepared import PreparedQuery, columns
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
    prepared = PreparedQuery(User, with_memberships)
    rows = prepared.rows(user.pk)
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

    prepared = PreparedQuery(User, build)
    for persona in ("officer_a", "partner", "resident"):
        with CaptureQueriesContext(connection) as captured:
            rows = prepared.rows(world[persona].pk)
        assert len(captured) == 1
        assert rows[0][USER.attnames.index("email")] == world[persona].email
    assert len(built) == 1, "built once for this connection, with the marker"


@pytest.mark.parametrize("user_id", [0, -1, 2**63, -(2**63) - 1, 10**30])
def test_an_id_nothing_can_match_finds_nothing(world: World, user_id: int) -> None:
    assert PreparedQuery(User, with_memberships).rows(user_id) == []


def test_a_build_that_leaves_an_id_out_is_refused() -> None:
    prepared = PreparedQuery(Organisation, lambda _id: Organisation.objects.filter(
        kind="police").values_list("pk"))
    with pytest.raises(ValueError, match="exactly once"):
        prepared.rows(1)


def test_a_plan_number_too_large_for_any_key_is_not_found(world: World) -> None:
    """The plan pages read their plan through a prepared query: a number the database
    cannot hold is a 404, as it was through the ORM, never a 500."""
    for path in ("/plans/99999999999999999999999/", "/plans/9223372036854775808/public/"):
        assert Client().get(path).status_code == 404
