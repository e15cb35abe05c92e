"""Welsh in a real browser: the language navigation keeps the reader on the same page and
remembers the choice; Welsh pages pass axe, the officer's tensions dashboard, queue and a
report with its triage among them."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places, public_report

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_officer_switches_language_and_stays_on_the_same_page(
    page: Any, axe: Axe, world: World
) -> None:
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/library/search/?q=cohesion")
    axe.check(page)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Cymraeg").click()
    page.wait_for_url("**/cy/library/search/?q=cohesion")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("link", name="Neidio i’r prif gynnwys").count() == 1
    axe.check(page)
    # The choice holds: an English address (a bookmark, an emailed link) opens in Welsh.
    page.goto("/library/")
    page.wait_for_url("**/cy/library/")
    world["officer_a"].refresh_from_db()
    assert world["officer_a"].language == "cy"
    # And back, from the Welsh navigation.
    page.get_by_role("navigation", name="Iaith").get_by_role("link", name="English").click()
    page.wait_for_url("**/library/")
    assert not page.url.endswith("/cy/library/")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    axe.check(page)


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


def test_an_officer_reads_the_dashboard_and_a_report_in_welsh(
    page: Any, axe: Axe, world: World, places: Places
) -> None:
    report, _ = public_report(world, places, occurred_on=timezone.localdate())
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/cy/tensions/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("heading", name="Lefelau tensiwn presennol").count() == 1
    assert page.get_by_role("navigation", name="Tensiynau").get_by_role(
        "link", name="Dangosfwrdd").get_attribute("aria-current") == "page"
    axe.check(page)
    page.get_by_role("navigation", name="Tensiynau").get_by_role(
        "link", name="Adroddiadau", exact=True).click()
    page.wait_for_url("**/cy/tensions/reports/")
    axe.check(page)
    page.get_by_role("link", name=report.reference or "").click()
    page.wait_for_url(f"**/cy/tensions/reports/{report.reference}/")
    assert page.get_by_role("heading", name="Brysbennu").count() == 1
    assert page.get_by_text("Crefydd neu gred").count() >= 1
    axe.check(page)
    page.get_by_label("Blaenoriaeth", exact=True).select_option(label="Uchel")
    page.get_by_role("button", name="Cadw’r brysbennu").click()
    page.get_by_text(f"Mae {report.reference} wedi’i ddiweddaru.").wait_for()
    assert page.url.endswith(f"/cy/tensions/reports/{report.reference}/")
    axe.check(page)
    # Recording a report in Welsh: the map says which ward was chosen in Welsh.
    page.goto("/cy/tensions/reports/new/")
    page.locator("#report-map").scroll_into_view_if_needed()
    # The first shape is Altrincham's (the wards come by name): click its middle.
    box = page.locator("#report-map path").first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("Rydych wedi dewis lle yn ward Altrincham.").wait_for()
    assert page.get_by_label("Ym mha ward y digwyddodd?", exact=True).input_value() == "E05000001"
    axe.check(page)


@pytest.fixture
def library_knowledge(transactional_db: Any) -> None:
    from io import StringIO

    from django.core.management import call_command

    call_command("load_knowledge", commit=True, stdout=StringIO())


@pytest.mark.usefixtures("library_knowledge")
def test_a_reader_finds_and_reads_the_library_in_welsh(page: Any, axe: Axe) -> None:
    page.goto("/cy/library/")
    assert page.locator("html").get_attribute("lang") == "cy"
    axe.check(page)
    page.get_by_label("Chwilio’r llyfrgell", exact=True).fill("dosbarthiadau Saesneg")
    page.get_by_role("button", name="Chwilio", exact=True).click()
    page.wait_for_url("**/cy/library/search/?q=dosbarthiadau*")
    axe.check(page)
    page.get_by_role("link", name="Hyrwyddo dosbarthiadau ESOL").first.click()
    page.wait_for_url("**/cy/library/actions/promote-esol-classes/")
    assert page.get_by_role("heading", name="Materion y mae’n eu hateb").count() == 1
    axe.check(page)
    page.get_by_role("link", name="Ddim yn siarad Saesneg").click()
    page.wait_for_url("**/cy/library/issues/not-speaking-english/")
    axe.check(page)
    for path, heading in [("/cy/library/framework/influences/", "Dylanwadau ar gydlyniant"),
                          ("/cy/library/family-groups/1/",
                           "Ardaloedd gwledig llai cyfoethog sy’n newid"),
                          ("/cy/library/framework/", "Y Fframwaith Cyflawni Cydlyniant"),
                          ("/cy/library/case-studies/bolton-libraries-esol/", None)]:
        page.goto(path)
        if heading:
            assert page.get_by_role("heading", name=heading, exact=True).count() == 1
        axe.check(page)
