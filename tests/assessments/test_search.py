"""Assessments in the site's search, tried with every persona: a published summary is
found by everyone; a draft, a signed-off assessment and the equality self-assessment only
by the council's own people. The index follows each change of stage. Run these on both
engines (DATABASE_URL=postgres://... for PostgreSQL)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from commonground.assessments.models import ImpactAssessment, SelfAssessment
from commonground.assessments.services import framework, impact
from commonground.core.errors import NotFound
from commonground.plans.models import ActionPlan
from commonground.search import search
from commonground.search.models import SearchDocument
from tests.assessments.conftest import sign_off
from tests.assessments.test_access import COUNCIL_ONLY, EVERYONE, publish
from tests.personas import World, assert_personas

pytestmark = pytest.mark.django_db


def found(query: str, kind: str, key: int) -> object:
    """The hit's address for ``user``, or NotFound, so assert_personas can tell."""
    def call(user: object) -> str:
        hits = [h for h in search(user, query, filters={"type": [kind]}).hits  # type: ignore[arg-type]
                if h.key == str(key)]
        if not hits:
            raise NotFound("not found")
        return hits[0].url
    return call


def addresses(world: World, query: str, kind: str, key: int) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for persona in COUNCIL_ONLY:
        try:
            out[persona] = str(found(query, kind, key)(world[persona]))
        except NotFound:
            out[persona] = None
    return out


@pytest.fixture
def self_assessment(world: World, plan: ActionPlan) -> SelfAssessment:
    started = framework.start(actor=world["officer_a"], council=world.council_a,
                              title="Equality Framework 2026")
    framework.rate(actor=world["officer_a"], self_assessment=started, criterion="kyc-data",
                   level="achieving", notes="Ward profiles refreshed from the census.")
    framework.add_improvement(actor=world["officer_a"], self_assessment=started,
                              criterion="kyc-data", title="Survey the allotment holders",
                              plan=plan)
    return started


def test_a_draft_is_found_only_by_its_councils_people(world: World, draft: ImpactAssessment
                                                      ) -> None:
    assert_personas(world, found("youth centre", "impact_assessment", draft.pk), COUNCIL_ONLY)
    # Its words, the council's name and the kind of page all find it.
    assert_personas(world, found("Trafford impact assessment schools", "impact_assessment",
                                 draft.pk), COUNCIL_ONLY)
    assert addresses(world, "youth centre", "impact_assessment", draft.pk)["officer_a"] == \
        reverse("assessments:assessment", args=[draft.pk])


def test_signing_off_keeps_it_the_councils_and_publishing_gives_everyone_the_summary(
        world: World, draft: ImpactAssessment) -> None:
    sign_off(world, draft, reasons="Schools already host the clubs.",
             summary="Youth work moves to the two secondary schools.")
    assert_personas(world, found("secondary schools", "impact_assessment", draft.pk),
                    COUNCIL_ONLY)
    impact.publish(actor=world["officer_a"], assessment=draft)
    assert_personas(world, found("secondary schools", "impact_assessment", draft.pk), EVERYONE)
    summary = reverse("assessments:summary", args=[draft.pk])
    assert set(addresses(world, "secondary schools", "impact_assessment",
                         draft.pk).values()) == {summary}
    # The reasons are the working, not the summary: once published they are not indexed.
    assert_personas(world, found("clubs", "impact_assessment", draft.pk),
                    dict.fromkeys(COUNCIL_ONLY, NotFound))
    # Reopened, it is the council's again.
    impact.reopen(actor=world["officer_a"], assessment=draft)
    assert_personas(world, found("secondary schools", "impact_assessment", draft.pk),
                    COUNCIL_ONLY)


def test_a_renamed_draft_is_found_by_its_new_name(world: World, draft: ImpactAssessment
                                                  ) -> None:
    impact.update_assessment(actor=world["officer_a"], assessment=draft, fields=impact
                             .ProposalFields(
        title="Merge the libraries", kind="service_change", description="Two into one.",
        decided_by="The Executive", reach="council", ward_codes=[], plan=draft.plan))
    assert found("libraries", "impact_assessment", draft.pk)(world["officer_a"])
    with pytest.raises(NotFound):
        found("youth centre", "impact_assessment", draft.pk)(world["officer_a"])


def test_the_self_assessment_is_found_only_by_its_councils_people(
        world: World, self_assessment: SelfAssessment) -> None:
    for query in ("Equality Framework 2026", "ward profiles census", "allotment holders"):
        assert_personas(world, found(query, "self_assessment", self_assessment.pk),
                        COUNCIL_ONLY)


def test_the_search_page_names_the_kinds_in_both_languages(
        world: World, draft: ImpactAssessment, self_assessment: SelfAssessment) -> None:
    publish(world, draft)
    client = Client()
    page = client.get("/library/search/", {"q": "youth centre"}).content.decode()
    assert f'href="{reverse("assessments:summary", args=[draft.pk])}"' in page
    assert "Impact assessment" in page
    own_page = reverse("assessments:self-assessment", args=[self_assessment.pk])
    assert own_page not in client.get(
        "/library/search/", {"q": "Equality Framework 2026"}).content.decode()
    client.force_login(world["officer_a"])
    page = client.get("/cy/library/search/", {"q": "Equality Framework 2026"}).content.decode()
    assert own_page.removeprefix("/") in page
    assert "Hunanasesiad cydraddoldeb" in page
    page = client.get("/cy/library/search/", {"q": "youth centre"}).content.decode()
    assert "Asesiad effaith" in page


def test_the_command_indexes_what_was_written_before(
        world: World, draft: ImpactAssessment, self_assessment: SelfAssessment) -> None:
    SearchDocument.objects.filter(kind__in=["impact_assessment", "self_assessment"]).delete()
    out = StringIO()
    call_command("reindex_assessments", stdout=out)
    assert "would index 1 impact assessments and 1 self-assessments" in out.getvalue()
    assert not SearchDocument.objects.filter(kind="impact_assessment").exists()
    call_command("reindex_assessments", "--commit", stdout=out)
    assert found("youth centre", "impact_assessment", draft.pk)(world["officer_a"])
    assert found("allotment holders", "self_assessment", self_assessment.pk)(
        world["org_admin_a"])
