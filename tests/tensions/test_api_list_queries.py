"""The tensions API lists read a fixed number of queries, however many reports and
assessments there are (issue 14, finding 10); the pages and exports are pinned in
test_list_queries.py."""

from __future__ import annotations

import pytest

from commonground.tensions.models import Report
from tests.api.conftest import ApiClient
from tests.personas import World
from tests.query_counts import api_counts, pinned
from tests.tensions.conftest import Places
from tests.tensions.test_list_queries import add
from tests.tensions.test_partner_list_queries import share_with_police

pytestmark = pytest.mark.django_db

# Path -> (whose token, its queries).
PATHS = {
    "/reports": ("officer_a", 5),
    "/reports?category=hate_incident": ("officer_a", 5),
    "/assessments": ("officer_a", 3),
    "/assessments?week=2026-11-18": ("officer_a", 3),
    # The police see council A's hate incidents and their contacts by agreement.
    "/reports?as=partner": ("partner", 7),
    "/assessments?as=partner": ("partner", 4),
}


def test_every_tensions_api_list_reads_a_fixed_number_of_queries(world: World,
                                                                 places: Places) -> None:
    api = ApiClient(world)
    share_with_police(world, ["hate_incident"])
    add(world, places, 1)
    few = api_counts(api, PATHS)
    add(world, places, 12)
    many = api_counts(api, PATHS)
    assert few == many, (few, many)
    assert many == pinned(PATHS), many
    shared = api.get("partner", "/reports").json()
    assert len(shared) == 5 and all(r["category"] == "hate_incident" for r in shared)
    with_contact = Report.objects.filter(council=world.council_a, category="hate_incident",
                                         contact__isnull=False)
    assert {r["reference"] for r in shared if r["contact"]} == set(
        with_contact.values_list("reference", flat=True)) != set()
