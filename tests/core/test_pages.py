"""Pages every visitor can reach, and how errors look."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path

from commonground import urls as site_urls
from commonground.core.errors import NotFound


def _boom(request: object) -> None:
    raise RuntimeError("deliberate failure for the test")


def _domain_boom(request: object) -> None:
    raise NotFound("There is no report at this address.")


# The real site plus two failing views, with the real error handlers.
urlpatterns = [path("boom/", _boom), path("domain/", _domain_boom), *site_urls.urlpatterns]
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.mark.django_db
def test_home_has_the_service_name_and_no_crown(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "Common Ground" in html
    # No GOV.UK crown or logotype anywhere, only our own name.
    assert "govuk-logo" not in html and "__crown" not in html and "govuk-header" not in html
    assert 'href="#main-content"' in html  # skip link
    assert "Open Government Licence v3.0" in html
    assert "govuk-phase-banner" in html


@pytest.mark.django_db
def test_accessibility_statement(client: Client) -> None:
    response = client.get("/accessibility/")
    assert response.status_code == 200
    assert "WCAG" in response.content.decode()


@pytest.mark.django_db
def test_not_found_is_a_styled_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "/static/css/app.css" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_pages")
def test_server_error_is_a_styled_page() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_pages")
def test_domain_errors_become_pages_with_their_status(client: Client) -> None:
    response = client.get("/domain/")
    assert response.status_code == 404
    assert "There is no report at this address." in response.content.decode()


@pytest.mark.django_db
def test_security_headers(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_forms_need_csrf_tokens() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/account/sign-in/", {"email": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "The form had expired" in response.content.decode()
