"""A council's officer makes invitation codes; a resident answers the survey on a phone
with one, one question a page, checks and changes an answer and sends them; the code is
refused the second time; another resident answers in Welsh. axe on every page, and no
page of the questionnaire scrolls sideways at 375 pixels."""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path
from typing import Any

import pytest

from commonground.places.models import Area, AreaLevel
from commonground.surveys.models import Design, Mode, Response, Wave
from commonground.surveys.services import waves as wave_services
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.surveys.conftest import WARDS

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 375, "height": 667}
ASKED = ["get_on_well", "belonging", "age_band", "sex", "ward", "ethnic_group"]


@pytest.fixture
def wave(transactional_db: Any, world: World) -> Wave:
    council = Area.objects.create(code="E08000009", name="Trafford", level=AreaLevel.COUNCIL)
    for code, name in WARDS:
        Area.objects.create(code=code, name=name, level=AreaLevel.WARD, parent=council,
                            council=council)
    made = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents’ survey 2026",
        starts_on=datetime.date(2026, 11, 1), ends_on=datetime.date(2026, 12, 31),
        mode=Mode.MIXED, design=Design.ADDRESS_RANDOM, questions=ASKED)
    return wave_services.set_wave_options(actor=world["officer_a"], wave=made, collecting=True)


def fits_the_screen(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways ({width}px)"


def look(page: Any, axe: Axe) -> None:
    axe.check(page)
    fits_the_screen(page)


def officer_makes_codes(page: Any, axe: Axe, wave: Wave, tmp_path: Path) -> list[str]:
    sign_in(page, axe, "officer_a@example.org")
    page.goto(f"/surveys/waves/{wave.pk}/")
    axe.check(page)
    page.get_by_role("link", name="Invitation codes for a sample of addresses").click()
    axe.check(page)
    page.get_by_label("How many codes?", exact=True).fill("3")
    page.get_by_role("button", name="Make the codes").click()
    page.get_by_text("3 codes have been made").wait_for()
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    path = tmp_path / "codes.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out").wait_for()
    return [row["code"] for row in rows]


def answer(page: Any, axe: Axe, choices: list[str], button: str) -> None:
    """Answer the questions in turn, choosing the labels given, checking each page."""
    for label in choices:
        page.locator(".govuk-fieldset__heading").wait_for()
        look(page, axe)
        page.get_by_label(label, exact=True).check()
        page.get_by_role("button", name=button).click()


def test_a_resident_answers_on_a_phone_with_a_code_used_once(
    page: Any, axe: Axe, world: World, wave: Wave, tmp_path: Path
) -> None:
    first, second, _third = officer_makes_codes(page, axe, wave, tmp_path)

    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("link", name="Take part in your council's survey").first.click()
    page.get_by_role("heading", name="Take part in your council's survey").wait_for()
    look(page, axe)
    page.get_by_label("Invitation code", exact=True).fill(first.lower())
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Residents’ survey").wait_for()
    look(page, axe)
    assert page.get_by_text("How your answers are used (privacy notice)").is_visible()
    page.get_by_role("button", name="Start now").click()

    # Nothing chosen: the error names what to choose.
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    look(page, axe)
    assert "Select how strongly you agree or disagree" in \
        page.locator(".govuk-error-summary").inner_text()
    answer(page, axe, ["Tend to agree", "Fairly strongly", "35 to 49", "Prefer not to say",
                       "Ashton upon Mersey", "White"], "Continue")

    page.get_by_role("heading", name="Check your answers before sending them").wait_for()
    look(page, axe)
    page.get_by_role("link", name="Change your answer to: Feel they belong").click()
    page.get_by_label("Very strongly", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Check your answers before sending them").wait_for()
    assert page.get_by_test_id("answers").get_by_text("Very strongly").is_visible()
    page.get_by_role("button", name="Send your answers").click()
    page.get_by_role("heading", name="Your answers have been sent").wait_for()
    look(page, axe)
    response = Response.objects.get()
    assert response.answers == {"get_on_well": "2", "belonging": "1", "age_band": "3",
                                "sex": "9", "ethnic_group": "4"}
    assert response.ward.name == "Ashton upon Mersey"

    # The same code again: refused, saying why.
    page.goto("/surveys/take-part/")
    page.get_by_label("Invitation code", exact=True).fill(first)
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    look(page, axe)
    assert "This code has already been used" in page.locator(".govuk-error-summary").inner_text()
    assert Response.objects.count() == 1

    # Another household answers in Welsh.
    page.goto("/cy/surveys/take-part/")
    page.get_by_role("heading", name="Cymryd rhan yn arolwg eich cyngor").wait_for()
    look(page, axe)
    page.get_by_label("Cod gwahoddiad", exact=True).fill(second)
    page.get_by_role("button", name="Parhau").click()
    page.get_by_role("heading", name="Arolwg preswylwyr").wait_for()
    look(page, axe)
    page.get_by_role("button", name="Dechrau nawr").click()
    answer(page, axe, ["Cytuno’n bendant", "Yn weddol gryf", "65 neu hŷn", "Benyw", "Bowdon",
                       "Gwyn"], "Parhau")
    page.get_by_role("heading", name="Gwiriwch eich atebion cyn eu hanfon").wait_for()
    look(page, axe)
    page.get_by_role("button", name="Anfon eich atebion").click()
    page.get_by_role("heading", name="Mae eich atebion wedi’u hanfon").wait_for()
    look(page, axe)
    assert page.locator("html").get_attribute("lang") == "cy"
    assert Response.objects.count() == 2
