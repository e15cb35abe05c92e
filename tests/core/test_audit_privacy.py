"""The audit log keeps ids and field names of protected objects, never their private text,
and each reader sees only the rows of objects they may open (core.audit.privacy)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from commonground.core import audit
from commonground.core.models import AuditEvent
from commonground.tensions.services import assessments, response
from tests.forums.conftest import Forum, build_forum
from tests.personas import World
from tests.tensions.conftest import build_places

# Words that exist only in the councils' private records made below.
SECRETS = ("Zanzibar", "Quetzal", "Xylophone", "Marmalade", "Summer events messaging",
           "Aubergine")


@dataclass
class Records:
    forum: Forum
    rumour_id: int
    contact_id: int
    assessment_id: int

    @property
    def world(self) -> World:
        return self.forum.world


@pytest.fixture
def records(world: World) -> Records:
    places = build_places()
    officer_a = world["officer_a"]
    rumour = response.save_rumour(actor=officer_a, council=world.council_a,
                                  what_is_said="Zanzibar shop owner was arrested",
                                  counter_message="Quetzal: nobody was arrested")
    response.save_rumour(actor=officer_a, council=world.council_a, rumour=rumour,
                         what_is_said="Zanzibar shop owner was questioned", status="false")
    contact = response.save_community_contact(
        actor=officer_a, council=world.council_a, name="Xylophone Jones",
        community="Aubergine mosque", phone="0161 000 0000")
    assessment = assessments.save_assessment(
        actor=officer_a, council=world.council_a, area=places.a_west,
        week_of=datetime.date(2026, 11, 16), level=3, reasons="Quetzal graffiti again")
    forum = build_forum(world)  # its private thread talks of the marmalade festival
    return Records(forum, rumour.pk, contact.pk, assessment.pk)


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_rows_of_protected_objects_keep_ids_and_field_names_only(records: Records) -> None:
    stored = " ".join(f"{e.object_label} {e.old_values} {e.new_values}"
                      for e in AuditEvent.objects.all())
    assert not [s for s in SECRETS if s.lower() in stored.lower()]
    edit = AuditEvent.objects.filter(action="rumour.save").order_by("id").last()
    assert edit is not None and edit.object_label == f"Rumour {records.rumour_id}"
    # Which fields changed, and the status (a code), are still there to read.
    assert edit.new_values == {"what_is_said": audit.PRIVATE, "status": "false",
                               "counter_message": audit.PRIVATE}
    assessment = AuditEvent.objects.get(action="assessment.create")
    assert assessment.new_values["level"] == 3
    assert assessment.new_values["reasons"] == audit.PRIVATE


def test_platform_admin_reads_no_council_private_text(records: Records) -> None:
    page = signed_in(records.world["admin"]).get(reverse("accounts:audit-log"))
    html = page.content.decode()
    assert page.status_code == 200
    assert not [s for s in SECRETS if s.lower() in html.lower()]
    # Nothing of council A's tensions, nor of the private group they are not in...
    assert "<code>rumour.save</code>" not in html
    assert "<code>community_contact.save</code>" not in html
    assert "<code>assessment.create</code>" not in html
    private = records.forum.private_thread
    assert f"Forum thread {private.pk}" not in html
    # ...but the platform's own rows and the open forum's (its thread by today's title).
    assert "ESOL conversation clubs" in html
    assert "<code>forum.group.create</code>" in html


def _visible_actions(client: Client) -> set[str] | int:
    page = client.get(reverse("accounts:audit-log"))
    if page.status_code != 200:
        return page.status_code
    html = page.content.decode()
    return {a.value for a in audit.Action if f"<code>{a.value}</code>" in html}


def test_each_persona_reads_what_their_role_needs(records: Records) -> None:
    world = records.world
    seen = {persona: _visible_actions(signed_in(world[persona]))
            for persona in ("resident", "officer_a", "officer_b", "partner", "moderator")}
    assert seen == dict.fromkeys(seen, 403)
    council_a = _visible_actions(signed_in(world["org_admin_a"]))
    assert isinstance(council_a, set)
    # Council A's administrator reads its tensions, not the forums (no organisation).
    assert {"rumour.save", "community_contact.save", "assessment.create"} <= council_a
    assert not {a for a in council_a if a.startswith("forum.")}
    anonymous = Client().get(reverse("accounts:audit-log"))
    assert anonymous.status_code == 302


def test_private_group_rows_are_read_by_platform_admins_who_are_members(
        records: Records) -> None:
    from commonground.forums.services import groups

    forum = records.forum
    groups.add_member(actor=forum["officer_a"], group=forum.private,
                      email=forum["admin"].email)
    html = signed_in(forum["admin"]).get(reverse("accounts:audit-log")).content.decode()
    # A member may open the thread, so it is named by its title; its words stay out.
    assert "Summer events messaging" in html
    assert "Marmalade" not in html and "marmalade" not in html


@pytest.mark.django_db
def test_the_migration_redacts_rows_written_before() -> None:
    old = AuditEvent.objects.create(
        action="rumour.save", object_type="tensions.rumour", object_id="7",
        object_label="Zanzibar shop owner", organisation_id=1,
        new_values={"what_is_said": "Zanzibar shop owner", "status": "false", "ward": 3})
    post = AuditEvent.objects.create(
        action="forum.post.create", object_type="forums.post", object_id="9",
        object_label="Post 9 in 4", new_values={"thread": 4, "body": "Marmalade"})
    platform = AuditEvent.objects.create(action="organisation.create", object_label="Police",
                                         new_values={"name": "Police"})
    migration = import_module("commonground.core.migrations.0002_redact_private_audit_text")
    migration.redact(django_apps, None)
    migration.redact(django_apps, None)  # again: nothing more changes
    old.refresh_from_db()
    post.refresh_from_db()
    platform.refresh_from_db()
    assert old.object_label == "Rumour 7"
    assert old.new_values == {"what_is_said": audit.PRIVATE, "status": "false", "ward": 3}
    assert post.object_label == "Forum post 9"
    assert post.new_values == {"thread": 4, "body": audit.PRIVATE}
    assert platform.new_values == {"name": "Police"} and platform.object_label == "Police"
