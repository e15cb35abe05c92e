"""A council that publishes only with Welsh opens its questionnaire, or publishes a wave's
results, only when the wave's own words have their Welsh: its name, and its own
questions and their answers (the bank's questions are bilingual already)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from commonground.accounts.welsh import WelshRequired
from commonground.core.errors import NotAuthenticated, NotFound
from commonground.core.models import AuditEvent
from commonground.surveys import access
from commonground.surveys.models import Design, Mode, Wave
from commonground.surveys.services import waves as wave_services
from tests.personas import ALLOWED, World, assert_personas

pytestmark = pytest.mark.django_db

RUN = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotAuthenticated,
       "resident": NotFound, "officer_b": NotFound, "partner": NotFound,
       "moderator": NotFound, "admin": NotFound}


def new_wave(world: World, *, welsh: bool) -> Wave:
    wave = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents' survey 2026",
        title_cy="Arolwg preswylwyr 2026" if welsh else "",
        starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 4, 30),
        mode=Mode.ONLINE, design=Design.ADDRESS_RANDOM)
    answers = wave_services.parse_answers("Yes | Ydw\nNo | Nac ydw" if welsh else "Yes\nNo")
    wave_services.add_own_question(actor=world["officer_a"], wave=wave,
                                   text="Do you use the library?",
                                   text_cy="Ydych chi’n defnyddio’r llyfrgell?" if welsh else "",
                                   answers=answers)
    return wave


def run(world: World, user: Any, welsh: bool, **options: bool) -> None:
    """As the options page does: the wave through its access function, then the service."""
    wave = access.get_wave_for_user(user, new_wave(world, welsh=welsh).pk, write=True)
    wave_services.set_wave_options(actor=user, wave=wave, **options)


@pytest.mark.usefixtures("trafford")
@pytest.mark.parametrize("options", [{"collecting": True}, {"published": True}])
def test_a_council_asking_for_welsh_opens_and_publishes_only_with_it(
        world: World, options: dict[str, bool]) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    assert_personas(world, lambda u: run(world, u, False, **options),
                    {**RUN, "officer_a": WelshRequired, "org_admin_a": WelshRequired})
    assert not Wave.objects.filter(collecting=True).exists()
    assert not Wave.objects.filter(published=True).exists()
    wave = new_wave(world, welsh=False)
    with pytest.raises(WelshRequired) as refused:
        wave_services.set_wave_options(actor=world["officer_a"], wave=wave, **options)
    key = wave.own_questions.get().key
    assert set(refused.value.fields) == {
        "title_cy", f"own_questions.{key}.text_cy", f"own_questions.{key}.answers.1.cy",
        f"own_questions.{key}.answers.2.cy"}
    assert refused.value.message == (
        "Trafford Council publishes only with Welsh: add the Welsh name of the wave, Welsh "
        "of your question ‘Do you use the library?’, Welsh of the answer ‘Yes’ to ‘Do you "
        "use the library?’, Welsh of the answer ‘No’ to ‘Do you use the library?’ before "
        "publishing.")
    wave.refresh_from_db()
    assert not (wave.collecting or wave.published)
    refusal = AuditEvent.objects.filter(action="publish.refused_welsh").latest("pk")
    assert refusal.object_id == str(wave.pk) and len(refusal.new_values["missing"]) == 4
    # A name in Welsh given in the same request counts.
    wave_services.set_own_question_welsh(actor=world["officer_a"],
                                         question=wave.own_questions.get(),
                                         text_cy="Ydych chi’n defnyddio’r llyfrgell?",
                                         answers_cy=["Ydw", "Nac ydw"])
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave,
                                   title_cy="Arolwg preswylwyr 2026", **options)
    wave.refresh_from_db()
    assert wave.title_cy == "Arolwg preswylwyr 2026" and (wave.collecting or wave.published)
    assert_personas(world, lambda u: run(world, u, True, **options), RUN)


@pytest.mark.usefixtures("trafford")
def test_other_councils_and_other_options_need_no_welsh(world: World) -> None:
    wave = new_wave(world, welsh=False)
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, collecting=True,
                                   published=True)
    assert wave.collecting and wave.published
    world.council_a.welsh_required = True
    world.council_a.save()
    wave = new_wave(world, welsh=False)
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, open_access=True)
    assert wave.open_access


@pytest.mark.usefixtures("trafford")
def test_the_refusal_is_on_the_options_form_and_the_welsh_reaches_residents(
        client: Client, world: World) -> None:
    world.council_a.welsh_required = True
    world.council_a.save()
    wave = new_wave(world, welsh=False)
    key = wave.own_questions.get().key
    client.force_login(world["officer_a"])
    response = client.post(f"/cy/surveys/waves/{wave.pk}/options/", {"collecting": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Mae Trafford Council yn cyhoeddi gyda Chymraeg yn unig" in page
    assert "Enw Cymraeg y don" in page
    wave.refresh_from_db()
    assert not wave.collecting

    response = client.post(f"/cy/surveys/waves/{wave.pk}/questions/{key}/welsh/", {
        "text_cy": "Ydych chi’n defnyddio’r llyfrgell?", "answers_cy": "Ydw\nNac ydw"})
    assert response.status_code == 302
    response = client.post(f"/cy/surveys/waves/{wave.pk}/options/", {
        "collecting": "on", "open_access": "on", "title_cy": "Arolwg preswylwyr 2026"})
    assert response.status_code == 302
    wave.refresh_from_db()
    assert wave.collecting and wave.title_cy == "Arolwg preswylwyr 2026"
    client.logout()
    page = client.get(f"/cy/surveys/answer/{wave.pk}/").content.decode()
    assert "Arolwg preswylwyr 2026" in page and "Residents&#x27; survey" not in page
    page = client.get(f"/cy/surveys/answer/{wave.pk}/{key}/").content.decode()
    assert "Ydych chi’n defnyddio’r llyfrgell?" in page and "Nac ydw" in page
    page = client.get(f"/surveys/answer/{wave.pk}/").content.decode()
    assert "Residents&#x27; survey 2026" in page


def test_a_welsh_council_asks_for_welsh_from_the_start(world: World) -> None:
    cardiff = Organisation.objects.create(name="Cardiff Council", slug="cardiff",
                                          kind=OrganisationKind.COUNCIL, area_code="W06000015")
    # One of Cardiff's analysts runs its survey (the wave services check who runs it).
    analyst = User.objects.create_user("analyst@cardiff.example", "pw-long-enough-1",
                                       full_name="Dadansoddwr Caerdydd")
    Membership.objects.create(user=analyst, organisation=cardiff, role=Role.ANALYST)
    wave = wave_services.create_wave(
        actor=analyst, council=cardiff, title="Residents' survey 2026",
        title_cy="Arolwg preswylwyr 2026", starts_on=datetime.date(2026, 3, 1),
        ends_on=datetime.date(2026, 4, 30), mode=Mode.ONLINE, design=Design.OPT_IN)
    wave_services.add_own_question(actor=analyst, wave=wave, text="Do you cycle?",
                                   text_cy="", answers=wave_services.parse_answers(
                                       "Yes | Ydw\nNo | Nac ydw"))
    with pytest.raises(WelshRequired) as refused:
        wave_services.set_wave_options(actor=analyst, wave=wave, published=True)
    assert [field.endswith(".text_cy") for field in refused.value.fields] == [True]
    assert refused.value.message.startswith("Cardiff Council publishes only with Welsh")
