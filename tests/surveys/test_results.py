"""The results pages, their CSV and map: golden numbers from analytics.survey, the floor
of effective responses, modelled wards, gaps, trend, national figures, and who sees what."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import math
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse

from commonground.analytics.survey import wave_difference
from commonground.surveys import weighting_jobs
from commonground.surveys.estimating import estimate_from
from commonground.surveys.models import Design, Mode, Wave, WaveWeighting
from commonground.surveys.services import waves as wave_services
from commonground.surveys.services import weighting as weighting_services
from tests.personas import World
from tests.surveys import survey_data
from tests.surveys.pages import assert_statuses, client_for

pytestmark = pytest.mark.django_db

COUNCIL_ONLY = {"anonymous": 404, "resident": 404, "officer_a": 200, "org_admin_a": 200,
                "officer_b": 404, "partner": 404, "moderator": 404, "admin": 404}
EVERYONE = dict.fromkeys(COUNCIL_ONLY, 200)


@pytest.fixture(autouse=True)
def _census(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)


def weighted(world: World, wave: Wave, capture: Any, n: int = 600, seed: int = 7
             ) -> WaveWeighting:
    survey_data.add_responses(wave, n, seed=seed)
    with capture(execute=True):
        job = weighting_services.submit_weighting(actor=world["officer_a"], wave=wave)
    job.refresh_from_db()
    assert job.status == "done", job.problems
    return job


def test_the_indicator_page_shows_the_council_and_each_ward_with_intervals(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    job = weighted(world, wave, django_capture_on_commit_callbacks)
    council = job.results["get_on_well"]["council"]
    page = client_for(world, "officer_a").get(
        reverse("surveys:indicator", args=[wave.pk, "get_on_well"]))
    shown = page.content.decode()
    assert page.status_code == 200
    headline = (f"{100 * council['estimate']:.0f}% (95% interval "
                f"{100 * council['ci_low']:.0f}% to {100 * council['ci_high']:.0f}%)")
    assert headline in shown
    for code, ward in job.results["get_on_well"]["wards"].items():
        assert ward["ess"] >= 30, code  # every test ward has enough here
        assert f'data-testid="ward-{code}"' in shown
    assert 'data-testid="chart-wards"' in shown and 'data-testid="wards"' in shown
    # National figures with their caveats: the latest English get-on-well figure.
    assert "Community Life Survey" in shown and "2020-21" in shown and "83%" in shown
    assert "compare with care" in shown.lower()


@override_settings(SURVEY_MIN_EFFECTIVE_N=150)
def test_below_the_floor_a_ward_is_modelled_and_a_group_says_not_enough(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    job = weighted(world, wave, django_capture_on_commit_callbacks)
    data = job.results["get_on_well"]
    small = [code for code, w in data["wards"].items() if w["ess"] < 150]
    assert small
    page = client_for(world, "officer_a").get(
        reverse("surveys:indicator", args=[wave.pk, "get_on_well"])).content.decode()
    for code in small:
        row = page.split(f'data-testid="ward-{code}"')[1].split("</tr>")[0]
        model = data["modelled"]["wards"][code]
        assert "modelled" in row
        assert f"{100 * model['estimate']:.0f}%" in row
        assert f"{100 * model['ci_low']:.0f}% – {100 * model['ci_high']:.0f}%" in row
    groups = page.split('data-testid="groups-ethnic_group"')[1].split("</table>")[0]
    assert "Not enough responses" in groups


def test_the_trend_marks_a_significant_change_and_the_csv_has_the_same_numbers(
        world: World, wave: Wave, trafford: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    first = weighted(world, wave, django_capture_on_commit_callbacks, 600, seed=1)
    later = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Survey 2027",
        starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    second = weighted(world, later, django_capture_on_commit_callbacks, 600, seed=2)
    diff = wave_difference(estimate_from(first.results["get_on_well"]["council"]),
                           estimate_from(second.results["get_on_well"]["council"]))
    client = client_for(world, "officer_a")
    page = client.get(reverse("surveys:indicator", args=[later.pk, "get_on_well"]))
    trend = page.content.decode().split('data-testid="trend"')[1].split("</table>")[0]
    assert f"{100 * diff.estimate:.1f} ({100 * diff.ci_low:.1f} to " in trend
    assert ("significant change" if diff.significant else "no significant change") in trend
    download = client.get(reverse("surveys:results-csv", args=[later.pk]))
    rows = list(csv.DictReader(io.StringIO(download.content.decode())))
    council = next(r for r in rows if r["indicator"] == "get_on_well"
                   and r["area_or_group"] == "council")
    assert math.isclose(float(council["estimate_pct"]),
                        round(100 * second.results["get_on_well"]["council"]["estimate"], 2))
    assert {r["area_or_group"] for r in rows} >= {"council", "ward", "age_band", "sex",
                                                  "ethnic_group", "disability"}
    assert "comment" not in download.content.decode()


def test_an_opt_in_wave_says_so_on_every_page_and_in_the_csv(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    wave.design = Design.OPT_IN
    wave.save()
    weighted(world, wave, django_capture_on_commit_callbacks, 300)
    client = client_for(world, "officer_a")
    for url in (reverse("surveys:results", args=[wave.pk]),
                reverse("surveys:indicator", args=[wave.pk, "belonging"])):
        assert "not a probability sample" in client.get(url).content.decode()
    download = client.get(reverse("surveys:results-csv", args=[wave.pk])).content.decode()
    assert "not a probability sample" in download


def test_every_persona_against_results_csv_and_map(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 200)
    urls = [reverse("surveys:results", args=[wave.pk]),
            reverse("surveys:indicator", args=[wave.pk, "get_on_well"]),
            reverse("surveys:results-csv", args=[wave.pk]),
            reverse("surveys:results-geojson", args=[wave.pk, "get_on_well"])]
    for url in urls:
        assert_statuses(world, url, COUNCIL_ONLY)
    wave.published = True
    wave.save()
    for url in urls:
        assert_statuses(world, url, EVERYONE)


def test_the_map_gives_each_wards_shown_figure(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    from commonground.places.models import Area
    square = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    Area.objects.filter(code__startswith="E05").update(boundary=square)
    job = weighted(world, wave, django_capture_on_commit_callbacks, 600)
    data = json.loads(client_for(world, "officer_a").get(
        reverse("surveys:results-geojson", args=[wave.pk, "get_on_well"])).content)
    values = {f["properties"]["code"]: f["properties"]["value"] for f in data["features"]}
    for code, ward in job.results["get_on_well"]["wards"].items():
        assert math.isclose(values[code], 100 * ward["estimate"])


def test_query_counts_do_not_grow_with_waves_wards_or_responses(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any,
        django_assert_num_queries: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 200)
    later = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Survey 2027",
        starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    weighted(world, later, django_capture_on_commit_callbacks, 300, seed=3)
    client = client_for(world, "officer_a")
    pages = {reverse("surveys:results", args=[later.pk]): 5,
             reverse("surveys:indicator", args=[later.pk, "get_on_well"]): 6,
             reverse("surveys:results-csv", args=[later.pk]): 7}
    for url, count in pages.items():
        client.get(url)  # fills the per-process values (council matrix) first
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200


def headline(page: str) -> str:
    return page.split('data-testid="headline">')[1].split("</p>")[0]


def trend_of(page: str) -> str:
    return html.unescape(page.split('data-testid="trend"')[1].split("</table>")[0])


def test_a_warm_indicator_page_reads_the_kept_part_in_a_fixed_number_of_queries(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any,
        django_assert_num_queries: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 300)
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, published=True)
    url = reverse("surveys:indicator", args=[wave.pk, "get_on_well"])
    client = client_for(world, "anonymous")
    first = client.get(url).content
    # The wave (access), the council's results stamp, the open data's version and
    # whether its wards have boundaries: no weighting's results are read again.
    with django_assert_num_queries(4):
        assert client.get(url).content == first


def test_reweighting_and_publishing_show_at_once(
        world: World, wave: Wave, trafford: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 300, seed=1)
    later = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Survey 2027",
        starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    weighted(world, later, django_capture_on_commit_callbacks, 300, seed=2)
    wave_services.set_wave_options(actor=world["officer_a"], wave=later, published=True)
    url = reverse("surveys:indicator", args=[later.pk, "get_on_well"])
    officer, public = client_for(world, "officer_a"), client_for(world, "anonymous")
    # The council's own readers see the unpublished earlier wave in the trend, the
    # public do not, whichever of them fills the kept part first.
    assert wave.title in trend_of(officer.get(url).content.decode())
    public_page = html.unescape(public.get(url).content.decode())
    assert 'data-testid="trend"' not in public_page and wave.title not in public_page
    assert wave.title in trend_of(officer.get(url).content.decode())
    # Publishing the earlier wave puts it in everyone's trend.
    wave_services.set_wave_options(actor=world["officer_a"], wave=wave, published=True)
    assert wave.title in trend_of(public.get(url).content.decode())
    # Reweighting the newest wave (more responses) changes its figures on the page.
    before = headline(public.get(url).content.decode())
    survey_data.add_responses(later, 900, seed=5)
    with django_capture_on_commit_callbacks(execute=True):
        job = weighting_services.submit_weighting(actor=world["officer_a"], wave=later)
    job.refresh_from_db()
    council = job.results["get_on_well"]["council"]
    after = headline(public.get(url).content.decode())
    assert after != before
    assert after.startswith(f"{100 * council['estimate']:.0f}% (95% interval "
                            f"{100 * council['ci_low']:.0f}% to")
    # Unpublishing hides it from the public again, kept part or not.
    wave_services.set_wave_options(actor=world["officer_a"], wave=later, published=False)
    assert public.get(url).status_code == 404
    assert officer.get(url).status_code == 200
    # Unpublishing the earlier wave takes it out of the public trend again, even saved
    # without a new updated_at.
    wave_services.set_wave_options(actor=world["officer_a"], wave=later, published=True)
    assert wave.title in trend_of(public.get(url).content.decode())
    Wave.objects.filter(pk=wave.pk).update(published=False)
    assert 'data-testid="trend"' not in public.get(url).content.decode()


def test_the_kept_part_follows_the_language(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 300)
    client = client_for(world, "officer_a")
    english = client.get(reverse("surveys:indicator", args=[wave.pk, "get_on_well"]))
    welsh = client.get("/cy" + reverse("surveys:indicator", args=[wave.pk, "get_on_well"]))
    assert "Estimates by ward" in english.content.decode()
    assert "Estimates by ward" not in welsh.content.decode()
