"""Counts a partner sees under a sharing agreement pass disclosure control (small counts
hidden, with any count that would give them away); the owning council sees them exact."""

from __future__ import annotations

import csv
import datetime
import io
from html.parser import HTMLParser

import numpy as np
import pytest
import time_machine
from django.test import Client

from commonground.accounts import services as account_services
from commonground.tensions import selectors
from commonground.tensions.models import Category, Source
from commonground.tensions.services.assessments import save_assessment
from commonground.tensions.services.reports import submit_report
from tests.core.disclosure_attack import pinned, ranges, table_forms
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


class _Tables(HTMLParser):
    """Every table of a page as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None


def _number(text: str) -> int | None:
    return None if text == "low" else int(text)


def test_the_partner_dashboard_gives_no_hidden_count_away(world: World,
                                                           places: Places) -> None:
    # The case found on the demo: a hate-incident row of zeros, two single reports and a
    # total of 2, so both hidden cells were exactly 1. The attacker here reads the page
    # (counts by category and week with their row totals, counts by ward) and knows that
    # both tables count the same reports.
    share(world)
    this_week = TODAY - datetime.timedelta(days=TODAY.weekday())

    def reports(n: int, category: str, weeks_ago: int, ward: object) -> None:
        for _ in range(n):
            submit_report(actor=None, council=world.council_a, ward=ward, category=category,
                          characteristics=["religion"] if category == "hate_incident" else [],
                          what_happened="Seen in the park.",
                          occurred_on=this_week - datetime.timedelta(weeks=weeks_ago),
                          source=Source.PUBLIC)

    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, 0), tick=False):
        reports(1, "hate_incident", 3, places.a_west)
        reports(1, "hate_incident", 7, places.a_east)
        reports(6, "rumour", 3, places.a_east)
        reports(9, "rumour", 1, places.a_west)
        reports(2, "rumour", 7, places.a_east)
        page = as_(world["partner"]).get("/tensions/?council=council-a").content.decode()
    parser = _Tables()
    parser.feed(page)
    by_week = next(t for t in parser.tables if t[0][0] == "Category")[1:]
    by_ward = next(t for t in parser.tables if t[0][0] == "Ward")[1:]
    hate = next(row for row in by_week if row[0] == "Hate incident")
    assert hate.count("low") >= 2 and hate[-1] == "low"  # the total of 2 is hidden too

    cells = [[_number(v) for v in row[1:-1]] for row in by_week]
    totals = [_number(row[-1]) for row in by_week]
    wards = [_number(row[1]) for row in by_ward]
    n, m, w = len(cells), len(cells[0]), len(wards)
    size = n * m + w
    forms = table_forms(cells, size=size)
    forms |= {f"ward {k}": f for k, f in enumerate(
        table_forms([wards], offset=n * m, size=size)[f"cell 0,{k}"] for k in range(w))}
    same_reports = forms["total"] - np.sum([forms[f"ward {k}"] for k in range(w)], axis=0)
    equations = [(forms[f"row {i}"], float(t)) for i, t in enumerate(totals) if t is not None]
    equations.append((same_reports, 0.0))
    targets = {name: forms[name] for name in forms
               if (name.startswith("cell") and cells[int(name[5:].split(",")[0])][
                   int(name.split(",")[1])] is None)
               or (name.startswith("row") and totals[int(name[4:])] is None)
               or (name.startswith("ward") and wards[int(name[5:])] is None)}
    assert targets
    shown = [v for row in cells for v in row] + wards
    assert pinned(ranges(shown, equations, targets), 5) == {}
