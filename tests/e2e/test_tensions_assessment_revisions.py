"""An officer assesses a ward, then revises the same week: the page shows the latest
level and, below it, the earlier version. axe on every page."""

from __future__ import annotations

from typing import Any

import pytest

from commonground.tensions.models import AssessmentRevision
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.tensions.conftest import Places, build_places

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places(transactional_db: Any) -> Places:
    return build_places()


def test_a_second_assessment_of_the_week_shows_both_versions(
    page: Any, axe: Axe, world: World, places: Places
) -> None:
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/tensions/assessments/edit/")
    page.get_by_label("Area", exact=True).select_option(label="Altrincham")
    page.get_by_label("2 – Raised: some tension, watch closely", exact=True).check()
    page.get_by_label("Why this level?", exact=True).fill("Graffiti on the bus shelter.")
    page.get_by_role("button", name="Save assessment").click()
    page.get_by_test_id("level").wait_for()
    assert page.get_by_test_id("level").inner_text() == "Level 2: Raised"

    page.get_by_role("link", name="Revise this assessment").click()
    assert "revision 1, level 2" in page.get_by_test_id("revising").inner_text()
    axe.check(page)
    page.get_by_label("4 – High: disorder is possible, act now", exact=True).check()
    page.get_by_label("Why this level?", exact=True).fill("A march is planned past the mosque.")
    page.get_by_role("button", name="Save assessment").click()
    page.get_by_test_id("level").wait_for()
    assert page.get_by_test_id("level").inner_text() == "Level 4: High"
    earlier = page.get_by_test_id("revision-1")
    assert "Revision 1: level 2 (Raised)" in earlier.inner_text()
    assert "Graffiti on the bus shelter." in earlier.inner_text()
    axe.check(page)
    assert AssessmentRevision.objects.count() == 2
