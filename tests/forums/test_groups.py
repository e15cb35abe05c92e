"""Joining open groups, asking to join closed ones, managers' decisions, private groups."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from commonground.core.errors import Conflict, InvalidInput, PermissionDenied
from commonground.forums import selectors
from commonground.forums.access import can_read_threads, forget_memberships
from commonground.forums.models import Group, GroupMembership, MemberStatus
from commonground.forums.services import groups as services
from tests.forums.conftest import Forum

pytestmark = pytest.mark.django_db

Capture = Callable[..., Any]

REGIONS = ["North East", "North West", "Yorkshire and The Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West", "Wales"]


@pytest.mark.django_db
def test_every_install_has_the_regional_forums_in_ons_order() -> None:
    forums = Group.objects.exclude(region_code="").order_by("region_code")
    assert [g.region_name for g in forums] == REGIONS
    assert all(g.visibility == "open" for g in forums)


def test_regional_forums_are_listed_first(forum: Forum) -> None:
    names = [g.name for g in selectors.groups_visible_to(forum["officer_a"])]
    assert names[:10] == [f"{r} forum" for r in REGIONS]
    assert names[10:] == ["Greater Manchester cohesion leads", "Hate crime leads"]
    assert "Greater Manchester cohesion leads" not in [
        g.name for g in selectors.groups_visible_to(forum["partner"])]


def test_joining_an_open_group_is_immediate(forum: Forum) -> None:
    membership = services.join_group(actor=forum["resident"], group=forum.open)
    assert membership.status == MemberStatus.ACTIVE
    with pytest.raises(Conflict):
        services.join_group(actor=forum["resident"], group=forum.open)


def test_closed_groups_need_a_managers_approval(
    forum: Forum, django_capture_on_commit_callbacks: Capture
) -> None:
    resident = forum["resident"]
    with django_capture_on_commit_callbacks(execute=True):
        request = services.join_group(actor=resident, group=forum.closed)
    assert request.status == MemberStatus.PENDING and not can_read_threads(resident,
                                                                          forum.closed)
    assert [m.to for m in mail.outbox] == [["officer_a@example.org"]]  # the manager
    with pytest.raises(PermissionDenied):
        services.decide_request(actor=forum["partner"], membership=request, approve=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_request(actor=forum["officer_a"], membership=request, approve=True)
    forget_memberships(resident)
    assert can_read_threads(resident, forum.closed)
    assert mail.outbox[-1].to == ["resident@example.org"]
    assert mail.outbox[-1].subject == "You are now a member of Hate crime leads"


def test_declining_removes_the_request(forum: Forum) -> None:
    request = GroupMembership.objects.get(group=forum.closed, user=forum["officer_b"])
    services.decide_request(actor=forum["officer_a"], membership=request, approve=False)
    assert not GroupMembership.objects.filter(pk=request.pk).exists()


def test_private_groups_are_joined_only_when_a_manager_adds_you(forum: Forum) -> None:
    with pytest.raises(PermissionDenied):
        services.join_group(actor=forum["partner"], group=forum.private)
    with pytest.raises(InvalidInput) as unknown:
        services.add_member(actor=forum["officer_a"], group=forum.private,
                            email="nobody@example.org")
    assert "email" in unknown.value.fields
    services.add_member(actor=forum["officer_a"], group=forum.private,
                        email="PARTNER@example.org")
    assert can_read_threads(forum["partner"], forum.private)


def test_a_group_keeps_a_manager(forum: Forum) -> None:
    manager = forum.private.memberships.get(user=forum["officer_a"])
    with pytest.raises(Conflict, match="needs a manager"):
        services.remove_membership(actor=forum["officer_a"], membership=manager)
    other = forum.private.memberships.get(user=forum["officer_b"])
    services.set_role(actor=forum["officer_a"], membership=other, role="manager")
    services.remove_membership(actor=forum["officer_a"], membership=manager)
    assert list(forum.private.memberships.values_list("user__email", flat=True)) == [
        "officer_b@example.org"]


def test_practitioners_start_groups_and_manage_them(forum: Forum) -> None:
    group = services.create_group(actor=forum["partner"], name="School links",
                                  summary="Schools and police.", visibility="closed")
    assert group.slug == "school-links"
    assert group.memberships.get().role == "manager"
    with pytest.raises(PermissionDenied):  # residents belong to no organisation
        services.create_group(actor=forum["resident"], name="Mine", summary="x",
                              visibility="open")
    with pytest.raises(InvalidInput) as bad:
        services.create_group(actor=forum["partner"], name="", summary="",
                              visibility="secret")
    assert set(bad.value.fields) == {"name", "summary", "visibility"}


def test_managers_edit_the_groups_information(forum: Forum) -> None:
    services.update_group(actor=forum["officer_a"], group=forum.closed, summary="New summary",
                          about="See [the toolkit](https://example.org/toolkit).")
    assert Group.objects.get(pk=forum.closed.pk).about.startswith("See [the toolkit]")
    with pytest.raises(PermissionDenied):
        services.update_group(actor=forum["partner"], group=forum.closed, summary="x",
                              about="")
