"""A council that publishes only with Welsh publishes an impact assessment's summary only
when the summary page's own words have their Welsh: the proposal's name, what is proposed
and the summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from commonground.accounts.welsh import WelshRequired
from commonground.assessments.models import ImpactAssessment, Stage
from commonground.assessments.services import impact
from commonground.core.errors import NotAuthenticated, NotFound
from commonground.core.models import AuditEvent
from tests.assessments.conftest import sign_off
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db

PUBLISH = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotAuthenticated,
           "resident": NotFound, "officer_b": NotFound, "partner": NotFound,
           "moderator": NotFound, "admin": NotFound}
WELSH = {"title_cy": "Cau’r ganolfan ieuenctid",
         "description_cy": "Cau’r ganolfan ieuenctid a symud gwaith ieuenctid i ysgolion.",
         "summary_cy": "Ni chanfuwyd effaith ar gydlyniant."}


def signed_off(world: World, draft: ImpactAssessment, *, welsh: bool) -> ImpactAssessment:
    """A copy of ``draft`` signed off (with or without its Welsh), ready to publish."""
    found = impact.start_assessment(actor=world["officer_a"], council=world.council_a,
                                    fields=impact.ProposalFields(
        title=draft.title, kind=draft.kind, description=draft.description,
        decided_by=draft.decided_by,
        title_cy=WELSH["title_cy"] if welsh else "",
        description_cy=WELSH["description_cy"] if welsh else ""))
    sign_off(world, found)
    if welsh:
        ImpactAssessment.objects.filter(pk=found.pk).update(summary_cy=WELSH["summary_cy"])
        found.refresh_from_db()
    return found


def test_a_council_asking_for_welsh_publishes_a_summary_only_with_it(
        world: World, draft: ImpactAssessment) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()

    def publish(user: Any, welsh: bool) -> None:
        impact.publish(actor=user, assessment=signed_off(world, draft, welsh=welsh))

    assert_personas(world, lambda u: publish(u, False),
                    {**PUBLISH, "officer_a": WelshRequired, "org_admin_a": WelshRequired})
    assert not ImpactAssessment.objects.filter(stage=Stage.PUBLISHED).exists()
    found = signed_off(world, draft, welsh=False)
    with pytest.raises(WelshRequired) as refused:
        impact.publish(actor=world["officer_a"], assessment=found)
    assert set(refused.value.fields) == {"title_cy", "description_cy", "summary_cy"}
    assert refused.value.message == (
        "Trafford Council publishes only with Welsh: add the Welsh name of the proposal, "
        "Welsh of what is proposed, Welsh summary before publishing.")
    found.refresh_from_db()
    assert found.stage == Stage.SIGNED_OFF and found.published_at is None
    refusal = AuditEvent.objects.filter(action="publish.refused_welsh").latest("pk")
    assert refusal.object_id == str(found.pk)
    assert refusal.new_values == {"missing": ["title_cy", "description_cy", "summary_cy"]}

    assert_personas(world, lambda u: publish(u, True), PUBLISH)


def test_other_councils_publish_without_welsh(world: World, draft: ImpactAssessment) -> None:
    found = signed_off(world, draft, welsh=False)
    impact.publish(actor=world["officer_a"], assessment=found)
    assert found.stage == Stage.PUBLISHED


def test_the_forms_take_the_welsh_and_the_summary_shows_it(
        client: Client, world: World, draft: ImpactAssessment) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    found = signed_off(world, draft, welsh=False)
    client.force_login(world["officer_a"])
    response = client.post(f"/cy/assessments/{found.pk}/publish/")
    assert response.status_code == 400
    assert ("Mae Trafford Council yn cyhoeddi gyda Chymraeg yn unig: ychwanegwch y canlynol "
            "cyn cyhoeddi: Enw Cymraeg y cynnig, Cymraeg yr hyn a gynigir, Crynodeb "
            "Cymraeg.") in response.content.decode()
    found.refresh_from_db()
    assert found.stage == Stage.SIGNED_OFF

    # Reopened, the proposal and the sign-off forms take the Welsh beside the English.
    impact.reopen(actor=world["officer_a"], assessment=found)
    page = client.get(f"/cy/assessments/{found.pk}/sign-off/").content.decode()
    assert 'name="summary_cy"' in page and 'lang="cy"' in page
    sign_off(world, found)
    ImpactAssessment.objects.filter(pk=found.pk).update(summary_cy=WELSH["summary_cy"],
                                                        title_cy=WELSH["title_cy"])
    world.council_a.welsh_required = False
    world.council_a.save()
    found.refresh_from_db()
    impact.publish(actor=world["officer_a"], assessment=found)
    client.logout()
    page = client.get(f"/cy/assessments/{found.pk}/summary/").content.decode()
    assert f'<h1 class="govuk-heading-xl">{WELSH["title_cy"]}</h1>' in page
    assert WELSH["summary_cy"] in page
    assert '<span lang="en">Close the youth centre and move youth work' in page
