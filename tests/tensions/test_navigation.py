"""Every link a person is offered opens: the header, the tensions section's navigation and
the account page, walked as every persona. And the addresses forms post to can be opened
again (a reload, a bookmark) without an empty "405" page."""

from __future__ import annotations

import datetime
import re

import pytest

from commonground.accounts import services as account_services
from tests.personas import PERSONAS, World
from tests.tensions.conftest import Places, public_report
from tests.tensions.test_pages import as_

pytestmark = pytest.mark.django_db

# Where each persona's navigation is read: the header and the tensions section (on the
# dashboard), and the links of the account page.
NAV_PAGES = ["/", "/tensions/"]
ACCOUNT_PAGE = "/account/"
SKIP = ("#", "mailto:", "http:", "https:", "/language/")


def links(html: str, *, within: str) -> set[str]:
    blocks = re.findall(rf"<{within}\b.*?</{within}>", html, re.S)
    return {href.replace("&amp;", "&") for block in blocks
            for href in re.findall(r'href="([^"]+)"', block) if not href.startswith(SKIP)}


def offered(client: object, signed_in: bool) -> set[str]:
    found: set[str] = set()
    for page in NAV_PAGES:
        found |= links(client.get(page).content.decode(), within="nav")  # type: ignore[attr-defined]
    if signed_in:
        found |= links(client.get(ACCOUNT_PAGE).content.decode(),  # type: ignore[attr-defined]
                       within="main")
    return found


def test_every_link_offered_to_every_persona_opens(world: World, places: Places) -> None:
    public_report(world, places)
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident"], starts_on=datetime.date(2026, 1, 1),
        include_assessments=True)
    seen: dict[str, set[str]] = {}
    for persona in PERSONAS:
        client = as_(persona, world)
        signed_in = world[persona].is_authenticated
        seen[persona] = offered(client, signed_in)
        for href in sorted(seen[persona]):
            response = client.get(href, follow=True)
            assert response.status_code == 200, (persona, href, response.status_code)
            if signed_in:
                assert "/account/sign-in/" not in response.request["PATH_INFO"], (persona, href)
    # What each is offered is what their role opens, and no more.
    assert "/tensions/contacts/" in seen["officer_a"] and "/account/audit/" in seen["org_admin_a"]
    assert {"/tensions/", "/tensions/reports/", "/tensions/reports/new/",
            "/tensions/assessments/"} <= seen["partner"]
    assert not {"/tensions/reports/overdue/", "/tensions/alerts/", "/tensions/contacts/",
                "/tensions/rumours/", "/tensions/responses/",
                "/tensions/trigger-events/"} & seen["partner"]
    for persona in ["partner", "officer_a", "resident", "moderator"]:
        assert "/account/audit/" not in seen[persona], persona
    assert "/account/audit/" in seen["admin"]
    assert not any(href.startswith("/tensions/reports") for href in seen["resident"])


def test_a_partner_without_an_agreement_is_offered_only_what_it_can_do(
    world: World, places: Places
) -> None:
    page = as_("partner", world).get("/tensions/").content.decode()
    assert links(page, within="main") >= {"/tensions/reports/new/"}
    assert "/tensions/reports/\"" not in page and "/tensions/assessments/" not in page


def test_addresses_forms_post_to_can_be_opened_again(world: World, places: Places) -> None:
    report, _ = public_report(world, places)
    officer = as_("officer_a", world)
    page = f"/tensions/reports/{report.reference}/"
    # A triage form with a mistake is shown again at the address it was sent to...
    shown = officer.post(page + "triage/", {"version": "0", "status": "nonsense"})
    assert shown.status_code == 200 and "govuk-error-summary" in shown.content.decode()
    # ...and opening that address again shows the report, not an empty 405 page.
    for action in ["triage/", "notes/", "link/", "merge/", "contact/first/"]:
        reopened = officer.get(page + action)
        assert (reopened.status_code, reopened["Location"]) == (302, page), action
    assert officer.get("/tensions/alerts/subscribe/")["Location"] == "/tensions/alerts/"
    assert officer.get("/account/profile/")["Location"] == "/account/"
    assert officer.put(page + "triage/").status_code == 405
    # Someone signed out is asked to sign in first, then comes back to the report.
    anonymous = as_("anonymous", world).get(page + "triage/")
    assert anonymous.status_code == 302 and "/account/sign-in/" in anonymous["Location"]
