"""The area picture's survey results by group: the council's newest published weighted
wave, with the figures the wave's own results give (the surveys tests' sample, weighted)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from commonground.assessments import picture
from commonground.assessments.models import ImpactAssessment
from commonground.places.models import Area
from commonground.surveys import weighting_jobs
from commonground.surveys.models import Design, Mode, Wave
from commonground.surveys.results import wave_results
from commonground.surveys.services import waves as wave_services
from commonground.surveys.services import weighting as weighting_services
from tests.personas import World
from tests.plans.conftest import trafford_wards
from tests.surveys import survey_data
from tests.surveys.conftest import WARDS
from tests.surveys.pages import client_for

pytestmark = pytest.mark.django_db

EXTRA_QUERIES = 3  # beyond the one that finds no published weighted wave


@pytest.fixture
def wave(world: World, draft: ImpactAssessment, monkeypatch: pytest.MonkeyPatch,
         django_capture_on_commit_callbacks: Any) -> Wave:
    """A weighted, not yet published wave of council A, answered in three of its wards."""
    wards = trafford_wards(3)
    as_test_ward = {w.code: code for w, (code, _name) in zip(wards, WARDS, strict=True)}

    def margins(area: Area) -> survey_data.Margins | None:
        if area.code == "E08000009":
            return survey_data.council_margins()
        if area.code in as_test_ward:
            return survey_data.ward_margins(as_test_ward[area.code])
        return None

    monkeypatch.setattr(weighting_jobs, "population_margins", margins)
    found = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents' survey 2026",
        starts_on=datetime.date(2026, 3, 1), ends_on=datetime.date(2026, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    survey_data.add_responses(found, 600, wards=wards)
    with django_capture_on_commit_callbacks(execute=True):
        job = weighting_services.submit_weighting(actor=world["officer_a"], wave=found)
    job.refresh_from_db()
    assert job.status == "done", job.problems
    return found


def _publish(world: World, wave: Wave) -> None:
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, published=True)


def _golden(wave: Wave) -> dict[str, Any]:
    """The surveys section's own figures for the wave, as the picture should hold them."""
    found = wave_results(wave, reader_is_council=False, detail="*")
    out = {}
    for result in found.indicators:
        out[result.key] = {
            "council": (result.council.shown, result.council.estimate, result.council.low,
                        result.council.high, result.council.responses),
            "wards": {w.key: (w.shown, w.estimate, w.low, w.high, w.modelled, w.responses,
                              w.count_hidden) for w in result.wards},
            "groups": {(b.key, r.figure.key): (r.figure.shown, r.figure.estimate,
                                               r.figure.low, r.figure.high,
                                               r.figure.responses, r.figure.count_hidden)
                       for b in result.breakdowns for r in b.rows}}
    return out


def test_an_unpublished_wave_is_not_shown_and_the_picture_says_so(
        world: World, draft: ImpactAssessment, wave: Wave) -> None:
    found = picture.read(draft, datetime.date.today())["surveys"]
    assert found == {"held": False}
    page = client_for(world, "officer_a").get(f"/assessments/{draft.pk}/").content.decode()
    assert 'data-testid="picture-no-survey"' in page
    assert "Residents&#x27; survey 2026" not in page


def test_a_published_wave_gives_the_surveys_own_figures_for_council_wards_and_groups(
        world: World, draft: ImpactAssessment, wave: Wave) -> None:
    _publish(world, wave)
    found = picture.read(draft, datetime.date.today())["surveys"]
    json.dumps(found)  # frozen into the evidence as it is
    assert found["held"] is True
    assert found["wave"] == {"id": wave.pk, "title": "Residents' survey 2026",
                             "starts_on": "2026-03-01", "ends_on": "2026-04-30",
                             "demo": False, "probability": True}
    golden = _golden(wave)
    weighting = wave.weightings.get()
    council = weighting.results["get_on_well"]["council"]
    shown = {i["key"]: i for i in found["indicators"]}
    assert list(shown) == [k for k in ("get_on_well", "belonging", "meaningful_interaction")
                           if k in golden]
    assert "get_on_well" in shown and "belonging" in shown
    gow = shown["get_on_well"]["council"]
    assert gow["estimate"] == pytest.approx(100 * council["estimate"])
    assert (gow["low"], gow["high"]) == (pytest.approx(100 * council["ci_low"]),
                                         pytest.approx(100 * council["ci_high"]))
    assessed = {w.code for w in draft.wards.all()}
    for key, ind in shown.items():
        c = ind["council"]
        assert (c["shown"], c["estimate"], c["low"], c["high"], c["responses"]) == \
            golden[key]["council"]
        # Only the assessment's two wards, with the results' figures.
        assert {w["key"] for w in ind["wards"]} == assessed
        for w in ind["wards"]:
            assert (w["shown"], w["estimate"], w["low"], w["high"], w["modelled"],
                    w["responses"], w["count_hidden"]) == golden[key]["wards"][w["key"]]
        groups = {(b["key"], r["key"]): (r["shown"], r["estimate"], r["low"], r["high"],
                                          r["responses"], r["count_hidden"])
                  for b in ind["breakdowns"] for r in b["rows"]}
        assert groups == golden[key]["groups"]
        assert {b["key"] for b in ind["breakdowns"]} == {"age_band", "sex", "ethnic_group",
                                                         "disability"}
    page = client_for(world, "officer_a").get(f"/assessments/{draft.pk}/").content.decode()
    assert "Residents&#x27; survey 2026" in page
    assert f'href="{reverse("surveys:results", args=[wave.pk])}"' in page
    assert f"{100 * council['estimate']:.0f}%" in page
    assert 'data-testid="picture-survey-get_on_well"' in page
    assert 'data-testid="picture-survey-opt-in"' not in page


@override_settings(SURVEY_MIN_EFFECTIVE_N=150)
def test_groups_below_the_floor_say_not_enough_responses_as_the_results_do(
        world: World, draft: ImpactAssessment, wave: Wave) -> None:
    _publish(world, wave)
    found = picture.read(draft, datetime.date.today())["surveys"]
    golden = _golden(wave)
    rows = [r for i in found["indicators"] for b in i["breakdowns"] for r in b["rows"]]
    hidden = [r for r in rows if not r["shown"]]
    assert hidden and all(r["estimate"] is None and r["low"] is None for r in hidden)
    for ind in found["indicators"]:
        for b in ind["breakdowns"]:
            for r in b["rows"]:
                assert r["shown"] == golden[ind["key"]]["groups"][(b["key"], r["key"])][0]
    page = client_for(world, "officer_a").get(f"/assessments/{draft.pk}/").content.decode()
    assert 'data-testid="not-enough"' in page
    assert "150" in page


def test_an_open_demonstration_wave_is_flagged_and_the_newest_published_wave_is_read(
        world: World, draft: ImpactAssessment, wave: Wave) -> None:
    _publish(world, wave)
    Wave.objects.filter(pk=wave.pk).update(is_demo=True, open_access=True)
    later = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Residents' survey 2027",
        starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    later.published = True
    later.save()  # published but never weighted: not read
    found = picture.read(draft, datetime.date.today())["surveys"]
    assert found["wave"]["id"] == wave.pk
    assert found["wave"]["demo"] is True and found["wave"]["probability"] is False
    page = client_for(world, "officer_a").get(f"/assessments/{draft.pk}/").content.decode()
    assert 'data-testid="picture-survey-demo"' in page
    assert 'data-testid="picture-survey-opt-in"' in page


def test_a_published_wave_adds_a_fixed_number_of_queries_to_the_working_page(
        world: World, draft: ImpactAssessment, wave: Wave) -> None:
    from tests.assessments.test_pages import _queries

    officer = client_for(world, "officer_a")
    url = f"/assessments/{draft.pk}/"
    without = _queries(officer, url)
    _publish(world, wave)
    with_wave = _queries(officer, url)
    # Reading the wave's results (its questions, earlier waves, comparisons): a fixed number.
    assert with_wave - without == EXTRA_QUERIES
    draft.wards.add(*trafford_wards(3))  # a third ward in the results: nothing more read
    assert _queries(officer, url) == with_wave
