"""Counts a partner sees under a sharing agreement pass disclosure control (small counts
hidden, with any count that would give them away); the owning council sees them exact."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client

from commonground.accounts import services as account_services
from commonground.tensions import selectors
from commonground.tensions.models import Category
from commonground.tensions.services.assessments import save_assessment
from tests.personas import World
from tests.tensions.conftest import Places, public_report

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 20)


def share(world: World) -> None:
    account_services.create_sharing_agreement(
        actor=None, owner=world.council_a, partner=world.police,
        categories=["hate_incident", "rumour"], include_assessments=True,
        starts_on=datetime.date(2026, 1, 1))


def as_(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def shown(table: selectors.CountsTable) -> list[int]:
    t = table.table
    values = [v for row in t.cells for v in row] + t.row_totals + t.column_totals + [t.total]
    values += [w["count"] for w in table.wards]
    return [v for v in values if v is not None]


def test_the_dashboard_counts_hide_small_numbers_from_a_partner(world: World,
                                                               places: Places) -> None:
    share(world)
    for _ in range(3):
        public_report(world, places, occurred_on=TODAY)
    for _ in range(6):
        public_report(world, places, category="rumour", contact=False, occurred_on=TODAY)
    hate = Category.values.index("hate_incident")

    own = selectors.counts_for(world["officer_a"], world.council_a, today=TODAY)
    assert not own.protected and own.table.cells[hate][-1] == 3 and own.table.total == 9
    assert {w["name"]: w["count"] for w in own.wards} == {"Altrincham": 9, "Sale Central": 0}

    theirs = selectors.counts_for(world["partner"], world.council_a, today=TODAY)
    assert theirs.protected and theirs.table.cells[hate][-1] is None
    assert all(v == 0 or v >= 5 for v in shown(theirs))
    page = as_(world["partner"]).get("/tensions/?council=council-a").content.decode()
    assert "Counts from 1 to 4 are hidden" in page


def test_the_partner_return_hides_a_small_number_of_linked_reports(world: World,
                                                                   places: Places) -> None:
    share(world)
    reports = [public_report(world, places, occurred_on=TODAY)[0] for _ in range(2)]
    save_assessment(actor=world["officer_a"], council=world.council_a, area=places.a_west,
                    week_of=TODAY, level=3, reasons="Incidents near the mosque.",
                    report_references=[r.reference or "" for r in reports])
    url = "/tensions/assessments/return.csv?week=2026-11-16"

    def linked(user: object) -> str:
        rows = list(csv.DictReader(io.StringIO(as_(user).get(url).content.decode())))
        assert len(rows) == 1
        return rows[0]["linked_reports"]

    assert linked(world["officer_a"]) == "2"
    assert linked(world["partner"]) == "fewer than 5"
