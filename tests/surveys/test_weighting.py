"""Weighting a wave to the census (background task), with golden numbers from
``analytics.survey`` run directly on the same answers and margins."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from commonground.analytics.survey import Margin, proportions, rake
from commonground.core.errors import InvalidInput
from commonground.core.models import AuditEvent
from commonground.surveys import weighting_jobs
from commonground.surveys.models import ResponseWeight, Scheme, Wave, WaveWeighting
from commonground.surveys.services import weighting as weighting_services
from tests.personas import World
from tests.surveys import survey_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _census(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)


def weigh(world: World, wave: Wave, capture: Any, **options: Any) -> WaveWeighting:
    with capture(execute=True):
        job = weighting_services.submit_weighting(actor=world["officer_a"], wave=wave,
                                                  **options)
    job.refresh_from_db()
    return job


def test_weights_equal_raking_done_directly_and_prefer_not_to_say_keeps_weight_one(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    responses = survey_data.add_responses(wave, 600, not_stated=12)
    job = weigh(world, wave, django_capture_on_commit_callbacks)
    assert job.status == "done", job.problems
    weights = dict(ResponseWeight.objects.filter(weighting=job).values_list("response_id",
                                                                             "weight"))
    assert len(weights) == 600
    # The same raking by hand: age by sex and ethnic group, twelve "not stated".
    population = sum(survey_data.FEMALE.values()) + sum(survey_data.MALE.values())
    share = 12 / 600
    age_sex = {f"{s} {a}": v * (1 - share) for s, d in (("female", survey_data.FEMALE),
                                                       ("male", survey_data.MALE))
               for a, v in d.items()} | {"not stated": share * population}
    ethnic_total = sum(survey_data.ETHNIC.values())
    ethnic = {k.lower(): v / ethnic_total * population * (1 - share)
              for k, v in survey_data.ETHNIC.items()} | {"not stated": share * population}
    codes = {"1": "16-24", "2": "25-34", "3": "35-49", "4": "50-64", "5": "65+"}
    groups = {"1": "asian", "2": "black", "3": "mixed", "4": "white", "5": "other"}
    stated = [r.answers["age_band"] != "9" and r.answers["sex"] != "9" for r in responses]
    sample = {
        "age_sex": [f"{'female' if r.answers['sex'] == '1' else 'male'} "
                    f"{codes[r.answers['age_band']]}" if ok else "not stated"
                    for r, ok in zip(responses, stated, strict=True)],
        "ethnic_group": [groups[r.answers["ethnic_group"]] if ok else "not stated"
                         for r, ok in zip(responses, stated, strict=True)]}
    direct = rake(sample, [Margin("age_sex", age_sex), Margin("ethnic_group", ethnic)])
    ours = np.array([weights[r.pk] for r in responses])
    assert np.allclose(ours, direct.weights, rtol=1e-12)
    assert math.isclose(ours.sum(), population, rel_tol=1e-9)
    # Those who preferred not to say keep the base weight, population / responses.
    assert np.allclose(ours[:12], population / 600, rtol=1e-9)
    report = job.report
    assert report["not_stated"] == 12 and report["converged"]
    assert math.isclose(report["kish_deff"], direct.report.kish_deff, rel_tol=1e-12)
    assert math.isclose(report["effective_n"], 600 / direct.report.kish_deff, rel_tol=1e-12)
    assert any("all ages" in note for note in report["notes"])
    # The council's estimate is analytics' estimate on the same design.
    gow = np.array([r.answers["get_on_well"] for r in responses])
    agree = np.isin(gow, ["1", "2"])
    golden = proportions(direct.design(), agree, eligible=~np.isin(gow, ["8", "9"]))[0]
    council = job.results["get_on_well"]["council"]
    assert math.isclose(council["estimate"], golden.estimate, rel_tol=1e-10)
    assert math.isclose(council["ci_low"], golden.ci_low, rel_tol=1e-8)
    assert math.isclose(council["ci_high"], golden.ci_high, rel_tol=1e-8)
    assert council["n"] == golden.n and math.isclose(council["ess"], golden.ess)
    assert set(job.results["get_on_well"]["wards"]) == {"E05000820", "E05000821",
                                                         "E05000822"}
    modelled = job.results["get_on_well"]["modelled"]["wards"]["E05000822"]
    assert 0 < modelled["ci_low"] < modelled["estimate"] < modelled["ci_high"] < 1
    assert AuditEvent.objects.filter(action="survey.weight").count() == 1


def test_an_empty_cell_is_named_with_a_suggestion_to_collapse(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    responses = survey_data.add_responses(wave, 200, not_stated=0)
    for r in responses:
        if r.answers["age_band"] == "1" and r.answers["sex"] == "2":
            r.answers["age_band"] = "2"
            r.save()
    job = weigh(world, wave, django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert "no response in Male 16 to 24" in job.problems[0]
    assert "collapse it with a neighbouring category (for example with Male 25 to 34)" in (
        job.problems[0])
    assert not ResponseWeight.objects.exists()
    # Age band and sex apart: it weights.
    again = weigh(world, wave, django_capture_on_commit_callbacks, joint_age_sex=False)
    assert again.status == "done", again.problems


def test_ward_scheme_rakes_to_each_wards_population_too(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    survey_data.add_responses(wave, 400)
    job = weigh(world, wave, django_capture_on_commit_callbacks, scheme=Scheme.WARD,
                trim=(0.3, 3.0))
    assert job.status == "done", job.problems
    ward_rows = [m for m in job.report["margins"] if m["variable"] == "ward"]
    assert {m["category"] for m in ward_rows} == {"E05000820", "E05000821", "E05000822",
                                                  "not stated"}
    assert job.report["trim"] == [0.3, 3.0]


def test_no_census_figures_fails_with_a_reason(world: World, wave: Wave,
                                               django_capture_on_commit_callbacks: Any,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    survey_data.add_responses(wave, 50)
    monkeypatch.setattr(weighting_jobs, "population_margins", lambda area: None)
    job = weigh(world, wave, django_capture_on_commit_callbacks)
    assert job.status == "failed"
    assert "holds no census age and sex figures" in job.problems[0]


def test_bad_trimming_bounds_and_no_responses_are_refused(world: World, wave: Wave) -> None:
    with pytest.raises(InvalidInput, match="no responses"):
        weighting_services.submit_weighting(actor=world["officer_a"], wave=wave)
    survey_data.add_responses(wave, 10)
    with pytest.raises(InvalidInput) as refused:
        weighting_services.submit_weighting(actor=world["officer_a"], wave=wave,
                                            trim=(2.0, 3.0))
    assert "trim_low" in refused.value.fields
    assert not WaveWeighting.objects.exists()
