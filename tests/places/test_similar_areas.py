"""Which councils are alike, as places answers it for other apps (core.similar_areas),
and the library's "case studies from areas like this" built on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from commonground.core.similar_areas import similar_to
from commonground.library.models import CaseStudy, Status
from commonground.library.selectors import similar_case_studies

pytestmark = pytest.mark.django_db

TRAFFORD = "E08000009"


def test_places_answers_with_neighbours_and_family_group(demo_data: Path) -> None:
    found = similar_to(TRAFFORD)
    assert found is not None
    assert len(found.neighbours) == 15 and TRAFFORD not in found.neighbours
    assert found.family_group is not None
    assert TRAFFORD not in found.same_family_group
    assert similar_to("E99999999") is None


def _case(slug: str, code: str) -> CaseStudy:
    return CaseStudy.objects.create(slug=slug, title=slug.title(), summary="s", council=slug,
                                    area_code=code, status=Status.PUBLISHED,
                                    evidence_strength="anecdotal")


def test_case_studies_from_the_nearest_councils_come_first(demo_data: Path) -> None:
    found = similar_to(TRAFFORD)
    assert found is not None
    here = _case("trafford", TRAFFORD)
    nearest = _case("nearest", found.neighbours[0])
    farther = _case("farther", found.neighbours[5])
    unrelated = [c for c in ("E06000001", "W06000001")
                 if c not in found.neighbours and c not in found.same_family_group]
    _case("elsewhere", unrelated[0])
    similar = similar_case_studies(here)
    assert similar[:2] == [nearest, farther]
    assert all(cs.slug != "elsewhere" for cs in similar)
