"""Every list page and export of the tensions section reads a fixed number of queries,
however many reports and assessments there are (issue 14, finding 10: the partner return
read a query per row)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from commonground.tensions.services.assessments import save_assessment
from tests.personas import World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 18)
# Page or export -> its queries (session, the user with their memberships, the page's own
# reads), the same with one report and two assessments as with thirteen reports and revisions.
PAGES = {
    "/tensions/reports/": 6,
    "/tensions/reports/export.csv": 5,
    "/tensions/reports/overdue/": 3,
    "/tensions/assessments/": 4,
    "/tensions/assessments/return/?week=2026-11-18": 4,
    "/tensions/assessments/return.csv?week=2026-11-18": 4,
    "/tensions/responses/": 5,
    "/tensions/contacts/": 5,
    "/tensions/rumours/": 6,
    "/tensions/trigger-events/": 4,
}


def add(world: World, places: Places, reports: int) -> None:
    for i in range(reports):
        category = ("hate_incident", "rumour", "community_tension")[i % 3]
        public_report(world, places, category=category, contact=i % 2 == 0)
    for ward in (places.a_west, places.a_east):
        save_assessment(actor=world["officer_a"], council=world.council_a, area=ward,
                        week_of=WEEK, level=3, reasons="Incidents near the mosque.",
                        evidenced="Reports.", experienced="", potential="A march.")


def counts(client: Client) -> dict[str, int]:
    found = {}
    for path in PAGES:
        client.get(path)  # caches warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, path
        found[path] = len(captured)
    return found


def test_every_list_and_export_reads_a_fixed_number_of_queries(world: World,
                                                                places: Places) -> None:
    officer = Client()
    officer.force_login(world["officer_a"])
    add(world, places, 1)
    few = counts(officer)
    add(world, places, 12)
    many = counts(officer)
    assert few == many, (few, many)
    assert many == PAGES, many
