"""The tensions lists and exports a partner reads by sharing agreement read a fixed number
of queries, however many reports and assessments are shared (issue 14, finding 10); the
council's own reading is pinned in test_list_queries.py."""

from __future__ import annotations

import datetime

import pytest

from commonground.accounts.services import create_sharing_agreement
from tests.personas import World
from tests.query_counts import page_counts, pinned, signed_in
from tests.tensions.conftest import Places
from tests.tensions.test_list_queries import add

pytestmark = pytest.mark.django_db

PAGES = {
    "/tensions/": ("partner", 10),  # its sharing agreements read once (was 15)
    "/tensions/reports/": ("partner", 9),
    "/tensions/reports/export.csv": ("partner", 7),
    "/tensions/assessments/": ("partner", 9),
    "/tensions/assessments/return/?week=2026-11-18": ("partner", 7),
    "/tensions/assessments/return.csv?week=2026-11-18": ("partner", 7),
}


def share_with_police(world: World, categories: list[str]) -> None:
    """Council A shares these categories of reports, their contacts and its assessments."""
    create_sharing_agreement(actor=world["org_admin_a"], owner=world.council_a,
                             partner=world.police, categories=categories,
                             include_contact_details=True, include_assessments=True,
                             starts_on=datetime.date(2026, 1, 1))


def test_a_partners_lists_read_a_fixed_number_of_queries(world: World,
                                                         places: Places) -> None:
    share_with_police(world, ["hate_incident", "rumour"])
    add(world, places, 1)
    few = page_counts(world, PAGES)
    add(world, places, 12)
    many = page_counts(world, PAGES)
    assert few == many, (few, many)
    assert many == pinned(PAGES), many
    listed = signed_in(world, "partner").get("/tensions/reports/").content.decode()
    assert listed.count('href="/tensions/reports/CG-') >= 5  # the shared reports
