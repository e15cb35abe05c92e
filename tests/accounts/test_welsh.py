"""The account pages, their messages and emails in Welsh (accounts catalogue)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_signing_in_in_welsh_says_everything_in_welsh(world: World, client: Client) -> None:
    page = client.get("/cy/account/sign-in/").content.decode()
    for welsh in ("<h1 class=\"govuk-heading-l\">Mewngofnodi</h1>", "Cyfeiriad e-bost",
                  "Cyfrinair", "Rwyf wedi anghofio fy nghyfrinair",
                  "Caiff cyfrifon eu creu drwy wahoddiad"):
        assert welsh in page, welsh
    wrong = client.post("/cy/account/sign-in/", {"email": "officer_a@example.org",
                                                  "password": "not it"}).content.decode()
    assert "Nid yw’r cyfeiriad e-bost na’r cyfrinair yn gywir." in wrong
    assert "The email address or password" not in wrong


def test_the_account_page_reads_in_welsh(world: World, client: Client) -> None:
    client.force_login(world["org_admin_a"])
    page = client.get("/cy/account/").content.decode()
    for welsh in ("Eich cyfrif", "Eich manylion", "Eich sefydliadau", "Tocynnau API",
                  "Creu tocyn", "Log archwilio"):
        assert welsh in page, welsh
    for english in ("Your details", "Your organisations", "API tokens", "Create token"):
        assert english not in page, english


@pytest.mark.parametrize(("minutes", "welsh"), [
    (0, "Arhoswch 0 munud"), (1, "Arhoswch 1 munud"), (2, "Arhoswch 2 funud"),
    (3, "Arhoswch 3 munud"), (6, "Arhoswch 6 munud"), (15, "Arhoswch 15 munud")])
def test_the_sign_in_lockout_counts_minutes_in_welsh(world: World, client: Client,
                                                     minutes: int, welsh: str) -> None:
    for _ in range(5):  # SIGN_IN_MAX_FAILURES wrong passwords lock this account and address
        client.post("/cy/account/sign-in/", {"email": "officer_a@example.org",
                                             "password": "not it"})
    with override_settings(SIGN_IN_WINDOW_SECONDS=minutes * 60):
        page = client.post("/cy/account/sign-in/", {"email": "officer_a@example.org",
                                                      "password": PASSWORD})
    assert page.status_code == 429
    assert welsh in page.content.decode()


def test_an_invitation_sent_from_a_welsh_page_is_written_in_welsh(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = Client()
    client.force_login(world["org_admin_a"])
    with translation.override("cy"):
        url = reverse("accounts:invite", args=[world.council_a.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "newydd@example.org", "role": "officer"},
                               follow=True)
    assert "Rydym wedi anfon gwahoddiad drwy e-bost at newydd@example.org." in (
        response.content.decode())
    message = mail.outbox[0]
    assert message.subject.startswith("Fe’ch gwahoddir i ymuno â ")
    assert "gyda’r rôl swyddog" in message.body
    assert re.search(r"cyn pen \d+ diwrnod:", message.body)
