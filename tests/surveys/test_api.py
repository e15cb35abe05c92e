"""The residents' survey over the API: what every persona sees of waves and results,
results equal to the CSV download's, paging bounds and query counts."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from commonground.surveys import weighting_jobs
from commonground.surveys.models import Design, Mode, Response, Wave
from commonground.surveys.services import waves as wave_services
from tests.api.conftest import ApiClient
from tests.personas import PERSONAS, World
from tests.surveys import survey_data
from tests.surveys.pages import client_for
from tests.surveys.test_results import COUNCIL_ONLY, EVERYONE, weighted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _census(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)


@pytest.fixture
def api(world: World) -> ApiClient:
    return ApiClient(world)


def codes(api: ApiClient, path: str) -> dict[str, int]:
    return {p: api.get(p, path).status_code for p in PERSONAS}


def listed(api: ApiClient) -> dict[str, list[int]]:
    return {p: [w["id"] for w in api.get(p, "/survey-waves").json()] for p in PERSONAS}


def later_wave(world: World, title: str = "Survey 2027", *, council: Any = None) -> Wave:
    return wave_services.create_wave(
        actor=world["officer_b"] if council is not None else world["officer_a"],
        council=council or world.council_a, title=title,
        starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
        mode=Mode.ONLINE, design=Design.OPT_IN)


def test_every_persona_sees_the_councils_own_waves_and_everyones_published_ones(
        world: World, api: ApiClient, wave: Wave,
        django_capture_on_commit_callbacks: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 200)
    other = later_wave(world, "Manchester survey", council=world.council_b)
    nobody = dict.fromkeys(PERSONAS, list[int]())
    assert listed(api) == {**nobody, "officer_a": [wave.pk], "org_admin_a": [wave.pk],
                           "officer_b": [other.pk]}
    for path in (f"/survey-waves/{wave.pk}", f"/survey-waves/{wave.pk}/results"):
        assert codes(api, path) == COUNCIL_ONLY
    refused = api.get("anonymous", f"/survey-waves/{wave.pk}/results")
    assert refused.json()["error"]["code"] == "not_found"
    wave.published = True
    wave.save()
    assert listed(api) == {**dict.fromkeys(PERSONAS, [wave.pk]), "officer_b": [other.pk, wave.pk]}
    for path in (f"/survey-waves/{wave.pk}", f"/survey-waves/{wave.pk}/results"):
        assert codes(api, path) == EVERYONE
    # Council B's unpublished wave stays its own, whatever else is published.
    assert codes(api, f"/survey-waves/{other.pk}") == {
        **dict.fromkeys(PERSONAS, 404), "officer_b": 200}
    body = api.get("anonymous", f"/survey-waves/{wave.pk}").json()
    assert body == {"id": wave.pk, "name": "Residents' survey 2026", "council": "Trafford Council",
                    "council_code": "E08000009", "starts_on": "2026-03-01",
                    "ends_on": "2026-04-30", "mode": "post", "design": "address_random",
                    "is_probability": True, "is_demo": False, "published": True}
    assert api.get("resident", f"/survey-waves/{other.pk}/results").status_code == 404


def same_as_csv(world: World, api: ApiClient, wave: Wave) -> dict[str, Any]:
    """The results the API gives the council's officer, checked row by row against the
    CSV download's."""
    body = api.get("officer_a", f"/survey-waves/{wave.pk}/results").json()
    download = client_for(world, "officer_a").get(
        reverse("surveys:results-csv", args=[wave.pk])).content.decode()
    rows = list(csv.DictReader(io.StringIO(download)))
    assert len(body["figures"]) == len(rows) > 0

    def number(cell: str) -> float | None:
        return float(cell) if cell else None

    for figure, row in zip(body["figures"], rows, strict=True):
        assert (figure["indicator"], figure["area_or_group"], figure["code"], figure["name"]) \
            == (row["indicator"], row["area_or_group"], row["code"], row["name"])
        for key in ("estimate_pct", "ci_low_pct", "ci_high_pct", "effective_responses"):
            assert figure[key] == number(row[key]), (key, row)
        assert figure["responses"] == (int(row["responses"]) if row["responses"] else None)
        assert figure["modelled"] == (row["modelled"] == "yes")
        assert (figure["suppressed"] == "not enough responses") == (
            "not enough responses" in row["note"])
        assert (figure["estimate_pct"] is None) == (figure["suppressed"] is not None)
    return body


def test_results_are_the_numbers_of_the_csv_download(
        world: World, api: ApiClient, wave: Wave,
        django_capture_on_commit_callbacks: Any) -> None:
    job = weighted(world, wave, django_capture_on_commit_callbacks, 600)
    remark = Response.objects.filter(wave=wave).first()
    assert remark is not None
    remark.comment = "Private remark about my neighbour"
    remark.save(update_fields=["comment"])
    body = same_as_csv(world, api, wave)
    council = next(f for f in body["figures"] if f["indicator"] == "get_on_well"
                   and f["area_or_group"] == "council")
    golden = job.results["get_on_well"]["council"]
    assert council["estimate_pct"] == round(100 * golden["estimate"], 2)
    assert council["ci_low_pct"] == round(100 * golden["ci_low"], 2)
    assert council["ci_high_pct"] == round(100 * golden["ci_high"], 2)
    assert council["responses"] == golden["n"]
    assert {f["area_or_group"] for f in body["figures"]} >= {"council", "ward"}
    assert body["min_effective_responses"] == 30
    assert body["weighted_at"] is not None
    assert "neighbour" not in str(body) and "answers" not in body  # no free text, no raw
    for path in ("/survey-waves", f"/survey-waves/{wave.pk}"):
        assert "neighbour" not in api.get("officer_a", path).content.decode()


@override_settings(SURVEY_MIN_EFFECTIVE_N=150)
def test_below_the_floor_wards_are_modelled_and_groups_suppressed_with_the_reason(
        world: World, api: ApiClient, wave: Wave,
        django_capture_on_commit_callbacks: Any) -> None:
    job = weighted(world, wave, django_capture_on_commit_callbacks, 600)
    body = same_as_csv(world, api, wave)
    assert body["min_effective_responses"] == 150
    data = job.results["get_on_well"]
    small = {code for code, w in data["wards"].items() if w["ess"] < 150}
    assert small
    wards = {f["code"]: f for f in body["figures"]
             if f["indicator"] == "get_on_well" and f["area_or_group"] == "ward"}
    for code in small:
        model = data["modelled"]["wards"][code]
        assert wards[code]["modelled"] is True and wards[code]["suppressed"] is None
        assert wards[code]["estimate_pct"] == round(100 * model["estimate"], 2)
        assert wards[code]["ci_low_pct"] == round(100 * model["ci_low"], 2)
    suppressed = [f for f in body["figures"] if f["suppressed"]]
    assert any(f["area_or_group"] == "ethnic_group" for f in suppressed)
    for figure in suppressed:
        assert figure["suppressed"] == "not enough responses"
        assert figure["estimate_pct"] is figure["ci_low_pct"] is figure["ci_high_pct"] is None
        assert figure["modelled"] is False


def test_an_unweighted_opt_in_wave_has_no_figures_and_says_what_it_is(
        world: World, api: ApiClient, trafford: Any) -> None:
    found = later_wave(world)
    body = api.get("officer_a", f"/survey-waves/{found.pk}/results").json()
    assert body["figures"] == [] and body["weighted_at"] is None
    assert body["wave"]["is_probability"] is False and body["wave"]["design"] == "opt_in"


@pytest.mark.parametrize(("query", "field"), [
    ("limit=0", "limit"), ("limit=501", "limit"), ("offset=-1", "offset"),
    ("offset=1000001", "offset"), ("limit=x", "limit")])
def test_paging_out_of_bounds_is_a_400_naming_the_field(
        api: ApiClient, query: str, field: str) -> None:
    answer = api.get("officer_a", f"/survey-waves?{query}")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "invalid"
    assert field in answer.json()["error"]["fields"]


def test_paging_windows_the_list_and_bad_ids_are_refused(
        world: World, api: ApiClient, wave: Wave) -> None:
    later = later_wave(world)
    assert [w["id"] for w in api.get("officer_a", "/survey-waves").json()] == [later.pk, wave.pk]
    assert [w["id"] for w in api.get("officer_a", "/survey-waves?limit=1&offset=1").json()] \
        == [wave.pk]
    assert api.get("officer_a", "/survey-waves?offset=2").json() == []
    for path in ("/survey-waves/0", "/survey-waves/9223372036854775808",
                 "/survey-waves/x/results"):
        assert api.get("officer_a", path).status_code == 400, path
    assert api.get("officer_a", "/survey-waves/999999/results").status_code == 404
    refused = Client().get("/api/v1/survey-waves", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "not_authenticated"


def test_query_counts_do_not_grow_with_waves_wards_or_responses(
        world: World, api: ApiClient, wave: Wave, django_capture_on_commit_callbacks: Any,
        django_assert_num_queries: Any) -> None:
    weighted(world, wave, django_capture_on_commit_callbacks, 200)
    later = later_wave(world)
    weighted(world, later, django_capture_on_commit_callbacks, 300, seed=3)
    for i in range(3):
        later_wave(world, f"Extra {i}")
    counts = {"/survey-waves": 3, f"/survey-waves/{later.pk}": 3,
              f"/survey-waves/{later.pk}/results": 7}
    for path, count in counts.items():
        api.get("officer_a", path)  # fills the per-process values first
        with django_assert_num_queries(count):
            assert api.get("officer_a", path).status_code == 200
