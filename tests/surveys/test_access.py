"""Who sees what in surveys, tried with every persona."""

from __future__ import annotations

import pytest

from commonground.core.errors import NotAuthenticated, NotFound, PermissionDenied
from commonground.surveys import access
from commonground.surveys.models import Wave
from commonground.surveys.services import waves as wave_services
from tests.personas import ALLOWED, World, assert_personas, outcome_of

pytestmark = pytest.mark.django_db

COUNCIL_READ = {"officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotFound,
                "resident": NotFound, "officer_b": NotFound, "partner": NotFound,
                "moderator": NotFound, "admin": NotFound}
COUNCIL_WRITE = {**COUNCIL_READ, "anonymous": NotAuthenticated}
PUBLISHED_READ = dict.fromkeys(COUNCIL_READ, ALLOWED)
PUBLISHED_WRITE = {"officer_a": ALLOWED, "org_admin_a": ALLOWED,
                   "anonymous": NotAuthenticated, "resident": PermissionDenied,
                   "officer_b": PermissionDenied, "partner": PermissionDenied,
                   "moderator": PermissionDenied, "admin": PermissionDenied}


def test_a_wave_and_its_responses_are_the_councils_alone(world: World, wave: Wave) -> None:
    assert_personas(world, lambda user: access.get_wave_for_user(user, wave.pk), COUNCIL_READ)
    assert_personas(world, lambda user: access.get_wave_for_user(user, wave.pk, write=True),
                    COUNCIL_WRITE)


def test_a_published_waves_results_are_everyones_and_its_running_still_the_councils(
        world: World, wave: Wave) -> None:
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, published=True)
    assert_personas(world, lambda user: access.get_wave_for_user(user, wave.pk),
                    PUBLISHED_READ)
    assert_personas(world, lambda user: access.get_wave_for_user(user, wave.pk, write=True),
                    PUBLISHED_WRITE)


def test_a_council_member_reads_but_does_not_run_its_waves(world: World, wave: Wave) -> None:
    from commonground.accounts.models import Membership, Role, User

    member = User.objects.create_user("member@example.org", "pw-long-enough-1",
                                      full_name="Mem Ber")
    Membership.objects.create(user=member, organisation=world.council_a, role=Role.MEMBER)
    assert access.get_wave_for_user(member, wave.pk) == wave
    with pytest.raises(PermissionDenied):
        access.get_wave_for_user(member, wave.pk, write=True)
    assert access.councils_for(member, write=True) == []


def test_an_unknown_wave_is_not_found_for_everyone(world: World) -> None:
    expected = dict.fromkeys(COUNCIL_READ, NotFound)
    assert_personas(world, lambda user: access.get_wave_for_user(user, 999_999), expected)


def test_the_admin_lists_waves_read_only_and_never_responses(world: World, wave: Wave) -> None:
    from django.test import Client

    client = Client()
    client.force_login(world["admin"])
    assert client.get("/admin/surveys/wave/").status_code == 200
    assert client.get(f"/admin/surveys/wave/{wave.pk}/delete/").status_code == 403
    assert client.get("/admin/surveys/response/").status_code == 404
    assert client.get("/admin/surveys/invitation/").status_code == 404
    client.force_login(world["officer_a"])
    assert client.get("/admin/surveys/wave/").status_code == 302  # not staff


def test_the_wave_services_check_who_runs_the_wave_themselves(world: World,
                                                              wave: Wave) -> None:
    """Called directly, not through a page: changing a wave's options, adding a question
    of the council's own and giving its Welsh are for those who run the council's waves;
    anyone else is refused by the services and nothing changes."""
    from commonground.core.models import AuditEvent

    before = AuditEvent.objects.count()

    def options(user: object) -> None:
        wave_services.set_wave_options(actor=user, wave=Wave.objects.get(pk=wave.pk),  # type: ignore[arg-type]
                                       open_access=True, title_cy="Arolwg")

    assert_personas(world, options, COUNCIL_WRITE)

    def question(user: object) -> None:
        wave_services.add_own_question(actor=user, wave=wave, text="Do you use the park?",  # type: ignore[arg-type]
                                       text_cy="", answers=[{"code": "1", "en": "Yes"},
                                                            {"code": "2", "en": "No"}])

    assert_personas(world, question, COUNCIL_WRITE)
    assert wave.own_questions.count() == 2  # the officer's and the administrator's
    own = wave.own_questions.first()
    assert own is not None

    def welsh(user: object) -> None:
        wave_services.set_own_question_welsh(actor=user, question=own,  # type: ignore[arg-type]
                                             text_cy="Ydych chi’n defnyddio’r parc?",
                                             answers_cy=["Ydw", "Nac ydw"])

    assert_personas(world, welsh, COUNCIL_WRITE)
    # Only the council's people changed anything: the options once (then unchanged), two
    # questions, the Welsh once.
    assert AuditEvent.objects.count() - before == 4
    # Once its results are published, everyone reads the wave but still only the council
    # runs it: the others may see it and are refused, not told it is missing.
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, published=True)
    assert_personas(world, options, PUBLISHED_WRITE)
    assert_personas(world, question, PUBLISHED_WRITE)
    assert_personas(world, welsh, PUBLISHED_WRITE)


def test_starting_a_wave_is_for_those_who_run_the_councils_waves(world: World,
                                                                 trafford: object) -> None:
    """Called directly, not through the page: ``create_wave`` asks the same access
    function as the page, so only council A's officers, analysts and administrators start
    one of its waves; anyone else is refused and nothing is made or audited."""
    import datetime

    from commonground.accounts.models import Membership, Role, User
    from commonground.core.models import AuditEvent
    from commonground.surveys.models import Design, Mode

    def person(email: str, council: object, role: str) -> User:
        user = User.objects.create_user(email, "pw-long-enough-1", full_name=email)
        Membership.objects.create(user=user, organisation=council, role=role)
        return user

    analyst_a = person("analyst-a@example.org", world.council_a, Role.ANALYST)
    analyst_b = person("analyst-b@example.org", world.council_b, Role.ANALYST)
    member_a = person("member-a@example.org", world.council_a, Role.MEMBER)
    before_waves, before_rows = Wave.objects.count(), AuditEvent.objects.count()

    def start(user: object) -> None:
        wave_services.create_wave(
            actor=user, council=world.council_a, title="Residents' survey 2027",  # type: ignore[arg-type]
            starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
            mode=Mode.POST, design=Design.ADDRESS_RANDOM)

    assert_personas(world, start, {
        "officer_a": ALLOWED, "org_admin_a": ALLOWED, "anonymous": NotAuthenticated,
        "resident": NotFound, "officer_b": NotFound, "partner": NotFound,
        "moderator": NotFound, "admin": NotFound})
    outcomes = {name: outcome_of(lambda user=user: start(user))  # type: ignore[misc]
                for name, user in (("analyst_a", analyst_a), ("analyst_b", analyst_b),
                                   ("member_a", member_a))}
    assert outcomes == {"analyst_a": ALLOWED, "analyst_b": NotFound,
                        "member_a": PermissionDenied}
    # Three waves (the officer's, the administrator's, the analyst's), each audited once;
    # the refusals made and recorded nothing.
    made = Wave.objects.order_by("pk")[before_waves:]
    assert {w.created_by_id for w in made} == {
        world["officer_a"].pk, world["org_admin_a"].pk, analyst_a.pk}
    assert all(w.council_id == world.council_a.pk for w in made)
    assert AuditEvent.objects.count() - before_rows == 3
    assert set(AuditEvent.objects.order_by("-pk")[:3].values_list("action", flat=True)) == {
        "survey.wave.create"}
