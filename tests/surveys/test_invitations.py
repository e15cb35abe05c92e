"""The council's side of invitation codes: making batches, the list with how many were used,
the mail-merge file (audited, spreadsheet-safe), who may reach them, and their queries."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from commonground.core.errors import InvalidInput
from commonground.core.models import AuditEvent
from commonground.places.models import Area, AreaLevel
from commonground.surveys import codes
from commonground.surveys.models import Invitation, InvitationBatch, Wave
from commonground.surveys.services import invitations as invitation_services
from tests.personas import PERSONAS, World

pytestmark = pytest.mark.django_db


def _client(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world[persona])
    return client


def _rows(page: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(page.content.decode())))


def test_an_officer_makes_a_batch_for_a_ward_and_downloads_it(world: World, wave: Wave) -> None:
    client = _client(world, "officer_a")
    made = client.post(reverse("surveys:codes", args=[wave.pk]),
                       {"count": "25", "ward": "E05000822"})
    assert made["Location"] == reverse("surveys:codes", args=[wave.pk])
    page = client.get(made["Location"]).content.decode()
    assert "25 codes have been made" in page and "Bowdon" in page
    assert "0 of 25 codes used." in page
    batch = InvitationBatch.objects.get()
    Invitation.objects.filter(pk=batch.invitations.first().pk).update(used=True)
    download = client.get(reverse("surveys:codes-download", args=[wave.pk, batch.pk]))
    assert download["Content-Type"].startswith("text/csv")
    rows = _rows(download)
    assert len(rows) == 25
    assert list(rows[0]) == ["code", "ward_code", "ward_name", "address", "used"]
    assert {r["ward_code"] for r in rows} == {"E05000822"}
    assert rows[0]["used"] == "yes" and rows[1]["used"] == "no"
    assert rows[0]["address"] == "http://testserver/surveys/take-part/"
    assert all(codes.normalise(r["code"]) and r["code"][5] == "-" for r in rows)
    event = AuditEvent.objects.get(action="survey.invitations.export")
    assert event.new_values == {"batch": batch.pk, "codes": 25}
    assert "1 of 25 codes used." in client.get(made["Location"]).content.decode()


def test_the_mail_merge_file_defuses_formula_like_ward_names(world: World, wave: Wave,
                                                            trafford: Area) -> None:
    odd = Area.objects.create(code="E05999999", name="=HYPERLINK(\"x\")", level=AreaLevel.WARD,
                              parent=trafford, council=trafford)
    batch = invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=2,
                                                 ward=odd)
    rows = _rows(_client(world, "officer_a").get(
        reverse("surveys:codes-download", args=[wave.pk, batch.pk])))
    assert rows[0]["ward_name"] == "'=HYPERLINK(\"x\")"


@pytest.mark.parametrize(("data", "message"), [
    ({"count": ""}, "Enter how many codes to make"),
    ({"count": "many"}, "Enter the number of codes as a whole number"),
    ({"count": "0"}, "Enter a number of codes from 1 to 20,000"),
    ({"count": "20001"}, "Enter a number of codes from 1 to 20,000"),
    ({"count": "5", "ward": "E05000003"}, "Select a valid choice"),
])
def test_a_wrong_batch_is_refused_on_the_form(world: World, wave: Wave, data: dict[str, str],
                                              message: str) -> None:
    page = _client(world, "officer_a").post(reverse("surveys:codes", args=[wave.pk]), data)
    assert page.status_code == 200 and message in page.content.decode()
    assert not Invitation.objects.exists()


def test_the_service_refuses_another_councils_ward_and_a_purged_wave(world: World,
                                                                     wave: Wave) -> None:
    manchester = Area.objects.get(code="E08000003")
    elsewhere = Area.objects.create(code="E05011111", name="Ancoats", level=AreaLevel.WARD,
                                    parent=manchester, council=manchester)
    with pytest.raises(InvalidInput):
        invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=3,
                                             ward=elsewhere)
    Wave.objects.filter(pk=wave.pk).update(responses_purged_on="2028-05-01")
    wave.refresh_from_db()
    with pytest.raises(InvalidInput):
        invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=3)
    assert not Invitation.objects.exists()


EXPECTED = {"officer_a": 200, "org_admin_a": 200, "anonymous": 302, "resident": 404,
            "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}


def test_every_persona_against_the_codes_pages(world: World, wave: Wave) -> None:
    batch = invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=2)
    assert set(EXPECTED) == set(PERSONAS)
    for persona, status in EXPECTED.items():
        client = _client(world, persona)
        for url in (reverse("surveys:codes", args=[wave.pk]),
                    reverse("surveys:codes-download", args=[wave.pk, batch.pk])):
            assert client.get(url).status_code == status, (persona, url)
        made = client.post(reverse("surveys:codes", args=[wave.pk]), {"count": "1"})
        assert made.status_code == (302 if status == 200 else status), persona
    assert Invitation.objects.count() == 2 + 2  # officer_a's and org_admin_a's one each
    # Exported only by those who may: one audit row each.
    assert AuditEvent.objects.filter(action="survey.invitations.export").count() == 2


def test_another_waves_batch_is_not_found(world: World, wave: Wave) -> None:
    other = Wave.objects.create(council=world.council_a, title="Other", starts_on=wave.starts_on,
                                ends_on=wave.ends_on, mode=wave.mode, design=wave.design)
    batch = invitation_services.make_invitations(actor=world["officer_a"], wave=other, count=1)
    page = _client(world, "officer_a").get(
        reverse("surveys:codes-download", args=[wave.pk, batch.pk]))
    assert page.status_code == 404


def test_the_codes_list_and_file_take_a_fixed_number_of_queries(
        world: World, wave: Wave, django_assert_num_queries: Any) -> None:
    client = _client(world, "officer_a")
    for ward in ("E05000820", "E05000821", None):
        invitation_services.make_invitations(
            actor=world["officer_a"], wave=wave, count=40,
            ward=Area.objects.get(code=ward) if ward else None)
    batch = InvitationBatch.objects.first()
    client.get(reverse("surveys:codes", args=[wave.pk]))  # sessions and memberships warm
    client.get(reverse("surveys:codes-download", args=[wave.pk, batch.pk]))
    with django_assert_num_queries(5):
        client.get(reverse("surveys:codes", args=[wave.pk]))
    with django_assert_num_queries(6):
        client.get(reverse("surveys:codes-download", args=[wave.pk, batch.pk]))
    big = invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=400)
    with django_assert_num_queries(5):  # more batches and codes: the same queries
        client.get(reverse("surveys:codes", args=[wave.pk]))
    with django_assert_num_queries(6):
        client.get(reverse("surveys:codes-download", args=[wave.pk, big.pk]))


def test_the_wave_page_leads_to_the_codes_and_says_where_residents_answer(
        world: World, wave: Wave) -> None:
    client = _client(world, "officer_a")
    page = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert reverse("surveys:codes", args=[wave.pk]) in page
    assert "Not taking answers" in page
    wave.collecting = True
    wave.save()
    page = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert f'href="{reverse("surveys:take-part")}"' in page


def test_the_codes_page_in_welsh(world: World, wave: Wave) -> None:
    invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=3)
    page = _client(world, "officer_a").get(f"/cy/surveys/waves/{wave.pk}/codes/")
    html = page.content.decode()
    assert "Codau gwahoddiad" in html and "0 o 3 chod wedi’u defnyddio." in html


def test_the_codes_go_when_the_responses_retention_ends(world: World, wave: Wave) -> None:
    import datetime

    from commonground.surveys.services import retention

    invitation_services.make_invitations(actor=world["officer_a"], wave=wave, count=4)
    retention.purge_responses(today=wave.retain_until + datetime.timedelta(days=1))
    assert not Invitation.objects.exists() and not InvitationBatch.objects.exists()
    page = _client(world, "officer_a").get(reverse("surveys:codes", args=[wave.pk]))
    assert "No codes made yet." in page.content.decode()


def test_every_page_of_a_demonstration_wave_says_so(world: World, wave: Wave,
                                                     django_capture_on_commit_callbacks: Any
                                                     ) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.surveys.conftest import good_file

    Wave.objects.filter(pk=wave.pk).update(is_demo=True)
    client = _client(world, "officer_a")
    with django_capture_on_commit_callbacks(execute=True):
        job = client.post(reverse("surveys:upload", args=[wave.pk]),
                          {"file": SimpleUploadedFile("demo.csv", good_file(3).encode())})
    for url in (reverse("surveys:wave", args=[wave.pk]), reverse("surveys:codes", args=[wave.pk]),
                reverse("surveys:upload", args=[wave.pk]), job["Location"],
                reverse("surveys:own-question", args=[wave.pk])):
        assert 'data-testid="demo-data"' in client.get(url).content.decode(), url
