"""Issue 12's "done when", tried as a new user would: in Welsh, on a 375 x 667 phone, a
resident finds the report form from the home page, reports a tension in Cardiff with the
ward found by a place name, reads the confirmation in Welsh, and Cardiff's officer sees
it; the officer switches language and stays on the same page. A walker then opens every
public page in Welsh at 320 px: axe passes, no English sentence of the catalogues is
left, and no page scrolls sideways; nor do the officer's main pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from commonground.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from commonground.core import catalogues
from commonground.places.models import Area, AreaLevel
from commonground.tensions.models import Report
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import PASSWORD, World
from tests.tensions.conftest import make_area

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 375, "height": 667}
NARROW = {"width": 320, "height": 640}
CARDIFF = "W06000015"


def english_sentences() -> list[str]:
    """Every catalogue's English of four words or more, without placeholders, whose Welsh
    differs: none of them may be left on a Welsh page."""
    found: set[str] = set()
    for po in Path(catalogues.PACKAGE_DIR).glob("**/locale/cy/LC_MESSAGES/django.po"):
        for message in catalogues.read_catalogue(po):
            english = message.id
            if isinstance(english, str) and english.count(" ") >= 3 and message.string \
                    and message.string != english and not any(c in english for c in "%{<"):
                found.add(english)
    return sorted(found)


def cardiff() -> User:
    area = make_area(CARDIFF, "Cardiff", AreaLevel.COUNCIL, None, (-3.3, 51.45, -3.1, 51.55))
    make_area("W05001273", "Canton", AreaLevel.WARD, area, (-3.3, 51.45, -3.2, 51.55))
    make_area("W05001293", "Riverside", AreaLevel.WARD, area, (-3.2, 51.45, -3.1, 51.55))
    Area.objects.filter(code=CARDIFF).update(name_cy="Caerdydd")
    Area.objects.filter(code="W05001273").update(name_cy="Treganna", council=area)
    Area.objects.filter(code="W05001293").update(name_cy="Glanyrafon", council=area)
    council = Organisation.objects.create(name="Cardiff Council", slug="cardiff",
                                          kind=OrganisationKind.COUNCIL, area_code=CARDIFF)
    officer = User.objects.create_user("officer_cardiff@example.org", PASSWORD,
                                       full_name="Swyddog Caerdydd")
    Membership.objects.create(user=officer, organisation=council, role=Role.OFFICER)
    return officer


# The elements that stick out to the right, outermost first, for the failure message.
WIDE = """width => [...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > width + 0.5
          && !(e.parentElement && e.parentElement.getBoundingClientRect().right > width + 0.5))
  .slice(0, 5).map(e => e.tagName + '.' + [...e.classList].join('.')
                   + ' ' + Math.round(e.getBoundingClientRect().right))"""


def no_sideways_scroll(page: Any, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, (f"{page.url} scrolls sideways at {width} px: {scroll} px wide; "
                             f"{page.evaluate(WIDE, width)}")


def continue_(page: Any) -> None:
    page.get_by_role("button", name="Parhau").click()


def test_a_resident_reports_in_welsh_from_a_phone_and_cardiff_s_officer_sees_it(
    page: Any, axe: Axe, world: World
) -> None:
    cardiff()
    page.set_viewport_size(PHONE)
    visited: list[str] = []

    def seen() -> None:
        axe.check(page)
        no_sideways_scroll(page, PHONE["width"])
        visited.append(page.url.split("://", 1)[1].split("/", 1)[1])

    page.goto("/cy/")
    seen()
    page.get_by_test_id("resident-starts").get_by_role(
        "link", name="Rhoi gwybod am ddigwyddiad neu densiwn").click()
    page.get_by_role("heading", name="Rhoi gwybod am ddigwyddiad neu densiwn").wait_for()
    seen()
    page.get_by_role("button", name="Dechrau nawr").click()
    seen()
    page.get_by_label("Ym mha ardal cyngor y digwyddodd?",
                      exact=True).select_option(label="Caerdydd")
    continue_(page)

    # The ward found by a place name, in Welsh.
    page.get_by_role("heading", name="Ble digwyddodd e?").wait_for()
    seen()
    page.get_by_label("Chwilio am le", exact=True).fill("Treganna")
    page.get_by_role("button", name="Chwilio").click()
    page.get_by_role("link", name="Dewis ward Treganna").click()
    page.get_by_test_id("chosen-ward").wait_for()
    seen()
    assert page.get_by_label("Ward", exact=True).input_value() == "W05001273"
    continue_(page)
    page.get_by_label("Digwyddiad casineb", exact=True).check()
    seen()
    continue_(page)
    page.get_by_label("Crefydd neu gred", exact=True).check()
    seen()
    continue_(page)
    page.get_by_label("Beth ddigwyddodd?", exact=True).fill("Sticeri casineb ar arhosfan y bws.")
    seen()
    continue_(page)
    # A month without a day: the message says so, in Welsh.
    page.get_by_label("Mis", exact=True).fill("11")
    page.get_by_label("Blwyddyn", exact=True).fill("2026")
    continue_(page)
    page.get_by_role("link", name="Rhaid i’r dyddiad y digwyddodd gynnwys diwrnod").wait_for()
    seen()
    page.get_by_label("Diwrnod", exact=True).fill("20")
    continue_(page)
    seen()
    continue_(page)  # who was affected: optional
    seen()
    continue_(page)  # what is behind it: optional
    page.get_by_label("Na", exact=True).check()
    seen()
    continue_(page)
    page.get_by_role("heading", name="Gawn ni gysylltu â chi?").wait_for()
    seen()
    continue_(page)
    page.get_by_role("heading", name="Gwiriwch eich atebion cyn anfon eich adroddiad").wait_for()
    seen()
    assert page.get_by_text("Sticeri casineb ar arhosfan y bws.").is_visible()
    assert page.get_by_text("Treganna").first.is_visible()
    page.get_by_role("button", name="Anfon adroddiad").click()
    page.get_by_role("heading", name="Adroddiad wedi’i anfon").wait_for()
    seen()
    assert page.get_by_role("heading", name="Beth sy’n digwydd nesaf").is_visible()
    reference = page.get_by_test_id("reference").inner_text().strip()
    private = page.get_by_test_id("private-link").inner_text().strip()
    report = Report.objects.get(reference=reference)
    assert report.council.area_code == CARDIFF and report.ward.code == "W05001273"
    assert report.characteristics == ["religion"]

    # The walker: every public page in Welsh at 320 px, with no English sentence left.
    english = english_sentences()
    page.set_viewport_size(NARROW)
    walk = [*visited, "cy/help/", "cy/take-part/", "cy/accessibility/",
            "cy/report/private/" + private.rsplit("/report/private/", 1)[1],
            "cy/no-such-page/"]
    for address in walk:
        page.goto("/" + address)
        axe.check(page)
        no_sideways_scroll(page, NARROW["width"])
        assert page.locator("html").get_attribute("lang") == "cy", address
        text = " ".join(page.locator("body").inner_text().split())
        left = [sentence for sentence in english if sentence in text]
        assert not left, f"English left on /{address}: {left}"

    # Cardiff's officer sees it, on the same phone; then switches language in place.
    page.set_viewport_size(PHONE)
    page.goto("/account/sign-in/")
    if page.locator("html").get_attribute("lang") == "cy":
        page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()
    sign_in(page, axe, "officer_cardiff@example.org")
    page.wait_for_url("**/tensions/")
    page.goto("/tensions/reports/")
    page.get_by_role("link", name=reference).click()
    page.get_by_text("Sticeri casineb ar arhosfan y bws.").wait_for()
    axe.check(page)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    page.wait_for_url(f"**/cy/tensions/reports/{reference}/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_text("Sticeri casineb ar arhosfan y bws.").is_visible()
    axe.check(page)

    # The officer's main pages do not scroll sideways at 320 px either.
    page.set_viewport_size(NARROW)
    for address in ("/cy/tensions/", "/cy/tensions/reports/",
                    f"/cy/tensions/reports/{reference}/", "/cy/tensions/assessments/",
                    "/cy/tensions/alerts/", "/cy/tensions/reports/new/",
                    "/cy/library/search/?q=cohesion", "/cy/areas/"):
        page.goto(address)
        axe.check(page)
        no_sideways_scroll(page, NARROW["width"])

    # On a phone the filters fold behind a button, so the results come first.
    page.set_viewport_size(PHONE)
    page.goto("/cy/tensions/reports/")
    filters = page.locator("[data-cg-filters]")
    assert filters.get_attribute("open") is None
    # The results ("1 adroddiad") start on the first screen.
    assert page.locator(".govuk-table__caption").bounding_box()["y"] < PHONE["height"]
    page.get_by_text("Hidlo adroddiadau").click()
    assert page.get_by_label("Statws", exact=True).is_visible()
    axe.check(page)
    page.goto("/cy/library/search/?q=cohesion")
    assert page.locator("[data-cg-filters]").get_attribute("open") is None
    # Between the search box and the results, only the folded filters' button.
    fold = page.locator("[data-cg-filters] summary").bounding_box()
    assert page.locator("#results-heading").bounding_box()["y"] - fold["y"] < 2 * fold["height"]
    # On a desktop they simply show.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/cy/tensions/reports/")
    assert page.get_by_label("Statws", exact=True).is_visible()
    assert not page.get_by_text("Hidlo adroddiadau").is_visible()
