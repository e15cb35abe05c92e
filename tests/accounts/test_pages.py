"""The accounts pages as a browser without JavaScript sees them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from commonground.accounts.models import ApiToken, Membership
from commonground.core.models import AuditEvent
from tests.personas import PASSWORD, World

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_sign_in_and_out(world: World, client: Client) -> None:
    response = client.post(reverse("accounts:sign-in"),
                           {"email": "OFFICER_A@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("tensions:index")
    page = client.get(reverse("accounts:profile"))
    assert "Trafford Council" in page.content.decode()
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_a_wrong_password_redisplays_the_form_with_an_error_summary(
    world: World, client: Client
) -> None:
    response = client.post(reverse("accounts:sign-in"),
                           {"email": "officer_a@example.org", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and 'href="#id_email"' in html
    assert "<title>Error: Sign in" in html


def test_failed_sign_ins_are_throttled(world: World, client: Client, settings: object) -> None:
    for _ in range(5):
        client.post(reverse("accounts:sign-in"),
                    {"email": "officer_a@example.org", "password": "wrong"})
    # Now even the right password is refused until the window passes.
    response = client.post(reverse("accounts:sign-in"),
                           {"email": "officer_a@example.org", "password": PASSWORD})
    assert response.status_code == 429 and response["Retry-After"] == "900"
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_cannot_send_people_off_site(world: World, client: Client) -> None:
    response = client.post(reverse("accounts:sign-in") + "?next=https://evil.example/",
                           {"email": "officer_a@example.org", "password": PASSWORD,
                            "next": "https://evil.example/"})
    assert response["Location"] == reverse("tensions:index")  # the officer's own landing


def test_password_reset_by_email(world: World, client: Client,
                                 django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the email's task
        client.post(reverse("accounts:password-reset"), {"email": "officer_a@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/account/password-reset/\S+/\S+/", mail.outbox[0].body)
    assert link is not None
    form_page = client.get(link.group(0), follow=True)
    assert form_page.status_code == 200 and "Choose a new password" in form_page.content.decode()
    client.post(form_page.redirect_chain[-1][0],
                {"new_password1": "a fresh long passphrase", "new_password2":
                 "a fresh long passphrase"})
    world["officer_a"].refresh_from_db()
    assert world["officer_a"].check_password("a fresh long passphrase")


def test_unknown_address_gets_the_same_answer_and_no_mail(world: World, client: Client) -> None:
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_profile_creates_and_revokes_tokens(world: World) -> None:
    client = signed_in(world["officer_a"])
    response = client.post(reverse("accounts:create-token"), {"name": "Ward dashboard"})
    secret = re.search(r'data-testid="token-secret">(cg_[^<]+)<', response.content.decode())
    assert secret is not None
    token = ApiToken.objects.get(user=world["officer_a"])
    client.post(reverse("accounts:revoke-token", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_another_persons_token_cannot_be_revoked(world: World) -> None:
    token = ApiToken.objects.create(user=world["officer_b"], name="B", prefix="cg_x",
                                    token_hash="0" * 64)
    response = signed_in(world["officer_a"]).post(
        reverse("accounts:revoke-token", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_organisation_pages_per_persona(world: World) -> None:
    url = reverse("accounts:organisation", args=["council-a"])
    expected = {"resident": 404, "officer_a": 200, "org_admin_a": 200, "officer_b": 404,
                "partner": 404, "moderator": 404, "admin": 200}
    seen = {p: signed_in(world[p]).get(url).status_code for p in expected}
    assert seen == expected
    assert Client().get(url).status_code == 302  # anonymous: to sign-in


def test_only_admins_see_the_invite_form(world: World) -> None:
    url = reverse("accounts:organisation", args=["council-a"])
    assert "Invite someone" in signed_in(world["org_admin_a"]).get(url).content.decode()
    assert "Invite someone" not in signed_in(world["officer_a"]).get(url).content.decode()


def test_council_a_admin_cannot_change_council_b(world: World) -> None:
    membership = Membership.objects.get(user=world["officer_b"])
    client = signed_in(world["org_admin_a"])
    assert client.post(reverse("accounts:change-role", args=[membership.pk]),
                       {"role": "admin"}).status_code == 404
    assert client.post(reverse("accounts:remove-member", args=[membership.pk])).status_code == 404
    assert client.post(reverse("accounts:invite", args=["council-b"]),
                       {"email": "x@example.org", "role": "admin"}).status_code == 404
    membership.refresh_from_db()
    assert membership.role == "officer"


def test_invite_form_errors_are_shown_on_the_field(world: World) -> None:
    response = signed_in(world["org_admin_a"]).post(
        reverse("accounts:invite", args=["council-a"]),
        {"email": "officer_a@example.org", "role": "member"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "already a member" in html and 'id="id_email-error"' in html


def test_audit_log_is_scoped(world: World) -> None:
    AuditEvent.objects.create(action="x.a", organisation_id=world.council_a.pk, object_label="A")
    AuditEvent.objects.create(action="x.b", organisation_id=world.council_b.pk, object_label="B")
    url = reverse("accounts:audit-log")
    admin_a = signed_in(world["org_admin_a"]).get(url).content.decode()
    assert "x.a" in admin_a and "x.b" not in admin_a
    platform = signed_in(world["admin"]).get(url).content.decode()
    assert "x.a" in platform and "x.b" in platform
    assert signed_in(world["officer_a"]).get(url).status_code == 403
