"""What the rest of the platform reads: the latest estimate (plans' ``survey:`` measures,
the issue rule on benchmarks) and the comparison page's summary."""

from __future__ import annotations

import datetime
import math
from typing import Any

import pytest
from django.test import override_settings

from commonground.core.area_summaries import summaries_for
from commonground.places.models import Area
from commonground.plans import measures, rules
from commonground.plans.measures import Scope
from commonground.plans.targets import Verdict, judge
from commonground.surveys import weighting_jobs
from commonground.surveys.models import Wave, WaveWeighting
from commonground.surveys.selectors import latest_estimate
from commonground.surveys.services import weighting as weighting_services
from tests.personas import PERSONAS, World
from tests.surveys import survey_data

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _census(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)


@pytest.fixture
def weighted(world: World, wave: Wave, django_capture_on_commit_callbacks: Any
             ) -> WaveWeighting:
    survey_data.add_responses(wave, 600)
    with django_capture_on_commit_callbacks(execute=True):
        job = weighting_services.submit_weighting(actor=world["officer_a"], wave=wave)
    job.refresh_from_db()
    return job


def test_the_latest_estimate_of_a_published_wave_for_the_council_and_a_ward(
        weighted: WaveWeighting, wave: Wave, trafford: Area) -> None:
    assert latest_estimate("get_on_well", trafford) is None  # not published yet
    unpublished = latest_estimate("get_on_well", trafford, published_only=False)
    council = weighted.results["get_on_well"]["council"]
    assert unpublished is not None and not unpublished.modelled
    assert math.isclose(unpublished.estimate, 100 * council["estimate"])
    assert math.isclose(unpublished.low, 100 * council["ci_low"])
    assert unpublished.responses == council["n"] and unpublished.date == wave.ends_on
    assert unpublished.national is not None and unpublished.national.value == 83
    wave.published = True
    wave.save()
    assert latest_estimate("get_on_well", trafford) == unpublished
    ward = Area.objects.get(code="E05000822")
    with override_settings(SURVEY_MIN_EFFECTIVE_N=150):
        modelled = latest_estimate("get_on_well", ward)
    model = weighted.results["get_on_well"]["modelled"]["wards"]["E05000822"]
    assert modelled is not None and modelled.modelled
    assert math.isclose(modelled.estimate, 100 * model["estimate"])


def test_a_plan_target_reads_the_survey_measure_with_its_interval(
        world: World, weighted: WaveWeighting, wave: Wave, trafford: Area) -> None:
    wave.published = True
    wave.save()
    scope = Scope(world.council_a, trafford)
    reading = measures.read("survey:get_on_well", scope, TODAY)
    council = weighted.results["get_on_well"]["council"]
    assert reading is not None and reading.has_interval and reading.unit == "%"
    assert math.isclose(reading.value or 0, 100 * council["estimate"])
    assert reading.comparisons[0].value == 83
    assert "Community Life Survey" in reading.comparisons[0].label
    # A baseline inside the interval: not yet distinguishable.
    assert reading.low is not None and reading.high is not None
    baseline = (reading.low + reading.high) / 2
    found = judge(baseline=baseline, baseline_on=datetime.date(2025, 1, 1),
                  target=baseline + 10, target_on=datetime.date(2028, 1, 1),
                  value=reading.value, low=reading.low, high=reading.high,
                  value_on=reading.as_of)
    assert found.verdict == Verdict.INDISTINGUISHABLE
    with pytest.raises(Exception, match="no survey indicator called age_band"):
        measures.split("survey:age_band")


def test_the_benchmark_rule_is_tried_on_the_survey(
        world: World, weighted: WaveWeighting, wave: Wave, trafford: Area) -> None:
    wave.published = True
    wave.save()
    outcomes = {o.rule.id: o for o in rules.evaluate(Scope(world.council_a, trafford),
                                                      TODAY)}
    outcome = outcomes["getting-on-well-below-benchmark"]
    high = 100 * weighted.results["get_on_well"]["council"]["ci_high"]
    assert outcome.status == ("fired" if high < 83 else "quiet")
    assert "against 83%" in outcome.fact["text"]


def test_the_comparison_page_summary_shows_what_each_persona_may_see(
        world: World, weighted: WaveWeighting, wave: Wave) -> None:
    codes = ["E08000009", "E08000003"]
    estimate = f"{100 * weighted.results['get_on_well']['council']['estimate']:.0f}%"

    def cell(persona: str) -> str | None | bool:
        found = [s for s in summaries_for(world[persona], codes)
                 if s.title.startswith("Residents’ survey")]
        return found[0].rows[0].values["E08000009"] if found else False

    seen = {p: cell(p) for p in PERSONAS}
    assert {p for p, v in seen.items() if isinstance(v, str) and estimate in v} == {
        "officer_a", "org_admin_a"}
    assert all(seen[p] is False for p in PERSONAS if p not in ("officer_a", "org_admin_a"))
    wave.published = True
    wave.save()
    assert all(estimate in str(cell(p)) for p in PERSONAS)
