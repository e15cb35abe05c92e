"""The service's own 404, 403 and 500 pages, in English and Welsh, in production and in
the demo (DEBUG on), where Django would show its debug pages."""

from __future__ import annotations

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from commonground import urls as site_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.test_error_pages")]


def _boom(request: object) -> None:
    raise RuntimeError("deliberate failure for the test")


def _forbidden(request: object) -> None:
    raise PermissionDenied


# The site's own patterns first, so its i18n_patterns decide the language of an address.
urlpatterns = [*site_urls.urlpatterns[:-1],
               *i18n_patterns(*site_urls.urlpatterns[-1].url_patterns,
                             path("boom/", _boom), path("forbidden/", _forbidden),
                             prefix_default_language=False)]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

PAGES = {
    # address: (status, English heading, Welsh heading)
    "/no-such-page/": (404, "Page not found", "Heb ddod o hyd i’r dudalen"),
    "/forbidden/": (403, "You do not have permission to see this page",
                    "Nid oes gennych ganiatâd i weld y dudalen hon"),
    "/boom/": (500, "Sorry, there is a problem with the service",
               "Mae’n ddrwg gennym, mae problem gyda’r gwasanaeth"),
}


@pytest.mark.parametrize("debug", [False, True], ids=["production", "demo"])
@pytest.mark.parametrize("address", list(PAGES))
def test_error_pages_are_the_service_s_own(address: str, debug: bool, settings: object) -> None:
    settings.DEBUG = debug  # type: ignore[attr-defined]
    status, heading, _welsh = PAGES[address]
    response = Client(raise_request_exception=False).get(address)
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html and "/static/css/app.css" in html
    assert "NONE,NOARCHIVE" not in html and "Traceback" not in html  # no debug page


@pytest.mark.parametrize("debug", [False, True], ids=["production", "demo"])
@pytest.mark.parametrize("address", list(PAGES))
def test_error_pages_in_welsh(address: str, debug: bool, settings: object) -> None:
    settings.DEBUG = debug  # type: ignore[attr-defined]
    status, english, welsh = PAGES[address]
    response = Client(raise_request_exception=False).get("/cy" + address)
    html = response.content.decode()
    assert response.status_code == status
    assert 'lang="cy"' in html and welsh in html and english not in html


def test_the_api_still_answers_json_in_the_demo(settings: object) -> None:
    settings.DEBUG = True  # type: ignore[attr-defined]
    response = Client().get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
