"""The forums' demo data: loads after the accounts demo, and again without duplicating."""

from __future__ import annotations

import io

import pytest

from commonground.accounts import demo as accounts_demo
from commonground.accounts.models import User
from commonground.forums import demo
from commonground.forums.models import Group, GroupMembership, Post, Thread
from commonground.search import search

pytestmark = pytest.mark.django_db


def test_demo_loads_idempotently_with_the_private_group() -> None:
    accounts_demo.load(io.StringIO())
    demo.load(io.StringIO())
    counts = (Group.objects.count(), Thread.objects.count(), Post.objects.count(),
              GroupMembership.objects.count())
    demo.load(io.StringIO())
    assert (Group.objects.count(), Thread.objects.count(), Post.objects.count(),
            GroupMembership.objects.count()) == counts == (12, 5, 12, 10)
    private = Group.objects.get(name="Greater Manchester cohesion leads")
    assert private.visibility == "private"
    assert sorted(private.memberships.values_list("user__email", flat=True)) == [
        "officer@manchester.example", "officer@trafford.example"]
    # Search: the Trafford officer finds the private thread; the police partner does not.
    officer = User.objects.get(email="officer@trafford.example")
    partner = User.objects.get(email="partner@gmp.example")
    assert [h.title for h in search(officer, "summer events").hits] == [
        "Joint approach to the summer events programme"]
    assert search(partner, "summer events").hits == []
