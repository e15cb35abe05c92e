"""The Django admin shows platform administrators what their role needs: nothing of a
council's tensions or plan drafts, no private group or its discussions, and every change
it allows goes through the services, audited."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from commonground.accounts.models import Membership, Organisation
from commonground.core.models import AuditEvent
from commonground.forums.models import Group
from tests.forums.conftest import Forum, build_forum
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(world: World) -> Forum:
    return build_forum(world)


def as_admin(world: World) -> Client:
    client = Client()
    client.force_login(world["admin"])
    return client


def test_only_platform_admins_open_the_admin(world: World) -> None:
    answers = {}
    for persona in PERSONAS:
        client = Client()
        if world[persona].is_authenticated:
            client.force_login(world[persona])
        answers[persona] = client.get("/admin/").status_code
    assert answers == {**dict.fromkeys(PERSONAS, 302), "admin": 200}


def test_no_council_protected_model_is_registered(world: World) -> None:
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert not {label for label in registered if label.startswith("tensions.")}
    assert not {"plans.mappingexercise", "plans.localissue", "forums.report"} & registered
    assert as_admin(world).get("/admin/tensions/rumour/").status_code == 404


def test_the_admin_lists_no_private_group_nor_its_threads_posts_or_members(
        forum: Forum) -> None:
    client = as_admin(forum.world)
    groups = client.get(reverse("admin:forums_group_changelist")).content.decode()
    assert "Hate crime leads" in groups and "Greater Manchester cohesion leads" not in groups
    threads = client.get(reverse("admin:forums_thread_changelist")).content.decode()
    assert "ESOL conversation clubs" in threads and "Summer events messaging" not in threads
    # Closed groups' threads are for their members and moderators, as on the pages.
    assert "Reporting centre training" not in threads
    members = client.get(reverse("admin:forums_groupmembership_changelist")).content.decode()
    assert "Greater Manchester cohesion leads" not in members
    private_post = forum.private_thread.posts.get()
    page = client.get(reverse("admin:forums_post_change", args=[private_post.pk]))
    assert page.status_code == 302  # "does not exist", as for any id it may not open
    assert "marmalade" not in client.get(page["Location"], follow=True).content.decode()


def test_a_group_cannot_be_changed_in_the_admin(forum: Forum) -> None:
    url = reverse("admin:forums_group_change", args=[forum.open.pk])
    response = as_admin(forum.world).post(url, {"name": forum.open.name,
                                               "visibility": "private"})
    assert response.status_code == 403
    assert Group.objects.get(pk=forum.open.pk).visibility == "open"


def _form(client: Client, url: str) -> dict[str, Any]:
    """The change form's management data (the read-only memberships inline's)."""
    html = client.get(url).content.decode()
    return {name: value for name, value in re.findall(
        r'<input type="hidden" name="([^"]+-(?:TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS)"'
        r'[^>]*value="([^"]*)"', html)}


def test_an_organisation_changed_in_the_admin_is_audited_and_keeps_its_members(
        world: World) -> None:
    client = as_admin(world)
    url = reverse("admin:accounts_organisation_change", args=[world.council_a.pk])
    members = set(Membership.objects.filter(organisation=world.council_a)
                  .values_list("user_id", "role"))
    data = {**_form(client, url), "name": "Trafford Metropolitan Borough Council",
            "kind": "council", "area_code": "E08000009"}
    assert client.post(url, data).status_code == 302
    event = AuditEvent.objects.get(action="organisation.update")
    assert event.actor == world["admin"] and event.organisation_id == world.council_a.pk
    assert event.old_values == {"name": "Trafford Council"}
    assert event.new_values == {"name": "Trafford Metropolitan Borough Council"}
    assert set(Membership.objects.filter(organisation=world.council_a)
               .values_list("user_id", "role")) == members


def test_an_organisation_added_in_the_admin_goes_through_the_service(world: World) -> None:
    client = as_admin(world)
    url = reverse("admin:accounts_organisation_add")
    data = {**_form(client, url), "name": "Bolton Council", "slug": "bolton",
            "kind": "council", "area_code": "E08000001"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    bolton = Organisation.objects.get(slug="bolton")
    assert bolton.area_code == "E08000001"
    assert AuditEvent.objects.filter(action="organisation.create",
                                     object_id=str(bolton.pk)).exists()


def test_platform_roles_changed_in_the_admin_are_audited(world: World) -> None:
    resident = world["resident"]
    url = reverse("admin:accounts_user_change", args=[resident.pk])
    response = as_admin(world).post(url, {"is_active": "on", "is_moderator": "on"})
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.is_moderator and not resident.is_superuser
    event = AuditEvent.objects.get(action="user.update", object_id=str(resident.pk))
    assert (event.old_values, event.new_values) == ({"is_moderator": False},
                                                    {"is_moderator": True})


def test_an_admin_cannot_remove_their_own_administration_in_the_admin(world: World) -> None:
    url = reverse("admin:accounts_user_change", args=[world["admin"].pk])
    response = as_admin(world).post(url, {"is_active": "on", "is_staff": "on"})
    assert response.status_code == 409
    world["admin"].refresh_from_db()
    assert world["admin"].is_superuser
