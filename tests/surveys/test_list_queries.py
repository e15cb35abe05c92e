"""The surveys' lists of waves, a wave's page and the results map read a fixed number of
queries, however many waves and responses there are (issue 14, finding 10). The results,
their download, the invitation codes and the API are pinned in test_results.py,
test_invitations.py and test_api.py."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from commonground.places.models import Area
from commonground.surveys import weighting_jobs
from commonground.surveys.models import Design, Mode, Wave
from commonground.surveys.services import waves as wave_services
from tests.personas import World
from tests.query_counts import page_counts, pinned, signed_in
from tests.surveys import survey_data
from tests.surveys.test_results import weighted

pytestmark = pytest.mark.django_db

PAGES = {
    "/surveys/": ("officer_a", 4),
    "/surveys/?as=partner": ("partner", 3),
    "/surveys/take-part/": ("anonymous", 1),
}


def grow(world: World, n: int, start: int) -> None:
    """``n`` more waves of each council: council A's own, council B's published and open
    to anyone."""
    for i in range(start, start + n):
        for persona, council in (("officer_a", world.council_a), ("officer_b", world.council_b)):
            wave = wave_services.create_wave(
                actor=world[persona], council=council, title=f"Survey {i}",
                starts_on=datetime.date(2026, 3, 1) + datetime.timedelta(days=i),
                ends_on=datetime.date(2026, 4, 30), mode=Mode.ONLINE,
                design=Design.ADDRESS_RANDOM)
            Wave.objects.filter(pk=wave.pk).update(published=True, collecting=True,
                                                   open_access=True)


def test_the_lists_of_waves_read_a_fixed_number_of_queries(world: World,
                                                           trafford: Area) -> None:
    grow(world, 2, 0)
    few = page_counts(world, PAGES)
    grow(world, 10, 2)
    many = page_counts(world, PAGES)
    assert few == many, (few, many)
    assert many == pinned(PAGES), many
    listed = signed_in(world, "anonymous").get("/surveys/take-part/").content.decode()
    assert listed.count("Survey 11") == 2  # council A's and B's


def test_the_results_map_and_the_wave_page_read_a_fixed_number_of_queries(
        world: World, wave: Wave, django_capture_on_commit_callbacks: Any,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weighting_jobs, "population_margins", survey_data.margins_of)
    square = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    Area.objects.filter(code__startswith="E05").update(boundary=square)

    def pages(found: Wave) -> dict[str, tuple[str, int]]:
        return {reverse("surveys:results-geojson", args=[found.pk, "get_on_well"]):
                ("officer_a", 8),
                reverse("surveys:wave", args=[found.pk]): ("officer_a", 6)}

    weighted(world, wave, django_capture_on_commit_callbacks, 200)
    few = page_counts(world, pages(wave))
    later = wave_services.create_wave(
        actor=world["officer_a"], council=world.council_a, title="Survey 2027",
        starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2027, 4, 30),
        mode=Mode.POST, design=Design.ADDRESS_RANDOM)
    weighted(world, later, django_capture_on_commit_callbacks, 600, seed=3)
    many = page_counts(world, pages(later))
    assert list(few.values()) == list(many.values()), (few, many)
    assert many == pinned(pages(later)), many
