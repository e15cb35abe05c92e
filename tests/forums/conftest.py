"""A forum world on top of the personas: one group of each kind, with a thread in each.

- open: the North West regional forum (made by the migration); officer_a and partner
  are members, nobody manages it (the platform moderators do).
- closed: "Hate crime leads", managed by officer_a; partner is a member; officer_b
  has asked to join.
- private: "Greater Manchester cohesion leads", managed by officer_a; officer_b is a
  member.
The personas' accounts are dated a month back, so the new-account limit applies only
in the tests about it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.utils import timezone

from commonground.accounts.models import User
from commonground.forums.access import forget_memberships
from commonground.forums.models import Group, GroupMembership, MemberStatus, Post, Thread
from commonground.forums.services import groups as group_services
from commonground.forums.services import posts as post_services
from tests.personas import World


@dataclass
class Forum:
    world: World
    open: Group
    closed: Group
    private: Group
    open_thread: Thread
    closed_thread: Thread
    private_thread: Thread
    open_reply: Post  # by partner, in open_thread

    def __getitem__(self, persona: str) -> Any:
        return self.world[persona]


def restore_regional_forums() -> None:
    """Browser tests flush the database after each test, which removes the regional
    forums the data migration made; its own (idempotent) function puts them back."""
    migration = import_module("commonground.forums.migrations.0002_regional_forums")
    migration.create_regional_forums(django_apps, None)
    import_module("commonground.forums.migrations.0003_group_welsh").welsh_of_regional_forums(
        django_apps, None)


def build_forum(world: World) -> Forum:
    restore_regional_forums()
    User.objects.update(date_joined=timezone.now() - datetime.timedelta(days=30))
    for user in world.users.values():
        if user.is_authenticated:
            user.refresh_from_db()
    officer_a, partner, officer_b = world["officer_a"], world["partner"], world["officer_b"]
    north_west = Group.objects.get(region_code="E12000002")
    for user in (officer_a, partner):
        group_services.join_group(actor=user, group=north_west)
    closed = group_services.create_group(
        actor=officer_a, name="Hate crime leads", visibility="closed",
        summary="Leads on hate crime reporting.")
    group_services.add_member(actor=officer_a, group=closed, email=partner.email)
    GroupMembership.objects.create(group=closed, user=officer_b, status=MemberStatus.PENDING)
    private = group_services.create_group(
        actor=officer_a, name="Greater Manchester cohesion leads", visibility="private",
        summary="Cohesion leads of Greater Manchester.")
    group_services.add_member(actor=officer_a, group=private, email=officer_b.email)
    open_thread = post_services.start_thread(
        actor=officer_a, group=north_west, title="ESOL conversation clubs",
        body="How do you recruit volunteers for conversation clubs?")
    open_reply = post_services.reply(actor=partner, thread=open_thread,
                                     body="We ask the faith forum first.")
    closed_thread = post_services.start_thread(
        actor=officer_a, group=closed, title="Reporting centre training",
        body="Our training outline for third-party reporting centres.")
    private_thread = post_services.start_thread(
        actor=officer_a, group=private, title="Summer events messaging",
        body="Shall we agree one approach to the marmalade festival messaging?")
    for user in world.users.values():
        forget_memberships(user)  # the checks above cached what was true then
    return Forum(world, north_west, closed, private, open_thread, closed_thread,
                 private_thread, open_reply)


@pytest.fixture
def forum(world: World) -> Forum:
    return build_forum(world)


def signed_in(user: Any) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client
