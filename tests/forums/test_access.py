"""Every persona against every forum access function, for each kind of group."""

from __future__ import annotations

import pytest

from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.forums import access
from commonground.forums.services import moderation
from tests.forums.conftest import Forum
from tests.personas import ALLOWED, assert_personas

pytestmark = pytest.mark.django_db

NA, NF, PD = NotAuthenticated, NotFound, PermissionDenied


def test_open_group_is_seen_by_everyone_signed_in_and_managed_by_moderators(
    forum: Forum,
) -> None:
    slug = forum.open.slug
    assert_personas(forum.world, lambda u: access.get_group_for_user(u, slug), {
        "anonymous": NA, "resident": ALLOWED, "officer_a": ALLOWED, "org_admin_a": ALLOWED,
        "officer_b": ALLOWED, "partner": ALLOWED, "moderator": ALLOWED, "admin": ALLOWED,
    })
    assert_personas(forum.world, lambda u: access.get_group_for_user(u, slug, write=True), {
        "anonymous": NA, "resident": PD, "officer_a": PD, "org_admin_a": PD,
        "officer_b": PD, "partner": PD, "moderator": ALLOWED, "admin": PD,
    })


def test_closed_group_is_listed_to_all_and_managed_by_its_managers(forum: Forum) -> None:
    slug = forum.closed.slug
    assert_personas(forum.world, lambda u: access.get_group_for_user(u, slug), {
        "anonymous": NA, "resident": ALLOWED, "officer_a": ALLOWED, "org_admin_a": ALLOWED,
        "officer_b": ALLOWED, "partner": ALLOWED, "moderator": ALLOWED, "admin": ALLOWED,
    })
    assert_personas(forum.world, lambda u: access.get_group_for_user(u, slug, write=True), {
        "anonymous": NA, "resident": PD, "officer_a": ALLOWED, "org_admin_a": PD,
        "officer_b": PD, "partner": PD, "moderator": ALLOWED, "admin": PD,
    })


def test_private_group_exists_only_for_its_members(forum: Forum) -> None:
    slug = forum.private.slug
    assert_personas(forum.world, lambda u: access.get_group_for_user(u, slug), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": ALLOWED, "partner": NF, "moderator": NF, "admin": NF,
    })
    assert_personas(forum.world, lambda u: access.get_group_for_user(u, slug, write=True), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": PD, "partner": NF, "moderator": NF, "admin": NF,
    })


def test_open_thread(forum: Forum) -> None:
    pk = forum.open_thread.pk
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk), {
        "anonymous": NA, "resident": ALLOWED, "officer_a": ALLOWED, "org_admin_a": ALLOWED,
        "officer_b": ALLOWED, "partner": ALLOWED, "moderator": ALLOWED, "admin": ALLOWED,
    })
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk, write=True), {
        "anonymous": NA, "resident": PD, "officer_a": PD, "org_admin_a": PD,
        "officer_b": PD, "partner": PD, "moderator": ALLOWED, "admin": PD,
    })


def test_closed_thread_is_for_members_and_moderators(forum: Forum) -> None:
    pk = forum.closed_thread.pk
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": NF, "partner": ALLOWED, "moderator": ALLOWED, "admin": NF,
    })
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk, write=True), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": NF, "partner": PD, "moderator": ALLOWED, "admin": NF,
    })


def test_private_thread_is_for_members_only(forum: Forum) -> None:
    pk = forum.private_thread.pk
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": ALLOWED, "partner": NF, "moderator": NF, "admin": NF,
    })
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk, write=True), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": PD, "partner": NF, "moderator": NF, "admin": NF,
    })


def test_posts_are_changed_by_their_author_alone(forum: Forum) -> None:
    pk = forum.open_reply.pk
    assert_personas(forum.world, lambda u: access.get_post_for_user(u, pk), {
        "anonymous": NA, "resident": ALLOWED, "officer_a": ALLOWED, "org_admin_a": ALLOWED,
        "officer_b": ALLOWED, "partner": ALLOWED, "moderator": ALLOWED, "admin": ALLOWED,
    })
    assert_personas(forum.world, lambda u: access.get_post_for_user(u, pk, write=True), {
        "anonymous": NA, "resident": PD, "officer_a": PD, "org_admin_a": PD,
        "officer_b": PD, "partner": ALLOWED, "moderator": PD, "admin": PD,
    })


def test_private_posts_are_invisible_to_non_members(forum: Forum) -> None:
    pk = forum.private_thread.posts.get().pk
    assert_personas(forum.world, lambda u: access.get_post_for_user(u, pk), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": ALLOWED, "partner": NF, "moderator": NF, "admin": NF,
    })


def test_a_hidden_post_is_seen_by_its_author_and_the_moderators(forum: Forum) -> None:
    moderation.hide_post(actor=forum["moderator"], post=forum.open_reply, reason="Off topic")
    pk = forum.open_reply.pk
    assert_personas(forum.world, lambda u: access.get_post_for_user(u, pk), {
        "anonymous": NA, "resident": NF, "officer_a": NF, "org_admin_a": NF,
        "officer_b": NF, "partner": ALLOWED, "moderator": ALLOWED, "admin": NF,
    })


def test_a_hidden_thread_is_seen_by_its_author_and_the_moderators(forum: Forum) -> None:
    opening = forum.closed_thread.posts.get(is_opening=True)
    moderation.hide_post(actor=forum["moderator"], post=opening, reason="Personal details")
    pk = forum.closed_thread.pk
    assert_personas(forum.world, lambda u: access.get_thread_for_user(u, pk), {
        "anonymous": NA, "resident": NF, "officer_a": ALLOWED, "org_admin_a": NF,
        "officer_b": NF, "partner": NF, "moderator": ALLOWED, "admin": NF,
    })


def test_unknown_and_forbidden_look_the_same(forum: Forum) -> None:
    with pytest.raises(NotFound) as unknown:
        access.get_group_for_user(forum["partner"], "no-such-group")
    with pytest.raises(NotFound) as forbidden:
        access.get_group_for_user(forum["partner"], forum.private.slug)
    assert unknown.value.message == forbidden.value.message


def test_search_keys_are_the_groups_a_user_may_read(forum: Forum) -> None:
    keys = {p: access.search_access_keys(forum[p]) for p in forum.world.users}
    closed, private = f"forum-group:{forum.closed.pk}", f"forum-group:{forum.private.pk}"
    assert closed in keys["officer_a"] and private in keys["officer_a"]
    assert private in keys["officer_b"] and closed not in keys["officer_b"]  # pending
    assert keys["partner"] >= {closed} and private not in keys["partner"]
    assert keys["moderator"] == {closed}  # moderates closed groups, never private ones
    assert keys["anonymous"] == set() and keys["resident"] == set() and keys["admin"] == set()
