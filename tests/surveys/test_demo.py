"""The demonstration survey: responses drawn from census make-up (seeded, with non-response
by age), Trafford's three waves loaded once and labelled, and the file command."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from commonground.accounts.models import Membership, Role, User
from commonground.places.models import Area
from commonground.surveys import demo
from commonground.surveys.demo_wave import AGE_BANDS, BASE, Draw, WardCensus, draw_wave
from commonground.surveys.models import Invitation, Response, Source, Wave, WaveWeighting
from commonground.surveys.questionnaire import questions_of, ward_lookup, wards_of
from commonground.surveys.questions import bank
from commonground.surveys.responses_file import read_responses
from tests.personas import World
from tests.surveys.conftest import WARDS

YOUNG = WardCensus("E05000820", {"16-24": 4000, "25-34": 3000, "35-49": 2000, "50-64": 1000,
                                 "65+": 1000},
                   {"asian": 3000, "black": 500, "mixed": 500, "white": 6000, "other": 200})
OLD = WardCensus("E05000821", {"16-24": 800, "25-34": 900, "35-49": 2000, "50-64": 3000,
                               "65+": 4000},
                 {"asian": 100, "black": 50, "mixed": 100, "white": 9500, "other": 50})
FEMALE = dict.fromkeys(AGE_BANDS, 0.52)
KEYS = list(bank())


def test_the_same_seed_draws_the_same_responses() -> None:
    one = draw_wave([YOUNG, OLD], FEMALE, KEYS, Draw(seed=7))
    assert one == draw_wave([OLD, YOUNG], FEMALE, KEYS, Draw(seed=7))
    assert one != draw_wave([YOUNG, OLD], FEMALE, KEYS, Draw(seed=8))


def test_every_answer_is_one_of_the_banks_codes() -> None:
    questions = bank()
    for row in draw_wave([YOUNG, OLD], FEMALE, KEYS, Draw(addresses_per_ward=300)):
        assert row["ward"] in {"E05000820", "E05000821"}
        for key, code in row.items():
            if key != "ward" and code:
                assert code in questions[key].codes, (key, code)


def test_responses_follow_the_census_with_more_older_people_answering() -> None:
    rows = draw_wave([YOUNG, OLD], FEMALE, KEYS, Draw(addresses_per_ward=6000))
    young = [r for r in rows if r["ward"] == YOUNG.code]
    old = [r for r in rows if r["ward"] == OLD.code]
    # The same number of addresses in each ward; the older ward answers more.
    assert len(old) > len(young) * 1.3
    ages = Counter(r["age_band"] for r in young)
    answered = sum(ages[c] for c in "12345")
    share_16_24 = ages["1"] / answered
    census_16_24 = 4000 / 11000
    assert share_16_24 < census_16_24 * 0.75  # the young answer less
    ethnic = Counter(r["ethnic_group"] for r in old)
    assert ethnic["4"] / sum(ethnic[c] for c in "12345") > 0.93  # White, as its census
    asian = Counter(r["ethnic_group"] for r in young)
    assert 0.15 < asian["1"] / sum(asian[c] for c in "12345") < 0.35
    # Answers near the national figures they start from.
    agreed = [r["get_on_well"] in ("1", "2") for r in rows if r["get_on_well"] in "1234"
              and r["get_on_well"]]
    assert abs(sum(agreed) / len(agreed) - BASE["get_on_well"]) < 0.08
    assert Counter(r["sex"] for r in rows)["9"] > 0  # some prefer not to say


def test_trends_move_between_waves() -> None:
    def agree(index: int) -> float:
        rows = draw_wave([YOUNG, OLD], FEMALE, ["get_on_well"],
                         Draw(addresses_per_ward=8000, wave_index=index))
        answered = [r["get_on_well"] for r in rows if r["get_on_well"] in ("1", "2", "3", "4")]
        return sum(a in ("1", "2") for a in answered) / len(answered)
    assert agree(2) > agree(0) + 0.02


def _margins(area: Area) -> Any:
    """Census margins as places gives them, for the three test wards and the council."""
    ward = {"E05000820": YOUNG, "E05000821": OLD}.get(area.code, OLD)
    crossed = {(band, sex): n // 2 for band, n in ward.adults.items()
               for sex in ("female", "male")}
    return SimpleNamespace(age_band=dict(ward.adults), ethnic_group=dict(ward.ethnic_group),
                           age_band_by_sex=crossed if area.code == "E08000009" else None)


@pytest.fixture
def analyst(world: World) -> User:
    user = User.objects.create_user(demo.ANALYST, "x" * 20, full_name="Arjun Mehta")
    Membership.objects.create(user=user, organisation=world.council_a, role=Role.ANALYST)
    return user


@pytest.mark.django_db
def test_trafford_s_demonstration_waves_load_once_labelled(
        world: World, trafford: Area, analyst: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "population_margins", _margins)
    out = io.StringIO()
    lines = demo.load(out)
    assert "Invitation codes to try" in lines[-1]
    waves = list(Wave.objects.order_by("starts_on"))
    assert len(waves) == demo.WAVES and all(w.is_demo and w.published for w in waves)
    assert [w.collecting for w in waves] == [False, False, True]
    assert all(w.is_probability for w in waves)
    counts = [w.responses.count() for w in waves]
    assert all(100 < n < 400 for n in counts)  # three wards of 180 addresses
    assert set(Response.objects.values_list("source", flat=True)) == {Source.DEMO}
    assert Invitation.objects.filter(wave=waves[-1], used=False).count() == demo.DEMO_CODES
    assert WaveWeighting.objects.count() == demo.WAVES  # asked of the weighting service
    assert demo.load(out) == lines[:1]  # idempotent
    assert Wave.objects.count() == demo.WAVES and Response.objects.count() == sum(counts)
    # Labelled as demonstration data wherever it shows.
    client = Client()
    client.force_login(world["officer_a"])
    assert 'data-testid="demo-data"' in client.get(
        reverse("surveys:wave", args=[waves[0].pk])).content.decode()
    assert "Demonstration data" in client.get(reverse("surveys:index")).content.decode()
    public = Client()
    assert "Demonstration data" in public.get(reverse("surveys:index")).content.decode()
    code = lines[-1].split(": ", 1)[1].split(",")[0].strip(" .")
    started = public.post(reverse("surveys:take-part"), {"code": code})
    assert 'data-testid="demo-data"' in public.get(started["Location"]).content.decode()


@pytest.mark.django_db
def test_the_demo_is_skipped_without_census_figures(world: World, trafford: Area,
                                                    analyst: User,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "population_margins", lambda area: None)
    out = io.StringIO()
    assert demo.load(out) == []
    assert "no census age and sex figures" in out.getvalue() and not Wave.objects.exists()


@pytest.mark.django_db
def test_the_file_command_writes_a_file_the_import_accepts(
        world: World, wave: Wave, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "population_margins", _margins)
    out = tmp_path / "responses.csv"
    call_command("demo_survey_file", str(out), "--addresses-per-ward", "60",
                 stdout=io.StringIO())
    read = read_responses(out.read_bytes(), name="responses.csv", questions=questions_of(wave),
                          wards=ward_lookup(wards_of(world.council_a)))
    assert not read.problems and len(read.rows) > 20
    assert {r.ward_code for r in read.rows} <= {code for code, _name in WARDS}
