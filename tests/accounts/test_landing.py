"""After signing in, people land on their work unless a page asked for them (?next=)."""

from __future__ import annotations

import pytest
from django.test import Client

from commonground.accounts.models import Membership, Role
from tests.personas import PASSWORD, PERSONAS, World

pytestmark = pytest.mark.django_db

LANDING = {
    "resident": "/",
    "officer_a": "/tensions/",
    "org_admin_a": "/tensions/",
    "officer_b": "/tensions/",
    "partner": "/",
    "moderator": "/library/moderation/",
    "admin": "/",
}


def sign_in(email: str, next_url: str = "") -> str:
    query = f"?next={next_url}" if next_url else ""
    response = Client().post(f"/account/sign-in/{query}",
                             {"email": email, "password": PASSWORD, "next": next_url})
    assert response.status_code == 302, response.content.decode()[:500]
    return str(response["Location"])


def test_each_persona_lands_on_their_work(world: World) -> None:
    assert set(LANDING) == set(PERSONAS) - {"anonymous"}  # a new persona must say
    for persona, expected in LANDING.items():
        assert sign_in(world[persona].email) == expected, persona


def test_an_analyst_lands_on_their_council_s_profile(world: World) -> None:
    Membership.objects.filter(user=world["officer_b"]).update(role=Role.ANALYST)
    assert sign_in("officer_b@example.org") == "/areas/E08000003/"


def test_a_page_that_asked_for_sign_in_comes_first(world: World) -> None:
    assert sign_in("officer_a@example.org", "/library/") == "/library/"
    assert sign_in("resident@example.org", "/cy/plans/") == "/cy/plans/"


def test_the_landing_page_opens_for_each_persona(world: World) -> None:
    for persona, expected in LANDING.items():
        client = Client()
        client.force_login(world[persona])
        assert client.get(expected).status_code == 200, persona
