"""Which councils are alike, as places answers it for other apps (core.similar_councils),
and the library's "case studies from areas like this" built on it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from commonground.core.similar_councils import similar_councils
from commonground.library.indexing import index_case_study
from commonground.library.models import CaseStudy, FamilyGroup, Status
from commonground.library.selectors import family_group_of, similar_case_studies
from commonground.search import search

pytestmark = pytest.mark.django_db

TRAFFORD = "E08000009"


def test_places_answers_with_neighbours_and_family_group(demo_data: Path) -> None:
    found = similar_councils(TRAFFORD)
    assert found is not None
    assert len(found.neighbours) == 15 and TRAFFORD not in found.neighbours
    assert found.family_group is not None
    assert TRAFFORD not in found.same_family_group
    assert similar_councils("E99999999") is None


def _case(slug: str, code: str) -> CaseStudy:
    return CaseStudy.objects.create(slug=slug, title=slug.title(), summary="s", council=slug,
                                    area_code=code, status=Status.PUBLISHED,
                                    evidence_strength="anecdotal")


def test_case_studies_from_the_nearest_councils_come_first(demo_data: Path) -> None:
    found = similar_councils(TRAFFORD)
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


def _group(number: int) -> FamilyGroup:
    group, _ = FamilyGroup.objects.get_or_create(
        number=number, defaults={"slug": f"group-{number}", "name": f"Group {number}"})
    return group


def test_a_case_study_takes_its_family_group_from_its_area(demo_data: Path, client: Client
                                                            ) -> None:
    found = similar_councils(TRAFFORD)
    assert found is not None and found.family_group is not None
    group = _group(found.family_group)
    other = _group(found.family_group % 9 + 1)
    from_data = _case("from-data", TRAFFORD)
    recorded = _case("recorded", TRAFFORD)
    recorded.family_group = other
    recorded.save()
    unknown = _case("unknown", "E99999999")
    assert family_group_of(from_data) == (group, True)
    assert family_group_of(recorded) == (other, False)  # the author's record wins
    assert family_group_of(unknown) == (None, False)

    page = client.get("/library/case-studies/from-data/").content.decode()
    assert f"{group.number}. {group.name}" in page and "data today" in page
    page = client.get("/library/case-studies/recorded/").content.decode()
    assert f"{other.number}. {other.name}" in page and "data today" not in page
    # The search facet agrees with the page.
    index_case_study(from_data)
    hits = search(None, "from data", filters={"family_group": [str(group.number)]}).hits
    assert [h.key for h in hits] == ["from-data"]


def test_family_group_pages_list_the_case_studies_whose_pages_name_them(
        demo_data: Path, client: Client, django_assert_max_num_queries: Any) -> None:
    found = similar_councils(TRAFFORD)
    assert found is not None and found.family_group is not None
    own, other = _group(found.family_group), _group(found.family_group % 9 + 1)
    from_data = _case("from-data", TRAFFORD)
    neighbour = _case("same-group", sorted(found.same_family_group)[0])
    recorded = _case("recorded", TRAFFORD)
    recorded.family_group = other
    recorded.save()
    _case("unknown", "E99999999")
    hidden = _case("hidden", TRAFFORD)
    hidden.status = Status.HIDDEN
    hidden.save()

    def listed(number: int) -> list[str]:
        html = client.get(f"/library/family-groups/{number}/").content.decode()
        return [slug for slug in ("from-data", "same-group", "recorded", "unknown", "hidden")
                if f"/library/case-studies/{slug}/" in html]

    assert listed(own.number) == ["from-data", "same-group"]
    assert listed(other.number) == ["recorded"]
    for case_study in (from_data, neighbour, recorded):
        group, _ = family_group_of(case_study)
        assert group is not None and case_study.slug in listed(group.number)
    # The list of groups counts what each page lists, in a fixed number of queries.
    with django_assert_max_num_queries(8):
        html = client.get("/library/family-groups/").content.decode()
    rows = {number: count for number, count in re.findall(
        r'href="/library/family-groups/(\d+)/">.*?numeric">(\d+)</td></tr>', html)}
    assert (rows[str(own.number)], rows[str(other.number)]) == ("2", "1")


def test_every_family_group_page_agrees_with_its_case_studies_pages(
        demo_data: Path, client: Client) -> None:
    """The library's own case studies, placed by the North West's data: each group's page
    lists exactly the case studies whose own pages name that group."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_knowledge", commit=True, stdout=StringIO())
    named: dict[int, set[str]] = {}
    for case_study in CaseStudy.objects.filter(status=Status.PUBLISHED):
        group, _ = family_group_of(case_study)
        if group is None:
            continue
        named.setdefault(group.number, set()).add(case_study.slug)
        page = client.get(f"/library/case-studies/{case_study.slug}/").content.decode()
        assert f'href="/library/family-groups/{group.number}/"' in page, case_study.slug
    assert sum(map(len, named.values())) >= 3  # the North West's councils have groups
    groups = list(FamilyGroup.objects.values_list("number", flat=True))
    assert len(groups) == 10
    for number in groups:
        html = client.get(f"/library/family-groups/{number}/").content.decode()
        listed = set(re.findall(r'href="/library/case-studies/([a-z0-9-]+)/"', html))
        assert listed == named.get(number, set()), number
