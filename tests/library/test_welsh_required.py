"""The library's publish step and an organisation that publishes only with Welsh; editors
(authors and moderators), not readers, are told when a record's Welsh is missing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from commonground.accounts.welsh import WelshRequired
from commonground.core.errors import NotAuthenticated, PermissionDenied
from commonground.core.models import AuditEvent
from commonground.library import services
from commonground.library.models import Action, CaseStudy, Status
from tests.library.conftest import submit_case_study
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db

WELSH = {"title_cy": "Caffis croeso Trafford",
         "summary_cy": "Caffis misol lle mae newydd-ddyfodiaid a phreswylwyr yn cwrdd."}


def publish_new(world: World, persona: str, author: str = "officer_a", **extra: Any) -> None:
    obj = submit_case_study(world, author, **extra)
    services.publish(actor=world[persona], obj=obj)


def test_a_submission_from_an_organisation_asking_for_welsh_needs_it(world: World) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    moderators_refused = {
        "anonymous": NotAuthenticated, "resident": PermissionDenied,
        "officer_a": PermissionDenied, "org_admin_a": PermissionDenied,
        "officer_b": PermissionDenied, "partner": PermissionDenied,
        "moderator": WelshRequired, "admin": WelshRequired}
    assert_personas(world, lambda u: publish_new(world, _name(world, u)), moderators_refused)
    assert not CaseStudy.objects.filter(status=Status.PUBLISHED,
                                        author=world["officer_a"]).exists()
    # With only a Welsh title, the message names the summary alone.
    obj = submit_case_study(world, title_cy=WELSH["title_cy"])
    with pytest.raises(WelshRequired) as refused:
        services.publish(actor=world["moderator"], obj=obj)
    assert refused.value.code == "welsh_required"
    assert set(refused.value.fields) == {"summary_cy"}
    assert "Welsh summary" in refused.value.message
    assert "Welsh title" not in refused.value.message
    assert "Trafford Council" in refused.value.message
    obj.refresh_from_db()
    assert obj.status == Status.SUBMITTED
    refusal = AuditEvent.objects.filter(action="publish.refused_welsh").latest("pk")
    assert refusal.object_id == str(obj.pk) and refusal.new_values == {"missing": ["summary_cy"]}
    assert refusal.actor_id == world["moderator"].pk
    # With both, moderators publish as before.
    assert_personas(world, lambda u: publish_new(world, _name(world, u), **WELSH),
                    {**moderators_refused, "moderator": ALLOWED, "admin": ALLOWED})


def test_other_organisations_publish_without_welsh(world: World) -> None:
    assert world.council_b.welsh_required is False
    obj = submit_case_study(world, "officer_b")
    services.publish(actor=world["moderator"], obj=obj)
    assert obj.status == Status.PUBLISHED


def test_the_refusal_is_shown_on_the_page_in_the_moderators_language(
        client: Client, world: World) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    obj = submit_case_study(world)
    client.force_login(world["moderator"])
    response = client.post(f"/cy/library/moderation/case-study/{obj.slug}/publish/")
    assert response.status_code == 400
    page = response.content.decode()
    assert ("Mae Trafford Council yn cyhoeddi gyda Chymraeg yn unig: ychwanegwch y canlynol "
            "cyn cyhoeddi: Teitl Cymraeg, Crynodeb Cymraeg.") in page
    obj.refresh_from_db()
    assert obj.status == Status.SUBMITTED


@pytest.mark.usefixtures("knowledge")
def test_editors_are_told_what_welsh_is_missing_and_readers_are_not(
        client: Client, world: World) -> None:
    obj = submit_case_study(world)
    services.publish(actor=world["moderator"], obj=obj)
    url = f"/cy/library/case-studies/{obj.slug}/"
    for persona in ("officer_a", "moderator"):  # its author and a moderator
        client.force_login(world[persona])
        page = client.get(url).content.decode()
        assert 'data-testid="welsh-missing"' in page
        assert "mae’r Gymraeg ar goll (teitl, crynodeb)" in page
    client.force_login(world["officer_b"])
    assert 'data-testid="welsh-missing"' not in client.get(url).content.decode()
    client.logout()
    page = client.get(url).content.decode()
    assert 'data-testid="welsh-missing"' not in page
    assert 'data-testid="welsh-note"' in page  # readers get the short note instead
    # A framework record: moderators see what is missing on its page.
    action = Action.objects.exclude(title_cy="").first() or Action.objects.first()
    assert action is not None
    Action.objects.filter(pk=action.pk).update(summary_cy="")
    client.force_login(world["moderator"])
    page = client.get(f"/cy/library/actions/{action.slug}/").content.decode()
    assert 'data-testid="welsh-missing"' in page and "crynodeb" in page


def _name(world: World, user: Any) -> str:
    return next(p for p, u in world.users.items() if u is user)
