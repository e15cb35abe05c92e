"""The analyst's part of issue 9's "Done when", in the browser: create a wave, import a
broken contractor's file (clear errors, nothing saved) then a good one, weight it to the
census, read the "get on well" estimate for the council and each ward with intervals, see
a small ward modelled, the trend and the national comparison, and download the CSV. axe
on every page. The census margins are the test figures of tests/surveys/survey_data.py
(tests/surveys/test_weighting_census.py weights to Trafford's real ones)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from django.test import override_settings

from commonground.places.models import Area, AreaLevel
from commonground.surveys import weighting_jobs
from commonground.surveys.models import Design, Mode, Response, Wave
from commonground.surveys.services import waves as wave_services
from commonground.surveys.services import weighting as weighting_services
from tests.e2e.conftest import Axe
from tests.e2e.test_invitation_journey import sign_in
from tests.personas import World
from tests.surveys import survey_data
from tests.surveys.conftest import BROKEN_FILE, WARDS

pytestmark = pytest.mark.django_db(transaction=True)


def good_file(n: int) -> str:
    rng = np.random.default_rng(11)
    lines = ["get_on_well,belonging,age_band,sex,ward,ethnic_group,disability,comment"]
    for _i in range(n):
        which = int(rng.choice(3, p=[0.55, 0.35, 0.10]))
        agree = rng.random() < (0.85, 0.75, 0.6)[which]
        lines.append(",".join([
            str(1 + int(rng.integers(2))) if agree else str(3 + int(rng.integers(2))),
            str(1 + int(rng.integers(4))),
            str(1 + int(rng.choice(5, p=[0.1, 0.15, 0.25, 0.25, 0.25]))),
            "1" if rng.random() < 0.55 else "2", WARDS[which][1],
            str(1 + int(rng.choice(5, p=[0.1, 0.03, 0.03, 0.82, 0.02]))),
            str(1 + int(rng.integers(3))), ""]))
    return "\n".join(lines) + "\n"


@pytest.fixture
def trafford(transactional_db: Any, world: World, monkeypatch: pytest.MonkeyPatch) -> Area:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)
    council = Area.objects.create(code="E08000009", name="Trafford", level=AreaLevel.COUNCIL)
    for code, name in WARDS:
        Area.objects.create(code=code, name=name, level=AreaLevel.WARD, parent=council,
                            council=council)
    earlier = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents’ survey 2025",
        starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    survey_data.add_responses(earlier, 500, seed=5)
    weighting_services.submit_weighting(actor=world["officer_a"], wave=earlier)
    return council


@override_settings(SURVEY_MIN_EFFECTIVE_N=60)
def test_an_analyst_imports_weights_and_reads_the_results(
        page: Any, axe: Axe, trafford: Area, tmp_path: Path) -> None:
    sign_in(page, axe, "officer_a@example.org")
    page.goto("/surveys/?council=council-a")
    axe.check(page)
    page.get_by_label("Name of the wave", exact=True).fill("Residents’ survey 2026")
    page.get_by_label("First day of fieldwork", exact=True).fill("2026-03-01")
    page.get_by_label("Last day of fieldwork", exact=True).fill("2026-04-30")
    page.get_by_label("Post", exact=True).check()
    page.get_by_label("Address-based random sample", exact=True).check()
    page.get_by_role("button", name="Create the wave").click()
    page.get_by_role("heading", name="Residents’ survey 2026", level=1).wait_for()
    axe.check(page)

    broken = tmp_path / "contractor.csv"
    broken.write_text(BROKEN_FILE, encoding="utf-8")
    page.get_by_role("link", name="Import a contractor’s file of responses").click()
    axe.check(page)
    page.get_by_label("Contractor’s file of responses (CSV)",
                      exact=True).set_input_files(str(broken))
    page.get_by_role("button", name="Check the file").click()
    problems = page.get_by_test_id("problems")
    problems.wait_for()
    assert "Hale Barns" in problems.inner_text()
    axe.check(page)
    assert Response.objects.count() == 500  # the earlier wave's only

    good = tmp_path / "contractor-fixed.csv"
    good.write_text(good_file(400), encoding="utf-8")
    page.goto(f"/surveys/waves/{Wave.objects.get(title='Residents’ survey 2026').pk}/")
    page.get_by_role("link", name="Import a contractor’s file of responses").click()
    page.get_by_label("Contractor’s file of responses (CSV)", exact=True).set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("400 responses ready to import").wait_for()
    page.get_by_role("button", name="Import these responses").click()
    page.get_by_text("400 responses imported").wait_for()
    axe.check(page)

    page.get_by_role("link", name="Back to the wave").click()
    page.get_by_role("link", name="Weight the responses to the census").click()
    axe.check(page)
    page.get_by_role("button", name="Weight the responses").click()
    page.get_by_text("400 responses weighted").wait_for()
    assert page.get_by_test_id("effective-n").inner_text()
    axe.check(page)

    page.get_by_role("link", name="Read the results").click()
    page.get_by_test_id("indicators").wait_for()
    axe.check(page)
    page.get_by_role("link",
                     name="People from different backgrounds get on well (local area)").click()
    headline = page.get_by_test_id("headline").inner_text()
    assert "95% interval" in headline
    wards = page.get_by_test_id("wards").locator("tbody tr")
    assert wards.count() == 3
    assert "modelled" in page.get_by_test_id("wards").inner_text()  # Bowdon, 40 responses
    trend = page.get_by_test_id("trend").locator("tbody tr")
    assert trend.count() == 2
    assert "significant" in page.get_by_test_id("trend").inner_text()
    assert "Community Life Survey" in page.get_by_test_id("national").inner_text()
    axe.check(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download every figure: council, wards and groups "
                                       "(CSV)").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("wave_id,wave,fieldwork_ended,indicator")
    assert "get_on_well,council" in text and "modelled" in text
