"""An officer reads an alert: it says why once and when the detector last ran, links to
the reports it counted (the queue lists exactly those), and to the service's own help
page, in English and Welsh. axe on every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from commonground.tensions.models import Alert
from commonground.tensions.services.early_warning import recompute
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places
from tests.tensions.test_officer_reports import burst

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


def test_an_alert_explains_itself_and_leads_to_its_reports(
    page: Any, axe: Axe, world: World, places: Places
) -> None:
    burst(world, places, timezone.localdate())
    recompute(today=timezone.localdate(), notify=False)
    alert = Alert.objects.get(area=places.a_west, category="hate_incident")
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/tensions/alerts/")
    assert "last counted the reports at" in page.get_by_test_id("detector-ran").inner_text()
    card = page.get_by_test_id("alert").filter(has_text="Altrincham: Hate incident")
    assert re.match(rf"{alert.observed} reports in the week of",
                    card.locator("p.govuk-body").nth(1).inner_text())
    axe.check(page)
    card.get_by_role("link", name=f"See the {alert.observed} reports of that week").click()
    page.get_by_test_id("counted-notice").wait_for()
    assert page.locator("caption").inner_text() == f"{alert.observed} reports"
    axe.check(page)

    page.goto("/tensions/alerts/")
    page.get_by_role("link", name="How early-warning alerts work").click()
    page.get_by_role("heading", name="How early-warning alerts work").wait_for()
    axe.check(page)
    page.get_by_test_id("language-cy").click()
    page.get_by_role("heading", name="Sut mae rhybuddion rhybudd cynnar yn gweithio").wait_for()
    axe.check(page)
